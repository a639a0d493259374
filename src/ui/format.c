#include "ui/format.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

char *fmt_addr(char buf[FMT_ADDR_LEN], uint64_t addr)
{
    snprintf(buf, FMT_ADDR_LEN, "%08x`%08x", (unsigned)(addr >> 32), (unsigned)addr);
    return buf;
}

const char *fmt_signame(int sig, char buf[24])
{
    const char *abbrev = sigabbrev_np(sig);
    if (abbrev)
        snprintf(buf, 24, "SIG%s", abbrev);
    else if (sig >= SIGRTMIN && sig <= SIGRTMAX)
        snprintf(buf, 24, "SIGRTMIN+%d", sig - SIGRTMIN);
    else
        snprintf(buf, 24, "signal %d", sig);
    return buf;
}
