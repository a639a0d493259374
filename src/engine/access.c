/* Read access to the session's tables for what sits above the engine
 * (engine.h): the structures stay the engine's own. */
#include "engine/session.h"

size_t eng_nprocs(const struct session *s) { return s->nprocs; }
struct eng_process *eng_proc_at(const struct session *s, size_t i)
{
    return i < s->nprocs ? s->procs[i] : NULL;
}
pid_t eng_proc_pid(const struct eng_process *p) { return p->pid; }
int eng_proc_index(const struct eng_process *p) { return p->index; }
struct sym_space *eng_proc_syms(const struct eng_process *p) { return p->syms; }
int eng_proc_launched(const struct eng_process *p) { return p->launched; }
uint64_t eng_proc_r_debug(const struct eng_process *p) { return p->r_debug; }
int eng_proc_shares_parent(const struct eng_process *p) { return p->vfork_parent != 0; }
size_t eng_proc_nthreads(const struct eng_process *p) { return p->nthreads; }
struct eng_thread *eng_proc_thread_at(const struct eng_process *p, size_t i)
{
    return i < p->nthreads ? p->threads[i] : NULL;
}
pid_t eng_thread_tid(const struct eng_thread *t) { return t->tid; }
int eng_thread_index(const struct eng_thread *t) { return t->index; }
int eng_thread_frozen(const struct eng_thread *t) { return t->frozen; }
int eng_thread_suspend_count(const struct eng_thread *t) { return t->suspend; }
pid_t eng_cur_tid(const struct session *s) { return s->cur_tid; }
pid_t eng_event_tid(const struct session *s) { return s->event_tid; }
const struct eng_stop *eng_last_stop(const struct session *s) { return &s->last_stop; }

void eng_last_stop_is_step(struct session *s)
{
    s->last_stop.kind = ENG_STOP_STEP;
}
