/* The engine's public face: what a front end (the command line, a DAP
 * server) and the breakpoint manager may call. The debugging session holds
 * processes, their threads, which one is current, and run control (go,
 * step, break-in, detach, kill) in all-stop mode: when one thread stops for
 * the user, every thread is stopped before the prompt.
 *
 * The engine never prints. What happens while the target runs (a thread is
 * created, a module is mapped, the process exits) is given to the event
 * callback; why the target stopped is eng_last_stop. Processes and threads
 * are opaque here (session.h has them, for the engine only). */
#ifndef LINDBG_ENGINE_ENGINE_H
#define LINDBG_ENGINE_ENGINE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "sym/symbols.h"
#include "target/target.h"
#include "util/err.h"

struct session;
struct eng_process;
struct eng_thread;

enum eng_stop_kind {
    ENG_STOP_NONE,
    ENG_STOP_INITIAL, /* right after exec of a launched program */
    ENG_STOP_ATTACH,  /* every thread of an attached process stopped */
    ENG_STOP_BREAKIN, /* Ctrl+C */
    ENG_STOP_STEP,    /* a single-step completed */
    ENG_STOP_SIGNAL,  /* a signal arrived (first chance) */
    ENG_STOP_TRAP,    /* a SIGTRAP that is not ours: the program's int3 */
    ENG_STOP_EXITED,  /* the process ended (final break) */
    ENG_STOP_MODLOAD, /* `sxe ld`: a module was loaded */
    ENG_STOP_MODUNLOAD, /* `sxe ud`: a module was unloaded */
    ENG_STOP_RETURNED, /* `p` over a call or `gu` came back */
    ENG_STOP_GOTO,     /* `g address` got there */
    ENG_STOP_BREAKPOINT, /* a user breakpoint triggered (addr) */
    ENG_STOP_PROCESS_CREATE, /* `sxe cpr`: a followed child was created */
    ENG_STOP_THREAD_CREATE,  /* `sxe ct` */
    ENG_STOP_THREAD_EXIT,    /* `sxe et` (code: exit code) */
    ENG_STOP_SECOND_CHANCE,  /* the process is dying of signal sig, which it
                              * did not handle: its threads are stopped on
                              * their way out (memory and registers still
                              * there); si: the first chance's, when known
                              * (si.si_signo == sig); `g` lets it end */
    ENG_STOP_CORE,    /* a core file opened: the signal that ended the
                       * process (sig, si; sig 0 when it was dumped alive) */
    ENG_STOP_CXX_THROW, /* `sxe eh`: a C++ exception is thrown (first
                         * chance): the thread stands at __cxa_throw's
                         * entry (addr), its arguments in rdi, rsi, rdx */
};

struct eng_stop {
    enum eng_stop_kind kind;
    pid_t pid, tid;
    int sig;      /* SIGNAL, TRAP, SECOND_CHANCE; EXITED when killed by a
                   * signal */
    int code;     /* EXITED: exit code */
    siginfo_t si; /* SIGNAL, TRAP, SECOND_CHANCE */
    uint64_t addr; /* BREAKPOINT: the site */
    int step_ended; /* BREAKPOINT: where a step ended too (it arrived on
                     * the breakpoint, or p's or gu's return came there) */
    char kernel[192]; /* BREAKPOINT by a kernel write: "read(3, ..., 256) = 256" */
};

enum eng_event_kind {
    ENG_EVT_MODLOAD,
    ENG_EVT_MODUNLOAD,
    ENG_EVT_THREAD_CREATE,
    ENG_EVT_THREAD_EXIT,
    ENG_EVT_PROCESS_EXIT,
    ENG_EVT_EXEC,
    ENG_EVT_SIGNAL, /* a signal passed on without stopping (sxn) */
    ENG_EVT_PROCESS_CREATE, /* a followed child (-o): code is the parent's pid */
    ENG_EVT_PROCESS_LEFT,   /* the session let the process go (.kill,
                             * .detach, .restart): its sites are gone */
    ENG_EVT_CXX_THROW,      /* `sxn eh`: a C++ exception thrown, passed on:
                             * start is its std::type_info, end the object */
};

struct eng_event {
    enum eng_event_kind kind;
    int proc_index, thread_index;
    pid_t pid, tid;
    int code, sig;          /* exits: code, or the signal that ended it */
    uint64_t start, end;    /* MODLOAD, MODUNLOAD */
    const char *path;       /* MODLOAD, MODUNLOAD, EXEC */
};

typedef void (*eng_event_fn)(void *ctx, const struct eng_event *ev);

/* A breakpoint hit as the engine saw it: a site's 0xCC, or a debug
 * register slot (then access and len are the slot's). */
struct eng_hit {
    uint64_t addr;
    int hw;
    int access;
    unsigned len;
};

/* A hit with the thread that made it, as the breakpoint hook sees it. */
struct eng_hit_at {
    struct eng_hit hit;
    pid_t pid, tid;
    int proc_index, thread_index;
};

/* What a signal does when it arrives (sx*), and, when the program does
 * not handle it and dies of it, whether a second chance stops first
 * (WinDbg's break statuses). */
enum eng_sig_mode {
    ENG_SIG_STOP,   /* sxe: stop, first chance; g passes it on; second
                     * chance stops too */
    ENG_SIG_NOTIFY, /* sxn: print a line and pass it on; no stop */
    ENG_SIG_IGNORE, /* sxi: pass it on silently; no stop */
    ENG_SIG_SECOND, /* sxd: print a line and pass it on; second chance
                     * stops */
};

#define ENG_NSIG 65

struct session *eng_create(eng_event_fn on_event, void *ctx);
/* Kills launched processes and detaches from attached ones. */
void eng_destroy(struct session *s);

/* Starts argv[0] stopped at its initial break; the command line is kept
 * for eng_launch_argv. With no other process in the session, the new one
 * is process 0 again. */
int eng_launch(struct session *s, char *const argv[], const struct tgt_launch_opts *o,
               struct lerr *e);
/* The command line of the last program launched, and its options (NULL:
 * the session launched none). */
char *const *eng_launch_argv(const struct session *s, struct tgt_launch_opts *o);
int eng_attach(struct session *s, pid_t pid, struct lerr *e);
/* postmortem.c: a core file opened as a process that does not run.
 * program (or NULL) stands for the core's program; *warnings (malloc'd,
 * or NULL: the caller frees) has lines to show once: files on disk that
 * do not match the core. */
int eng_open_core(struct session *s, const char *core, const char *program, char **warnings,
                  struct lerr *e);
/* 0 when every process of the session runs; else -1 with "Not supported:
 * the target is a core file, it cannot <what>" (what: "run", "be
 * written"...). */
int eng_check_live(struct session *s, const char *what, struct lerr *e);
int eng_proc_is_core(const struct eng_process *p);

struct eng_process *eng_cur_process(struct session *s);
struct eng_thread *eng_cur_thread(struct session *s);
struct eng_thread *eng_thread_by_index(struct eng_process *p, int index);
struct eng_thread *eng_find_thread(struct session *s, pid_t tid, struct eng_process **pp);

/* Registers of a stopped thread, read once per stop and cached; written
 * back before the thread runs when marked dirty (eng_regs_changed). */
struct user_regs_struct *eng_regs(struct session *s, struct eng_thread *t, struct lerr *e);
/* After the user changed t's registers (rip was old_ip before). */
void eng_regs_changed(struct eng_thread *t, uint64_t old_ip);
int eng_get_dreg(struct session *s, struct eng_thread *t, int idx, uint64_t *v, struct lerr *e);
int eng_set_dreg(struct session *s, struct eng_thread *t, int idx, uint64_t v, struct lerr *e);
int eng_get_fpregs(struct session *s, struct eng_thread *t, struct user_fpregs_struct *r,
                   struct lerr *e);

/* Memory of the current process, as the program sees it. */
int eng_read(struct session *s, uint64_t addr, void *buf, size_t len, size_t *got);
/* The same in process pid. */
int eng_read_in(struct session *s, pid_t pid, uint64_t addr, void *buf, size_t len, size_t *got);

/* 8 bytes of the current process (ctx: the session), for the unwinder. */
int eng_read_u64(void *ctx, uint64_t addr, uint64_t *v);

/* What expressions, symbols and memory look at for a moment (a condition
 * evaluated in the thread that hit): process pid, and its thread tid (0:
 * the thread stays). eng_view_end puts the user's choice back. */
struct eng_view {
    int proc;
    pid_t tid;
};
struct eng_view eng_view_begin(struct session *s, pid_t pid, pid_t tid);
void eng_view_end(struct session *s, struct eng_view saved);
int eng_write(struct session *s, uint64_t addr, const void *buf, size_t len, struct lerr *e);

enum eng_go_mode {
    ENG_GO,          /* `g`: pass a pending signal */
    ENG_GO_HANDLED,  /* `gh`: the signal is handled, do not deliver it */
};

/* Resumes every thread that is not frozen and waits until the target stops
 * for the user again (last_stop says why). */
int eng_go(struct session *s, enum eng_go_mode mode, struct lerr *e);
/* The same, also stopping (ENG_STOP_GOTO) when a thread of the current
 * process gets to one of addrs; nothing of it stays after the run. */
int eng_go_to(struct session *s, enum eng_go_mode mode, const uint64_t *addrs, size_t n,
              struct lerr *e);
/* Single-steps the current thread; the other threads stay stopped. A
 * breakpoint where the step arrives is reached (the hook decides: a
 * breakpoint stop, or the step's); one where the thread stands but has not
 * hit yet is hit first, and may stop before the step. */
int eng_step(struct session *s, struct lerr *e);
/* Async-signal-safe: asks the running target to stop (Ctrl+C); when
 * nothing runs, the next eng_go stops at once. */
void eng_breakin(struct session *s);
/* Forgets a Ctrl+C typed at the prompt (before a new command line). */
void eng_breakin_clear(struct session *s);
/* How many Ctrl+C came so far (answered or not): a command loop that
 * sees it change stops, whether or not the target ran meanwhile. */
unsigned eng_breakin_count(const struct session *s);

int eng_detach_all(struct session *s, struct lerr *e);
/* One process: detached (every trap out, the program's own pending signal
 * delivered) or killed and reaped; gone from the session either way. */
int eng_detach_process(struct session *s, struct eng_process *p, struct lerr *e);
int eng_kill_process(struct session *s, struct eng_process *p, struct lerr *e);
int eng_kill_all(struct session *s, struct lerr *e);
/* What q does, the session going on: launched processes are killed,
 * attached ones let go. -1 when one could not be detached (e: the last
 * reason; it is gone from the session all the same). */
int eng_let_go_all(struct session *s, struct lerr *e);

/* `p` over a call: when the current thread stands on a call, 1 with the
 * address it returns to and the stack pointer it will have then. */
int eng_call_return_point(struct session *s, uint64_t *ret, uint64_t *sp);
/* Runs until thread tid comes back to ret_addr with its stack pointer at or
 * above caller_sp (`p` over a call, `gu`: right under recursion). */
int eng_run_to_return(struct session *s, pid_t tid, uint64_t ret_addr, uint64_t caller_sp,
                      struct lerr *e);

/* Symbols of the current process (NULL when there is none). */
struct sym_space *eng_syms(struct session *s);

/* User breakpoint sites in process pid (reference counted with the
 * engine's own traps). */
int eng_user_site_add(struct session *s, pid_t pid, uint64_t addr, struct lerr *e);
void eng_user_site_remove(struct session *s, pid_t pid, uint64_t addr);
struct eng_process *eng_process_by_pid(struct session *s, pid_t pid);

/* Processor breakpoints: a debug-register slot in every thread of pid,
 * shared by breakpoints with the same address, access and length. A data
 * breakpoint that finds no slot (or s->hw_emulate) is emulated by page
 * protection; an execute one fails then. */
int eng_hw_add(struct session *s, pid_t pid, uint64_t addr, int access, unsigned len,
               struct lerr *e);
void eng_hw_remove(struct session *s, pid_t pid, uint64_t addr, int access, unsigned len);
/* Whether the processor breakpoint is emulated by page protection. */
int eng_hw_emulated(struct session *s, pid_t pid, uint64_t addr, int access, unsigned len);
/* Whether this machine's debug registers trap (target probe): 1, 0, -1;
 * 0 when the session's backend has none. */
int eng_probe_debug_registers(struct session *s, struct lerr *e);
/* Writes the process's debug registers into one thread (.apply_dbp). */
int eng_hw_apply(struct session *s, struct eng_thread *t, struct lerr *e);

/* Watches the resolver of an indirect function in process pid: when the
 * process calls it (the loader relocating, a lazy binding, dlsym), its
 * result goes to ifunc_hook and the watch ends. */
int eng_ifunc_watch(struct session *s, pid_t pid, uint64_t resolver, struct lerr *e);

/* The breakpoint manager's hooks (bp/manager.h): see bp_hook,
 * ifunc_hook and bp_event_hook in struct session. */
struct eng_bp_hooks {
    int (*hit)(void *ctx, const struct eng_hit_at *hit);
    void (*ifunc)(void *ctx, pid_t pid, uint64_t resolver, uint64_t target);
    eng_event_fn event;
    void (*pads_plan)(void *ctx, pid_t pid); /* see struct session; may be NULL */
    void (*pads_sync)(void *ctx, pid_t pid);
};
void eng_set_bp_hooks(struct session *s, const struct eng_bp_hooks *h, void *ctx);

/* Selection: process p and its thread tid become current, as `|Ns` and
 * `~Ns` make them. */
void eng_select(struct session *s, struct eng_process *p, pid_t tid);

/* `~Nf` / `~Nu`: a frozen thread stays stopped on `g`. */
void eng_thread_set_frozen(struct eng_thread *t, int frozen);
/* `~Nn` (+1) / `~Nm` (-1): the suspend count; the thread runs only at 0.
 * Returns -1 (nothing changed) when resuming one that is not suspended. */
int eng_thread_suspend(struct eng_thread *t, int delta);

/* Events that stop the target or only print (sxe / sxd). */
enum eng_filter {
    ENG_FILTER_LOAD,
    ENG_FILTER_UNLOAD,
    ENG_FILTER_PROC_CREATE,
    ENG_FILTER_PROC_EXIT,
    ENG_FILTER_THREAD_CREATE,
    ENG_FILTER_THREAD_EXIT,
};
void eng_set_event_stop(struct session *s, enum eng_filter f, int stop);
int eng_event_stops(const struct session *s, enum eng_filter f);
/* What signal sig does when it arrives (sx*). */
void eng_set_signal_mode(struct session *s, int sig, enum eng_sig_mode mode);
enum eng_sig_mode eng_signal_mode(const struct session *s, int sig);
/* `eh`, a C++ exception as it is thrown (first chance, at __cxa_throw):
 * sxd, the default, neither stops nor prints (an exception nothing
 * catches ends in SIGABRT: the signal's filter is its second chance);
 * sxe stops, sxn prints, sxi is silent. A trap of the engine's own sits
 * on __cxa_throw only under sxe and sxn. */
enum eng_eh_mode { ENG_EH_SECOND, ENG_EH_STOP, ENG_EH_NOTIFY, ENG_EH_IGNORE };
void eng_set_eh_mode(struct session *s, enum eng_eh_mode mode);
enum eng_eh_mode eng_eh_mode(const struct session *s);
/* -o, .childdbg: fork and vfork children become processes of the session. */
void eng_set_follow_children(struct session *s, int follow);
int eng_follows_children(const struct session *s);
/* Data breakpoints by page protection even where a debug register is free
 * (the registers do not fire here, or `.dbgregs emulate`). */
void eng_set_hw_emulate(struct session *s, int emulate);

/* `sxe ld:pattern` (NULL: any module). Fails on a bad pattern. */
int eng_set_load_filter(struct session *s, const char *pattern, struct lerr *e);

/* What the system says of a process: a thread's name ("" when unknown),
 * the program it runs ("" when unknown), an entry (AT_*) of its auxiliary
 * vector (0 when absent). */
void eng_thread_name(struct session *s, struct eng_process *p, struct eng_thread *t, char *buf,
                     size_t size);
void eng_exe_path(struct session *s, struct eng_process *p, char *buf, size_t size);
uint64_t eng_auxv_entry(struct session *s, struct eng_process *p, uint64_t type);

/* The backend the session controls processes with (target.h); the default
 * (ptrace) unless set before the first launch or attach. Fails once a
 * process is there. */
int eng_set_backend(struct session *s, const struct tgt_backend *be, struct lerr *e);

/* Reading the session's tables (access.c). Processes in creation order;
 * threads of a process in creation order. */
size_t eng_nprocs(const struct session *s);
struct eng_process *eng_proc_at(const struct session *s, size_t i);
pid_t eng_proc_pid(const struct eng_process *p);
int eng_proc_index(const struct eng_process *p);
struct sym_space *eng_proc_syms(const struct eng_process *p);
int eng_proc_launched(const struct eng_process *p); /* else attached */
/* The loader's struct r_debug (its module list), 0 when not known. */
uint64_t eng_proc_r_debug(const struct eng_process *p);
/* A vfork child before its exec: it shares its parent's memory. */
int eng_proc_shares_parent(const struct eng_process *p);
size_t eng_proc_nthreads(const struct eng_process *p);
struct eng_thread *eng_proc_thread_at(const struct eng_process *p, size_t i);
pid_t eng_thread_tid(const struct eng_thread *t);
int eng_thread_index(const struct eng_thread *t);
int eng_thread_frozen(const struct eng_thread *t);
int eng_thread_suspend_count(const struct eng_thread *t);
/* The current thread id as selected (it may have exited since), and the
 * thread of the last event. */
pid_t eng_cur_tid(const struct session *s);
pid_t eng_event_tid(const struct session *s);
/* Why the target stopped last. */
const struct eng_stop *eng_last_stop(const struct session *s);
/* A step that ended on a breakpoint whose stop has been shown: from now
 * on the stop is the step's. */
void eng_last_stop_is_step(struct session *s);

/* .dump (dump.c): an ELF core file of the current process at path, all
 * its stopped threads, as GDB's gcore and the kernel write one. The
 * target is only read. An existing file is refused unless
 * ENG_DUMP_OVERWRITE. */
enum { ENG_DUMP_FULL = 1u << 0,      /* /ma: file-backed pages too */
       ENG_DUMP_OVERWRITE = 1u << 1 /* /o */ };
int eng_dump(struct session *s, const char *path, unsigned flags, struct lerr *e);

/* Process list helpers. */
int eng_has_process(const struct session *s);

/* memmap.c: the current process's mappings in address order (freed by
 * tgt_map_free, even on failure). */
int eng_memory_map(struct session *s, struct tgt_map *out, struct lerr *e);

/* procinfo.c: a process's start and CPU times, and its command line with
 * blanks between the arguments (as long as it fits). 0, or -1 with e set
 * (a target that cannot tell: a core file has no times). */
int eng_proc_times(struct eng_process *p, struct tgt_proc_times *out, struct lerr *e);
int eng_proc_cmdline(struct eng_process *p, char *buf, size_t size, struct lerr *e);

/* pads.c: breakpoints decided in the target, planted for one run from
 * the session's pads_plan hook (every thread stopped). */
struct x86_pad_counters;
struct eng_pad_request {
    uint64_t addr;           /* a user breakpoint's site */
    uint64_t fstart, flen;   /* the function it is in: nothing may jump
                              * into the bytes a pad's jump covers */
    uint64_t cold_start, cold_len; /* its `.cold` part (gcc), 0: none */
    uint64_t fs_filter;      /* nonzero: only the thread with this thread
                              * pointer decides; the others go on */
    const uint8_t *cond;     /* compiled condition (condcomp.h), or NULL */
    size_t cond_len;
    int passes;              /* run the pass count down in the target */
    int action;              /* enum x86_pad_action */
};
/* A counter block in pid's memory shared with lindbg, for this run (they
 * all go at the next plan). NULL with e set when none can be had. */
struct x86_pad_counters *eng_pad_counters(struct session *s, pid_t pid, struct lerr *e);
/* Turns the site at rq->addr into a jump to a pad that decides as rq says,
 * counting in c. 0, or -1 with why not in e ("Not planted: ..."): the
 * site stays an int3, decided by lindbg. */
int eng_pad_plant(struct session *s, pid_t pid, const struct eng_pad_request *rq,
                  struct x86_pad_counters *c, struct lerr *e);
/* Whether the site at addr of pid was planted for the last run. */
int eng_pads_planted(struct session *s, pid_t pid, uint64_t addr);
/* The pad at addr of pid goes back to an int3 for the rest of the run. */
void eng_pad_unplant(struct session *s, pid_t pid, uint64_t addr);
/* The thread pointer (fs base) of thread `index` of pid, 0 when unknown
 * or when fs:0 does not hold it (the pad compares fs:0). */
uint64_t eng_thread_pointer(struct session *s, pid_t pid, int index);

#endif
