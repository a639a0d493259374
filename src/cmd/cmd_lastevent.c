/* .lastevent and .exr: the last event in words, and the last signal's
 * information in WinDbg's EXCEPTION_RECORD layout adapted to Linux (the
 * signal, its si_code in words, the fault address or the sender). The
 * words of a signal stop are shared with the stop line (report.c). */
#include "arch/x86_64/memaccess.h"
#include "cmd/dbg.h"
#include "ui/format.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

/* Signals an instruction raised: si_addr is the fault's address. */
static int is_fault_signal(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL;
}

void dbg_signal_words(const struct eng_stop *st, char *buf, size_t size)
{
    char sn[24], a[FMT_ADDR_LEN];
    const char *chance =
        st->kind == ENG_STOP_SECOND_CHANCE ? "!!! second chance !!!" : "first chance";
    /* a second chance knows the fault address only from its first */
    int known = st->kind != ENG_STOP_SECOND_CHANCE || st->si.si_signo == st->sig;
    if (is_fault_signal(st->sig) && known)
        snprintf(buf, size, "Signal %s (%s) at %s", fmt_signame(st->sig, sn), chance,
                 fmt_addr(a, (uint64_t)(uintptr_t)st->si.si_addr));
    else
        snprintf(buf, size, "Signal %s (%s)", fmt_signame(st->sig, sn), chance);
}

/* What the last stop was, in the words of its stop line. */
static void event_words(struct dbg *d, const struct eng_stop *st, char *buf, size_t size)
{
    char sn[24];
    switch (st->kind) {
    case ENG_STOP_NONE:
        snprintf(buf, size, "none");
        return;
    case ENG_STOP_INITIAL:
        snprintf(buf, size, "Initial break after exec");
        return;
    case ENG_STOP_ATTACH:
        snprintf(buf, size, "Break-in after attach");
        return;
    case ENG_STOP_BREAKIN:
        snprintf(buf, size, "Break-in (Ctrl+C)");
        return;
    case ENG_STOP_STEP:
        snprintf(buf, size, "Single step");
        return;
    case ENG_STOP_RETURNED:
        snprintf(buf, size, "Returned to the caller (p over a call, gu)");
        return;
    case ENG_STOP_GOTO:
        snprintf(buf, size, "Reached an address of g");
        return;
    case ENG_STOP_SIGNAL:
    case ENG_STOP_SECOND_CHANCE:
        dbg_signal_words(st, buf, size);
        return;
    case ENG_STOP_CORE:
        dbg_core_stop_words(st, buf, size);
        return;
    case ENG_STOP_TRAP:
        snprintf(buf, size, "Break instruction exception - %s (first chance)",
                 fmt_signame(st->sig, sn));
        return;
    case ENG_STOP_EXITED:
        if (st->sig)
            snprintf(buf, size, "Exit process %x, killed by %s", st->pid, fmt_signame(st->sig, sn));
        else
            snprintf(buf, size, "Exit process %x, code %x", st->pid, st->code);
        return;
    case ENG_STOP_MODLOAD:
        snprintf(buf, size, "Load module event (sxe ld)");
        return;
    case ENG_STOP_MODUNLOAD:
        snprintf(buf, size, "Unload module event (sxe ud)");
        return;
    case ENG_STOP_PROCESS_CREATE:
        snprintf(buf, size, "Create process event (sxe cpr)");
        return;
    case ENG_STOP_THREAD_CREATE:
        snprintf(buf, size, "Create thread event (sxe ct)");
        return;
    case ENG_STOP_THREAD_EXIT:
        snprintf(buf, size, "Exit thread event (sxe et), code %x", st->code);
        return;
    case ENG_STOP_CXX_THROW:
        dbg_cxx_throw_stop_words(d, st, buf, size);
        return;
    case ENG_STOP_BREAKPOINT: {
        const unsigned *ids;
        size_t n = bpm_stop_hits(&d->bpm, &ids), used = 0;
        if (n == 0) {
            snprintf(buf, size, "Breakpoint hit");
            return;
        }
        for (size_t i = 0; i < n && used < size; i++)
            used += (size_t)snprintf(buf + used, size - used, "%sBreakpoint %u hit",
                                     i ? ", " : "", ids[i]);
        return;
    }
    }
    snprintf(buf, size, "unknown event");
}

static int same_stop(const struct eng_stop *a, const struct eng_stop *b)
{
    return a->kind == b->kind && a->pid == b->pid && a->tid == b->tid && a->sig == b->sig &&
           a->code == b->code && a->addr == b->addr;
}

void dbg_lastevent_note(struct dbg *d)
{
    struct dbg_noted_event *n = &d->noted;
    n->st = *eng_last_stop(d->s);
    event_words(d, &n->st, n->words, sizeof n->words);
    gettimeofday(&n->when, NULL);
    n->valid = 1;
}

static int cmd_lastevent(struct dbg *d, const char *args)
{
    if (*args)
        return lerr_set(&d->err, "Syntax error in '.lastevent %s': it takes no argument", args);
    const struct eng_stop *st = eng_last_stop(d->s);
    char words[512];
    struct timeval tv;
    const struct dbg_noted_event *n = &d->noted;
    if (n->valid && same_stop(st, &n->st)) {
        snprintf(words, sizeof words, "%s", n->words);
        tv = n->when;
    } else {
        /* not reported (changed since: a step's end on a breakpoint) */
        event_words(d, st, words, sizeof words);
        gettimeofday(&tv, NULL);
    }
    if (st->kind == ENG_STOP_NONE)
        fprintf(d->out, "Last event: none\n");
    else
        fprintf(d->out, "Last event: %x.%x: %s\n", st->pid, st->tid, words);
    /* WinDbg's clock line: when the event came, to the millisecond, with
     * the offset of local time from UTC */
    struct tm tm;
    localtime_r(&tv.tv_sec, &tm);
    char when[64];
    strftime(when, sizeof when, "%a %b %e %H:%M:%S", &tm);
    long off = tm.tm_gmtoff / 60;
    fprintf(d->out, "  debugger time: %s.%03ld %d (UTC %c %ld:%02ld)\n", when,
            (long)(tv.tv_usec / 1000), tm.tm_year + 1900, off < 0 ? '-' : '+',
            (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
    return 0;
}

struct code_name {
    int sig, code;
    const char *name, *what;
};

/* si_code in words: the codes of the signals an instruction raises, then
 * those any signal may carry (who sent it). */
static const struct code_name codes[] = {
    {SIGSEGV, SEGV_MAPERR, "SEGV_MAPERR", "address not mapped"},
    {SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR", "invalid permissions for the mapping"},
    {SIGSEGV, 3, "SEGV_BNDERR", "failed address bound checks"},
    {SIGSEGV, 4, "SEGV_PKUERR", "access denied by memory protection keys"},
    {SIGBUS, BUS_ADRALN, "BUS_ADRALN", "invalid address alignment"},
    {SIGBUS, BUS_ADRERR, "BUS_ADRERR", "nonexistent physical address (beyond the end of a mapped file?)"},
    {SIGBUS, BUS_OBJERR, "BUS_OBJERR", "object-specific hardware error"},
    {SIGBUS, 4, "BUS_MCEERR_AR", "hardware memory error consumed"},
    {SIGBUS, 5, "BUS_MCEERR_AO", "hardware memory error detected"},
    {SIGILL, ILL_ILLOPC, "ILL_ILLOPC", "illegal opcode"},
    {SIGILL, ILL_ILLOPN, "ILL_ILLOPN", "illegal operand"},
    {SIGILL, ILL_ILLADR, "ILL_ILLADR", "illegal addressing mode"},
    {SIGILL, ILL_ILLTRP, "ILL_ILLTRP", "illegal trap"},
    {SIGILL, ILL_PRVOPC, "ILL_PRVOPC", "privileged opcode"},
    {SIGILL, ILL_PRVREG, "ILL_PRVREG", "privileged register"},
    {SIGILL, ILL_COPROC, "ILL_COPROC", "coprocessor error"},
    {SIGILL, ILL_BADSTK, "ILL_BADSTK", "internal stack error"},
    {SIGFPE, FPE_INTDIV, "FPE_INTDIV", "integer divide by zero"},
    {SIGFPE, FPE_INTOVF, "FPE_INTOVF", "integer overflow"},
    {SIGFPE, FPE_FLTDIV, "FPE_FLTDIV", "floating-point divide by zero"},
    {SIGFPE, FPE_FLTOVF, "FPE_FLTOVF", "floating-point overflow"},
    {SIGFPE, FPE_FLTUND, "FPE_FLTUND", "floating-point underflow"},
    {SIGFPE, FPE_FLTRES, "FPE_FLTRES", "floating-point inexact result"},
    {SIGFPE, FPE_FLTINV, "FPE_FLTINV", "floating-point invalid operation"},
    {SIGFPE, FPE_FLTSUB, "FPE_FLTSUB", "subscript out of range"},
    {SIGTRAP, TRAP_BRKPT, "TRAP_BRKPT", "breakpoint instruction"},
    {SIGTRAP, TRAP_TRACE, "TRAP_TRACE", "trace trap (single step)"},
    {SIGTRAP, 4, "TRAP_HWBKPT", "hardware breakpoint"},
    {0, SI_USER, "SI_USER", "sent by kill or raise"},
    {0, SI_KERNEL, "SI_KERNEL", "sent by the kernel"},
    {0, SI_QUEUE, "SI_QUEUE", "sent by sigqueue"},
    {0, SI_TIMER, "SI_TIMER", "a POSIX timer expired"},
    {0, SI_MESGQ, "SI_MESGQ", "a POSIX message queue changed"},
    {0, SI_ASYNCIO, "SI_ASYNCIO", "asynchronous I/O completed"},
    {0, SI_SIGIO, "SI_SIGIO", "queued SIGIO"},
    {0, SI_TKILL, "SI_TKILL", "sent by tkill or tgkill (raise, abort, pthread_kill)"},
};

static const struct code_name *code_of(int sig, int code)
{
    /* the codes above 0 are the signal's own; 0 and below (and
     * SI_KERNEL) are anyone's */
    int own = code > 0 && code != SI_KERNEL;
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i].code == code && codes[i].sig == (own ? sig : 0))
            return &codes[i];
    return NULL;
}

const char *dbg_sicode_words(int sig, int code, char *buf, size_t size)
{
    const struct code_name *c = code_of(sig, code);
    if (c)
        snprintf(buf, size, "%s (%s)", c->what, c->name);
    else
        snprintf(buf, size, "si_code %d", code);
    return buf;
}

/* "Attempt to write to address ...": only when the faulting instruction,
 * decoded, touches that address in one way, or is fetched from there. */
static void print_attempt(struct dbg *d, const struct user_regs_struct *r, uint64_t fault)
{
    if (r->rip == fault) {
        fprintf(d->out, "Attempt to execute code at address %016llx\n", (unsigned long long)fault);
        return;
    }
    uint8_t code[16];
    size_t got = 0;
    eng_read(d->s, r->rip, code, sizeof code, &got);
    struct x86_access acc[4];
    unsigned len;
    int n = got ? x86_mem_accesses(code, got, r, acc, 4, &len) : -1;
    int reads = 0, writes = 0;
    for (int i = 0; i < n; i++) {
        /* the fault is at the first byte that cannot be touched */
        if (fault < acc[i].addr || fault - acc[i].addr >= acc[i].len)
            continue;
        reads |= acc[i].read;
        writes |= acc[i].write;
    }
    if (reads != writes)
        fprintf(d->out, "Attempt to %s address %016llx\n", writes ? "write to" : "read from",
                (unsigned long long)fault);
}

/* .exr -1: the last signal, from the stop that reported it. */
static int show_last_signal(struct dbg *d)
{
    const struct eng_stop *st = eng_last_stop(d->s);
    int is_signal = st->kind == ENG_STOP_SIGNAL || st->kind == ENG_STOP_SECOND_CHANCE ||
                    st->kind == ENG_STOP_TRAP || (st->kind == ENG_STOP_CORE && st->sig);
    if (!is_signal) {
        char words[512];
        event_words(d, st, words, sizeof words);
        fprintf(d->out, "The last event is not a signal: %s\n", words);
        return 0;
    }
    char sn[24], a[FMT_ADDR_LEN], where[768];
    struct eng_thread *t = eng_find_thread(d->s, st->tid, NULL);
    struct user_regs_struct *r = t ? eng_regs(d->s, t, NULL) : NULL;
    if (r) {
        struct sym_space *sp = eng_syms(d->s);
        if (sp && sym_describe(sp, r->rip, where, sizeof where) == 0)
            fprintf(d->out, "ExceptionAddress: %s (%s)\n", fmt_addr(a, r->rip), where);
        else
            fprintf(d->out, "ExceptionAddress: %s\n", fmt_addr(a, r->rip));
    }
    fprintf(d->out, "   ExceptionCode: %s (%s)\n", fmt_signame(st->sig, sn), strsignal(st->sig));
    const char *chance = st->kind == ENG_STOP_SECOND_CHANCE ? "second (the process dies of it)"
                         : st->kind == ENG_STOP_CORE
                             ? "not available (a core file: the process died of it)"
                             : "first";
    fprintf(d->out, "          Chance: %s\n", chance);
    const siginfo_t *si = &st->si;
    if (si->si_signo != st->sig) {
        /* a second chance whose first went by unseen (sxd) */
        fprintf(d->out, "No signal information: its first chance was not seen\n");
        return 0;
    }
    const struct code_name *c = code_of(st->sig, si->si_code);
    if (c)
        fprintf(d->out, "      SignalCode: %d %s (%s)\n", si->si_code, c->name, c->what);
    else
        fprintf(d->out, "      SignalCode: %d\n", si->si_code);
    if (si->si_code > 0 && si->si_code != SI_KERNEL && is_fault_signal(st->sig)) {
        uint64_t fault = (uint64_t)(uintptr_t)si->si_addr;
        fprintf(d->out, "    FaultAddress: %s\n", fmt_addr(a, fault));
        if (r && st->sig == SIGSEGV)
            print_attempt(d, r, fault);
    } else if (si->si_code <= 0 && si->si_code != SI_TIMER && si->si_code != SI_SIGIO) {
        /* sent by a process: who */
        fprintf(d->out, "       SenderPid: %d\n", (int)si->si_pid);
        fprintf(d->out, "       SenderUid: %d\n", (int)si->si_uid);
    }
    return 0;
}

static int cmd_exr(struct dbg *d, const char *args)
{
    if (!strcmp(args, "-1"))
        return show_last_signal(d);
    if (!*args)
        return lerr_set(&d->err, "Syntax error in '.exr': use .exr -1 (the last signal)");
    return lerr_set(&d->err,
                    "Not available on Linux: .exr ADDRESS reads a Windows EXCEPTION_RECORD, "
                    "which Linux has not; .exr -1 shows the last signal");
}

const struct cmd_def cmd_lastevent_table[] = {
    {".lastevent", cmd_lastevent, "the last event: .lastevent"},
    {".exr", cmd_exr, "the last signal's information (si_code in words, fault address, sender): .exr -1"},
    {NULL, NULL, NULL},
};
