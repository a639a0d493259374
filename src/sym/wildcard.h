/* WinDbg's string wildcard syntax, used by `x`, `lm m` and `bm`: `*` any
 * run of characters, `?` any one character, `[a-z]` a set (`[^...]` or
 * `[!...]` negated), `#` zero or more of the preceding element, `+` one or
 * more of it; case-insensitive. A pattern that starts with one `_` matches
 * names with any number of leading underscores (`_start` matches
 * `__start` and `start`). Matching is O(pattern * name), whatever the
 * pattern. */
#ifndef LINDBG_SYM_WILDCARD_H
#define LINDBG_SYM_WILDCARD_H

#include <stddef.h>

#include "util/err.h"

struct wildcard;

/* Compiles a pattern; NULL with a message in e when it is malformed. */
struct wildcard *wildcard_compile(const char *pattern, struct lerr *e);
void wildcard_free(struct wildcard *w);
int wildcard_match(const struct wildcard *w, const char *name);
/* True when the pattern has no wildcard character: a plain name. */
int wildcard_is_literal(const char *pattern);

#endif
