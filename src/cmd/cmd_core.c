/* What lindbg says of a core file: the signal that ended the process, in
 * words, as WinDbg says a dump's exception of interest. */
#include "cmd/dbg.h"
#include "ui/format.h"

#include <signal.h>

void dbg_core_stop_words(const struct eng_stop *st, char *buf, size_t size)
{
    char sn[24], a[FMT_ADDR_LEN], words[160];
    if (!st->sig) {
        snprintf(buf, size, "No signal in the core file: the process was dumped while it ran");
        return;
    }
    int n = snprintf(buf, size, "Signal %s (first/second chance not available)",
                     fmt_signame(st->sig, sn));
    if (n < 0 || (size_t)n >= size || st->si.si_signo != st->sig)
        return; /* no NT_SIGINFO: nothing more is known */
    int code = st->si.si_code;
    int fault = (st->sig == SIGSEGV || st->sig == SIGBUS || st->sig == SIGILL ||
                 st->sig == SIGFPE) && code > 0 && code != SI_KERNEL;
    if (fault)
        n += snprintf(buf + n, size - (size_t)n, " at %s",
                      fmt_addr(a, (uint64_t)(uintptr_t)st->si.si_addr));
    if ((size_t)n >= size)
        return;
    n += snprintf(buf + n, size - (size_t)n, ": %s",
                  dbg_sicode_words(st->sig, code, words, sizeof words));
    if (code <= 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, " from process %d", (int)st->si.si_pid);
}

void dbg_report_core_stop(struct dbg *d, const struct eng_stop *st)
{
    char words[512];
    dbg_core_stop_words(st, words, sizeof words);
    if (st->sig)
        fputs("This dump file has a signal of interest stored in it.\n", d->out);
    fprintf(d->out, "(%x.%x): %s\n", st->pid, st->tid, words);
}
