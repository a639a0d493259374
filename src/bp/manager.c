/* The breakpoint manager's hit decisions and its side of process events
 * (see manager.h). Resolution is in resolve.c, bm patterns in patterns.c. */
#include "bp/manager.h"
#include "sym/ifunc.h"
#include "sym/unwind.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void push_id(unsigned **v, size_t *n, size_t *cap, unsigned id)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        *v = xrealloc(*v, *cap * sizeof **v);
    }
    (*v)[(*n)++] = id;
}

static int site_add(void *ctx, pid_t pid, uint64_t addr, struct lerr *e)
{
    struct bpm *m = ctx;
    return eng_user_site_add(m->s, pid, addr, e);
}

static void site_remove(void *ctx, pid_t pid, uint64_t addr)
{
    struct bpm *m = ctx;
    eng_user_site_remove(m->s, pid, addr);
}

static int hw_add(void *ctx, pid_t pid, const struct bp *b, uint64_t addr, struct lerr *e)
{
    struct bpm *m = ctx;
    return eng_hw_add(m->s, pid, addr, bp_dr_access(b->access), b->size, e);
}

static void hw_remove(void *ctx, pid_t pid, const struct bp *b, uint64_t addr)
{
    struct bpm *m = ctx;
    eng_hw_remove(m->s, pid, addr, bp_dr_access(b->access), b->size);
}

/* The call depth of thread tid of pid, for /c and /C. */
static unsigned call_depth(struct bpm *m, pid_t pid, pid_t tid)
{
    struct eng_view saved = eng_view_begin(m->s, pid, tid);
    struct eng_thread *t = eng_cur_thread(m->s);
    struct sym_space *sp = eng_syms(m->s);
    struct user_regs_struct *r = t ? eng_regs(m->s, t, NULL) : NULL;
    size_t n = 0;
    if (r && sp) {
        struct sym_frame *frames = xcalloc(4096, sizeof *frames);
        struct sym_unwind_source src = {m->s, eng_read_u64, eng_thread_tid(t), *r};
        n = sym_unwind(sp, &src, frames, 4096);
        free(frames);
    }
    eng_view_end(m->s, saved);
    return (unsigned)n;
}

/* A command string that is only `gc` (blanks and a final ';' aside):
 * running it would resume exactly as not stopping does. */
int bpm_only_gc(const char *cmds)
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

/* Whether breakpoint b, whose location is where the hit happened, takes
 * this hit (its pass counter moves only then). */
static int takes_hit(struct bpm *m, struct bp *b, const struct eng_hit_at *at)
{
    const struct eng_hit *hit = &at->hit;
    /* a trap hit is for bp/bu, a debug-register hit for the ba with that slot */
    if (bp_uses_debug_register(b) != hit->hw)
        return 0;
    if (hit->hw && (bp_dr_access(b->access) != hit->access || b->size != hit->len))
        return 0;
    if (b->thread_index >= 0 && b->thread_index != at->thread_index)
        return 0;
    if (b->proc_index >= 0 && b->proc_index != at->proc_index)
        return 0;
    if (b->condition) {
        uint64_t v = 0;
        struct lerr e;
        /* a condition that cannot be evaluated stops: better than
         * silently never breaking */
        if (m->client.eval(m->client.ctx, at->pid, at->tid, b->condition, &v, &e) == 0 && !v)
            return 0;
    }
    if (b->max_depth || b->min_depth) {
        unsigned depth = call_depth(m, at->pid, at->tid);
        if ((b->max_depth && depth >= b->max_depth) || (b->min_depth && depth <= b->min_depth))
            return 0;
    }
    /* while pads count in the target, the pass count is theirs */
    return b->pad ? bpm_pad_count_pass(b) : bp_count_pass(b);
}

static int on_hit(void *ctx, const struct eng_hit_at *at)
{
    struct bpm *m = ctx;
    struct bp *few[8], **at_addr = few;
    size_t n = bp_at(&m->bps, at->pid, at->hit.addr, few, 8);
    if (n > 8) {
        at_addr = xmalloc(n * sizeof *at_addr);
        bp_at(&m->bps, at->pid, at->hit.addr, at_addr, n);
    }
    m->nscratch = 0;
    /* every breakpoint hit only says `gc`, or counts in a $t register
     * and says `gc` (as a pad does in the target) */
    int auto_continue = 1;
    int counts[8], ncounts = 0;
    for (size_t i = 0; i < n; i++) {
        struct bp *b = at_addr[i];
        if (!takes_hit(m, b, at))
            continue;
        b->hits++;
        if (b->log_message && m->client.logpoint) {
            /* said, and on it goes: it is no reason to stop */
            m->client.logpoint(m->client.ctx, b, at);
            continue;
        }
        push_id(&m->scratch, &m->nscratch, &m->scratch_cap, b->id);
        int tn = b->one_shot || !m->client.treg_add ? -1 : bpm_counting_command(b->commands);
        if (tn >= 0 && ncounts < 8)
            counts[ncounts++] = tn;
        else
            auto_continue &= !b->one_shot && bpm_only_gc(b->commands);
    }
    if (at_addr != few)
        free(at_addr);
    /* counted, and on it goes in the engine, without a stop of every
     * thread and a round through the front end (LLDB's auto-continue);
     * when it stops, the counting strings run with the others */
    if (!m->nscratch || auto_continue) {
        for (int i = 0; i < ncounts; i++)
            m->client.treg_add(m->client.ctx, (unsigned)counts[i], 1);
        return 0;
    }
    m->nhits = 0;
    for (size_t i = 0; i < m->nscratch; i++)
        push_id(&m->hits, &m->nhits, &m->hits_cap, m->scratch[i]);
    return 1;
}

size_t bpm_stop_hits(const struct bpm *m, const unsigned **ids)
{
    *ids = m->hits;
    return m->nhits;
}

char **bpm_stop_done(struct bpm *m, size_t *n)
{
    char **cmds = xcalloc(m->nhits ? m->nhits : 1, sizeof *cmds);
    *n = 0;
    for (size_t i = 0; i < m->nhits; i++) {
        struct bp *b = bp_find(&m->bps, m->hits[i]);
        if (!b)
            continue;
        if (b->commands)
            cmds[(*n)++] = xstrdup(b->commands);
        if (b->one_shot) {
            bp_remove(&m->bps, b);
            bp_free(b);
        }
    }
    m->nhits = 0;
    return cmds;
}

static int has_location_in(const struct bp *b, pid_t pid)
{
    for (size_t i = 0; i < b->nlocs; i++)
        if (b->locs[i].pid == pid)
            return 1;
    return 0;
}

void bpm_on_load(struct bpm *m, pid_t pid, uint64_t start)
{
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    if (!p)
        return;
    for (size_t i = 0; i < m->bps.n; i++) {
        struct bp *b = m->bps.v[i];
        if (b->kind == BP_SYMBOLIC && !has_location_in(b, pid) && bpm_resolve_in(m, b, pid)) {
            struct bpm_note n = {.kind = BPM_NOTE_RESOLVED, .id = b->id, .pid = pid};
            m->client.note(m->client.ctx, &n);
        }
    }
    if (start)
        bpm_apply_patterns(m, pid, start);
}

void bpm_on_fork(struct bpm *m, pid_t parent, pid_t child)
{
    struct eng_process *cp = eng_process_by_pid(m->s, child);
    if (!cp || eng_proc_shares_parent(cp))
        return; /* a vfork child gets its breakpoints when it execs */
    for (size_t i = 0; i < m->bps.n; i++) {
        struct bp *b = m->bps.v[i];
        for (size_t k = 0; k < b->nlocs; k++)
            if (b->locs[k].pid == parent)
                bp_add_location(&m->bps, b, child, b->locs[k].addr, NULL);
    }
}

void bpm_on_unload(struct bpm *m, pid_t pid, uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < m->bps.n;) {
        struct bp *b = m->bps.v[i];
        size_t before = b->nlocs;
        bp_drop_locations(&m->bps, b, pid, start, end, 0);
        if (b->kind != BP_SYMBOLIC && before && !b->nlocs) {
            /* a bp (or ba) goes with its module */
            bp_remove(&m->bps, b);
            bp_free(b);
            continue;
        }
        i++;
    }
}

void bpm_on_exit(struct bpm *m, pid_t pid)
{
    for (size_t i = 0; i < m->bps.n; i++)
        bp_drop_locations(&m->bps, m->bps.v[i], pid, 0, 0, 1);
}

static void on_event(void *ctx, const struct eng_event *ev)
{
    struct bpm *m = ctx;
    switch (ev->kind) {
    case ENG_EVT_MODLOAD:
        bpm_on_load(m, ev->pid, ev->start);
        bpm_restart_on_load(m, ev->pid, ev->start);
        break;
    case ENG_EVT_MODUNLOAD:
        bpm_on_unload(m, ev->pid, ev->start, ev->end);
        break;
    case ENG_EVT_PROCESS_EXIT:
    case ENG_EVT_PROCESS_LEFT:
        bpm_pads_sync(m, ev->pid);
        bpm_restart_remember(m, ev->pid);
        bpm_on_exit(m, ev->pid);
        break;
    case ENG_EVT_PROCESS_CREATE:
        bpm_on_fork(m, ev->code, ev->pid);
        break;
    case ENG_EVT_THREAD_EXIT:
        bpm_pads_thread_gone(m, ev->pid, ev->thread_index);
        break;
    case ENG_EVT_EXEC:
        /* the old image is gone: its bp breakpoints with it; bu ones wait
         * for the new modules */
        bpm_pads_sync(m, ev->pid);
        bpm_on_unload(m, ev->pid, 0, UINT64_MAX);
        break;
    default:
        break;
    }
    if (m->client.event_done)
        m->client.event_done(m->client.ctx);
}

/* A watched indirect function's resolver returned in pid: breakpoints that
 * wait for it are resolved now, on the implementation it chose. */
static void ifunc_chosen(void *ctx, pid_t pid, uint64_t resolver, uint64_t target)
{
    struct bpm *m = ctx;
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    if (!p)
        return;
    sym_ifunc_learn(eng_proc_syms(p), resolver, target);
    bpm_on_load(m, pid, 0);
}

int bpm_add_access(struct bpm *m, struct bp *b, pid_t pid, uint64_t addr, int registers_work,
                   struct lerr *e)
{
    eng_set_hw_emulate(m->s, !registers_work);
    b->soft = !registers_work && b->access == 'e';
    if (bp_add_location(&m->bps, b, pid, addr, e) == 0)
        return 0;
    if (b->soft || b->access != 'e')
        return -1;
    /* no debug register free: an execute breakpoint stops as well at a
     * software site */
    b->soft = 1;
    lerr_clear(e);
    return bp_add_location(&m->bps, b, pid, addr, e);
}

void bpm_install(struct bpm *m, struct bp *b, int explicit_id, struct bpm_installed *out)
{
    memset(out, 0, sizeof *out);
    struct bp *same = bp_same_place(&m->bps, b), *old;
    if (same && !explicit_id)
        bp_set_id(&m->bps, b, same->id);
    bp_insert(&m->bps, b, &old);
    if (old) {
        out->replaced_id = 1;
        bp_free(old);
    }
    if (same && same != old) {
        out->same_place = same->id;
        out->moved = 1;
        bp_remove(&m->bps, same);
        bp_free(same);
    }
}

int bpm_install_numbered(struct bpm *m, struct bp *b, unsigned *next)
{
    struct bp *same = bp_same_place(&m->bps, b), *old;
    if (same) {
        unsigned id = same->id;
        bp_remove(&m->bps, same);
        bp_free(same);
        bp_set_id(&m->bps, b, id);
    } else {
        while (bp_find(&m->bps, *next))
            (*next)++;
        bp_set_id(&m->bps, b, *next);
    }
    bp_insert(&m->bps, b, &old);
    return same != NULL;
}

void bpm_init(struct bpm *m, struct session *s, const struct bpm_client *client)
{
    memset(m, 0, sizeof *m);
    m->s = s;
    m->client = *client;
    struct bp_sites_backend be = {m, site_add, site_remove, hw_add, hw_remove};
    bp_table_init(&m->bps, &be);
    struct eng_bp_hooks hooks = {on_hit, ifunc_chosen, on_event, bpm_pads_plan, bpm_pads_sync};
    eng_set_bp_hooks(s, &hooks, m);
}

void bpm_free(struct bpm *m)
{
    bp_table_free(&m->bps);
    free(m->hits);
    free(m->scratch);
}
