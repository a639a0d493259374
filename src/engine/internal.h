/* Engine-private helpers shared by process.c and run.c. */
#ifndef LINDBG_ENGINE_INTERNAL_H
#define LINDBG_ENGINE_INTERNAL_H

#include "arch/x86_64/emulate.h"
#include "engine/session.h"

void eng_emit(struct session *s, const struct eng_event *ev);
/* Whether p's backend has every capability in caps (enum tgt_cap bits). */
static inline int eng_can(const struct eng_process *p, unsigned caps)
{
    return (p->be->caps & caps) == caps;
}
/* 0 when p runs (or is NULL); else -1 with "Not supported: the target is a
 * core file, it cannot <what>" (postmortem.c). */
int eng_not_live(const struct eng_process *p, const char *what, struct lerr *e);
struct eng_process *eng_new_process(struct session *s, struct tgt_proc *tp, int launched);
struct eng_thread *eng_add_thread(struct eng_process *p, pid_t tid);
void eng_remove_thread(struct eng_process *p, pid_t tid);
void eng_remove_process(struct session *s, struct eng_process *p);
int eng_flush_regs(struct eng_process *p, struct eng_thread *t, struct lerr *e);
/* Memory of p as the program sees it (our traps hidden); got may be NULL. */
int eng_read_program(struct eng_process *p, uint64_t addr, void *buf, size_t len, size_t *got);
/* eng_regs when the process is known. */
struct user_regs_struct *eng_regs_of(struct eng_process *p, struct eng_thread *t, struct lerr *e);
/* exits.c: lets p's threads that stand on their way out go on (a SIGKILL
 * does not move them). */
void eng_exits_release(struct eng_process *p);
/* A thread's first stop: its exit is watched if its process's are. */
void eng_exits_thread_started(struct eng_process *p, struct eng_thread *t);

/* traps.c */
/* Memory of p for the instruction emulators (arch/x86_64): reads see the
 * program's bytes, not our traps; writes keep the traps in place. */
struct x86_mem eng_program_memory(struct eng_process *p);
/* An event of a thread stepped alone, handed back to the run loop. */
void eng_replay_later(struct session *s, const struct tgt_event *ev);
int eng_trap_add(struct eng_process *p, enum eng_trap_kind kind, uint64_t addr, pid_t tid,
                 uint64_t sp, struct lerr *e);
void eng_trap_remove_kind(struct eng_process *p, enum eng_trap_kind kind);
/* The first trap of this kind at addr (index into p->traps), or -1. */
long eng_trap_find(const struct eng_process *p, enum eng_trap_kind kind, uint64_t addr);
void eng_trap_remove_at(struct eng_process *p, size_t i);
/* ifunc.c: a watched resolver called (ENG_TRAP_IFUNC) or returning
 * (ENG_TRAP_IFUNC_RETURN) in thread t; never a stop. */
void eng_ifunc_trap(struct session *s, struct eng_process *p, struct eng_thread *t, uint64_t addr);
/* cxxthrow.c: plants a __cxa_throw trap in p at the definition of each
 * of its modules from index `from` on (all at start, those just loaded
 * after a load) when eh stops or prints; a thread of p got
 * to it: ENG_STOP_CXX_THROW under sxe, else the event under sxn and
 * ENG_STOP_NONE. */
void eng_eh_arm(struct session *s, struct eng_process *p, size_t from);
enum eng_stop_kind eng_eh_thrown(struct session *s, struct eng_process *p, struct eng_thread *t);
/* Moves t past the site it stands on (rip == a site): sent to its copy
 * (*sig is left for the resume, which delivers it after the instruction,
 * see eng_ool_before_signal), or, without a signal, emulated when the
 * instruction allows; else lifted, single-stepped with *sig and put back
 * (*sig becomes 0). Every other thread must be stopped.
 * Returns 0; 1 when the instruction faulted (the signal is left for the run
 * loop, the thread stays stopped); -1 when the thread is gone. */
int eng_step_past_site(struct session *s, struct eng_process *p, struct eng_thread *t, int *sig,
                       struct lerr *e);
/* Moves t past the site at its rip without stopping any other thread: to
 * the out-of-line copy of the instruction, or past it by emulation.
 * Returns 1 when done (t's registers changed: resume it). */
int eng_pass_site_alone(struct eng_process *p, struct eng_thread *t);
int eng_thread_on_site(struct session *s, struct eng_process *p, struct eng_thread *t);

/* A new thread of p, announced; its first stop is yet to come. */
struct eng_thread *eng_thread_created(struct session *s, struct eng_process *p, pid_t tid);

/* The first stop of tid was already read by the run loop: 1, and forget it. */
int eng_take_early_stop(struct session *s, pid_t tid);

/* hwbreak.c */
void eng_hw_thread_started(struct eng_process *p, struct eng_thread *t);
void eng_hw_clear_for_detach(struct eng_process *p);
int eng_hw_fired(struct eng_process *p, struct eng_thread *t);
/* The data breakpoints (w, r) of p, in debug registers or emulated, as the
 * hits they would make: up to max written, how many returned. */
int eng_data_watches(const struct eng_process *p, struct eng_hit *out, int max);

/* inject.c */
/* The stopped thread of p best placed to make a system call for lindbg:
 * at an ordinary stop, else at a system call's entry, else inside a clone
 * or fork (eng_remote_syscall finishes that call first). NULL: none. */
struct eng_thread *eng_syscall_thread(struct eng_process *p);
/* Runs system call nr(a0, ..., a5) in stopped thread t on the debugger's
 * behalf; its registers are restored after. */
int eng_remote_syscall(struct eng_process *p, struct eng_thread *t, long nr, const uint64_t a[6],
                       int64_t *ret, struct lerr *e);

/* outofline.c: instructions under traps run from copies */
/* Maps a page (read and execute) in p through stopped thread t, as near
 * to `near` as the address space allows, where the program's own layout
 * is not disturbed: its address, or 0. */
uint64_t eng_ool_map_near(struct eng_process *p, struct eng_thread *t, uint64_t near);
/* Sends t (on a site, registers read) to the copy of the site's
 * instruction, made at the first hit. 1 when done. */
int eng_ool_enter(struct eng_process *p, struct eng_thread *t);
/* When t's rip is in a copy: back to the program's address (after the
 * instruction when it ran; on the site when it did not, only with
 * before_too). 1 when rip changed. */
int eng_ool_translate(struct eng_process *p, struct eng_thread *t, int before_too);
/* Before signal delivery to t: a thread at the start of a copy steps its
 * instruction first, so that the handler's frame holds the program's
 * address after it (not the copy's, which goes with the session, nor the
 * site's, whose trap would be hit again: with signals coming faster than
 * a stop, a thread would never get past it). -1: t is gone or reported
 * another event (replayed); do not resume it. */
int eng_ool_before_signal(struct session *s, struct eng_process *p, struct eng_thread *t);
/* A site that had copy `slot` is gone: the slot is reused once settled. */
void eng_ool_site_gone(struct eng_process *p, uint64_t slot);
/* Every thread of p is stopped: none left in a copy, released slots free. */
void eng_ool_settle(struct session *s, struct eng_process *p);
/* Detach: settled, then the pages unmapped. */
void eng_ool_release(struct session *s, struct eng_process *p);
/* The copies of the pages in a fork child (its only thread stopped) are
 * unmapped; a signal that came meanwhile goes to *pending_sig. */
void eng_ool_release_child(struct eng_process *p, struct tgt_proc *child, int *pending_sig);
/* After exec (the pages went with the address space). */
void eng_ool_forget(struct eng_process *p);

/* pads.c: in-target breakpoints (see engine.h for planting) */
int eng_pads_contain(struct eng_process *p, uint64_t addr);
/* A plan of every process (only NULL), or of one. */
void eng_pads_plan_begin(struct session *s, struct eng_process *only);
void eng_pads_plan_end(struct session *s, struct eng_process *only);
/* p's modules changed during a run: when its only thread is the one
 * stopped (a program before its threads, at the loader's trap), its pads
 * are planned again now, so that breakpoints in libraries it has just
 * loaded are decided in the target from this run on. */
void eng_pads_replan(struct session *s, struct eng_process *p);
/* A pad whose jump covers addr goes back to an int3 (another trap is
 * wanted there); all of p's pads (a vfork shares the memory). */
void eng_pads_unplant_at(struct eng_process *p, uint64_t addr);
void eng_pads_unplant_all(struct eng_process *p);
/* The site whose pad has its int3 at addr, or 0. */
uint64_t eng_pad_trap_site(struct eng_process *p, uint64_t addr);
/* t faulted in a pad (before its copy): its registers are put back as at
 * the site (t->regs, dirty); the site, or 0 when the fault is not a pad's.
 * *in_condition: a read of the condition faulted (the hit is lindbg's to
 * decide); else the pad pushed onto a stack at its end, or read fs:0
 * where there is none: the pad is taken out, and the program's
 * instruction runs at the site as it would have. */
uint64_t eng_pad_fault(struct eng_process *p, struct eng_thread *t, int *in_condition);
/* t (stopped) is moved out of any pad, to the program's address. 0, or -1
 * when it ended or reported another event (replayed). */
int eng_pad_settle_thread(struct session *s, struct eng_process *p, struct eng_thread *t);
/* A full stop: no thread in a pad, every pad taken out. */
void eng_pads_suspend(struct session *s, struct eng_process *p);
/* Detach: suspended, then its pages and counters unmapped. */
void eng_pads_release(struct session *s, struct eng_process *p);
/* A fork child (its only thread stopped): the program's bytes under the
 * jumps, the pages and the shared counters out of it. */
void eng_pads_release_child(struct eng_process *p, struct tgt_proc *child, int *pending_sig);
/* The address space is gone (exec, exit): only lindbg's side freed. */
void eng_pads_forget(struct eng_process *p);
/* Replaces a planted jump's bytes in buf (read from addr) by the program's. */
void eng_pads_hide(const struct eng_process *p, uint64_t addr, uint8_t *buf, size_t len);

/* pagewatch.c: data breakpoints by page protection */
int eng_watch_add(struct session *s, struct eng_process *p, uint64_t addr, int access,
                  unsigned len, struct lerr *e);
/* 1 when such a watch was there (and its reference dropped). */
int eng_watch_remove(struct session *s, struct eng_process *p, uint64_t addr, int access,
                     unsigned len);
enum eng_watch_fault_result {
    ENG_WATCH_NOT_OURS,   /* a fault of the program's own */
    ENG_WATCH_EMULATED,   /* the access was performed by lindbg: t is past it */
    ENG_WATCH_NEEDS_STEP, /* to be stepped with the page open (eng_watch_step) */
    ENG_WATCH_REAL_FAULT, /* eng_watch_step: the instruction faults anyway */
};
/* A SIGSEGV of t at `fault`. The watches the access matched go to hits. */
enum eng_watch_fault_result eng_watch_fault(struct eng_process *p, struct eng_thread *t,
                                            uint64_t fault, struct eng_hit *hits, int max,
                                            int *nhits);
/* Steps t over its faulting instruction with every watched page open, then
 * protects them again. Every other thread must be stopped. Returns
 * ENG_WATCH_EMULATED (done), ENG_WATCH_REAL_FAULT, or -1 (thread gone). */
int eng_watch_step(struct session *s, struct eng_process *p, struct eng_thread *t,
                   struct eng_hit *hits, int max, int *nhits, siginfo_t *si, struct lerr *e);
/* A SIGSEGV at addr, on a page lindbg has given back to the program since
 * (readable and writable now): raised before, reported after; the access
 * is to run again. */
int eng_watch_stale_fault(struct eng_process *p, uint64_t addr);
/* Whether addr lies on a page protected for watches. */
int eng_watch_page(const struct eng_process *p, uint64_t addr);
/* At a system call's entry: opens the watched pages under its buffers. */
void eng_watch_syscall_entry(struct eng_process *p, struct eng_thread *t);
/* At its exit: protects them again. Returns 1 when the call failed with
 * EFAULT on a watched page and was sent back to run again with the pages
 * open (t's registers changed: resume it). */
int eng_watch_syscall_exit(struct eng_process *p, struct eng_thread *t, int64_t ret);
/* A thread that ended inside a system call: the pages it held open go. */
void eng_watch_thread_gone(struct eng_process *p, struct eng_thread *t);
/* After the program's own mprotect, munmap, mmap or mremap over
 * [start, start+len): its new protection is kept, ours put back. */
void eng_watch_memory_changed(struct eng_process *p, struct eng_thread *t, uint64_t start,
                              uint64_t len);
/* Every page back to the program's protection (detach); a fork child's
 * copy of them (its only thread stopped; shared: a vfork child, whose
 * memory is the parent's until eng_watch_reapply). A signal that arrived
 * for the child meanwhile goes to *pending_sig. */
void eng_watch_release(struct eng_process *p);
void eng_watch_release_child(struct eng_process *p, struct tgt_proc *child, int shared,
                             int *pending_sig);
void eng_watch_reapply(struct eng_process *p);
/* After exec: the address space is new. */
void eng_watch_forget(struct eng_process *p);
/* modules.c */
/* The modules mapped now (the program and the loader at the initial break;
 * everything after attach), from the target's map of the address space,
 * and the loader trap. */
void eng_modules_initial(struct session *s, struct eng_process *p);
/* Reads the loader's list after its trap fired; *loaded / *unloaded count
 * the changes. */
void eng_modules_sync(struct session *s, struct eng_process *p, int *loaded, int *unloaded);
/* children.c */
/* Before a fork's child runs: our traps out of its memory, then let go. */
void eng_release_fork_child(struct session *s, struct eng_process *p, pid_t child, int vfork);
/* The same, then the child becomes a process of the session (-o): its
 * creation is announced (ENG_EVT_PROCESS_CREATE), then its modules. */
struct eng_process *eng_follow_fork_child(struct session *s, struct eng_process *p, pid_t child,
                                          int vfork);
/* One or the other, as s->follow_children says; the followed child, or
 * NULL. */
struct eng_process *eng_fork_child(struct session *s, struct eng_process *p, pid_t child,
                                   int vfork);
void eng_vfork_done(struct eng_process *p);

#endif
