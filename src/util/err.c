#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

static void set(struct lerr *e, enum lerr_code code, const char *fmt, va_list ap)
{
    e->code = code;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
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

void lerr_clear(struct lerr *e)
{
    if (e) {
        e->code = LERR_NONE;
        e->msg[0] = '\0';
    }
}
