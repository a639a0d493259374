/* The debugging session's tables, for the engine's own files: processes,
 * threads and their run state, the engine's traps, debug-register slots,
 * watched pages, out-of-line pages. Everything above the engine goes
 * through engine.h. */
#ifndef LINDBG_ENGINE_SESSION_H
#define LINDBG_ENGINE_SESSION_H

#include "bp/site.h"
#include "engine/engine.h"
#include "sym/wildcard.h"

/* A thread's run state, the one every other flag of struct eng_thread
 * hangs on:
 *
 *   clone seen, first stop not yet      -> STARTING
 *   clone seen after its first stop     -> STOPPED (the stop was kept early)
 *   STARTING --its first stop arrives-->   STOPPED (debug registers written)
 *   STOPPED  --eng_run_resume-->           RUNNING (cont, step or syscall;
 *                                          `stepping` says which)
 *   RUNNING  --any event of it is seen-->  STOPPED
 *   RUNNING  --found ended when the others are stopped (a leader that
 *              exited before its threads)--> ENDED: never waited for,
 *              resumed or interrupted again
 *   any      --its exit is seen-->         gone from the table
 *
 * Only a STOPPED thread's registers are read or written. What a STOPPED
 * thread carries until it runs again: site_done (the hit it took here),
 * in_event and sc_entry (where in the kernel it stands), pending_hit,
 * pending_hw_slot, pending_kw (hits seen while the stop was being
 * decided, decided when the target resumes), throw_pending (a throw met
 * under a breakpoint's stop), pending_sig (a signal to deliver),
 * watch_step (a watched-page fault to step with the page open),
 * ool_active (it may stand in an out-of-line copy). eng_run_resume clears
 * site_done, in_event, sc_entry, pending_kw and throw_pending; the others
 * are cleared where they are served. */
enum eng_run_state {
    ENG_THREAD_STOPPED,
    ENG_THREAD_STARTING,
    ENG_THREAD_RUNNING,
    ENG_THREAD_ENDED, /* a leader that exited before its threads: its end
                       * is reported after theirs, and it never stops */
};

struct eng_thread {
    pid_t tid;
    int index;             /* WinDbg's thread index, in creation order */
    enum eng_run_state run;
    int stepping;          /* last resumed with TGT_STEP */
    uint64_t step_from;    /* rip when the single-step began */
    int frozen;            /* `~Nf`: stays stopped on `g` */
    int suspend;           /* `~Nn` / `~Nm` count: runs only at 0 */
    int pending_hit;       /* hit a site while the others were being stopped:
                            * decided when the target is resumed */
    int pending_hw_slot;   /* the same for a debug register: slot + 1 */
    int throw_pending;     /* stopped by a user breakpoint on __cxa_throw
                            * under sxe/sxn eh: the throw is reported when
                            * it next goes on (hits.c) */
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
    int exiting;           /* stopped on its way out (TGT_EV_EXITING): any
                            * resume lets it end; nothing to deliver */
    int last_sig;          /* the signal its last resume delivered, until
                            * it stops again: the one it may die of */
    siginfo_t sig_si;      /* its last signal's information (first chance) */
};

/* Traps the engine plants for itself. They share sites with user
 * breakpoints but never touch their counters. */
enum eng_trap_kind {
    ENG_TRAP_LOADER, /* the loader's _dl_debug_state: modules changed */
    ENG_TRAP_RETURN, /* `p` over a call, `gu`: back in the frame of tid */
    ENG_TRAP_GOTO,   /* `g address`: any thread that gets there stops */
    ENG_TRAP_IFUNC,  /* an indirect function's resolver: its result is wanted */
    ENG_TRAP_IFUNC_RETURN, /* where that resolver returns to, in thread tid */
    ENG_TRAP_THROW,  /* __cxa_throw, for `sxe eh` and `sxn eh` (cxxthrow.c) */
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
    struct eng_pads *pads; /* in-target breakpoints (pads.c), NULL: none yet */
    int ool_unusable; /* a page could not be mapped: sites are stepped */
    pid_t parent_pid;   /* a followed child: the process that forked it */
    pid_t vfork_parent; /* a vfork child before its exec: shares that
                         * process's memory, so no trap can be planted */
    int dying_sig;      /* its second chance was given (of this signal):
                         * the rest of its exits go on without a stop */
    int exit_watched;   /* its threads stop on their way out (asked when
                         * it was first given a signal it may die of) */
};

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
    /* Ctrl+C presses, answered or not: a command loop ends when it grows */
    volatile sig_atomic_t breakin_count;
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
    int (*bp_hook)(void *ctx, const struct eng_hit_at *hit);
    /* An indirect function's resolver that was watched returned in process
     * pid: target is the implementation it chose (same ctx). */
    void (*ifunc_hook)(void *ctx, pid_t pid, uint64_t resolver, uint64_t target);
    /* The breakpoints' side of events (loads, unloads, forks, exits,
     * exec): called after on_event, with the same events (same ctx). */
    eng_event_fn bp_event_hook;
    /* In-target breakpoints: at each resume from a full stop, the
     * breakpoints plant what can be decided in the target (eng_pad_plant);
     * at each full stop, once every pad is out, they read their counters
     * back (same ctx; either may be NULL). pid 0: every process; else the
     * only one planned again (a single-threaded process whose modules
     * changed: its only thread stopped at the loader's trap). */
    void (*pads_plan)(void *ctx, pid_t pid);
    void (*pads_sync)(void *ctx, pid_t pid);
    void *bp_hook_ctx;
    /* data breakpoints by page protection even when a debug register is
     * free (the registers do not fire here, or `.dbgregs emulate`) */
    int hw_emulate;
    /* the command line of the last program launched (.restart), NULL
     * when none was (attached) */
    char **launch_argv;
    struct tgt_launch_opts launch_opts;
    int eh_mode; /* enum eng_eh_mode */
};


#endif
