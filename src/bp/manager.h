/* The breakpoint manager: the decisions about user breakpoints, below any
 * front end. It owns the breakpoint table and, through the engine's hooks,
 *  - decides every hit: the thread and process filters, the /w condition,
 *    /c /C call depth, passes, auto-continue (a command string that is only
 *    `gc`), and keeps the list of breakpoints a stop was for (no cap);
 *  - after a stop, deletes the /1 breakpoints and hands back the command
 *    strings to run;
 *  - follows the processes: resolves deferred breakpoints and applies
 *    deferred bm patterns as modules load (and as indirect functions are
 *    chosen), drops locations as modules unload and processes exit or exec,
 *    copies locations into followed children.
 * A front end (the command line, a DAP server) parses and presents: it
 * gives the manager an evaluator ("this expression, as thread T of process
 * P sees it") and is told what to show through notes. Nothing here prints. */
#ifndef LINDBG_BP_MANAGER_H
#define LINDBG_BP_MANAGER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bp/breakpoints.h"
#include "engine/engine.h"
#include "util/err.h"

/* What the user may want to hear of. Strings live until the call returns. */
enum bpm_note_kind {
    BPM_NOTE_PLACED,       /* breakpoint id: where it went (text: a line
                            * moved to the next with code, several places) */
    BPM_NOTE_RESOLVED,     /* breakpoint id gained locations in pid as a
                            * module loaded (a deferred bu) */
    BPM_NOTE_IFUNC_WAITS,  /* name: an indirect function not chosen yet;
                            * the breakpoint waits for the loader */
    BPM_NOTE_IFUNC_LOST,   /* name: one whose choice cannot be followed */
    BPM_NOTE_IFUNC_IMPL,   /* name goes on text, the chosen implementation */
    BPM_NOTE_BM_SET,       /* a deferred bm (pattern_id, pattern) set
                            * breakpoint id on name at addr (0: waits) */
    BPM_NOTE_BM_OVERLOADS, /* name has overloads: left out */
    BPM_NOTE_NOT_RESTORED, /* breakpoint id (at addr) is not placed again
                            * after .restart: text says why */
};

struct bpm_note {
    enum bpm_note_kind kind;
    unsigned id, pattern_id;
    pid_t pid;
    uint64_t addr;
    const char *name, *text, *pattern;
};

struct bpm_client {
    void *ctx;
    /* Evaluates expr as thread tid of process pid sees it (tid 0: the
     * process's current thread). 0, or -1 with the error in e; an unknown
     * name is LERR_NOT_FOUND. */
    int (*eval)(void *ctx, pid_t pid, pid_t tid, const char *expr, uint64_t *v,
                struct lerr *e);
    void (*note)(void *ctx, const struct bpm_note *n);
    /* An event is handled: what the notes said can go out now, before the
     * target runs on and writes to the same output (may be NULL). */
    void (*event_done)(void *ctx);
    /* What in-target hits added to pseudo-register $t<n> (a counting
     * command string, `r $t0=@$t0+1; gc`): told at the end of a run (may
     * be NULL: such strings are then decided by lindbg). */
    void (*treg_add)(void *ctx, unsigned n, uint64_t delta);
    /* A logpoint took a hit (thread at->tid, stopped, its view not
     * selected): the front end says its message; the target goes on
     * (may be NULL when the front end sets no logpoints). */
    void (*logpoint)(void *ctx, const struct bp *b, const struct eng_hit_at *at);
    /* The radix numbers are read in (`n`); NULL: 16. */
    int (*radix)(void *ctx);
};

struct bpm {
    struct session *s;
    struct bp_table bps;
    struct bpm_client client;
    unsigned *hits; /* the breakpoints the last breakpoint stop was for */
    size_t nhits, hits_cap;
    unsigned *scratch; /* those of the hit being decided */
    size_t nscratch, scratch_cap;
};

/* intarget.c: breakpoints decided in the target. Plans the pads of a run
 * (every thread stopped; pid 0: every process, else that one), reads
 * their counters back at its end or when process pid goes, and takes a
 * pass of b while its pad counts. */
void bpm_pads_plan(void *ctx, pid_t pid);
void bpm_pads_sync(void *ctx, pid_t pid);
/* Thread `index` of pid ended: pads filtered on it go back to int3s (a
 * new thread may get its thread pointer). */
void bpm_pads_thread_gone(struct bpm *m, pid_t pid, int index);
int bpm_pad_count_pass(struct bp *b);
/* A command string that is only `gc`: a hit goes on exactly as if it had
 * not stopped (manager.c). */
int bpm_only_gc(const char *cmds);
/* A counting command string, `r $tN=@$tN+1; gc` (blanks, '@' and a final
 * ';' as one likes): N, or -1 (intarget.c). Decided like `gc`: the count
 * is added without a stop, in the target or by the manager. */
int bpm_counting_command(const char *cmds);

/* Takes over the session's breakpoint hooks. */
void bpm_init(struct bpm *m, struct session *s, const struct bpm_client *client);
/* After the session is gone (main frees it first), or before it has
 * anything to report: the session's hooks still point here. */
void bpm_free(struct bpm *m);

/* The breakpoints of the last breakpoint stop, in id order of each hit. */
size_t bpm_stop_hits(const struct bpm *m, const unsigned **ids);
/* After that stop was shown: deletes its /1 breakpoints and returns the
 * command strings of its breakpoints (malloc'd, each and the array; the
 * caller frees), in order. The hit list is emptied. */
char **bpm_stop_done(struct bpm *m, size_t *n);

/* Resolving a location in process pid (resolve.c): 1 with *addr, 0 when
 * the name is not known there (yet), -1 on another error (in e). */
int bpm_resolve(struct bpm *m, pid_t pid, const char *expr, uint64_t *addr, struct lerr *e);
/* The implementation process pid uses for the indirect function whose
 * resolver is at resolver: 1 (*target), 0 not chosen yet, -1 unknown. */
int bpm_ifunc_target(struct bpm *m, pid_t pid, uint64_t resolver, uint64_t *target);
/* bpm_resolve for code: an indirect function (glibc's strlen) resolves to
 * the implementation the process uses (BPM_NOTE_IFUNC_IMPL), or 0 while
 * the loader has not chosen one (its resolver is then watched, and the
 * breakpoint is resolved again once it returns). */
int bpm_resolve_code(struct bpm *m, pid_t pid, const char *expr, uint64_t *addr,
                     struct lerr *e);
/* The addresses a location takes in process pid: one (bpm_resolve_code),
 * or, for a source line, each place that has the line (SYM_LINE_PLACES at
 * most); a line moved to the next one with code, or several places, leave
 * a line to say in note. Returns how many, 0 when not resolvable now, -1 on
 * error. */
int bpm_resolve_places(struct bpm *m, pid_t pid, const char *expr, uint64_t *addrs, char *note,
                       size_t size, struct lerr *e);
/* The inlined copies of the function `name` ("mod!f") as more locations
 * of b in pid (bm: one breakpoint per function, at each of its copies). */
void bpm_add_inline_copies(struct bpm *m, struct bp *b, pid_t pid, const char *name);
/* Adds b's locations in process pid (a bu: in each process it resolves
 * in); 1 when some were added. Says BPM_NOTE_PLACED. */
int bpm_resolve_in(struct bpm *m, struct bp *b, pid_t pid);

/* A bu applies in every process where it resolves: its locations in each
 * process but `except` (the one it was set in). */
void bpm_resolve_elsewhere(struct bpm *m, struct bp *b, pid_t except);

/* A new breakpoint's places (b not in the table yet): addrs[0..n) in pid,
 * all or none; a bu then takes its places in the other processes too.
 * 0, or -1 (e) with b without locations. */
int bpm_add_places(struct bpm *m, struct bp *b, pid_t pid, const uint64_t *addrs, int n,
                   struct lerr *e);

/* A processor breakpoint's location (b: a BP_ACCESS, not in the table)
 * at addr in pid. Debug registers are used when `registers_work` (the
 * probe said they fire, and `.dbgregs emulate` is off); else a data
 * breakpoint is emulated by page protection, and an execute one becomes a
 * software site, as it does when no register is free. */
int bpm_add_access(struct bpm *m, struct bp *b, pid_t pid, uint64_t addr, int registers_work,
                   struct lerr *e);

/* What bpm_install did. */
struct bpm_installed {
    int replaced_id;     /* one with b's id was there: replaced */
    unsigned same_place; /* the id of one at b's place it replaced, or */
    int moved;           /* ... 1 when that one had another id */
};
/* Puts a finished breakpoint (its locations added) in the table. One at
 * the same place is redefined by it, as in WinDbg: b takes its id (unless
 * explicit_id) and its place; so is one that had the id given. */
void bpm_install(struct bpm *m, struct bp *b, int explicit_id, struct bpm_installed *out);

/* Puts b (its locations added) in the table as bm does for each match:
 * one at the same place is redefined by it, which takes its id (returns
 * 1); else b takes the first free id from *next on (0). */
int bpm_install_numbered(struct bpm *m, struct bp *b, unsigned *next);

/* Deferred bm patterns (patterns.c): each enabled one applied to the
 * module of process pid that starts at `start`. */
void bpm_apply_patterns(struct bpm *m, pid_t pid, uint64_t start);

/* The module events, as the engine reports them (also called directly by
 * tests). */
void bpm_on_load(struct bpm *m, pid_t pid, uint64_t start);
void bpm_on_unload(struct bpm *m, pid_t pid, uint64_t start, uint64_t end);
void bpm_on_fork(struct bpm *m, pid_t parent, pid_t child);
void bpm_on_exit(struct bpm *m, pid_t pid);
/* .restart (restart.c). A bp or ba breakpoint whose process goes
 * remembers where its address was: the module's file, the offset in it,
 * the module's build-id (bpm_restart_remember, at the process's exit or
 * when it is let go). bpm_restart_begin, before the program is launched
 * again: every breakpoint's hit count and pass counter start again, and
 * the bp and ba breakpoints without a place wait for their module, placed
 * as it loads (bpm_restart_on_load: the same file with the same build-id,
 * at the same offset; BPM_NOTE_RESOLVED) or said not to come back
 * (BPM_NOTE_NOT_RESTORED: the file changed). bu and bm resolve again as
 * they always do. bpm_restart_end, after the launch: those outside any
 * module are placed when their address is mapped already (the stack) and
 * said not to come back otherwise. bpm_restart_cancel forgets every wait
 * (.create, .attach, a restart that failed). */
void bpm_restart_remember(struct bpm *m, pid_t pid);
void bpm_restart_begin(struct bpm *m);
void bpm_restart_on_load(struct bpm *m, pid_t pid, uint64_t start);
void bpm_restart_end(struct bpm *m, pid_t pid);
void bpm_restart_cancel(struct bpm *m);

#endif
