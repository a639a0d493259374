/* The command line as the breakpoint manager's client (bp/manager.h): it
 * evaluates conditions and locations as a given thread sees them, prints
 * what the manager has to say, and after a breakpoint stop runs the
 * command strings of the breakpoints hit. */
#include "bp/manager.h"
#include "cmd/bp_spec.h"
#include "cmd/dbg.h"
#include "ui/format.h"

#include <stdlib.h>
#include <string.h>

/* Expressions work on the current thread: for a condition that is the
 * thread that hit, for a moment, whichever one the user looks at. */
static int eval_in(void *ctx, pid_t pid, pid_t tid, const char *expr, uint64_t *v,
                   struct lerr *e)
{
    struct dbg *d = ctx;
    /* the environment's callbacks may leave a message in d->err, which is
     * the running command's (g): it is kept */
    struct lerr keep = d->err;
    struct eng_view saved = eng_view_begin(d->s, pid, tid);
    struct expr_env env;
    dbg_expr_env(d, &env);
    int rc = expr_eval_all(&env, expr, v, e);
    eng_view_end(d->s, saved);
    d->err = keep;
    return rc;
}

static void note(void *ctx, const struct bpm_note *n)
{
    struct dbg *d = ctx;
    char a[FMT_ADDR_LEN];
    switch (n->kind) {
    case BPM_NOTE_PLACED:
        fprintf(d->out, "Breakpoint %u: %s\n", n->id, n->text);
        break;
    case BPM_NOTE_RESOLVED: {
        /* the warning looks at the code of the process that loaded */
        struct bp *b = bp_find(&d->bpm.bps, n->id);
        struct eng_view saved = eng_view_begin(d->s, n->pid, 0);
        if (b)
            bpspec_warn_if_data(d, b);
        eng_view_end(d->s, saved);
        break;
    }
    case BPM_NOTE_IFUNC_WAITS:
        fprintf(d->out, "%s is an indirect function whose implementation the loader has not "
                        "chosen yet: the breakpoint waits for it\n", n->name);
        break;
    case BPM_NOTE_IFUNC_LOST:
        fprintf(d->out, "%s is an indirect function whose implementation cannot be "
                        "followed: the breakpoint stays unresolved\n", n->name);
        break;
    case BPM_NOTE_IFUNC_IMPL:
        fprintf(d->out, "%s is an indirect function: the breakpoint goes on %s, the implementation "
                        "this process uses\n", n->name, n->text);
        break;
    case BPM_NOTE_BM_SET:
        fprintf(d->out, "%3u: %s %s (bm %s, breakpoint %u)\n", n->id,
                n->addr ? fmt_addr(a, n->addr) : "                 ", n->name, n->pattern,
                n->pattern_id);
        break;
    case BPM_NOTE_BM_OVERLOADS:
        fprintf(d->out, "%s has overloads: not set (bm /( sets them by parameter list)\n",
                n->name);
        break;
    case BPM_NOTE_NOT_RESTORED:
        fprintf(d->out, "Breakpoint %u at %s not set again: %s\n", n->id, fmt_addr(a, n->addr),
                n->text);
        break;
    }
}

static void event_done(void *ctx)
{
    struct dbg *d = ctx;
    fflush(d->out);
}

static int radix(void *ctx)
{
    const struct dbg *d = ctx;
    return d->radix;
}

static void treg_add(void *ctx, unsigned n, uint64_t delta)
{
    struct dbg *d = ctx;
    if (n < sizeof d->t_regs / sizeof d->t_regs[0])
        d->t_regs[n] += delta;
}

void dbg_bps_init(struct dbg *d)
{
    struct bpm_client c = {d, eval_in, note, event_done, treg_add, NULL, radix};
    bpm_init(&d->bpm, d->s, &c);
}

void dbg_after_bp_stop(struct dbg *d)
{
    size_t ncmds;
    char **cmds = bpm_stop_done(&d->bpm, &ncmds);
    /* a step in a command string may stop at a breakpoint whose own
     * string runs inside this one: each string has its own state */
    int outer_in = d->in_bp_commands, outer_ended = d->list_ended;
    d->in_bp_commands = 1;
    d->list_ended = 0;
    for (size_t i = 0; i < ncmds; i++) {
        if (!d->resume_request && !d->quit && !d->list_ended)
            dbg_execute_line(d, cmds[i]);
        free(cmds[i]);
    }
    free(cmds);
    d->in_bp_commands = outer_in;
    d->list_ended = outer_ended;
}
