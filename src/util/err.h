/* Error buffers: functions that can fail take a `struct lerr *` and leave a
 * one-line message in it, so that only the command layer decides how (and
 * whether) to print it. A code says what kind of failure it was, so that a
 * caller can react (a thread that is gone, an interrupted wait) without
 * knowing how the layer below learnt it (errno). */
#ifndef LINDBG_UTIL_ERR_H
#define LINDBG_UTIL_ERR_H

#include <stddef.h>

enum lerr_code {
    LERR_NONE,
    LERR_GENERIC,
    LERR_GONE,        /* the process or thread no longer exists */
    LERR_INTERRUPTED, /* a wait interrupted by a signal: try again */
    LERR_NO_CHILD,    /* nothing left to wait for */
    LERR_MEMORY,      /* memory that cannot be read or written */
    LERR_UNSUPPORTED, /* the target cannot do this */
    LERR_NOT_FOUND,   /* a name, line, module, file or program that is not
                       * known (yet) */
    LERR_PERMISSION,  /* not allowed (another user's process, ptrace_scope) */
};

struct lerr {
    char msg[512];
    enum lerr_code code;
};

/* Formats the message into `e` (when e is not NULL), with code
 * LERR_GENERIC, and returns -1, so that a failing path can
 * `return lerr_set(e, "...")`. */
int lerr_set(struct lerr *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same with a code. */
int lerr_set_code(struct lerr *e, enum lerr_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The code for a system call's errno value (LERR_GENERIC when none fits). */
enum lerr_code lerr_code_of_errno(int err);

void lerr_clear(struct lerr *e);

#endif
