/* The debugging session: processes, their threads, which one is current,
 * and run control (go, step, break-in, detach, kill) in all-stop mode: when
 * one thread stops for the user, every thread is stopped before the prompt.
 *
 * The engine never prints. What happens while the target runs (a thread is
 * created, a module is mapped, the process exits) is given to the event
 * callback; why the target stopped is left in `last_stop`. */
#ifndef LINDBG_ENGINE_SESSION_H
#define LINDBG_ENGINE_SESSION_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "bp/site.h"
#include "sym/symbols.h"
#include "sym/wildcard.h"
#include "target/target.h"
#include "util/err.h"

struct eng_thread {
    pid_t tid;
    int index;             /* WinDbg's thread index, in creation order */
    int running;           /* resumed and not yet seen stopping */
    int starting;          /* created; its first stop not seen yet */
    int stepping;
    uint64_t step_from;    /* rip when the single-step began */
    int frozen;            /* `~Nf`: stays stopped on `g` */
    int suspend;           /* `~Nn` / `~Nm` count: runs only at 0 */
    int pending_hit;       /* hit a site while the others were being stopped:
                            * decided when the target is resumed */
    int pending_hw_slot;   /* the same for a debug register: slot + 1 */
    int pending_kw;        /* the same for a system call's exit (a kernel
                            * write into watched memory, maybe) */
    long sc_nr;            /* the system call it entered (-1: unknown) */
    int pending_sig;       /* delivered on the next resume */
    int sc_entry;          /* stopped at a system call's entry */
    int in_event;          /* stopped at a clone or fork event, inside that
                            * call: resuming finishes it (1), or, for vfork,
                            * waits for the child (2) */
    int sc_opened;         /* watched pages opened for the call it is in:
                            * 1 those of sc_pages, 2 all of them (the call
                            * runs again, after an EFAULT) */
    uint64_t sc_pages[8];
    unsigned sc_npages;
    int watch_step;        /* faulted on a watched page: to be stepped
                            * with the page open once nothing else runs */
    int ool_active;        /* sent to run a copy out of line; its rip may
                            * still be in the copy (outofline.c) */
    uint64_t site_done;    /* the site at its rip whose hit it has taken at
                            * this stop (its trap ran, a step arrived there,
                            * or the user put it there): it is moved past
                            * that site when it next runs, never hitting it
                            * again. A thread stopped on a site it has not
                            * hit yet (interrupted just before) hits it. */
    int regs_valid, regs_dirty;
    struct user_regs_struct regs;
};

/* Traps the engine plants for itself. They share sites with user
 * breakpoints but never touch their counters. */
enum eng_trap_kind {
    ENG_TRAP_LOADER, /* the loader's _dl_debug_state: modules changed */
    ENG_TRAP_RETURN, /* `p` over a call, `gu`: back in the frame of tid */
    ENG_TRAP_GOTO,   /* `g address`: any thread that gets there stops */
    ENG_TRAP_IFUNC,  /* an indirect function's resolver: its result is wanted */
    ENG_TRAP_IFUNC_RETURN, /* where that resolver returns to, in thread tid */
};

struct eng_trap {
    enum eng_trap_kind kind;
    uint64_t addr;
    pid_t tid;   /* ENG_TRAP_RETURN, _IFUNC_RETURN: the thread */
    uint64_t sp; /* ENG_TRAP_RETURN, _IFUNC_RETURN: once rsp is above this */
    uint64_t resolver; /* ENG_TRAP_IFUNC, _IFUNC_RETURN */
};

/* One debug-register slot (DR0-DR3) of a process: the same in all its
 * threads. */
struct eng_hw_slot {
    uint64_t addr;
    int access;   /* enum dr_access */
    unsigned len;
    unsigned refs;
};

/* A data breakpoint emulated by page protection (no free or no working
 * debug register), and a page protected for such breakpoints. */
struct eng_watch {
    uint64_t addr;
    int access; /* DR_WRITE or DR_READWRITE */
    unsigned len;
    unsigned refs;
};

struct eng_wpage {
    uint64_t page;
    int orig; /* the program's protection (PROT_*) */
    int prot; /* what it is now */
    unsigned open; /* threads inside a system call that need it open */
};

/* A page lindbg mapped in the target for out-of-line copies of the
 * instructions under its traps (outofline.c): one slot per site. */
#define ENG_OOL_SLOTS 128
enum eng_ool_state { ENG_OOL_FREE, ENG_OOL_USED, ENG_OOL_RELEASED /* free once all stop */ };
struct eng_ool_slot {
    uint64_t from; /* the site whose instruction it holds */
    uint8_t len;   /* that instruction's length */
    uint8_t state; /* enum eng_ool_state */
};
struct eng_ool_page {
    uint64_t base;
    struct eng_ool_slot slot[ENG_OOL_SLOTS];
};

struct eng_process {
    struct tgt_proc *tp;
    const struct tgt_backend *be; /* the session's, kept here for its caps */
    pid_t pid;
    int index;
    int launched; /* started by us (killed on `q`) rather than attached */
    struct eng_thread **threads;
    size_t nthreads, cap;
    int next_thread_index;
    struct sym_space *syms;
    struct bp_site_table sites;
    struct eng_trap *traps;
    size_t ntraps;
    uint64_t r_debug; /* the loader's struct r_debug, 0 when unknown */
    int vfork_lifted; /* traps lifted while a vfork child shares memory */
    struct eng_hw_slot hw[4];
    uint64_t dr7;
    struct eng_watch *watches;
    size_t nwatches;
    struct eng_wpage *wpages;
    size_t nwpages;
    unsigned open_all; /* threads in a call run again with every page open */
    uint64_t released[16]; /* pages given back to the program's protection
                            * lately (a ring): a fault raised on one before
                            * and reported after is stale */
    unsigned nreleased;
    uint64_t sc_gadget; /* a `syscall` instruction in the vDSO, 0: not found yet */
    struct eng_ool_page *ool;
    size_t nool;
    int ool_unusable; /* a page could not be mapped: sites are stepped */
    pid_t parent_pid;   /* a followed child: the process that forked it */
    pid_t vfork_parent; /* a vfork child before its exec: shares that
                         * process's memory, so no trap can be planted */
};

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
};

struct eng_stop {
    enum eng_stop_kind kind;
    pid_t pid, tid;
    int sig;      /* SIGNAL, TRAP; EXITED when killed by a signal */
    int code;     /* EXITED: exit code */
    siginfo_t si; /* SIGNAL, TRAP */
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

/* What a signal does when it arrives (sx*). */
enum eng_sig_mode {
    ENG_SIG_STOP,   /* sxe: stop, first chance; g passes it on */
    ENG_SIG_NOTIFY, /* sxd, sxn: print a line and pass it on */
    ENG_SIG_IGNORE, /* sxi: pass it on silently */
};

#define ENG_NSIG 65

struct session {
    const struct tgt_backend *be; /* how processes are controlled: the
                                   * default unless set before any */
    struct eng_process **procs;
    size_t nprocs;
    int next_proc_index;
    int cur_proc;   /* index into procs, -1 when there is none */
    pid_t cur_tid;  /* current thread of the current process */
    pid_t event_tid;
    struct eng_stop last_stop;
    eng_event_fn on_event;
    void *event_ctx;
    /* Read by the SIGINT handler: whom to interrupt while running. */
    volatile pid_t breakin_pid;
    volatile sig_atomic_t breakin_requested;
    /* events of a thread seen while it stepped alone, for the run loop */
    struct tgt_event replay[8];
    size_t nreplay;
    /* first stops of threads and fork children whose creation event is
     * not seen yet */
    pid_t early[64];
    size_t nearly;
    /* event filters (`sxe ld` / `sxd ld`, `sxe ud`, cpr epr ct et) */
    int stop_on_load, stop_on_unload;
    int stop_on_proc_create, stop_on_proc_exit, stop_on_thread_create, stop_on_thread_exit;
    /* -o, .childdbg 1: fork and vfork children become processes of the
     * session instead of being let go */
    int follow_children;
    unsigned char sig_mode[ENG_NSIG]; /* enum eng_sig_mode, by signal */
    struct wildcard *load_filter; /* `sxe ld:name`: only these loads stop */
    /* User breakpoints: called for every hit of a site or debug
     * register, however the target was resumed (g, a step, p over a call,
     * gu). Returns 1 to stop, 0 to go on. */
    int (*bp_hook)(void *ctx, struct eng_process *p, struct eng_thread *t,
                   const struct eng_hit *hit);
    /* An indirect function's resolver that was watched returned: target is
     * the implementation the process chose (same ctx). */
    void (*ifunc_hook)(void *ctx, struct eng_process *p, uint64_t resolver, uint64_t target);
    void *bp_hook_ctx;
    /* data breakpoints by page protection even when a debug register is
     * free (the registers do not fire here, or `.dbgregs emulate`) */
    int hw_emulate;
};

struct session *eng_create(eng_event_fn on_event, void *ctx);
/* Kills launched processes and detaches from attached ones. */
void eng_destroy(struct session *s);

int eng_launch(struct session *s, char *const argv[], const struct tgt_launch_opts *o,
               struct lerr *e);
int eng_attach(struct session *s, pid_t pid, struct lerr *e);

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

int eng_detach_all(struct session *s, struct lerr *e);
int eng_kill_all(struct session *s, struct lerr *e);

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

/* `sxe ld:pattern` (NULL: any module). Fails on a bad pattern. */
int eng_set_load_filter(struct session *s, const char *pattern, struct lerr *e);

/* What the system says of a process: a thread's name ("" when unknown),
 * the program it runs ("" when unknown), an entry (AT_*) of its auxiliary
 * vector (0 when absent). */
void eng_thread_name(struct session *s, struct eng_process *p, struct eng_thread *t, char *buf,
                     size_t size);
void eng_exe_path(struct session *s, struct eng_process *p, char *buf, size_t size);
uint64_t eng_auxv_entry(struct session *s, struct eng_process *p, uint64_t type);

/* Process list helpers. */
int eng_has_process(const struct session *s);

#endif
