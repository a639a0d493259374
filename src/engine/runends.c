/* Events of the run loop that end something: a thread's or a process's
 * exit, and an exec (which ends every other thread of its process and the
 * old image with our traps). Moved out of run.c, which reads the events. */
#include "engine/internal.h"
#include "engine/runloop.h"
#include "engine/session.h"

void eng_run_exec(struct session *s, struct run *r, struct eng_process *p,
                  const struct tgt_event *ev, struct lerr *e)
{
    /* Every other thread is gone; the exec'ing thread is now the leader,
     * and the old address space with our traps and its modules. */
    while (p->nthreads)
        eng_remove_thread(p, p->threads[0]->tid);
    p->next_thread_index = 0;
    struct eng_thread *t = eng_add_thread(p, p->pid);
    tgt_reopen(p->tp, e);
    bp_sites_forget(&p->sites);
    eng_watch_forget(p);
    eng_ool_forget(p);
    p->ntraps = 0;
    p->r_debug = 0;
    p->vfork_lifted = 0;
    p->vfork_parent = 0;
    sym_remove_all(p->syms);
    char path[4096];
    tgt_exe_path(p->tp, path, sizeof path);
    struct eng_event evt = {.kind = ENG_EVT_EXEC, .pid = p->pid, .tid = ev->tid,
                            .proc_index = p->index, .path = path};
    eng_emit(s, &evt);
    eng_pads_forget(p); /* gone with the old image; read by the breakpoints above */
    eng_modules_initial(s, p);
    if (s->cur_proc >= 0 && eng_cur_process(s) == p)
        s->cur_tid = p->pid;
    if (r->decided && s->last_stop.pid == p->pid) {
        /* decided in a thread the exec has killed (the exec'ing one was
         * running): that stop is gone with it, the run goes on */
        r->decided = 0;
        r->stopping = 0;
    }
    if (!r->decided && !r->quiesce)
        eng_run_resume(p, t, TGT_CONT, 0, e);
}

void eng_run_thread_exit(struct session *s, struct run *r, struct eng_process *p,
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
        pid_t gone = t->tid;
        eng_remove_thread(p, gone);
        struct eng_thread *leader = eng_thread_by_index(p, 0);
        if (s->stop_on_thread_exit && !r->decided && leader) {
            eng_run_decide(s, r, p, leader, ENG_STOP_THREAD_EXIT, 0, NULL);
            s->last_stop.tid = gone;
            s->last_stop.code = ev->code;
        }
        return;
    }
    /* The leader is reported last: the whole process is gone. */
    struct eng_event evt = {.kind = ENG_EVT_PROCESS_EXIT, .pid = p->pid, .tid = ev->tid,
                            .proc_index = p->index, .code = ev->code,
                            .sig = killed ? ev->sig : 0};
    eng_emit(s, &evt);
    pid_t pid = p->pid;
    bp_sites_forget(&p->sites);
    eng_remove_process(s, p);
    /* the final break is the last process's exit (or any, with sxe epr);
     * a stop already decided in this process (its other threads ran on
     * to the end before they were stopped) becomes this one */
    int stale = r->decided && s->last_stop.pid == pid;
    if ((!r->decided || stale) && (s->nprocs == 0 || s->stop_on_proc_exit || stale)) {
        eng_run_decide(s, r, NULL, NULL, ENG_STOP_EXITED, killed ? ev->sig : 0, NULL);
        s->last_stop.pid = s->last_stop.tid = pid;
        s->last_stop.code = ev->code;
    }
}
