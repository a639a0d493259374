/* Run control in all-stop mode. Threads are resumed, then events are read
 * until one of them is a reason to stop for the user; from then on every
 * other thread is interrupted, and the prompt comes back only when no
 * thread runs. Events that do not stop (thread creation, signals that pass
 * silently) resume the thread that reported them at once. */
#include "engine/internal.h"
#include "engine/session.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

static int passes_silently(int sig)
{
    return sig == SIGCHLD || sig == SIGWINCH || sig == SIGALRM || sig == SIGPROF || sig == SIGURG;
}

struct run {
    int decided;
    int stopping; /* interrupts sent to the other threads */
    pid_t early[64]; /* first stops of threads whose clone event is not seen yet */
    size_t nearly;
};

static int resume(struct eng_process *p, struct eng_thread *t, enum tgt_resume how, int sig,
                  struct lerr *e)
{
    if (how == TGT_STEP) {
        struct user_regs_struct *r = t->regs_valid ? &t->regs : NULL;
        struct user_regs_struct tmp;
        if (!r && p->tp->ops->get_regs(t->tid, &tmp, e) == 0)
            r = &tmp;
        t->step_from = r ? r->rip : 0;
    }
    if (eng_flush_regs(p, t, e) < 0)
        return -1;
    if (p->tp->ops->resume(t->tid, how, sig, e) < 0)
        return -1;
    t->running = 1;
    t->stepping = how == TGT_STEP;
    return 0;
}

static void decide(struct session *s, struct run *r, struct eng_process *p, struct eng_thread *t,
                   enum eng_stop_kind kind, int sig, const siginfo_t *si)
{
    r->decided = 1;
    memset(&s->last_stop, 0, sizeof s->last_stop);
    s->last_stop.kind = kind;
    s->last_stop.pid = p ? p->pid : 0;
    s->last_stop.tid = t ? t->tid : 0;
    s->last_stop.sig = sig;
    if (si)
        s->last_stop.si = *si;
    if (p && t) {
        eng_select(s, p, t->tid);
        s->event_tid = t->tid;
    }
}

static int anything_running(const struct session *s)
{
    for (size_t i = 0; i < s->nprocs; i++)
        for (size_t j = 0; j < s->procs[i]->nthreads; j++)
            if (s->procs[i]->threads[j]->running || s->procs[i]->threads[j]->starting)
                return 1;
    return 0;
}

static void stop_others(struct session *s)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_process *p = s->procs[i];
        for (size_t j = 0; j < p->nthreads; j++) {
            struct eng_thread *t = p->threads[j];
            if (t->running && !t->interrupt_pending && p->tp->ops->interrupt(t->tid) == 0)
                t->interrupt_pending = 1;
        }
    }
}

static int take_early(struct run *r, pid_t tid)
{
    for (size_t i = 0; i < r->nearly; i++) {
        if (r->early[i] == tid) {
            r->early[i] = r->early[--r->nearly];
            return 1;
        }
    }
    return 0;
}

static void on_clone(struct session *s, struct run *r, struct eng_process *p,
                     struct eng_thread *t, pid_t new_tid, struct lerr *e)
{
    struct eng_thread *nt = eng_add_thread(p, new_tid);
    nt->starting = !take_early(r, new_tid);
    struct eng_event ev = {.kind = ENG_EVT_THREAD_CREATE, .pid = p->pid, .tid = new_tid,
                           .proc_index = p->index, .thread_index = nt->index};
    eng_emit(s, &ev);
    if (!r->decided) {
        if (!nt->starting)
            resume(p, nt, TGT_CONT, 0, e);
        resume(p, t, t->stepping ? TGT_STEP : TGT_CONT, 0, e);
    }
}

static void on_interrupt(struct session *s, struct run *r, struct eng_process *p,
                         struct eng_thread *t, const struct tgt_event *ev, struct lerr *e)
{
    if (t->starting) {
        t->starting = 0;
        if (!r->decided)
            resume(p, t, TGT_CONT, 0, e);
        return;
    }
    int expected = t->interrupt_pending;
    t->interrupt_pending = 0;
    if (r->decided)
        return; /* stopped as asked */
    if (s->breakin_requested && !ev->group_stop) {
        decide(s, r, p, t, ENG_STOP_BREAKIN, 0, NULL);
        return;
    }
    /* A job-control stop, or an interrupt left over from an earlier stop:
     * neither is a reason to stop for the user. */
    (void)expected;
    resume(p, t, t->stepping ? TGT_STEP : TGT_CONT, 0, e);
}

static void on_signal(struct session *s, struct run *r, struct eng_process *p,
                      struct eng_thread *t, const struct tgt_event *ev, struct lerr *e)
{
    int sig = ev->sig;
    int was_stepping = t->stepping;
    t->stepping = 0;
    if (sig == SIGTRAP && was_stepping && ev->si.si_code > 0 && ev->si.si_code != SI_KERNEL) {
        /* A step that began in a system call (the exec stop) is reported at
         * the call's exit before any instruction ran: step again. */
        struct user_regs_struct regs;
        if (ev->si.si_code == TRAP_BRKPT && p->tp->ops->get_regs(t->tid, &regs, NULL) == 0 &&
            regs.rip == t->step_from && !r->decided) {
            resume(p, t, TGT_STEP, 0, e);
            return;
        }
        if (!r->decided)
            decide(s, r, p, t, ENG_STOP_STEP, 0, NULL);
        return;
    }
    if (sig == SIGINT && (s->breakin_requested || ev->si.si_code == SI_KERNEL)) {
        /* Ctrl+C on the terminal the program was given: a break-in, not a
         * signal for it (a `kill -INT` has si_code SI_USER and passes). */
        if (!r->decided)
            decide(s, r, p, t, ENG_STOP_BREAKIN, 0, NULL);
        return;
    }
    if (passes_silently(sig)) {
        if (!r->decided)
            resume(p, t, was_stepping ? TGT_STEP : TGT_CONT, sig, e);
        else
            t->pending_sig = sig;
        return;
    }
    t->pending_sig = sig;
    if (!r->decided)
        decide(s, r, p, t, sig == SIGTRAP ? ENG_STOP_TRAP : ENG_STOP_SIGNAL, sig, &ev->si);
    /* else: it stays pending and is delivered when the thread next runs */
}

static void on_exec(struct session *s, struct run *r, struct eng_process *p,
                    const struct tgt_event *ev, struct lerr *e)
{
    /* Every other thread is gone; the exec'ing thread is now the leader. */
    while (p->nthreads)
        eng_remove_thread(p, p->threads[0]->tid);
    p->next_thread_index = 0;
    struct eng_thread *t = eng_add_thread(p, p->pid);
    p->tp->ops->reopen(p->tp, e);
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/%d/exe", p->pid);
    ssize_t n = readlink(link, path, sizeof path - 1);
    path[n > 0 ? n : 0] = '\0';
    struct eng_event evt = {.kind = ENG_EVT_EXEC, .pid = p->pid, .tid = ev->tid,
                            .proc_index = p->index, .path = path};
    eng_emit(s, &evt);
    eng_report_mapped_modules(s, p);
    if (s->cur_proc >= 0 && eng_cur_process(s) == p)
        s->cur_tid = p->pid;
    if (!r->decided)
        resume(p, t, TGT_CONT, 0, e);
}

static void on_thread_exit(struct session *s, struct run *r, struct eng_process *p,
                    struct eng_thread *t, const struct tgt_event *ev)
{
    int killed = ev->kind == TGT_EV_KILLED;
    if (ev->tid != p->pid) {
        struct eng_event evt = {.kind = ENG_EVT_THREAD_EXIT, .pid = p->pid, .tid = t->tid,
                                .proc_index = p->index, .thread_index = t->index,
                                .code = ev->code, .sig = killed ? ev->sig : 0};
        eng_emit(s, &evt);
        if (s->cur_tid == t->tid && eng_cur_process(s) == p)
            s->cur_tid = p->pid;
        eng_remove_thread(p, t->tid);
        return;
    }
    /* The leader is reported last: the whole process is gone. */
    struct eng_event evt = {.kind = ENG_EVT_PROCESS_EXIT, .pid = p->pid, .tid = ev->tid,
                            .proc_index = p->index, .code = ev->code,
                            .sig = killed ? ev->sig : 0};
    eng_emit(s, &evt);
    pid_t pid = p->pid;
    eng_remove_process(s, p);
    if (!r->decided) {
        decide(s, r, NULL, NULL, ENG_STOP_EXITED, killed ? ev->sig : 0, NULL);
        s->last_stop.pid = s->last_stop.tid = pid;
        s->last_stop.code = ev->code;
    }
}

static pid_t some_running_tid(const struct session *s)
{
    for (size_t i = 0; i < s->nprocs; i++)
        for (size_t j = 0; j < s->procs[i]->nthreads; j++)
            if (s->procs[i]->threads[j]->running)
                return s->procs[i]->threads[j]->tid;
    return 0;
}

/* Reads events until the target is stopped for the user. */
static int run_until_stop(struct session *s, struct lerr *e)
{
    struct run r = {0};
    const struct tgt_ops *ops = s->procs[0]->tp->ops;
    s->breakin_pid = some_running_tid(s);
    while (!r.decided || anything_running(s)) {
        if (r.decided && !r.stopping) {
            s->breakin_pid = 0;
            stop_others(s);
            r.stopping = 1;
        }
        if (r.decided && !anything_running(s))
            break;
        struct tgt_event ev;
        if (ops->wait(&ev, e) < 0) {
            if (errno == EINTR)
                continue;
            break; /* ECHILD: nothing is traced any more */
        }
        struct eng_process *p = NULL;
        struct eng_thread *t = eng_find_thread(s, ev.tid, &p);
        if (!t) {
            /* A new thread can stop before its creator reports it. */
            if (ev.kind == TGT_EV_INTERRUPT && r.nearly < sizeof r.early / sizeof r.early[0])
                r.early[r.nearly++] = ev.tid;
            continue;
        }
        if (ev.kind != TGT_EV_EXITED && ev.kind != TGT_EV_KILLED)
            t->running = 0;
        switch (ev.kind) {
        case TGT_EV_CLONE:
            on_clone(s, &r, p, t, ev.new_tid, e);
            break;
        case TGT_EV_INTERRUPT:
            on_interrupt(s, &r, p, t, &ev, e);
            break;
        case TGT_EV_SIGNAL:
            on_signal(s, &r, p, t, &ev, e);
            break;
        case TGT_EV_EXEC:
            on_exec(s, &r, p, &ev, e);
            break;
        case TGT_EV_EXITED:
        case TGT_EV_KILLED:
            on_thread_exit(s, &r, p, t, &ev);
            break;
        }
        if (!r.decided && !s->breakin_pid)
            s->breakin_pid = some_running_tid(s);
        if (!r.decided && s->nprocs == 0)
            break;
    }
    s->breakin_pid = 0;
    if (!r.decided)
        return lerr_set(e, "The target stopped without a reason");
    return 0;
}

static int start_run(struct session *s, struct lerr *e)
{
    if (!eng_has_process(s))
        return lerr_set(e, "No runnable debuggees: the process has exited");
    s->breakin_requested = 0;
    return 0;
}

int eng_go(struct session *s, enum eng_go_mode mode, struct lerr *e)
{
    if (start_run(s, e) < 0)
        return -1;
    int resumed = 0;
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_process *p = s->procs[i];
        for (size_t j = 0; j < p->nthreads; j++) {
            struct eng_thread *t = p->threads[j];
            if (t->frozen || t->running)
                continue;
            int sig = t->pending_sig;
            if (mode == ENG_GO_HANDLED && t->tid == s->event_tid)
                sig = 0;
            t->pending_sig = 0;
            if (resume(p, t, TGT_CONT, sig, e) == 0)
                resumed++;
        }
    }
    if (!resumed)
        return lerr_set(e, "No thread can run: every thread is frozen (~Nu thaws one)");
    return run_until_stop(s, e);
}

int eng_step(struct session *s, struct lerr *e)
{
    if (start_run(s, e) < 0)
        return -1;
    struct eng_process *p = eng_cur_process(s);
    struct eng_thread *t = eng_cur_thread(s);
    if (!p || !t)
        return lerr_set(e, "No thread to step");
    int sig = t->pending_sig;
    t->pending_sig = 0;
    if (resume(p, t, TGT_STEP, sig, e) < 0)
        return -1;
    return run_until_stop(s, e);
}

void eng_breakin(struct session *s)
{
    pid_t tid = s->breakin_pid;
    if (tid <= 0 || s->nprocs == 0)
        return;
    s->breakin_requested = 1;
    s->procs[0]->tp->ops->interrupt(tid);
}
