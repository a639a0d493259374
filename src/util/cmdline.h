/* Command lines for programs to start (.create): split into words as a
 * shell splits them, without expanding anything. */
#ifndef LINDBG_UTIL_CMDLINE_H
#define LINDBG_UTIL_CMDLINE_H

#include "util/err.h"

/* Words between blanks; "..." and '...' keep blanks in a word; a
 * backslash takes the next character as it is, except inside '...'.
 * Returns a NULL-terminated array (each word and the array malloc'd: free
 * with cmdline_free), or NULL with a "Syntax error" in e when a quote is
 * left open. */
char **cmdline_split(const char *s, struct lerr *e);
void cmdline_free(char **words);

#endif
