#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

int lerr_set(struct lerr *e, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void lerr_clear(struct lerr *e)
{
    if (e)
        e->msg[0] = '\0';
}
