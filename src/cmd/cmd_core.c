/* What lindbg says of a core file: the signal that ended the process, in
 * words, as WinDbg says a dump's exception of interest. */
#include "cmd/dbg.h"
#include "ui/format.h"
#include "ui/sicode.h"

void dbg_report_core_stop(struct dbg *d, const struct eng_stop *st)
{
    char sn[24], a[FMT_ADDR_LEN], words[128];
    if (!st->sig) {
        fprintf(d->out, "(%x.%x): No signal in the core file: the process was dumped "
                        "while it ran\n", st->pid, st->tid);
        return;
    }
    int code = st->si.si_code;
    fputs("This dump file has a signal of interest stored in it.\n", d->out);
    fprintf(d->out, "(%x.%x): Signal %s (first/second chance not available)", st->pid, st->tid,
            fmt_signame(st->sig, sn));
    if (st->si.si_signo != st->sig) {
        fputs("\n", d->out); /* no NT_SIGINFO: nothing more is known */
        return;
    }
    if (fmt_sicode_has_addr(st->sig, code))
        fprintf(d->out, " at %s", fmt_addr(a, (uint64_t)(uintptr_t)st->si.si_addr));
    fprintf(d->out, ": %s", fmt_sicode(st->sig, code, words, sizeof words));
    if (code <= 0)
        fprintf(d->out, " from process %d", (int)st->si.si_pid);
    fputs("\n", d->out);
}
