/* Error buffers: functions that can fail take a `struct lerr *` and leave a
 * one-line message in it, so that only the command layer decides how (and
 * whether) to print it. The code says what kind of failure it was, so that
 * a caller decides on it without reading the message. */
#ifndef LINDBG_UTIL_ERR_H
#define LINDBG_UTIL_ERR_H

#include <stddef.h>

enum lerr_code {
    LERR_NONE,
    LERR_GENERIC,     /* anything without a kind of its own */
    LERR_NOT_FOUND,   /* a name, module or line that is not known (yet) */
    LERR_GONE,        /* the process or thread no longer exists */
    LERR_INTERRUPTED, /* a wait was interrupted (Ctrl+C) */
    LERR_NO_CHILD,    /* nothing is traced any more */
    LERR_MEMORY,      /* memory that cannot be read or written */
    LERR_UNSUPPORTED, /* the backend cannot do this */
};

struct lerr {
    enum lerr_code code;
    char msg[512];
};

/* Formats the message into `e` (when e is not NULL) with LERR_GENERIC and
 * returns -1, so that a failing path can `return lerr_set(e, "...")`. */
int lerr_set(struct lerr *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same with a code of its own. */
int lerr_set_code(struct lerr *e, enum lerr_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void lerr_clear(struct lerr *e);

#endif
