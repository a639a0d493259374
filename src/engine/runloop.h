/* State of one run of the all-stop loop (run.c), shared with the files
 * that handle some of its events (run_data.c). Engine-private. */
#ifndef LINDBG_ENGINE_RUNLOOP_H
#define LINDBG_ENGINE_RUNLOOP_H

#include "engine/session.h"

struct run {
    int decided;
    int quiesce;  /* stop everything, then resume everything */
    int stopping; /* interrupts sent to the other threads */
};

/* Resumes t (system-call stops added while data breakpoints watch). */
int eng_run_resume(struct eng_process *p, struct eng_thread *t, enum tgt_resume how, int sig,
                   struct lerr *e);
/* This is the stop for the user: last_stop says why; t becomes current. */
void eng_run_decide(struct session *s, struct run *r, struct eng_process *p, struct eng_thread *t,
                    enum eng_stop_kind kind, int sig, const siginfo_t *si);

/* hits.c */
/* Thread t has reached site addr (its trap ran, or a step arrived there):
 * the engine's traps there are served, the user's breakpoints decide
 * unless the stop is decided already (then they decide on resume). Returns
 * why to stop (ENG_STOP_NONE: go on); *returned: a step's end came there
 * too. */
enum eng_stop_kind eng_take_hit(struct session *s, int decided, struct eng_process *p,
                                struct eng_thread *t, uint64_t addr, uint64_t sp, int *returned);
/* A stop for the user at a site of t's. */
void eng_decide_breakpoint(struct session *s, struct eng_process *p, struct eng_thread *t,
                           enum eng_stop_kind kind, uint64_t addr);
/* Hits of t (of any thread) left to decide when the target resumes: 1 when
 * one is the next stop. */
int eng_pending_stop(struct session *s, struct eng_process *p, struct eng_thread *t);
int eng_pending_hit_stops(struct session *s);
/* Asks the breakpoint hook whether thread t's hit stops (1). */
int eng_user_hit(struct session *s, struct eng_process *p, struct eng_thread *t,
                 const struct eng_hit *hit);

/* run_data.c */
/* A SIGSEGV on a page protected for watches: 1 when handled (0: the
 * program's own fault). `stepping`: t was single-stepping. */
int eng_run_watch_fault(struct session *s, struct run *r, struct eng_process *p,
                        struct eng_thread *t, const struct tgt_event *ev, int stepping,
                        struct lerr *e);
/* Steps the threads whose faulting instruction needs the page open (all
 * others are stopped). Returns 1 when one of them stops for the user. */
int eng_run_watch_steps(struct session *s, struct run *r, struct lerr *e);
/* A system-call stop. */
void eng_run_syscall(struct session *s, struct run *r, struct eng_process *p,
                     struct eng_thread *t, const struct tgt_event *ev, struct lerr *e);
/* At a call's exit: did the kernel write into a watched range? 1: a stop. */
int eng_run_kernel_write(struct session *s, struct run *r, struct eng_process *p,
                         struct eng_thread *t, const struct tgt_event *ev, struct lerr *e);

/* runends.c */
/* An exec: every other thread of p is gone, and its old image. */
void eng_run_exec(struct session *s, struct run *r, struct eng_process *p,
                  const struct tgt_event *ev, struct lerr *e);
/* The end of thread t, or, for the leader, of its whole process. */
void eng_run_thread_exit(struct session *s, struct run *r, struct eng_process *p,
                         struct eng_thread *t, const struct tgt_event *ev);

/* exits.c */
/* Thread t stopped on its way out (TGT_EV_EXITING): it goes on, or, dying
 * of a signal it did not handle, it is the second chance's stop. */
void eng_run_exiting(struct session *s, struct run *r, struct eng_process *p,
                     struct eng_thread *t, const struct tgt_event *ev, struct lerr *e);
/* A second chance that came while another stop was being decided is the
 * stop now (1), before anything runs. */
int eng_second_chance_due(struct session *s);
/* Whether giving sig to a thread of p first needs p's exits watched
 * (eng_exits_watch, done while every thread of p is stopped). */
int eng_exits_needed(const struct session *s, const struct eng_process *p, int sig);
void eng_exits_watch(struct eng_process *p);
/* Whether every thread of p but t is stopped (or ended). */
int eng_exits_others_stopped(const struct eng_process *p, const struct eng_thread *t);

#endif
