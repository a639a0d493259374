/* setExceptionBreakpoints: signals as DAP exception filters. A chosen
 * filter makes its signals stop at their first chance (sxe); one left out
 * lets them pass with a stop at the second chance only, when the program
 * would die of them (sxd). "C++ throw" is `sxe eh`. The defaults are the
 * command line's (GDB's): every signal stops but the quiet ones, a throw
 * does not. */
#include "dap/dap.h"

#include <signal.h>
#include <string.h>

static const struct {
    const char *id, *label, *description;
    int sig; /* 0: the other signals; -1: a C++ throw */
} filters[] = {
    {"SIGSEGV", "SIGSEGV (access violation)", "Stop when the program touches memory it may not (sxe av)", SIGSEGV},
    {"SIGBUS", "SIGBUS", "Stop on a bus error (a mapped file cut short, misalignment)", SIGBUS},
    {"SIGFPE", "SIGFPE", "Stop on an arithmetic fault (integer division by zero)", SIGFPE},
    {"SIGILL", "SIGILL", "Stop on an illegal instruction", SIGILL},
    {"SIGABRT", "SIGABRT (abort)", "Stop when the program aborts (assert, an uncaught C++ exception)", SIGABRT},
    {"other", "Other signals", "Stop on every other signal but SIGCHLD, SIGWINCH, SIGALRM, SIGPROF and SIGURG, which pass silently", 0},
    {"cpp_throw", "C++ throw", "Stop where a C++ exception is thrown (sxe eh), before any handler runs", -1},
};
#define NFILTERS (sizeof filters / sizeof filters[0])

/* Signals that pass silently whatever "other" says (the engine's
 * defaults), and those that cannot be caught or are the debugger's. */
static int left_alone(int sig)
{
    return sig == SIGCHLD || sig == SIGWINCH || sig == SIGALRM || sig == SIGPROF ||
           sig == SIGURG || sig == SIGKILL || sig == SIGSTOP || sig == SIGTRAP;
}

static int named(int sig)
{
    for (size_t i = 0; i < NFILTERS; i++)
        if (filters[i].sig == sig)
            return 1;
    return 0;
}

cJSON *dap_exception_filters(void)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < NFILTERS; i++) {
        cJSON *f = cJSON_CreateObject();
        cJSON_AddStringToObject(f, "filter", filters[i].id);
        cJSON_AddStringToObject(f, "label", filters[i].label);
        cJSON_AddStringToObject(f, "description", filters[i].description);
        cJSON_AddBoolToObject(f, "default", filters[i].sig >= 0);
        cJSON_AddItemToArray(arr, f);
    }
    return arr;
}

static int filter_index(const char *id)
{
    for (size_t i = 0; i < NFILTERS; i++)
        if (id && !strcmp(filters[i].id, id))
            return (int)i;
    return -1;
}

/* Sets what filter i does. */
static void apply(struct session *s, size_t i, int on)
{
    enum eng_sig_mode mode = on ? ENG_SIG_STOP : ENG_SIG_SECOND;
    if (filters[i].sig < 0) {
        eng_set_eh_mode(s, on ? ENG_EH_STOP : ENG_EH_SECOND);
    } else if (filters[i].sig > 0) {
        eng_set_signal_mode(s, filters[i].sig, mode);
    } else {
        for (int sig = 1; sig < ENG_NSIG; sig++)
            if (!left_alone(sig) && !named(sig))
                eng_set_signal_mode(s, sig, mode);
    }
}

/* One entry of the response's breakpoints, for a filter (or an unknown
 * one). */
static cJSON *entry(int known, const char *condition)
{
    cJSON *b = cJSON_CreateObject();
    int ok = known && !(condition && *condition);
    cJSON_AddBoolToObject(b, "verified", ok);
    if (!known)
        cJSON_AddStringToObject(b, "message", "Unknown exception filter");
    else if (!ok)
        cJSON_AddStringToObject(b, "message",
                                "Conditions on exception filters are not supported: the filter stops on every such event");
    return b;
}

int dap_set_exception_breakpoints(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    if (!a->d.s)
        return lerr_set(e, "No session: setExceptionBreakpoints needs one");
    int on[NFILTERS] = {0};
    cJSON *bps = cJSON_AddArrayToObject(body, "breakpoints");
    const cJSON *list = args ? cJSON_GetObjectItemCaseSensitive(args, "filters") : NULL;
    const cJSON *it;
    cJSON_ArrayForEach(it, list) {
        int i = cJSON_IsString(it) ? filter_index(it->valuestring) : -1;
        if (i >= 0)
            on[i] = 1;
        cJSON_AddItemToArray(bps, entry(i >= 0, NULL));
    }
    /* filterOptions: the same filters, with a condition we cannot honour
     * (the filter is still set: a stop too many beats a missed one) */
    const cJSON *opts = args ? cJSON_GetObjectItemCaseSensitive(args, "filterOptions") : NULL;
    cJSON_ArrayForEach(it, opts) {
        const char *id = dap_arg_str(it, "filterId", NULL);
        int i = filter_index(id);
        if (i >= 0)
            on[i] = 1;
        cJSON_AddItemToArray(bps, entry(i >= 0, dap_arg_str(it, "condition", NULL)));
    }
    for (size_t i = 0; i < NFILTERS; i++)
        apply(a->d.s, i, on[i]);
    return 0;
}
