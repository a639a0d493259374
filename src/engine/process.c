/* Process and thread tables of the session, launch and attach, detach and
 * kill, register caching and memory access. Run control is in run.c. */
#include "engine/session.h"
#include "engine/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

struct session *eng_create(eng_event_fn on_event, void *ctx)
{
    struct session *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->be = tgt_backend_default();
    s->cur_proc = -1;
    /* GDB's defaults: signals stop, but these pass silently */
    const int quiet[] = {SIGCHLD, SIGWINCH, SIGALRM, SIGPROF, SIGURG};
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
        s->sig_mode[quiet[i]] = ENG_SIG_IGNORE;
    s->on_event = on_event;
    s->event_ctx = ctx;
    return s;
}

void eng_emit(struct session *s, const struct eng_event *ev)
{
    if (s->on_event)
        s->on_event(s->event_ctx, ev);
    if (s->bp_event_hook)
        s->bp_event_hook(s->bp_hook_ctx, ev);
}

struct eng_process *eng_new_process(struct session *s, struct tgt_proc *tp, int launched)
{
    struct eng_process *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->tp = tp;
    p->be = s->be;
    p->pid = tgt_pid(tp);
    p->launched = launched;
    p->index = s->next_proc_index++;
    p->syms = sym_space_new();
    bp_sites_init(&p->sites);
    s->procs = realloc(s->procs, (s->nprocs + 1) * sizeof *s->procs);
    s->procs[s->nprocs++] = p;
    return p;
}

struct eng_thread *eng_add_thread(struct eng_process *p, pid_t tid)
{
    struct eng_thread *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    t->tid = tid;
    t->index = p->next_thread_index++;
    if (p->nthreads == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 8;
        p->threads = realloc(p->threads, p->cap * sizeof *p->threads);
    }
    p->threads[p->nthreads++] = t;
    return t;
}

void eng_remove_thread(struct eng_process *p, pid_t tid)
{
    for (size_t i = 0; i < p->nthreads; i++) {
        if (p->threads[i]->tid == tid) {
            eng_watch_thread_gone(p, p->threads[i]);
            free(p->threads[i]);
            memmove(&p->threads[i], &p->threads[i + 1], (p->nthreads - i - 1) * sizeof *p->threads);
            p->nthreads--;
            return;
        }
    }
}

void eng_remove_process(struct session *s, struct eng_process *p)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        if (s->procs[i] != p)
            continue;
        memmove(&s->procs[i], &s->procs[i + 1], (s->nprocs - i - 1) * sizeof *s->procs);
        s->nprocs--;
        break;
    }
    for (size_t i = 0; i < p->nthreads; i++)
        free(p->threads[i]);
    free(p->threads);
    sym_space_free(p->syms);
    bp_sites_free(&p->sites);
    free(p->traps);
    free(p->ool);
    eng_pads_forget(p);
    eng_watch_forget(p);
    tgt_close(p->tp);
    free(p);
    if (s->nprocs == 0) {
        s->cur_proc = -1;
        s->cur_tid = 0;
    } else if (s->cur_proc >= (int)s->nprocs || s->cur_proc < 0) {
        s->cur_proc = 0;
        s->cur_tid = s->procs[0]->nthreads ? s->procs[0]->threads[0]->tid : 0;
    }
}

int eng_has_process(const struct session *s) { return s->nprocs > 0; }

struct eng_process *eng_cur_process(struct session *s)
{
    if (s->cur_proc < 0 || (size_t)s->cur_proc >= s->nprocs)
        return NULL;
    return s->procs[s->cur_proc];
}

struct eng_thread *eng_find_thread(struct session *s, pid_t tid, struct eng_process **pp)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_process *p = s->procs[i];
        for (size_t j = 0; j < p->nthreads; j++) {
            if (p->threads[j]->tid == tid) {
                if (pp)
                    *pp = p;
                return p->threads[j];
            }
        }
    }
    return NULL;
}

struct eng_thread *eng_cur_thread(struct session *s)
{
    struct eng_process *p = eng_cur_process(s);
    if (!p)
        return NULL;
    for (size_t j = 0; j < p->nthreads; j++)
        if (p->threads[j]->tid == s->cur_tid)
            return p->threads[j];
    return p->nthreads ? p->threads[0] : NULL;
}

struct eng_thread *eng_thread_by_index(struct eng_process *p, int index)
{
    for (size_t j = 0; p && j < p->nthreads; j++)
        if (p->threads[j]->index == index)
            return p->threads[j];
    return NULL;
}

void eng_select(struct session *s, struct eng_process *p, pid_t tid)
{
    for (size_t i = 0; i < s->nprocs; i++)
        if (s->procs[i] == p)
            s->cur_proc = (int)i;
    s->cur_tid = tid;
}

static void free_argv(char **argv)
{
    for (size_t i = 0; argv && argv[i]; i++)
        free(argv[i]);
    free(argv);
}

static char **copy_argv(char *const argv[])
{
    size_t n = 0;
    while (argv[n])
        n++;
    char **c = calloc(n + 1, sizeof *c);
    if (!c)
        abort();
    for (size_t i = 0; i < n; i++)
        if (!(c[i] = strdup(argv[i])))
            abort();
    return c;
}

int eng_launch(struct session *s, char *const argv[], const struct tgt_launch_opts *o,
               struct lerr *e)
{
    if (!s->be->launch) /* a backend of files (core), not of processes */
        return lerr_set_code(e, LERR_UNSUPPORTED,
                             "Not supported: the %s backend cannot start programs", s->be->name);
    if (s->nprocs == 0)
        s->next_proc_index = 0; /* a new session's first process, as in WinDbg */
    struct tgt_proc *tp = s->be->launch(s->be, argv, o, e);
    if (!tp)
        return -1;
    if (argv != (char *const *)s->launch_argv) {
        char **keep = copy_argv(argv);
        free_argv(s->launch_argv);
        s->launch_argv = keep;
    }
    if (o) {
        s->launch_opts = *o;
        /* a descriptor given for this launch is not one for the next */
        s->launch_opts.redirect_stdio = 0;
        s->launch_opts.out_fd = -1;
    }
    struct eng_process *p = eng_new_process(s, tp, 1);
    eng_add_thread(p, tgt_pid(tp));
    eng_select(s, p, tgt_pid(tp));
    s->event_tid = tgt_pid(tp);
    eng_modules_initial(s, p);
    memset(&s->last_stop, 0, sizeof s->last_stop);
    s->last_stop.kind = ENG_STOP_INITIAL;
    s->last_stop.pid = s->last_stop.tid = tgt_pid(tp);
    return 0;
}

char *const *eng_launch_argv(const struct session *s, struct tgt_launch_opts *o)
{
    if (o)
        *o = s->launch_opts;
    return s->launch_argv;
}

int eng_attach(struct session *s, pid_t pid, struct lerr *e)
{
    if (s->nprocs == 0)
        s->next_proc_index = 0;
    pid_t *tids = NULL;
    size_t n = 0;
    if (!s->be->attach)
        return lerr_set_code(e, LERR_UNSUPPORTED, "Not supported: the %s backend cannot attach",
                             s->be->name);
    struct tgt_proc *tp = s->be->attach(s->be, pid, &tids, &n, e);
    if (!tp)
        return -1;
    struct eng_process *p = eng_new_process(s, tp, 0);
    for (size_t i = 0; i < n; i++)
        eng_add_thread(p, tids[i]);
    free(tids);
    eng_select(s, p, pid);
    s->event_tid = pid;
    eng_modules_initial(s, p);
    memset(&s->last_stop, 0, sizeof s->last_stop);
    s->last_stop.kind = ENG_STOP_ATTACH;
    s->last_stop.pid = s->last_stop.tid = pid;
    return 0;
}

struct user_regs_struct *eng_regs_of(struct eng_process *p, struct eng_thread *t, struct lerr *e)
{
    if (!t->regs_valid) {
        if (tgt_get_regs(p->tp, t->tid, &t->regs, e) < 0)
            return NULL;
        t->regs_valid = 1;
        /* a copy that ran is as good as the original having run */
        if (t->ool_active)
            eng_ool_translate(p, t, 0);
    }
    return &t->regs;
}

struct user_regs_struct *eng_regs(struct session *s, struct eng_thread *t, struct lerr *e)
{
    struct eng_process *p = NULL;
    if (!t || !eng_find_thread(s, t->tid, &p)) {
        lerr_set(e, "No thread");
        return NULL;
    }
    return eng_regs_of(p, t, e);
}

void eng_regs_changed(struct eng_thread *t, uint64_t old_ip)
{
    t->regs_dirty = 1;
    /* put on an instruction by the user: a breakpoint there is for the
     * next time the thread gets there, as at the current instruction */
    if (t->regs.rip != old_ip) {
        t->site_done = t->regs.rip;
        t->pending_hit = t->pending_hw_slot = t->throw_pending = 0; /* hits of where it was */
    }
}

int eng_flush_regs(struct eng_process *p, struct eng_thread *t, struct lerr *e)
{
    if (t->regs_dirty) {
        if (tgt_set_regs(p->tp, t->tid, &t->regs, e) < 0)
            return -1;
        t->regs_dirty = 0;
    }
    t->regs_valid = 0;
    return 0;
}

static struct tgt_proc *proc_of(struct session *s, struct eng_thread *t)
{
    struct eng_process *p = NULL;
    return t && eng_find_thread(s, t->tid, &p) ? p->tp : NULL;
}

int eng_get_dreg(struct session *s, struct eng_thread *t, int idx, uint64_t *v, struct lerr *e)
{
    struct tgt_proc *tp = proc_of(s, t);
    if (!tp)
        return lerr_set(e, "No thread");
    return tgt_get_dreg(tp, t->tid, idx, v, e);
}

int eng_set_dreg(struct session *s, struct eng_thread *t, int idx, uint64_t v, struct lerr *e)
{
    struct tgt_proc *tp = proc_of(s, t);
    if (!tp)
        return lerr_set(e, "No thread");
    if (eng_check_live(s, "be written", e) < 0)
        return -1;
    return tgt_set_dreg(tp, t->tid, idx, v, e);
}

int eng_get_fpregs(struct session *s, struct eng_thread *t, struct user_fpregs_struct *r,
                   struct lerr *e)
{
    struct tgt_proc *tp = proc_of(s, t);
    if (!tp)
        return lerr_set(e, "No thread");
    return tgt_get_fpregs(tp, t->tid, r, e);
}

int eng_read_program(struct eng_process *p, uint64_t addr, void *buf, size_t len, size_t *got)
{
    size_t n = 0;
    int rc = tgt_read_mem(p->tp, addr, buf, len, &n);
    bp_sites_hide(&p->sites, addr, buf, n); /* the program's bytes, not our traps */
    eng_pads_hide(p, addr, buf, n);
    if (got)
        *got = n;
    return rc;
}

int eng_read(struct session *s, uint64_t addr, void *buf, size_t len, size_t *got)
{
    struct eng_process *p = eng_cur_process(s);
    if (!p) {
        if (got)
            *got = 0;
        return -1;
    }
    return eng_read_program(p, addr, buf, len, got);
}

int eng_read_in(struct session *s, pid_t pid, uint64_t addr, void *buf, size_t len, size_t *got)
{
    struct eng_view saved = eng_view_begin(s, pid, 0);
    int rc = eng_read(s, addr, buf, len, got);
    eng_view_end(s, saved);
    return rc;
}

int eng_read_u64(void *ctx, uint64_t addr, uint64_t *v)
{
    return eng_read(ctx, addr, v, sizeof *v, NULL);
}

struct eng_view eng_view_begin(struct session *s, pid_t pid, pid_t tid)
{
    struct eng_view saved = {s->cur_proc, s->cur_tid};
    for (size_t i = 0; i < s->nprocs; i++)
        if (s->procs[i]->pid == pid)
            s->cur_proc = (int)i;
    if (tid)
        s->cur_tid = tid;
    return saved;
}

void eng_view_end(struct session *s, struct eng_view saved)
{
    s->cur_proc = saved.proc;
    s->cur_tid = saved.tid;
}

struct sym_space *eng_syms(struct session *s)
{
    struct eng_process *p = eng_cur_process(s);
    return p ? p->syms : NULL;
}

int eng_write(struct session *s, uint64_t addr, const void *buf, size_t len, struct lerr *e)
{
    struct eng_process *p = eng_cur_process(s);
    if (!p)
        return lerr_set(e, "No process");
    if (eng_not_live(p, "be written", e) < 0)
        return -1;
    return bp_sites_write(&p->sites, p->tp, addr, buf, len, e);
}

void eng_thread_name(struct session *s, struct eng_process *p, struct eng_thread *t, char *buf,
                     size_t size)
{
    (void)s;
    tgt_thread_name(p->tp, t->tid, buf, size);
}

void eng_exe_path(struct session *s, struct eng_process *p, char *buf, size_t size)
{
    (void)s;
    tgt_exe_path(p->tp, buf, size);
}

uint64_t eng_auxv_entry(struct session *s, struct eng_process *p, uint64_t type)
{
    (void)s;
    uint64_t v = 0;
    return tgt_auxv_entry(p->tp, type, &v) == 0 ? v : 0;
}

/* The breakpoints hear of it (their locations there go): the process is
 * no longer the session's, though it did not exit on its own. */
static void emit_left(struct session *s, struct eng_process *p)
{
    struct eng_event ev = {.kind = ENG_EVT_PROCESS_LEFT, .pid = p->pid, .tid = p->pid,
                           .proc_index = p->index};
    eng_emit(s, &ev);
}

int eng_detach_process(struct session *s, struct eng_process *p, struct lerr *e)
{
    int rc = 0;
    if (!eng_can(p, TGT_CAP_LIVE)) {
        eng_remove_process(s, p); /* a core file: nothing to let go */
        return 0;
    }
    /* nothing of ours stays behind: the program's bytes go back first,
     * and the debug registers are cleared */
    eng_pads_release(s, p);
    eng_ool_release(s, p);
    bp_sites_remove_all(&p->sites, p->tp);
    eng_hw_clear_for_detach(p);
    eng_watch_release(p);
    for (size_t i = 0; i < p->nthreads; i++) {
        struct eng_thread *t = p->threads[i];
        if (eng_flush_regs(p, t, e) < 0)
            rc = -1;
        /* The program's own pending signal goes with it. */
        if (tgt_detach(p->tp, t->tid, t->pending_sig, e) < 0)
            rc = -1;
    }
    emit_left(s, p);
    eng_remove_process(s, p);
    return rc;
}

int eng_kill_process(struct session *s, struct eng_process *p, struct lerr *e)
{
    if (!eng_can(p, TGT_CAP_LIVE)) {
        eng_remove_process(s, p); /* a core file: nothing to end */
        return 0;
    }
    tgt_kill(p->tp);
    /* threads already stopped on their way out stay there whatever is
     * sent: they are let go */
    eng_exits_release(p);
    /* Reap every thread until the leader is gone. */
    for (;;) {
        struct tgt_event ev;
        struct lerr local = {.code = LERR_NONE}, *we = e ? e : &local;
        if (s->be->wait(s->be, &ev, we) < 0) {
            if (we->code == LERR_INTERRUPTED)
                continue;
            break;
        }
        /* the other processes' events are theirs, for the run loop
         * (a vfork parent's VFORK_DONE when its child is killed) */
        struct eng_process *owner = NULL;
        eng_find_thread(s, ev.tid, &owner);
        if ((owner && owner != p) || (!owner && ev.pid && ev.pid != p->pid)) {
            eng_replay_later(s, &ev);
            continue;
        }
        if (ev.kind == TGT_EV_EXITING) {
            /* killed threads stop once more on their way out */
            tgt_resume(p->tp, ev.tid, TGT_CONT, 0, NULL);
            continue;
        }
        if ((ev.kind == TGT_EV_EXITED || ev.kind == TGT_EV_KILLED) && ev.tid == p->pid)
            break;
    }
    emit_left(s, p);
    eng_remove_process(s, p);
    return 0;
}

int eng_detach_all(struct session *s, struct lerr *e)
{
    int rc = 0;
    while (s->nprocs)
        if (eng_detach_process(s, s->procs[0], e) < 0)
            rc = -1;
    return rc;
}

int eng_kill_all(struct session *s, struct lerr *e)
{
    while (s->nprocs)
        eng_kill_process(s, s->procs[0], e);
    return 0;
}

int eng_let_go_all(struct session *s, struct lerr *e)
{
    int rc = 0;
    while (s->nprocs) {
        struct eng_process *p = s->procs[0];
        if (p->launched)
            eng_kill_process(s, p, NULL);
        else if (eng_detach_process(s, p, e) < 0)
            rc = -1;
    }
    return rc;
}

void eng_destroy(struct session *s)
{
    if (!s)
        return;
    /* Launched targets die with the session; attached ones live on. */
    eng_let_go_all(s, NULL);
    free(s->procs);
    free_argv(s->launch_argv);
    eng_set_load_filter(s, NULL, NULL);
    free(s);
}
