/* Error buffers: functions that can fail take a `struct lerr *` and leave a
 * one-line message in it, so that only the command layer decides how (and
 * whether) to print it. */
#ifndef LINDBG_UTIL_ERR_H
#define LINDBG_UTIL_ERR_H

#include <stddef.h>

struct lerr {
    char msg[512];
};

/* Formats the message into `e` (when e is not NULL) and returns -1, so that a
 * failing path can `return lerr_set(e, "...")`. */
int lerr_set(struct lerr *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void lerr_clear(struct lerr *e);

#endif
