/* Breakpoints as the user asked for them (the logical level of DESIGN.md):
 * ID, kind (bp: an address; bu: a symbolic expression re-resolved on every
 * module load), the location text as typed, options (passes and their
 * counter, command string, /1, /c /C, /w condition, thread and process
 * filters), enabled flag, and the locations they resolved to. Locations
 * reference sites through a backend the engine provides, so this module
 * never touches a process. `bl` and `.bpcmds` print from this level only.
 *
 * Hits are dispatched by (process, address) through a hash index: the cost
 * of a hit does not depend on how many breakpoints exist. */
#ifndef LINDBG_BP_BREAKPOINTS_H
#define LINDBG_BP_BREAKPOINTS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/err.h"

enum bp_kind {
    BP_ADDRESS,  /* bp: one address, deleted when its module unloads */
    BP_SYMBOLIC, /* bu: the expression is resolved again on each load */
    BP_ACCESS,   /* ba: a debug-register slot (access, size) */
    BP_PATTERN,  /* bm whose modules are not loaded yet: a pattern (expr)
                  * that sets bu's (bp's with /d) as they load; never has
                  * locations itself */
};

struct bp_location {
    pid_t pid;
    uint64_t addr;
};

struct bp {
    unsigned id;
    enum bp_kind kind;
    int enabled;
    char *expr;           /* location as typed, or the address for bp */
    uint32_t passes_init; /* 1 when not given */
    uint32_t passes_left;
    char *commands;       /* NULL: none */
    int one_shot;         /* /1 */
    unsigned max_depth;   /* /c: break only when the depth is below, 0 none */
    unsigned min_depth;   /* /C: only when above, 0 none */
    char *condition;      /* /w */
    char *log_message;    /* a logpoint (DAP's logMessage): a hit it takes
                           * is told to the front end, never a stop; NULL:
                           * none */
    int thread_index;     /* ~N: only this thread index, -1 any */
    int proc_index;       /* /p: only this process index, -1 any */
    struct bp_location *locs;
    size_t nlocs;
    unsigned long hits;
    int access;           /* BP_ACCESS: 'e', 'r', 'w' */
    int soft;             /* BP_ACCESS 'e' made with a software site (no free
                           * or no working debug register) */
    unsigned size;        /* BP_ACCESS: 1, 2, 4 or 8 */
    unsigned char bm_all, bm_address, bm_params; /* BP_PATTERN: /a /d /( */
    int waits_restart;    /* a bp or ba kept over .restart, not placed yet */
    struct bp_home *home; /* where its address was when its process went
                           * (restart.c), NULL: in no module, or none */
    /* decided in the target for the current run (bp/intarget.c): its
     * counters, shared with process pad_pid, are the truth until the run
     * ends; NULL: decided by lindbg */
    struct x86_pad_counters *pad;
    pid_t pad_pid;
    int pad_planted;      /* planted for the last run (`bl` says so) */
};

/* A module-relative place: the file, the offset from the module's start,
 * the build-id of the file then (len 0: it had none). */
struct bp_home {
    char *path;
    uint64_t offset;
    unsigned char build_id[64];
    size_t build_id_len;
};

/* How locations reach the processes: the engine's site table. */
struct bp;

struct bp_sites_backend {
    void *ctx;
    int (*add)(void *ctx, pid_t pid, uint64_t addr, struct lerr *e);
    void (*remove)(void *ctx, pid_t pid, uint64_t addr);
    /* processor breakpoints (BP_ACCESS) */
    int (*hw_add)(void *ctx, pid_t pid, const struct bp *b, uint64_t addr, struct lerr *e);
    void (*hw_remove)(void *ctx, pid_t pid, const struct bp *b, uint64_t addr);
};

struct bp_table {
    struct bp **v; /* sorted by id */
    size_t n, cap;
    struct bp_sites_backend backend;
    /* (pid, addr) -> breakpoints there: open addressing over `slots` */
    struct bp_slot *slots;
    size_t nslots, used;
    /* bu text -> those breakpoints (chained), to find the one a new
     * unresolved bu redefines without looking at every breakpoint */
    struct bp_chain *names;
    size_t nnames, named;
};

/* Whether b lives in a debug-register slot (a ba that is not a software
 * site), rather than in a 0xCC site. */
static inline int bp_uses_debug_register(const struct bp *b)
{
    return b->kind == BP_ACCESS && !b->soft;
}

void bp_table_init(struct bp_table *t, const struct bp_sites_backend *backend);
void bp_table_free(struct bp_table *t);

/* Allocates an empty breakpoint (not in the table) with defaults. */
struct bp *bp_new(enum bp_kind kind, const char *expr);
void bp_free(struct bp *b);

/* The first id not in use. */
unsigned bp_free_id(const struct bp_table *t);
struct bp *bp_find(const struct bp_table *t, unsigned id);

/* Puts b in the table with b->id, replacing (and returning through
 * *replaced, which the caller frees) one that had that id. Resolves
 * nothing: locations are added with bp_add_location. */
void bp_insert(struct bp_table *t, struct bp *b, struct bp **replaced);
/* Takes b out of the table, removing its locations; the caller frees it. */
void bp_remove(struct bp_table *t, struct bp *b);
/* br: changes the id of b (the new one must be free). */
int bp_renumber(struct bp_table *t, struct bp *b, unsigned new_id, struct lerr *e);

/* Adds a location (a site reference when enabled). Fails without change
 * when the site cannot be planted. Duplicates are ignored. */
int bp_add_location(struct bp_table *t, struct bp *b, pid_t pid, uint64_t addr, struct lerr *e);
/* Drops the locations of pid in [start, end) (a module unloaded), or all of
 * pid's when end is 0 (the process is gone). */
void bp_drop_locations(struct bp_table *t, struct bp *b, pid_t pid, uint64_t start, uint64_t end,
                       int sites_gone);
int bp_set_enabled(struct bp_table *t, struct bp *b, int enabled, struct lerr *e);

/* The breakpoints with an enabled location at (pid, addr), in id order:
 * the first max of them are written to out; returns how many there are. */
size_t bp_at(const struct bp_table *t, pid_t pid, uint64_t addr, struct bp **out, size_t max);

/* The engine's access kind (enum dr_access) for a ba letter e, r or w. */
int bp_dr_access(int letter);
/* The options of one breakpoint given to another (a deferred bm's to the
 * breakpoints it sets): passes, /1, /c /C, /w, filters, command string. */
void bp_copy_options(struct bp *to, const struct bp *from);

/* Gives b (not in the table yet) its id, its locations already added. */
void bp_set_id(struct bp_table *t, struct bp *b, unsigned id);

/* A bu whose text is `text` (resolved or not), or NULL. */
struct bp *bp_named(const struct bp_table *t, const char *text);

/* The breakpoint a new one b replaces (WinDbg: "breakpoint N
 * redefined"): one of its class (software, or processor with the same
 * access and size) at one of b's locations, or, for an unresolved bu, a bu
 * with the same text still unresolved. NULL: none; b need not be in t. */
struct bp *bp_same_place(const struct bp_table *t, const struct bp *b);

/* The pass logic of one hit, for a breakpoint whose filters matched:
 * returns 1 when it triggers. A hit is counted however the target got
 * there (g, a step arriving on it, p over a call, gu): the instruction
 * under a breakpoint is reached once each time it runs, and a thread moved
 * past it afterwards never counts again. */
int bp_count_pass(struct bp *b);

/* Parses an id list: "1 2", "1,3", "1-4", "*", "[expr]" is left to the
 * caller through `eval`. Fills ids (sorted, unique) from the existing
 * breakpoints. Returns the count, or -1 with a message. */
typedef int (*bp_eval_fn)(void *ctx, const char *expr, size_t len, uint64_t *v, struct lerr *e);
long bp_parse_ids(const struct bp_table *t, const char *text, unsigned **ids, bp_eval_fn eval,
                  void *ctx, struct lerr *e);

#endif
