/* Fuzz target: the breakpoint command parser (bp/bu/bm/ba options, IDs,
 * passes, conditions and command strings), with no target. The first byte
 * picks the form. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/bp_spec.h"

static struct dbg d;
static struct session *s;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 2048)
        return 0;
    if (!s) {
        s = eng_create(dbg_on_event, &d);
        dbg_init(&d, s, fopen("/dev/null", "w"));
    }
    static const enum bpspec_mode modes[] = {SPEC_BP, SPEC_BM, SPEC_BA, SPEC_BP};
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    struct bp_spec spec;
    if (bpspec_parse(&d, text, modes[data[0] & 3], &spec) == 0)
        bpspec_free(&spec);
    free(text);
    return 0;
}
