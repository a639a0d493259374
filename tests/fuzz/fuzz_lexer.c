/* Fuzz target: the command line, from the lexer through the dispatcher to
 * every command's argument parsing, with no target (each command fails
 * cleanly or does its target-free work). Lines that would read files
 * ($<, $$<) or start a probe child (.dbgregs) are left out. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/dbg.h"

static struct dbg d;
static struct session *s;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!s) {
        s = eng_create(dbg_on_event, &d);
        dbg_init(&d, s, fopen("/dev/null", "w"));
    }
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strstr(line, "$<") || strstr(line, ".dbgregs"))
            continue;
        dbg_execute_line(&d, line);
        d.quit = 0;
        d.resume_request = 0;
    }
    free(text);
    return 0;
}
