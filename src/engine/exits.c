/* Threads on their way out (the target's TGT_EV_EXITING, a stop just
 * before a thread is gone). An ordinary exit goes on at once. A death by
 * a signal the program did not handle stops once more, WinDbg's second
 * chance: in the thread that took the signal, with every other thread of
 * the process stopped on its way out too, so that registers, memory and
 * stacks can still be read; the next resume lets the process end.
 *
 * Such a stop would cost every thread's exit (a fifth more time for a
 * program that only creates threads), so a process's exits are watched
 * from the first time one of its threads is given a signal whose default
 * action ends it: asked of every thread while all are stopped (threads
 * created later inherit it, threads whose first stop is still to come ask
 * at that stop). The leader must be among them: left to run into its
 * end, it could not be stopped, nor be reported before the thread held on
 * its way out. */
#include "engine/internal.h"
#include "engine/runloop.h"
#include "engine/session.h"

#include <signal.h>

/* A thread that has the second chance of its process to give (a stop was
 * already decided elsewhere when its exit came). */
#define EXITING_CHANCE_DUE 2

/* sxe and sxd stop at the second chance, sxn and sxi do not (WinDbg's
 * break statuses); SIGKILL never had a first chance to miss. */
static int second_chance_wanted(const struct session *s, int sig)
{
    if (sig <= 0 || sig >= ENG_NSIG || sig == SIGKILL)
        return 0;
    return s->sig_mode[sig] == ENG_SIG_STOP || s->sig_mode[sig] == ENG_SIG_SECOND;
}

/* Signals whose default action does not end the process. */
static int harmless_by_default(int sig)
{
    return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH ||
           sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

int eng_exits_needed(const struct session *s, const struct eng_process *p, int sig)
{
    return sig && !p->exit_watched && second_chance_wanted(s, sig) && !harmless_by_default(sig);
}

void eng_exits_watch(struct eng_process *p)
{
    p->exit_watched = 1;
    for (size_t i = 0; i < p->nthreads; i++)
        if (p->threads[i]->run == ENG_THREAD_STOPPED)
            tgt_watch_exit(p->tp, p->threads[i]->tid, NULL);
}

void eng_exits_thread_started(struct eng_process *p, struct eng_thread *t)
{
    if (p->exit_watched)
        tgt_watch_exit(p->tp, t->tid, NULL);
}

int eng_exits_others_stopped(const struct eng_process *p, const struct eng_thread *t)
{
    for (size_t i = 0; i < p->nthreads; i++)
        if (p->threads[i] != t && p->threads[i]->run != ENG_THREAD_STOPPED &&
            p->threads[i]->run != ENG_THREAD_ENDED)
            return 0;
    return 1;
}

/* Whether t is the thread that took the signal its process dies of: its
 * last resume delivered it. The others are killed by the same death and
 * say the same signal; when no thread was seen taking it, the first to
 * report is the one. */
static int took_it(const struct eng_process *p, const struct eng_thread *t, int sig)
{
    if (t->last_sig == sig)
        return 1;
    for (size_t i = 0; i < p->nthreads; i++)
        if (p->threads[i]->last_sig == sig)
            return 0;
    return 1;
}

static void decide(struct session *s, struct run *r, struct eng_process *p, struct eng_thread *t,
                   int sig)
{
    p->dying_sig = sig;
    t->exiting = 1;
    eng_run_decide(s, r, p, t, ENG_STOP_SECOND_CHANCE, sig,
                   t->sig_si.si_signo == sig ? &t->sig_si : NULL);
}

void eng_run_exiting(struct session *s, struct run *r, struct eng_process *p,
                     struct eng_thread *t, const struct tgt_event *ev, struct lerr *e)
{
    t->exiting = 1;
    t->pending_sig = 0; /* nothing can be delivered any more */
    t->stepping = 0;
    if (ev->sig && !p->dying_sig && second_chance_wanted(s, ev->sig)) {
        if (!took_it(p, t, ev->sig))
            return; /* waits, stopped, for the one that took it */
        if (!r->decided)
            decide(s, r, p, t, ev->sig);
        else {
            t->exiting = EXITING_CHANCE_DUE; /* the next resume stops first */
            t->last_sig = ev->sig;
        }
        return;
    }
    /* an exit with nothing to show goes on even while everything is being
     * stopped: held, it could keep another thread from ever stopping (an
     * exec waits for the other threads to be gone). Only a process giving
     * its second chance keeps its threads on their way out. */
    if (!p->dying_sig || (!r->decided && !r->quiesce))
        eng_run_resume(p, t, TGT_CONT, 0, e);
}

int eng_second_chance_due(struct session *s)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_process *p = s->procs[i];
        for (size_t j = 0; j < p->nthreads; j++) {
            struct eng_thread *t = p->threads[j];
            if (t->exiting == EXITING_CHANCE_DUE && !p->dying_sig) {
                struct run r = {0};
                decide(s, &r, p, t, t->last_sig);
                return 1;
            }
        }
    }
    return 0;
}

void eng_exits_release(struct eng_process *p)
{
    for (size_t i = 0; i < p->nthreads; i++)
        if (p->threads[i]->exiting)
            tgt_resume(p->tp, p->threads[i]->tid, TGT_CONT, 0, NULL);
}
