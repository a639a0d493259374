#include "util/err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

static void set(struct lerr *e, enum lerr_code code, const char *fmt, va_list ap)
{
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->code = code;
}

int lerr_set(struct lerr *e, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        set(e, LERR_GENERIC, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int lerr_set_code(struct lerr *e, enum lerr_code code, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        set(e, code, fmt, ap);
        va_end(ap);
    }
    return -1;
}

enum lerr_code lerr_code_of_errno(int err)
{
    switch (err) {
    case ESRCH:
        return LERR_GONE;
    case EINTR:
        return LERR_INTERRUPTED;
    case ECHILD:
        return LERR_NO_CHILD;
    case EFAULT:
    case EIO:
        return LERR_MEMORY;
    case ENOSYS:
    case EOPNOTSUPP:
        return LERR_UNSUPPORTED;
    case ENOENT:
        return LERR_NOT_FOUND;
    case EPERM:
    case EACCES:
        return LERR_PERMISSION;
    default:
        return LERR_GENERIC;
    }
}

void lerr_clear(struct lerr *e)
{
    if (e) {
        e->msg[0] = '\0';
        e->code = LERR_NONE;
    }
}
