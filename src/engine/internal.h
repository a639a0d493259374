/* Engine-private helpers shared by process.c and run.c. */
#ifndef LINDBG_ENGINE_INTERNAL_H
#define LINDBG_ENGINE_INTERNAL_H

#include "engine/session.h"

void eng_emit(struct session *s, const struct eng_event *ev);
struct eng_process *eng_new_process(struct session *s, struct tgt_proc *tp, int launched);
struct eng_thread *eng_add_thread(struct eng_process *p, pid_t tid);
void eng_remove_thread(struct eng_process *p, pid_t tid);
void eng_remove_process(struct session *s, struct eng_process *p);
void eng_select(struct session *s, struct eng_process *p, pid_t tid);
int eng_flush_regs(struct eng_process *p, struct eng_thread *t, struct lerr *e);
int eng_detach_process(struct session *s, struct eng_process *p, struct lerr *e);
int eng_kill_process(struct session *s, struct eng_process *p, struct lerr *e);

/* traps.c */
int eng_trap_add(struct eng_process *p, enum eng_trap_kind kind, uint64_t addr, pid_t tid,
                 uint64_t sp, struct lerr *e);
void eng_trap_remove_kind(struct eng_process *p, enum eng_trap_kind kind);
/* Moves t past the site it stands on (rip == a site): emulated when the
 * instruction allows, else lifted, single-stepped and put back. Every other
 * thread must be stopped. Returns 0; 1 when the instruction faulted (the
 * signal is left for the run loop, the thread stays stopped); -1 when the
 * thread is gone. */
int eng_step_past_site(struct session *s, struct eng_process *p, struct eng_thread *t, int sig,
                       struct lerr *e);
/* Tries to emulate the instruction under the site at t's rip (no other
 * thread needs to stop). Returns 1 when done. */
int eng_emulate_at_site(struct eng_process *p, struct eng_thread *t);
int eng_thread_on_site(struct session *s, struct eng_process *p, struct eng_thread *t);

/* A new thread of p, announced; its first stop is yet to come. */
struct eng_thread *eng_thread_created(struct session *s, struct eng_process *p, pid_t tid);

/* The first stop of tid was already read by the run loop: 1, and forget it. */
int eng_take_early_stop(struct session *s, pid_t tid);

/* hwbreak.c */
void eng_hw_thread_started(struct eng_process *p, struct eng_thread *t);
void eng_hw_clear_for_detach(struct eng_process *p);
int eng_hw_fired(struct eng_process *p, struct eng_thread *t);

/* modules.c */
/* The modules mapped now (the program and the loader at the initial break;
 * everything after attach), from /proc/PID/maps, and the loader trap. */
void eng_modules_initial(struct session *s, struct eng_process *p);
/* Reads the loader's list after its trap fired; *loaded / *unloaded count
 * the changes. */
void eng_modules_sync(struct session *s, struct eng_process *p, int *loaded, int *unloaded);
/* Before a fork's child runs: our traps out of its memory, then let go. */
void eng_release_fork_child(struct session *s, struct eng_process *p, pid_t child, int vfork);
void eng_vfork_done(struct eng_process *p);

#endif
