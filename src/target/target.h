/* How a process is controlled. The engine sees only this interface: raw stop
 * events, memory, registers, debug registers, resume and wait, and what the
 * system says of the process (its mappings, program, threads). A backend is
 * a static table (struct tgt_backend) with its capabilities; the Linux
 * ptrace backend lives in ptrace.c and procfs.c; another (GDB remote
 * protocol, a core file, a fault-injecting test backend) fills the same
 * tables. */
#ifndef LINDBG_TARGET_TARGET_H
#define LINDBG_TARGET_TARGET_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "util/err.h"

enum tgt_event_kind {
    TGT_EV_SIGNAL,    /* signal-delivery stop: sig and si are set */
    TGT_EV_INTERRUPT, /* an interrupt stop, a new thread's first stop, or a
                       * group-stop (sig is the stopping signal then) */
    TGT_EV_CLONE,     /* tid created the thread new_tid */
    TGT_EV_EXEC,      /* tid (now the leader) completed an execve */
    TGT_EV_FORK,      /* tid forked (vfork set: vforked) the process new_tid */
    TGT_EV_VFORK_DONE, /* the vfork child of tid exec'd or exited */
    TGT_EV_SYSCALL,   /* a system-call stop (PTRACE_SYSCALL): sc_exit tells
                       * entry from exit, sc_ret is the exit's result */
    TGT_EV_EXITED,    /* tid exited with `code` */
    TGT_EV_KILLED,    /* tid was ended by signal `sig` */
    TGT_EV_EXITING,   /* tid is about to exit (memory and registers still
                       * readable): with `code`, or, when sig is set, by
                       * signal sig (the whole process dies of it) */
};

/* What a signal stop means, decoded by the backend from the system's own
 * codes (Linux's si_code), so that the engine never reads them. */
enum tgt_sig_cause {
    TGT_CAUSE_SENT,      /* sent by a process (kill, tkill, sigqueue) */
    TGT_CAUSE_KERNEL,    /* sent by the kernel, not for an instruction (a
                          * terminal's Ctrl+C, a child's end) */
    TGT_CAUSE_INT3,      /* SIGTRAP: an int3 ran; rip is one past it */
    TGT_CAUSE_STEP,      /* SIGTRAP: a single-step ended */
    TGT_CAUSE_STEP_AT_SYSCALL, /* SIGTRAP: a step reported at a system
                          * call's exit, maybe before any instruction ran */
    TGT_CAUSE_DEBUG_REG, /* SIGTRAP: a debug register fired (DR6 says which) */
    TGT_CAUSE_ACCESS,    /* SIGSEGV: the page's protection refused the access
                          * (si.si_addr) */
    TGT_CAUSE_FAULT,     /* another fault an instruction raised (SIGSEGV,
                          * SIGBUS, SIGILL, SIGFPE) */
};

struct tgt_event {
    enum tgt_event_kind kind;
    pid_t tid;
    pid_t pid; /* thread group of tid when known, else 0 */
    int sig;
    int code;
    pid_t new_tid;
    siginfo_t si; /* TGT_EV_SIGNAL only: what the program's handler gets */
    enum tgt_sig_cause cause; /* TGT_EV_SIGNAL only */
    int group_stop; /* TGT_EV_INTERRUPT caused by a stopping signal */
    int vfork;      /* TGT_EV_FORK */
    int sc_exit;    /* TGT_EV_SYSCALL */
    int64_t sc_ret; /* exit: the result */
    long sc_nr;     /* entry: the call number */
    int requeued;   /* TGT_EV_SIGNAL: a signal the debugger passed on that
                     * had to be sent again (resumed from a stop that could
                     * not take it): to deliver, not to report */
};

enum tgt_resume {
    TGT_CONT,
    TGT_STEP,
    TGT_SYSCALL, /* run, stopping at each system call's entry and exit */
};

struct tgt_proc;

/* One mapping of a process's address space. */
struct tgt_region {
    uint64_t start, end;
    uint64_t offset; /* into the mapped file */
    int prot;        /* PROT_READ | PROT_WRITE | PROT_EXEC */
    int shared;      /* MAP_SHARED */
    char *path;      /* the file, "[vdso]", "[stack]"...; "" when anonymous */
    unsigned flags;  /* enum tgt_region_flag: only read_dump_map fills them */
};

/* What the system says of a mapping beyond maps' line, for a core: which
 * the kernel's own dump leaves out or leaves empty. */
enum tgt_region_flag {
    TGT_REGION_DONTDUMP = 1u << 0,  /* madvise(MADV_DONTDUMP) (VM_DONTDUMP) */
    TGT_REGION_IO = 1u << 1,        /* device memory (VM_IO): never read */
    TGT_REGION_PFNMAP = 1u << 2,    /* raw page frames (VM_PFNMAP): no page
                                     * behind them to read */
    TGT_REGION_UNTOUCHED = 1u << 3, /* not one page resident or swapped */
};

/* The address space, regions in address order (freed by tgt_map_free). */
struct tgt_map {
    struct tgt_region *r;
    size_t n;
};

/* For backends that see Linux's signal information (ptrace, a core file):
 * the cause of a signal stop from the signal and its si_code. */
enum tgt_sig_cause tgt_signal_cause(int sig, int si_code);
/* Whether the stop is a fault an instruction raised (it faults again if
 * run again). */
int tgt_event_is_fault(const struct tgt_event *ev);

void tgt_map_free(struct tgt_map *m);
/* The region holding addr, or NULL. */
const struct tgt_region *tgt_map_find(const struct tgt_map *m, uint64_t addr);

/* A backend's operations on one process. Every one takes the backend's own
 * handle for the process (per thread: the handle and the thread), so that
 * a backend with state of its own (a connection) reaches it. The engine
 * calls them through the tgt_* functions below; struct tgt_proc is the
 * backends' (target/backend.h). */
/* A process's times, in nanoseconds. */
struct tgt_proc_times {
    uint64_t start_since_boot; /* when it started, counted from the boot */
    uint64_t user, sys;        /* CPU time it used, in user mode and in the kernel */
};

struct tgt_ops {
    const char *name;
    /* Memory of the process; `got` receives how much was read before the
     * first unreadable byte. Returns 0 when everything was read. */
    int (*read_mem)(struct tgt_proc *p, uint64_t addr, void *buf, size_t len, size_t *got);
    /* Writes even to pages the process cannot write (its code). */
    int (*write_mem)(struct tgt_proc *p, uint64_t addr, const void *buf, size_t len,
                     struct lerr *e);
    int (*get_regs)(struct tgt_proc *p, pid_t tid, struct user_regs_struct *r, struct lerr *e);
    int (*set_regs)(struct tgt_proc *p, pid_t tid, const struct user_regs_struct *r, struct lerr *e);
    int (*get_fpregs)(struct tgt_proc *p, pid_t tid, struct user_fpregs_struct *r, struct lerr *e);
    int (*set_fpregs)(struct tgt_proc *p, pid_t tid, const struct user_fpregs_struct *r, struct lerr *e);
    int (*get_dreg)(struct tgt_proc *p, pid_t tid, int idx, uint64_t *v, struct lerr *e);
    int (*set_dreg)(struct tgt_proc *p, pid_t tid, int idx, uint64_t v, struct lerr *e);
    /* The thread's blocked signals (bit n-1: signal n). */
    int (*get_sigmask)(struct tgt_proc *p, pid_t tid, uint64_t *mask, struct lerr *e);
    int (*set_sigmask)(struct tgt_proc *p, pid_t tid, uint64_t mask, struct lerr *e);
    int (*resume)(struct tgt_proc *p, pid_t tid, enum tgt_resume how, int sig, struct lerr *e);
    int (*detach)(struct tgt_proc *p, pid_t tid, int sig, struct lerr *e);
    int (*kill)(struct tgt_proc *p);
    /* After exec the old memory handle is stale. */
    int (*reopen)(struct tgt_proc *p, struct lerr *e);
    void (*close)(struct tgt_proc *p);

    /* What the process is, as the system sees it. */
    /* Its mappings now (out is freed by tgt_map_free even on failure). */
    int (*read_map)(struct tgt_proc *p, struct tgt_map *out, struct lerr *e);
    /* The program it runs: 0 and the path in buf, or -1 and buf "". */
    int (*exe_path)(struct tgt_proc *p, char *buf, size_t size);
    /* The name a thread gave itself (prctl PR_SET_NAME); "" when unknown. */
    int (*thread_name)(struct tgt_proc *p, pid_t tid, char *buf, size_t size);
    /* The process a thread belongs to, 0 when unknown (a clone event's new
     * thread may be a new process: CLONE_THREAD not set). */
    pid_t (*thread_group)(struct tgt_proc *p, pid_t tid);
    /* Whether the thread has ended though its end is not reported yet: a
     * thread-group leader that exited (pthread_exit in main) is reported
     * only after the rest of its group, and cannot stop meanwhile. */
    int (*thread_ended)(struct tgt_proc *p, pid_t tid);
    /* One entry (AT_*) of the auxiliary vector the kernel gave the
     * program: 0 with *val, or -1 when it is not there. */
    int (*auxv_entry)(struct tgt_proc *p, uint64_t type, uint64_t *val);
    /* The file `name` stands for in the process (relative names from its
     * working directory), absolute with every link resolved: 0, or -1 when
     * it names no file (the vdso). */
    int (*real_path)(struct tgt_proc *p, const char *name, char *out, size_t size);
    /* From now on the stopped thread tid stops on its way out
     * (TGT_EV_EXITING), where a death by signal can still be looked at.
     * Off until asked: it would cost every thread's exit a stop. NULL when
     * the backend cannot. */
    int (*watch_exit)(struct tgt_proc *p, pid_t tid, struct lerr *e);

    /* For writing a core (.dump). Optional: NULL when the backend has
     * none (the tgt_* call fails then). */
    /* The thread's XSAVE area as the kernel gives it (NT_X86_XSTATE):
     * *got bytes of it into buf. */
    int (*get_xstate)(struct tgt_proc *p, pid_t tid, void *buf, size_t size, size_t *got,
                      struct lerr *e);
    /* The auxiliary vector's raw bytes, up to and with AT_NULL. */
    int (*read_auxv)(struct tgt_proc *p, void *buf, size_t size, size_t *got);
    /* The command line as the process has it now: its arguments, each
     * ended by a NUL (*got bytes, at most size). */
    int (*read_cmdline)(struct tgt_proc *p, char *buf, size_t size, size_t *got);
    /* read_map with each region's flags (enum tgt_region_flag). Slower
     * than read_map (the system counts every mapping's pages). */
    int (*read_dump_map)(struct tgt_proc *p, struct tgt_map *out, struct lerr *e);
    /* Which of npages pages from addr (page-aligned) hold memory: present
     * or swapped out (1), or never touched (0; they read as zeros, and
     * reading would make the system map them). Reads no page. */
    int (*pages_present)(struct tgt_proc *p, uint64_t addr, size_t npages, unsigned char *out);
    /* The process's real parent (not its tracer), 0 when unknown. */
    pid_t (*parent_pid)(struct tgt_proc *p);
    /* When the process started (since the system booted) and the CPU time
     * it used, for vertarget and .time. Optional. */
    int (*proc_times)(struct tgt_proc *p, struct tgt_proc_times *out);
};

/* The engine's calls into a process's backend: each is its tgt_ops
 * method (see above) on the handle p. */
pid_t tgt_pid(const struct tgt_proc *p);
int tgt_read_mem(struct tgt_proc *p, uint64_t addr, void *buf, size_t len, size_t *got);
int tgt_write_mem(struct tgt_proc *p, uint64_t addr, const void *buf, size_t len,
                  struct lerr *e);
int tgt_get_regs(struct tgt_proc *p, pid_t tid, struct user_regs_struct *r, struct lerr *e);
int tgt_set_regs(struct tgt_proc *p, pid_t tid, const struct user_regs_struct *r,
                 struct lerr *e);
int tgt_get_fpregs(struct tgt_proc *p, pid_t tid, struct user_fpregs_struct *r, struct lerr *e);
int tgt_set_fpregs(struct tgt_proc *p, pid_t tid, const struct user_fpregs_struct *r,
                   struct lerr *e);
int tgt_get_dreg(struct tgt_proc *p, pid_t tid, int idx, uint64_t *v, struct lerr *e);
int tgt_set_dreg(struct tgt_proc *p, pid_t tid, int idx, uint64_t v, struct lerr *e);
int tgt_get_sigmask(struct tgt_proc *p, pid_t tid, uint64_t *mask, struct lerr *e);
int tgt_set_sigmask(struct tgt_proc *p, pid_t tid, uint64_t mask, struct lerr *e);
int tgt_resume(struct tgt_proc *p, pid_t tid, enum tgt_resume how, int sig, struct lerr *e);
int tgt_detach(struct tgt_proc *p, pid_t tid, int sig, struct lerr *e);
int tgt_kill(struct tgt_proc *p);
int tgt_reopen(struct tgt_proc *p, struct lerr *e);
void tgt_close(struct tgt_proc *p);
int tgt_read_map(struct tgt_proc *p, struct tgt_map *out, struct lerr *e);
int tgt_exe_path(struct tgt_proc *p, char *buf, size_t size);
int tgt_thread_name(struct tgt_proc *p, pid_t tid, char *buf, size_t size);
pid_t tgt_thread_group(struct tgt_proc *p, pid_t tid);
int tgt_thread_ended(struct tgt_proc *p, pid_t tid);
int tgt_auxv_entry(struct tgt_proc *p, uint64_t type, uint64_t *val);
int tgt_real_path(struct tgt_proc *p, const char *name, char *out, size_t size);
int tgt_watch_exit(struct tgt_proc *p, pid_t tid, struct lerr *e);
int tgt_get_xstate(struct tgt_proc *p, pid_t tid, void *buf, size_t size, size_t *got,
                   struct lerr *e);
int tgt_read_auxv(struct tgt_proc *p, void *buf, size_t size, size_t *got, struct lerr *e);
int tgt_read_cmdline(struct tgt_proc *p, char *buf, size_t size, size_t *got, struct lerr *e);
/* read_dump_map, or read_map (no flags) where the backend has none. */
int tgt_read_dump_map(struct tgt_proc *p, struct tgt_map *out, struct lerr *e);
/* proc_times; -1 with e set where the backend has none. */
int tgt_proc_times(struct tgt_proc *p, struct tgt_proc_times *out, struct lerr *e);
/* parent_pid; 0 where the backend cannot tell. */
pid_t tgt_parent_pid(struct tgt_proc *p);
/* pages_present; -1 where the backend cannot tell (every page counts). */
int tgt_pages_present(struct tgt_proc *p, uint64_t addr, size_t npages, unsigned char *out);

struct tgt_launch_opts {
    int keep_aslr;
    const char *cwd;   /* NULL: lindbg's own */
    char *const *envp; /* NULL: lindbg's environment */
    /* the program's standard input from /dev/null and its output and
     * errors into out_fd (a DAP client owns lindbg's standard streams) */
    int redirect_stdio;
    int out_fd;
};

/* What a backend can do beyond reading and writing a stopped process and
 * resuming it. The engine asks before it uses a feature and does without
 * it the way it does when the feature fails (data breakpoints emulated,
 * sites stepped instead of run out of line, kernel writes unseen). */
enum tgt_cap {
    TGT_CAP_DEBUG_REGS = 1u << 0,    /* get_dreg / set_dreg: DR0-DR7 per thread */
    TGT_CAP_SYSCALL_STOPS = 1u << 1, /* resume TGT_SYSCALL: TGT_EV_SYSCALL stops */
    TGT_CAP_SIGMASK = 1u << 2,       /* get_sigmask / set_sigmask */
    TGT_CAP_INJECT = 1u << 3,        /* a stopped thread can be made to run a
                                      * system call (registers set, stepped) */
    TGT_CAP_OOL_PAGES = 1u << 4,     /* pages can be mapped in the target and
                                      * written (out-of-line copies) */
    TGT_CAP_KERNEL_WRITE_WATCH = 1u << 5, /* system-call stops tell the call's
                                      * number at entry and result at exit:
                                      * enough to see the kernel write memory */
    TGT_CAP_LIVE = 1u << 6,          /* the process runs: it can be resumed,
                                      * written, killed, detached (not a
                                      * core file) */
};

/* A way to control processes: a static table, one per kind of target.
 * Every function takes the table itself (be), the backend's handle: a
 * backend with state of its own (a connection to a remote stub) makes a
 * table per connection and keeps the state after it. */
struct tgt_backend {
    const char *name;
    unsigned caps; /* enum tgt_cap bits */
    const struct tgt_ops *ops;
    /* Starts argv[0] (searched in PATH), stopped right after exec. Returns
     * a process (owned by the caller, freed by ops->close) or NULL. */
    struct tgt_proc *(*launch)(const struct tgt_backend *be, char *const argv[],
                               const struct tgt_launch_opts *o,
                               struct lerr *e);
    /* Attaches to every thread of `pid` and stops them all. *tids receives
     * the thread ids (malloc'd, caller frees), the leader first. */
    struct tgt_proc *(*attach)(const struct tgt_backend *be, pid_t pid, pid_t **tids,
                               size_t *ntids, struct lerr *e);
    /* A process handle for `pid`, already under control as the child of a
     * controlled process `parent` (fork events): memory access and detach;
     * its tracing options are its parent's. */
    struct tgt_proc *(*adopt)(const struct tgt_backend *be, pid_t pid,
                              const struct tgt_proc *parent, struct lerr *e);
    /* Whether the debug registers trap: 1 (they fire), 0 (accepted but
     * silent, as on some virtual machines), -1 (could not tell, message in
     * e). */
    int (*probe_debug_registers)(const struct tgt_backend *be, struct lerr *e);

    /* Events come from every process of the backend at once: these are
     * not per process. */
    /* Waits for the next event of any controlled thread. Returns 0, or -1
     * with errno EINTR when interrupted, ECHILD when nothing is traced. */
    int (*wait)(const struct tgt_backend *be, struct tgt_event *ev, struct lerr *e);
    /* The next event of one thread only (the others stay queued). */
    int (*wait_thread)(const struct tgt_backend *be, pid_t tid, struct tgt_event *ev,
                       struct lerr *e);
    /* Asks a running thread to stop; it reports TGT_EV_INTERRUPT.
     * Async-signal-safe (called from the SIGINT handler). */
    int (*interrupt)(const struct tgt_backend *be, pid_t tid);

    /* A file that holds a process (a core), opened as one; NULL in
     * backends of live processes. program (or NULL) stands for the core's
     * program where its path is gone or moved. *tids receives the thread
     * ids (malloc'd) in the core's order, *stop the event that ended the
     * process (TGT_EV_SIGNAL; TGT_EV_INTERRUPT when it was not a signal),
     * *warnings (malloc'd, or NULL) lines to say once (files that do not
     * match the core). */
    struct tgt_proc *(*open_core)(const struct tgt_backend *be, const char *core,
                                  const char *program, pid_t **tids, size_t *ntids,
                                  struct tgt_event *stop, char **warnings, struct lerr *e);
};

/* Linux ptrace (ptrace.c): every capability. */
extern const struct tgt_backend tgt_ptrace_backend;
/* ELF core files (core.c): read-only, open_core only. */
extern const struct tgt_backend tgt_core_backend;

/* The backend a session uses unless told otherwise. */
const struct tgt_backend *tgt_backend_default(void);
/* A backend by name ("ptrace"), or NULL. */
const struct tgt_backend *tgt_backend_by_name(const char *name);

#endif
