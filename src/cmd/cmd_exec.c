/* Execution commands: g gc gh gn, t p (by instruction or, with l+t, by
 * source line), pc tc pa ta, gu; and ending the session: q qd .kill
 * .detach. */
#include "arch/x86_64/disasm.h"
#include "cmd/dbg.h"
#include "sym/lines.h"
#include "sym/unwind.h"

#include <string.h>

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
    d->runs++;
    if (d->run_hook)
        d->run_hook(d->run_hook_ctx, d, 1);
}

/* The target stopped: the terminal comes back, views start afresh. */
static void stopped(struct dbg *d)
{
    if (d->run_hook)
        d->run_hook(d->run_hook_ctx, d, 0);
    d->next_u = 0; /* `u` starts at the new instruction */
    d->frame = 0;
}

/* The stop is shown, breakpoint commands run, -G quits at the exit. */
static void settle(struct dbg *d)
{
    dbg_report_stop(d);
    if (eng_last_stop(d->s)->kind == ENG_STOP_BREAKPOINT)
        dbg_after_bp_stop(d);
    if (eng_last_stop(d->s)->kind == ENG_STOP_EXITED && d->final_quit)
        d->quit = 1;
}

static int after_run(struct dbg *d, int rc)
{
    stopped(d);
    if (rc < 0)
        return -1;
    settle(d);
    return 0;
}

/* What a breakpoint's command string asked for at a stop, taken once. */
static int take_resume_request(struct dbg *d)
{
    int req = d->resume_request;
    d->resume_request = DBG_RESUME_NONE;
    return req;
}

/* Goes until a stop that stands (or a thread gets to one of the go
 * addresses). Breakpoint command strings run after each stop; a resume
 * command among them ends the list and is carried out here, in a loop, so
 * that "r $t0=@$t0+1; gc" hit 80,000 times does not nest 80,000 deep. A
 * gc goes on to the same addresses; a g brings its own. */
static int go_loop(struct dbg *d, enum eng_go_mode mode, struct dbg_go_to to)
{
    for (;;) {
        before_run(d);
        int rc = to.n ? eng_go_to(d->s, mode, to.addrs, to.n, &d->err)
                      : eng_go(d->s, mode, &d->err);
        if (after_run(d, rc) < 0)
            return -1;
        int req = take_resume_request(d);
        if (!req || d->quit)
            return 0;
        mode = req == DBG_RESUME_GO_HANDLED ? ENG_GO_HANDLED : ENG_GO;
        if (req != DBG_RESUME_GC)
            to = d->resume_to;
    }
}

/* g's arguments: [= start] [address ...]. The start address becomes the
 * current thread's instruction pointer now. */
static int go_args(struct dbg *d, const char *args, struct dbg_go_to *to)
{
    memset(to, 0, sizeof *to);
    uint64_t start = 0;
    int have_start = 0;
    if (*args == '=') {
        args = dbg_skip(args + 1);
        if (!*args)
            return lerr_set(&d->err, "Syntax error: '=' needs a start address: g =start [address]");
        if (dbg_eval(d, &args, &start) < 0)
            return -1;
        have_start = 1;
    }
    while (*args) {
        if (to->n == sizeof to->addrs / sizeof to->addrs[0])
            return lerr_set(&d->err, "Syntax error: g takes at most %zu addresses", to->n);
        if (dbg_eval(d, &args, &to->addrs[to->n++]) < 0)
            return -1;
    }
    if ((have_start || to->n) && dbg_need_process(d) < 0)
        return -1;
    if (have_start && eng_check_live(d->s, "run", &d->err) < 0)
        return -1;
    if (have_start) {
        struct eng_thread *t = eng_cur_thread(d->s);
        struct user_regs_struct *r = eng_regs(d->s, t, &d->err);
        if (!r)
            return -1;
        uint64_t ip = r->rip;
        r->rip = start;
        eng_regs_changed(t, ip);
    }
    return 0;
}

static int do_go(struct dbg *d, const char *args, int req)
{
    struct dbg_go_to to;
    if (go_args(d, args, &to) < 0)
        return -1;
    if (d->in_bp_commands) {
        d->resume_request = req;
        d->resume_to = to;
        return 0;
    }
    return go_loop(d, req == DBG_RESUME_GO_HANDLED ? ENG_GO_HANDLED : ENG_GO, to);
}

static int cmd_g(struct dbg *d, const char *args) { return do_go(d, args, DBG_RESUME_GO); }
static int cmd_gn(struct dbg *d, const char *args) { return do_go(d, args, DBG_RESUME_GO); }
static int cmd_gh(struct dbg *d, const char *args) { return do_go(d, args, DBG_RESUME_GO_HANDLED); }
/* gc: from a breakpoint's command string, on the way the target was going:
 * a go goes on (to the same addresses), a step goes on with the same step */
static int cmd_gc(struct dbg *d, const char *args)
{
    if (no_args(d, args, "gc") < 0)
        return -1;
    return do_go(d, args, DBG_RESUME_GC);
}

/* How one piece of a stepping command ended. */
enum step_end {
    STEP_DONE,    /* the step completed: the command may go on */
    STEP_STOPPED, /* something else stopped the target (shown) */
    STEP_FAILED,  /* d->err says why */
};

/* A resume command ends the command string it is in. */
static void ends_command_string(struct dbg *d)
{
    if (d->in_bp_commands)
        d->list_ended = 1;
}

/* One piece of a stepping command: a single step of the current thread
 * (ret 0), or a run until it is back at ret in the frame of sp (p over a
 * call, gu). Breakpoints met on the way keep their meaning: their stop is
 * shown and their command strings run; a `gc` there goes on with this same
 * piece, a `g` turns the command into a go. The completed step is shown
 * when `show`. */
static enum step_end run_piece(struct dbg *d, uint64_t ret, uint64_t sp, int show)
{
    struct session *s = d->s;
    pid_t tid = eng_cur_tid(s);
    before_run(d);
    int rc = ret ? eng_run_to_return(s, tid, ret, sp, &d->err) : eng_step(s, &d->err);
    for (;;) {
        stopped(d);
        if (rc < 0)
            return STEP_FAILED;
        const struct eng_stop *st = eng_last_stop(s);
        if (st->kind == ENG_STOP_STEP || st->kind == ENG_STOP_RETURNED) {
            if (show)
                settle(d);
            return STEP_DONE;
        }
        int ended = st->step_ended;
        settle(d);
        int req = take_resume_request(d);
        if (!req || d->quit || st->kind != ENG_STOP_BREAKPOINT)
            return STEP_STOPPED;
        if (req != DBG_RESUME_GC) {
            /* a go: inside a command string (a step in one), the loop
             * that runs the string carries it out, so nothing nests */
            if (d->in_bp_commands)
                d->resume_request = req;
            else if (go_loop(d, req == DBG_RESUME_GO_HANDLED ? ENG_GO_HANDLED : ENG_GO,
                             d->resume_to) < 0)
                return STEP_FAILED;
            return STEP_STOPPED;
        }
        if (ended) {
            /* the step itself ended on the breakpoint: it is a step now */
            eng_last_stop_is_step(s);
            if (show)
                dbg_report_stop(d);
            return STEP_DONE;
        }
        /* stopped before the step was made (a hit waiting for the
         * thread), or in the middle of p's or gu's run: again */
        before_run(d);
        rc = ret ? eng_run_to_return(s, tid, ret, sp, &d->err) : eng_step(s, &d->err);
    }
}

/* One t, or one p (a call run whole). */
static enum step_end step_once(struct dbg *d, int over, int show)
{
    uint64_t ret = 0, sp = 0;
    if (over && !eng_call_return_point(d->s, &ret, &sp))
        ret = 0;
    return run_piece(d, ret, sp, show);
}

static int current_line(struct dbg *d, struct sym_line *l)
{
    struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), NULL);
    struct sym_space *sp = eng_syms(d->s);
    return r && sp ? sym_line_at(sp, r->rip, l) : -1;
}

/* l+t: steps until the thread is at the start of another source line.
 * Tracing into a function without line information (a PLT stub, libc)
 * returns from it at once, as GDB's `step` does. */
static enum step_end source_step(struct dbg *d, int over)
{
    struct sym_line start, now;
    if (current_line(d, &start) < 0)
        return step_once(d, over, 1); /* no lines here: one instruction */
    for (unsigned long n = 0; n < 1000000; n++) {
        enum step_end end = step_once(d, over, 0);
        if (end != STEP_DONE)
            return end;
        struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), &d->err);
        if (!r)
            return STEP_FAILED;
        if (current_line(d, &now) < 0) {
            struct sym_frame f[2];
            if (!over && dbg_unwind(d, f, 2) == 2 &&
                (end = run_piece(d, f[1].pc, f[1].sp, 0)) != STEP_DONE)
                return end;
            continue;
        }
        if (now.addr == r->rip && (now.line != start.line || strcmp(now.file, start.file) != 0)) {
            settle(d);
            return STEP_DONE;
        }
    }
    lerr_set(&d->err, "Stopped after 1000000 steps on one source line");
    return STEP_FAILED;
}

static int stepping(struct dbg *d, const char *args, int over)
{
    uint64_t count = 1;
    if (*args && dbg_eval(d, &args, &count) < 0)
        return -1;
    if (*args)
        return lerr_set(&d->err, "Syntax error at '%s'", args);
    ends_command_string(d);
    for (uint64_t i = 0; i < count; i++) {
        enum step_end end = d->source_mode ? source_step(d, over) : step_once(d, over, 1);
        if (end == STEP_FAILED)
            return -1;
        if (end == STEP_STOPPED)
            break; /* something else happened: stop stepping */
    }
    return 0;
}

static int cmd_t(struct dbg *d, const char *args) { return stepping(d, args, 0); }
static int cmd_p(struct dbg *d, const char *args) { return stepping(d, args, 1); }

static int at_call(struct dbg *d)
{
    struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), NULL);
    uint8_t code[16];
    size_t got = 0;
    struct x86_insn insn;
    if (!r)
        return 0;
    eng_read(d->s, r->rip, code, sizeof code, &got);
    return got && x86_disasm(r->rip, code, got, &insn, NULL, NULL) == 0 && insn.is_call;
}

static int at_addr(struct dbg *d, uint64_t target)
{
    struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), NULL);
    return r && r->rip == target;
}

/* Steps until a call is the next instruction (pc, tc) or until an address
 * (pa, ta): only the last stop is shown, or every one with show_each. */
static int step_until(struct dbg *d, int over, int to_call, uint64_t target, int show_each)
{
    if (dbg_need_process(d) < 0)
        return -1;
    ends_command_string(d);
    for (unsigned long n = 0;; n++) {
        if (n >= 10000000)
            return lerr_set(&d->err, "Stopped after 10000000 steps without getting there");
        enum step_end end = step_once(d, over, show_each);
        if (end == STEP_FAILED)
            return -1;
        if (end == STEP_STOPPED)
            return 0; /* a breakpoint or an exit ends the stepping */
        if (to_call ? at_call(d) : at_addr(d, target)) {
            if (!show_each)
                settle(d);
            return 0;
        }
    }
}

static int to_address(struct dbg *d, const char *args, int over)
{
    uint64_t target;
    if (!*args)
        return lerr_set(&d->err, "Syntax error: an address is needed");
    if (dbg_eval(d, &args, &target) < 0)
        return -1;
    if (*args)
        return lerr_set(&d->err, "Syntax error at '%s'", args);
    return step_until(d, over, 0, target, 1);
}

static int cmd_pc(struct dbg *d, const char *a)
{
    return no_args(d, a, "pc") < 0 ? -1 : step_until(d, 1, 1, 0, 0);
}
static int cmd_tc(struct dbg *d, const char *a)
{
    return no_args(d, a, "tc") < 0 ? -1 : step_until(d, 0, 1, 0, 0);
}
static int cmd_pa(struct dbg *d, const char *a) { return to_address(d, a, 1); }
static int cmd_ta(struct dbg *d, const char *a) { return to_address(d, a, 0); }

/* gu: back to the caller's frame, wherever the function returns from */
static int cmd_gu(struct dbg *d, const char *args)
{
    if (no_args(d, args, "gu") < 0 || dbg_need_process(d) < 0)
        return -1;
    struct sym_frame f[2];
    size_t n = dbg_unwind(d, f, 2);
    if (n < 2)
        return d->err.msg[0] ? -1 : lerr_set(&d->err, "Couldn't find the caller's frame: gu needs a frame to return to");
    ends_command_string(d);
    return run_piece(d, f[1].pc, f[1].sp, 1) == STEP_FAILED ? -1 : 0;
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

/* .detach and .kill act on the current process only, as in WinDbg (a
 * followed child can go without its parent); the others stay. */
static int cmd_detach(struct dbg *d, const char *args)
{
    if (no_args(d, args, ".detach") < 0 || dbg_need_process(d) < 0)
        return -1;
    if (eng_detach_process(d->s, eng_cur_process(d->s), &d->err) < 0)
        return -1;
    fprintf(d->out, "Detached\n");
    return 0;
}

static int cmd_kill(struct dbg *d, const char *args)
{
    if (no_args(d, args, ".kill") < 0 || dbg_need_process(d) < 0)
        return -1;
    eng_kill_process(d->s, eng_cur_process(d->s), &d->err);
    fprintf(d->out, "Terminated\n");
    return 0;
}

const struct cmd_def cmd_exec_table[] = {
    {"g", cmd_g, "go: run until something stops the target; g [=start] [address ...]: also stop there"},
    {"gc", cmd_gc, "go from a conditional breakpoint, the way the target was going"},
    {"gh", cmd_gh, "go, the signal that stopped the target handled (not delivered)"},
    {"gn", cmd_gn, "go, the signal that stopped the target passed to it"},
    {"t", cmd_t, "trace: run one instruction (t N: N instructions)"},
    {"p", cmd_p, "step: one instruction, a call as a whole (p N: N steps)"},
    {"pc", cmd_pc, "step to the next call instruction, calls run whole"},
    {"tc", cmd_tc, "trace to the next call instruction"},
    {"pa", cmd_pa, "step to an address, calls run whole: pa addr"},
    {"ta", cmd_ta, "trace to an address: ta addr"},
    {"gu", cmd_gu, "go up: run until the current function returns to its caller"},
    {"q", cmd_q, "quit: kill a launched target, detach from an attached one"},
    {"qd", cmd_qd, "quit and detach, leaving the target running"},
    {".detach", cmd_detach, "detach from the current process (it runs on) and stay in lindbg"},
    {".kill", cmd_kill, "kill the current process and stay in lindbg (.restart runs it again)"},
    {NULL, NULL, NULL},
};
