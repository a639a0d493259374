/* Execution commands: g gh gn t, and ending the session: q qd .kill
 * .detach. */
#include "cmd/dbg.h"
#include "sym/unwind.h"

#include <string.h>

size_t dbg_unwind(struct dbg *d, struct sym_frame *frames, size_t max);

static int no_args(struct dbg *d, const char *args, const char *name)
{
    if (*args)
        return lerr_set(&d->err, "Syntax error in '%s %s': %s takes no arguments here", name,
                        args, name);
    return 0;
}

static void before_run(struct dbg *d)
{
    fflush(d->out);
    if (d->run_hook)
        d->run_hook(d->run_hook_ctx, d, 1);
}

static int after_run(struct dbg *d, int rc)
{
    if (d->run_hook)
        d->run_hook(d->run_hook_ctx, d, 0);
    d->next_u = 0; /* `u` starts at the new instruction */
    if (rc < 0)
        return -1;
    dbg_report_stop(d);
    if (d->s->last_stop.kind == ENG_STOP_EXITED && d->final_quit)
        d->quit = 1;
    return 0;
}

static int do_go(struct dbg *d, const char *args, const char *name, enum eng_go_mode mode)
{
    if (no_args(d, args, name) < 0)
        return -1;
    before_run(d);
    return after_run(d, eng_go(d->s, mode, &d->err));
}

static int cmd_g(struct dbg *d, const char *args) { return do_go(d, args, "g", ENG_GO); }
static int cmd_gn(struct dbg *d, const char *args) { return do_go(d, args, "gn", ENG_GO); }
static int cmd_gh(struct dbg *d, const char *args) { return do_go(d, args, "gh", ENG_GO_HANDLED); }

typedef int (*step_fn)(struct session *s, struct lerr *e);

static int stepping(struct dbg *d, const char *args, step_fn step)
{
    uint64_t count = 1;
    if (*args && dbg_eval(d, &args, &count) < 0)
        return -1;
    if (*args)
        return lerr_set(&d->err, "Syntax error at '%s'", args);
    for (uint64_t i = 0; i < count; i++) {
        before_run(d);
        if (after_run(d, step(d->s, &d->err)) < 0)
            return -1;
        if (d->s->last_stop.kind != ENG_STOP_STEP && d->s->last_stop.kind != ENG_STOP_RETURNED)
            break; /* something else happened: stop stepping */
    }
    return 0;
}

static int cmd_t(struct dbg *d, const char *args) { return stepping(d, args, eng_step); }
static int cmd_p(struct dbg *d, const char *args) { return stepping(d, args, eng_step_over_call); }

/* gu: back to the caller's frame, wherever the function returns from */
static int cmd_gu(struct dbg *d, const char *args)
{
    if (no_args(d, args, "gu") < 0 || dbg_need_process(d) < 0)
        return -1;
    struct sym_frame f[2];
    size_t n = dbg_unwind(d, f, 2);
    if (n < 2)
        return d->err.msg[0] ? -1 : lerr_set(&d->err, "Couldn't find the caller's frame: gu needs a frame to return to");
    before_run(d);
    return after_run(d, eng_go_up(d->s, f[1].pc, f[1].sp, &d->err));
}

static int cmd_q(struct dbg *d, const char *args)
{
    if (no_args(d, args, "q") < 0)
        return -1;
    /* Launched targets are killed, attached ones detached: a live service
     * is never lost by typing q. */
    d->quit = 1;
    return 0;
}

static int cmd_qd(struct dbg *d, const char *args)
{
    if (no_args(d, args, "qd") < 0)
        return -1;
    d->quit = 1;
    return eng_detach_all(d->s, &d->err);
}

static int cmd_detach(struct dbg *d, const char *args)
{
    if (no_args(d, args, ".detach") < 0 || dbg_need_process(d) < 0)
        return -1;
    if (eng_detach_all(d->s, &d->err) < 0)
        return -1;
    fprintf(d->out, "Detached\n");
    return 0;
}

static int cmd_kill(struct dbg *d, const char *args)
{
    if (no_args(d, args, ".kill") < 0 || dbg_need_process(d) < 0)
        return -1;
    eng_kill_all(d->s, &d->err);
    fprintf(d->out, "Terminated\n");
    return 0;
}

const struct cmd_def cmd_exec_table[] = {
    {"g", cmd_g, "go: run until something stops the target"},
    {"gh", cmd_gh, "go, the signal that stopped the target handled (not delivered)"},
    {"gn", cmd_gn, "go, the signal that stopped the target passed to it"},
    {"t", cmd_t, "trace: run one instruction (t N: N instructions)"},
    {"p", cmd_p, "step: one instruction, a call as a whole (p N: N steps)"},
    {"gu", cmd_gu, "go up: run until the current function returns to its caller"},
    {"q", cmd_q, "quit: kill a launched target, detach from an attached one"},
    {"qd", cmd_qd, "quit and detach, leaving the target running"},
    {".detach", cmd_detach, "detach from the target and stay in lindbg"},
    {".kill", cmd_kill, "kill the target"},
    {NULL, NULL, NULL},
};
