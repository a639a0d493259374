/* Event filters: sx lists them; sxe makes an event stop the target; sxd
 * and sxn make it print a line only; sxi silences it. Events: cpr, epr
 * (process create and exit), ct, et (threads), ld (module load), ud
 * (unload), eh (a C++ exception thrown: sxe stops at __cxa_throw, sxn
 * prints, sxd, the default, and sxi do neither), and signals by name
 * (SIGUSR1, usr1) or av (SIGSEGV, WinDbg's access violation). A signal that does not stop is passed on.
 * A signal the program dies of stops at its second chance under sxe and
 * sxd (WinDbg's "second chance break"), not under sxn and sxi. */
#include "cmd/dbg.h"
#include "ui/format.h"

#include <ctype.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *code, *name;
    enum eng_filter filter;
} events[] = {{"ct", "Create thread", ENG_FILTER_THREAD_CREATE},
              {"et", "Exit thread", ENG_FILTER_THREAD_EXIT},
              {"cpr", "Create process", ENG_FILTER_PROC_CREATE},
              {"epr", "Exit process", ENG_FILTER_PROC_EXIT},
              {"ld", "Load module", ENG_FILTER_LOAD},
              {"ud", "Unload module", ENG_FILTER_UNLOAD}};

/* eh's break statuses, by enum eng_eh_mode, as WinDbg names them */
static const char *const eh_modes[] = {"second-chance break", "break", "output", "ignore"};

/* A signal by WinDbg code (av), name (SIGUSR1, usr1) or number; 0 none. */
static int signal_named(const char *name)
{
    if (!strcasecmp(name, "av"))
        return SIGSEGV;
    if (isdigit((unsigned char)name[0])) {
        char *end;
        long n = strtol(name, &end, 10);
        return *end == '\0' && n > 0 && n < ENG_NSIG ? (int)n : 0;
    }
    const char *base = strncasecmp(name, "sig", 3) == 0 ? name + 3 : name;
    for (int sig = 1; sig < ENG_NSIG; sig++) {
        const char *abbrev = sigabbrev_np(sig);
        if (abbrev && !strcasecmp(abbrev, base))
            return sig;
    }
    return 0;
}

static int cmd_sx(struct dbg *d, const char *args)
{
    /* by enum eng_sig_mode */
    static const char *const modes[] = {"break", "output", "ignore", "second-chance break"};
    if (*args)
        return lerr_set(&d->err, "Syntax error in 'sx %s': use sxe, sxd, sxn or sxi to change", args);
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
        fprintf(d->out, "%4s - %-24s - %s\n", events[i].code, events[i].name,
                eng_event_stops(d->s, events[i].filter) ? "break" : "output");
    fprintf(d->out, "%4s - %-24s - %s\n", "eh", "C++ EH exception", eh_modes[eng_eh_mode(d->s)]);
    char sn[24];
    for (int sig = 1; sig < 32; sig++) {
        if (!sigabbrev_np(sig) || sig == SIGKILL || sig == SIGSTOP)
            continue;
        fprintf(d->out, "%4s - %-24s - %s\n", sig == SIGSEGV ? "av" : "", fmt_signame(sig, sn),
                modes[eng_signal_mode(d->s, sig)]);
    }
    return 0;
}

static int set_filter(struct dbg *d, const char *args, int stop, const char *cmd)
{
    int sig = signal_named(args);
    if (sig) {
        if (sig == SIGKILL || sig == SIGSTOP)
            return lerr_set(&d->err, "%s cannot be caught: %s does not apply", args, cmd);
        /* WinDbg's break statuses: sxd stops at the second chance only,
         * sxn and sxi at neither */
        eng_set_signal_mode(d->s, sig,
                            stop == 1   ? ENG_SIG_STOP
                            : stop == 2 ? ENG_SIG_IGNORE
                            : !strcmp(cmd, "sxd") ? ENG_SIG_SECOND
                                                  : ENG_SIG_NOTIFY);
        return 0;
    }
    if (!strcasecmp(args, "eh")) {
        eng_set_eh_mode(d->s, stop == 1   ? ENG_EH_STOP
                              : stop == 2 ? ENG_EH_IGNORE
                              : !strcmp(cmd, "sxd") ? ENG_EH_SECOND
                                                    : ENG_EH_NOTIFY);
        return 0;
    }
    /* sxe ld:name: only loads of matching modules stop */
    if (!strncmp(args, "ld:", 3) && args[3]) {
        if (eng_set_load_filter(d->s, stop == 1 ? args + 3 : NULL, &d->err) < 0)
            return -1;
        eng_set_event_stop(d->s, ENG_FILTER_LOAD, stop == 1);
        return 0;
    }
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        if (!strcmp(args, events[i].code)) {
            if (!strcmp(args, "ld"))
                eng_set_load_filter(d->s, NULL, NULL);
            eng_set_event_stop(d->s, events[i].filter, stop == 1);
            return 0;
        }
    }
    return lerr_set(&d->err, "Syntax error in '%s %s': unknown event or signal (ct, et, cpr, epr, ld, ud, eh, av, SIGUSR1...)", cmd, args);
}

static int cmd_sxe(struct dbg *d, const char *a) { return set_filter(d, a, 1, "sxe"); }
static int cmd_sxd(struct dbg *d, const char *a) { return set_filter(d, a, 0, "sxd"); }
static int cmd_sxn(struct dbg *d, const char *a) { return set_filter(d, a, 0, "sxn"); }
static int cmd_sxi(struct dbg *d, const char *a) { return set_filter(d, a, 2, "sxi"); }

const struct cmd_def cmd_event_table[] = {
    {"sx", cmd_sx, "list the event filters"},
    {"sxe", cmd_sxe, "make an event stop the target: sxe ld, sxe ld:name*, sxe ud, sxe eh (C++ throw), sxe av, sxe SIGUSR1 (a signal: first and second chance)"},
    {"sxd", cmd_sxd, "make an event only print: sxd ld; a signal: print, stop at its second chance only (sxd av)"},
    {"sxn", cmd_sxn, "make an event only print: sxn ld, sxn eh, sxn SIGUSR1 (no second-chance stop)"},
    {"sxi", cmd_sxi, "make a signal pass silently: sxi SIGUSR1 (no stop at either chance), sxi eh"},
    {NULL, NULL, NULL},
};
