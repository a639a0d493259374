/* What happens when a user breakpoint is reached: the engine asks the hook
 * whether this hit stops (thread and process filters, /w condition, /c /C
 * call depth, passes), then the stop is reported and the breakpoints'
 * command strings run. Also the breakpoints' side of module events. */
#include "cmd/dbg.h"
#include "arch/x86_64/dr7.h"
#include "sym/ifunc.h"
#include "sym/unwind.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int site_add(void *ctx, pid_t pid, uint64_t addr, struct lerr *e)
{
    struct dbg *d = ctx;
    return eng_user_site_add(d->s, pid, addr, e);
}

static void site_remove(void *ctx, pid_t pid, uint64_t addr)
{
    struct dbg *d = ctx;
    eng_user_site_remove(d->s, pid, addr);
}

int dbg_dr_access(int letter)
{
    return letter == 'e' ? DR_EXECUTE : letter == 'w' ? DR_WRITE : DR_READWRITE;
}

static int hw_add(void *ctx, pid_t pid, const struct bp *b, uint64_t addr, struct lerr *e)
{
    struct dbg *d = ctx;
    return eng_hw_add(d->s, pid, addr, dbg_dr_access(b->access), b->size, e);
}

static void hw_remove(void *ctx, pid_t pid, const struct bp *b, uint64_t addr)
{
    struct dbg *d = ctx;
    eng_hw_remove(d->s, pid, addr, dbg_dr_access(b->access), b->size);
}

/* A watched indirect function's resolver returned in p: breakpoints that
 * wait for it are resolved now, on the implementation it chose. */
static void ifunc_chosen(void *ctx, struct eng_process *p, uint64_t resolver, uint64_t target)
{
    struct dbg *d = ctx;
    sym_ifunc_learn(p->syms, resolver, target);
    dbg_bps_on_load(d, p->pid, 0);
}

void dbg_bps_init(struct dbg *d)
{
    struct bp_sites_backend be = {d, site_add, site_remove, hw_add, hw_remove};
    bp_table_init(&d->bps, &be);
    d->s->bp_hook = dbg_bp_hook;
    d->s->ifunc_hook = ifunc_chosen;
    d->s->bp_hook_ctx = d;
}

/* Expressions and stacks work on the current thread: during a hit that is
 * the hitting thread for a moment, whichever one the user looks at. */
struct view {
    int proc;
    pid_t tid;
};

int dbg_view_process(struct dbg *d, const struct eng_process *p)
{
    int saved = d->s->cur_proc;
    for (size_t i = 0; i < d->s->nprocs; i++)
        if (d->s->procs[i] == p)
            d->s->cur_proc = (int)i;
    return saved;
}

static struct view view_thread(struct dbg *d, struct eng_process *p, struct eng_thread *t)
{
    struct view saved = {dbg_view_process(d, p), d->s->cur_tid};
    d->s->cur_tid = t->tid;
    return saved;
}

static void view_restore(struct dbg *d, struct view saved)
{
    d->s->cur_proc = saved.proc;
    d->s->cur_tid = saved.tid;
}

/* Evaluates a breakpoint condition as thread t of p sees it. */
static int condition_holds(struct dbg *d, struct eng_process *p, struct eng_thread *t,
                           const char *cond, int *holds)
{
    struct view saved = view_thread(d, p, t);
    struct expr_env env;
    dbg_expr_env(d, &env);
    uint64_t v = 0;
    struct lerr e;
    int rc = expr_eval_all(&env, cond, &v, &e);
    view_restore(d, saved);
    *holds = v != 0;
    return rc;
}

static unsigned call_depth(struct dbg *d, struct eng_process *p, struct eng_thread *t)
{
    struct view saved = view_thread(d, p, t);
    struct sym_frame *frames = calloc(4096, sizeof *frames);
    size_t n = dbg_unwind(d, frames, 4096);
    free(frames);
    view_restore(d, saved);
    return (unsigned)n;
}

/* A command string that is only `gc` (blanks and a final ';' aside):
 * running it would resume exactly as not stopping does. */
static int only_gc(const char *cmds)
{
    if (!cmds)
        return 0;
    while (isspace((unsigned char)*cmds))
        cmds++;
    if (strncmp(cmds, "gc", 2) != 0)
        return 0;
    for (cmds += 2; *cmds; cmds++)
        if (!isspace((unsigned char)*cmds) && *cmds != ';')
            return 0;
    return 1;
}

int dbg_bp_hook(void *ctx, struct eng_process *p, struct eng_thread *t, const struct eng_hit *hit)
{
    struct dbg *d = ctx;
    struct bp *at[64];
    size_t n = bp_at(&d->bps, p->pid, hit->addr, at, 64);
    size_t nhits = 0;
    int auto_continue = 1; /* every hit breakpoint only says `gc` */
    for (size_t i = 0; i < n; i++) {
        struct bp *b = at[i];
        /* a trap hit is for bp/bu, a debug-register hit for the ba with that slot */
        if (bp_uses_debug_register(b) != hit->hw)
            continue;
        if (hit->hw && (dbg_dr_access(b->access) != hit->access || b->size != hit->len))
            continue;
        if (b->thread_index >= 0 && b->thread_index != t->index)
            continue;
        if (b->proc_index >= 0 && b->proc_index != p->index)
            continue;
        if (b->condition) {
            int holds = 1;
            /* a condition that cannot be evaluated stops: better than
             * silently never breaking */
            if (condition_holds(d, p, t, b->condition, &holds) == 0 && !holds)
                continue;
        }
        if (b->max_depth || b->min_depth) {
            unsigned depth = call_depth(d, p, t);
            if ((b->max_depth && depth >= b->max_depth) || (b->min_depth && depth <= b->min_depth))
                continue;
        }
        if (!bp_count_pass(b))
            continue;
        b->hits++;
        if (nhits < sizeof d->hit_ids / sizeof d->hit_ids[0])
            d->hit_ids[nhits++] = b->id;
        auto_continue &= !b->one_shot && only_gc(b->commands);
    }
    /* counted, and on it goes in the engine, without a stop of every
     * thread and a round through the command line (LLDB's auto-continue) */
    if (nhits && auto_continue)
        return 0;
    if (nhits)
        d->nhits = nhits;
    return nhits > 0;
}

void dbg_after_bp_stop(struct dbg *d)
{
    /* copy first: commands may change the list */
    unsigned ids[64];
    size_t n = d->nhits;
    memcpy(ids, d->hit_ids, n * sizeof ids[0]);
    d->nhits = 0;
    char *cmds[64];
    size_t ncmds = 0;
    for (size_t i = 0; i < n; i++) {
        struct bp *b = bp_find(&d->bps, ids[i]);
        if (!b)
            continue;
        if (b->commands)
            cmds[ncmds++] = strdup(b->commands);
        if (b->one_shot) {
            bp_remove(&d->bps, b);
            bp_free(b);
        }
    }
    /* a step in a command string may stop at a breakpoint whose own
     * string runs inside this one: each string has its own state */
    int outer_in = d->in_bp_commands, outer_ended = d->list_ended;
    d->in_bp_commands = 1;
    d->list_ended = 0;
    for (size_t i = 0; i < ncmds; i++) {
        if (!d->resume_request && !d->quit && !d->list_ended)
            dbg_execute_line(d, cmds[i]);
        free(cmds[i]);
    }
    d->in_bp_commands = outer_in;
    d->list_ended = outer_ended;
}
