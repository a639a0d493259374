/* Fuzz target: WinDbg wildcard patterns. The input is a pattern, a
 * newline, and names to match against it (one per line). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sym/wildcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    char *names = strchr(text, '\n');
    if (names)
        *names++ = '\0';
    struct lerr e;
    struct wildcard *w = wildcard_compile(text, &e);
    if (w) {
        wildcard_match(w, text); /* a pattern against itself */
        for (char *n = names ? strtok(names, "\n") : NULL; n; n = strtok(NULL, "\n"))
            wildcard_match(w, n);
        wildcard_free(w);
    }
    free(text);
    return 0;
}
