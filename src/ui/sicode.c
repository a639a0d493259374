/* si_code values of Linux, in words (the kernel's own descriptions, as
 * siginfo.h comments them). */
#include "ui/sicode.h"

#include <stdio.h>

struct sicode {
    int sig; /* 0: any signal */
    int code;
    const char *name, *words;
};

static const struct sicode table[] = {
    {SIGSEGV, SEGV_MAPERR, "SEGV_MAPERR", "address not mapped to object"},
    {SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR", "invalid permissions for mapped object"},
    {SIGSEGV, 3, "SEGV_BNDERR", "failed address bound checks"},
    {SIGSEGV, 4, "SEGV_PKUERR", "failed protection key checks"},
    {SIGBUS, BUS_ADRALN, "BUS_ADRALN", "invalid address alignment"},
    {SIGBUS, BUS_ADRERR, "BUS_ADRERR", "non-existent physical address"},
    {SIGBUS, BUS_OBJERR, "BUS_OBJERR", "object specific hardware error"},
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
    {SIGTRAP, TRAP_BRKPT, "TRAP_BRKPT", "process breakpoint"},
    {SIGTRAP, TRAP_TRACE, "TRAP_TRACE", "process trace trap"},
    {SIGCHLD, CLD_EXITED, "CLD_EXITED", "child has exited"},
    {SIGCHLD, CLD_KILLED, "CLD_KILLED", "child was killed"},
    {SIGCHLD, CLD_DUMPED, "CLD_DUMPED", "child terminated abnormally"},
    {0, SI_USER, "SI_USER", "sent by kill"},
    {0, SI_KERNEL, "SI_KERNEL", "sent by the kernel"},
    {0, SI_QUEUE, "SI_QUEUE", "sent by sigqueue"},
    {0, SI_TIMER, "SI_TIMER", "sent by a timer's expiry"},
    {0, SI_MESGQ, "SI_MESGQ", "sent by a message queue"},
    {0, SI_ASYNCIO, "SI_ASYNCIO", "sent by asynchronous I/O completion"},
    {0, SI_SIGIO, "SI_SIGIO", "sent by queued SIGIO"},
    {0, SI_TKILL, "SI_TKILL", "sent by tkill or tgkill"},
};

const char *fmt_sicode(int sig, int code, char *buf, size_t size)
{
    /* codes above 0 mean something per signal; 0 and below, for any */
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const struct sicode *c = &table[i];
        int any = c->sig == 0 && (code <= 0 || code == SI_KERNEL);
        if (c->code == code && (c->sig == sig || any)) {
            snprintf(buf, size, "%s (%s)", c->words, c->name);
            return buf;
        }
    }
    snprintf(buf, size, "si_code %d", code);
    return buf;
}

int fmt_sicode_has_addr(int sig, int code)
{
    return (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE) && code > 0 &&
           code != SI_KERNEL;
}
