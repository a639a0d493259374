#include "bp/breakpoints.h"
#include "arch/x86_64/dr7.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct bp_slot {
    int used;
    pid_t pid;
    uint64_t addr;
    struct bp **v; /* in id order */
    size_t n;
};

struct bp_chain {
    struct bp **v;
    size_t n, cap;
};

static size_t name_hash(const char *s, size_t cap)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)(h & (cap - 1));
}

static void chain_add(struct bp_chain *c, struct bp *b)
{
    if (c->n == c->cap)
        c->v = xrealloc(c->v, (c->cap = c->cap ? 2 * c->cap : 2) * sizeof *c->v);
    c->v[c->n++] = b;
}

static void name_add(struct bp_table *t, struct bp *b)
{
    if (b->kind != BP_SYMBOLIC)
        return;
    if ((t->named + 1) * 2 > t->nnames) {
        size_t old_n = t->nnames;
        struct bp_chain *old = t->names;
        t->nnames = t->nnames ? 2 * t->nnames : 64;
        t->names = xcalloc(t->nnames, sizeof *t->names);
        for (size_t i = 0; i < old_n; i++) {
            for (size_t k = 0; k < old[i].n; k++)
                chain_add(&t->names[name_hash(old[i].v[k]->expr, t->nnames)], old[i].v[k]);
            free(old[i].v);
        }
        free(old);
    }
    chain_add(&t->names[name_hash(b->expr, t->nnames)], b);
    t->named++;
}

static void name_del(struct bp_table *t, struct bp *b)
{
    if (b->kind != BP_SYMBOLIC || !t->nnames)
        return;
    struct bp_chain *c = &t->names[name_hash(b->expr, t->nnames)];
    for (size_t k = 0; k < c->n; k++) {
        if (c->v[k] == b) {
            c->v[k] = c->v[--c->n];
            t->named--;
            return;
        }
    }
}

void bp_table_init(struct bp_table *t, const struct bp_sites_backend *backend)
{
    memset(t, 0, sizeof *t);
    t->backend = *backend;
}

void bp_table_free(struct bp_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        bp_free(t->v[i]);
    free(t->v);
    for (size_t i = 0; i < t->nslots; i++)
        free(t->slots[i].v);
    free(t->slots);
    for (size_t i = 0; i < t->nnames; i++)
        free(t->names[i].v);
    free(t->names);
    memset(t, 0, sizeof *t);
}

struct bp *bp_new(enum bp_kind kind, const char *expr)
{
    struct bp *b = xcalloc(1, sizeof *b);
    b->kind = kind;
    b->enabled = 1;
    b->expr = xstrdup(expr ? expr : "");
    b->passes_init = b->passes_left = 1;
    b->thread_index = -1;
    b->proc_index = -1;
    return b;
}

void bp_free(struct bp *b)
{
    if (!b)
        return;
    free(b->expr);
    free(b->commands);
    free(b->condition);
    free(b->log_message);
    free(b->locs);
    if (b->home)
        free(b->home->path);
    free(b->home);
    free(b);
}

/* A location's physical side: a site, or a debug-register slot. */
static int phys_add(struct bp_table *t, const struct bp *b, pid_t pid, uint64_t addr, struct lerr *e)
{
    if (bp_uses_debug_register(b))
        return t->backend.hw_add(t->backend.ctx, pid, b, addr, e);
    return t->backend.add(t->backend.ctx, pid, addr, e);
}

static void phys_remove(struct bp_table *t, const struct bp *b, pid_t pid, uint64_t addr)
{
    if (bp_uses_debug_register(b))
        t->backend.hw_remove(t->backend.ctx, pid, b, addr);
    else
        t->backend.remove(t->backend.ctx, pid, addr);
}

static size_t slot_hash(pid_t pid, uint64_t addr, size_t cap)
{
    uint64_t h = addr ^ ((uint64_t)(uint32_t)pid << 47);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (size_t)h & (cap - 1);
}

static struct bp_slot *slot_get(struct bp_table *t, pid_t pid, uint64_t addr, int create)
{
    if (create && (t->used + 1) * 2 > t->nslots) {
        size_t old_n = t->nslots;
        struct bp_slot *old = t->slots;
        t->nslots = t->nslots ? t->nslots * 2 : 64;
        t->slots = xcalloc(t->nslots, sizeof *t->slots);
        t->used = 0;
        for (size_t i = 0; i < old_n; i++) {
            if (!old[i].used || old[i].n == 0) {
                free(old[i].v);
                continue;
            }
            size_t k = slot_hash(old[i].pid, old[i].addr, t->nslots);
            while (t->slots[k].used)
                k = (k + 1) & (t->nslots - 1);
            t->slots[k] = old[i];
            t->used++;
        }
        free(old);
    }
    if (!t->nslots)
        return NULL;
    size_t k = slot_hash(pid, addr, t->nslots);
    while (t->slots[k].used) {
        if (t->slots[k].pid == pid && t->slots[k].addr == addr)
            return &t->slots[k];
        k = (k + 1) & (t->nslots - 1);
    }
    if (!create)
        return NULL;
    t->slots[k] = (struct bp_slot){1, pid, addr, NULL, 0};
    t->used++;
    return &t->slots[k];
}

static void slot_add(struct bp_table *t, struct bp *b, pid_t pid, uint64_t addr)
{
    struct bp_slot *s = slot_get(t, pid, addr, 1);
    s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
    size_t i = s->n;
    while (i > 0 && s->v[i - 1]->id > b->id) {
        s->v[i] = s->v[i - 1];
        i--;
    }
    s->v[i] = b;
    s->n++;
}

static void slot_del(struct bp_table *t, struct bp *b, pid_t pid, uint64_t addr)
{
    struct bp_slot *s = slot_get(t, pid, addr, 0);
    for (size_t i = 0; s && i < s->n; i++) {
        if (s->v[i] == b) {
            memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof *s->v);
            s->n--;
            return;
        }
    }
}

/* Ids are unique and sorted, so v[i]->id >= i, and once v[i]->id > i it
 * stays so: the first free id is the first such i, found by bisection
 * (a linear scan made a million `bu` lines quadratic). */
unsigned bp_free_id(const struct bp_table *t)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->v[mid]->id == mid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (unsigned)lo;
}

static size_t position(const struct bp_table *t, unsigned id)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->v[mid]->id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

struct bp *bp_find(const struct bp_table *t, unsigned id)
{
    size_t i = position(t, id);
    return i < t->n && t->v[i]->id == id ? t->v[i] : NULL;
}

void bp_insert(struct bp_table *t, struct bp *b, struct bp **replaced)
{
    *replaced = NULL;
    struct bp *old = bp_find(t, b->id);
    if (old) {
        bp_remove(t, old);
        *replaced = old;
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->v = xrealloc(t->v, t->cap * sizeof *t->v);
    }
    size_t i = position(t, b->id);
    memmove(&t->v[i + 1], &t->v[i], (t->n - i) * sizeof *t->v);
    t->v[i] = b;
    t->n++;
    name_add(t, b);
}

void bp_remove(struct bp_table *t, struct bp *b)
{
    bp_drop_locations(t, b, 0, 0, 0, 0);
    size_t i = position(t, b->id);
    if (i < t->n && t->v[i] == b) {
        memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof *t->v);
        t->n--;
        name_del(t, b);
    }
}

int bp_renumber(struct bp_table *t, struct bp *b, unsigned new_id, struct lerr *e)
{
    if (b->id == new_id)
        return 0;
    if (bp_find(t, new_id))
        return lerr_set(e, "Breakpoint %u already exists: br needs a free number", new_id);
    size_t i = position(t, b->id);
    memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof *t->v);
    t->n--;
    name_del(t, b); /* bp_insert puts it back */
    /* the per-address lists are kept in id order */
    for (size_t k = 0; k < b->nlocs; k++)
        slot_del(t, b, b->locs[k].pid, b->locs[k].addr);
    b->id = new_id;
    for (size_t k = 0; k < b->nlocs; k++)
        slot_add(t, b, b->locs[k].pid, b->locs[k].addr);
    struct bp *none;
    bp_insert(t, b, &none);
    return 0;
}

int bp_add_location(struct bp_table *t, struct bp *b, pid_t pid, uint64_t addr, struct lerr *e)
{
    for (size_t i = 0; i < b->nlocs; i++)
        if (b->locs[i].pid == pid && b->locs[i].addr == addr)
            return 0;
    if (b->enabled && phys_add(t, b, pid, addr, e) < 0)
        return -1;
    b->locs = xrealloc(b->locs, (b->nlocs + 1) * sizeof *b->locs);
    b->locs[b->nlocs++] = (struct bp_location){pid, addr};
    slot_add(t, b, pid, addr);
    return 0;
}

void bp_drop_locations(struct bp_table *t, struct bp *b, pid_t pid, uint64_t start, uint64_t end,
                       int sites_gone)
{
    for (size_t i = 0; i < b->nlocs;) {
        struct bp_location *l = &b->locs[i];
        int match = pid == 0 || (l->pid == pid && (end == 0 || (l->addr >= start && l->addr < end)));
        if (!match) {
            i++;
            continue;
        }
        if (b->enabled && !sites_gone)
            phys_remove(t, b, l->pid, l->addr);
        slot_del(t, b, l->pid, l->addr);
        b->locs[i] = b->locs[--b->nlocs];
    }
}

int bp_set_enabled(struct bp_table *t, struct bp *b, int enabled, struct lerr *e)
{
    if (b->enabled == enabled)
        return 0;
    for (size_t i = 0; i < b->nlocs; i++) {
        if (enabled && phys_add(t, b, b->locs[i].pid, b->locs[i].addr, e) < 0) {
            while (i-- > 0)
                phys_remove(t, b, b->locs[i].pid, b->locs[i].addr);
            return -1;
        }
        if (!enabled)
            phys_remove(t, b, b->locs[i].pid, b->locs[i].addr);
    }
    b->enabled = enabled;
    return 0;
}

size_t bp_at(const struct bp_table *t, pid_t pid, uint64_t addr, struct bp **out, size_t max)
{
    struct bp_slot *s = slot_get((struct bp_table *)t, pid, addr, 0);
    size_t n = 0;
    for (size_t i = 0; s && i < s->n; i++)
        if (s->v[i]->enabled && n++ < max)
            out[n - 1] = s->v[i];
    return n;
}

/* Whether two breakpoints are of the kind that shares a place: software
 * ones (bp, bu) with each other, processor ones of the same access, size
 * and mechanism with each other. */
static int same_class(const struct bp *a, const struct bp *b)
{
    if ((a->kind == BP_ACCESS) != (b->kind == BP_ACCESS))
        return 0;
    return a->kind != BP_ACCESS ||
           (a->access == b->access && a->size == b->size && a->soft == b->soft);
}

int bp_dr_access(int letter)
{
    return letter == 'e' ? DR_EXECUTE : letter == 'w' ? DR_WRITE : DR_READWRITE;
}

void bp_copy_options(struct bp *to, const struct bp *from)
{
    to->one_shot = from->one_shot;
    to->max_depth = from->max_depth;
    to->min_depth = from->min_depth;
    to->condition = from->condition ? xstrdup(from->condition) : NULL;
    to->log_message = from->log_message ? xstrdup(from->log_message) : NULL;
    to->thread_index = from->thread_index;
    to->proc_index = from->proc_index;
    to->passes_init = to->passes_left = from->passes_init;
    to->commands = from->commands ? xstrdup(from->commands) : NULL;
}

void bp_set_id(struct bp_table *t, struct bp *b, unsigned id)
{
    /* the per-address lists are kept in id order */
    for (size_t k = 0; k < b->nlocs; k++)
        slot_del(t, b, b->locs[k].pid, b->locs[k].addr);
    b->id = id;
    for (size_t k = 0; k < b->nlocs; k++)
        slot_add(t, b, b->locs[k].pid, b->locs[k].addr);
}

struct bp *bp_same_place(const struct bp_table *t, const struct bp *b)
{
    for (size_t k = 0; k < b->nlocs; k++) {
        struct bp_slot *s = slot_get((struct bp_table *)t, b->locs[k].pid, b->locs[k].addr, 0);
        /* in the table only: others being built beside b do not count */
        for (size_t i = 0; s && i < s->n; i++)
            if (s->v[i] != b && same_class(s->v[i], b) && bp_find(t, s->v[i]->id) == s->v[i])
                return s->v[i];
    }
    if (b->nlocs || b->kind != BP_SYMBOLIC || !t->nnames)
        return NULL;
    /* unresolved: a bu with the same text, still unresolved */
    const struct bp_chain *c = &t->names[name_hash(b->expr, t->nnames)];
    for (size_t k = 0; k < c->n; k++)
        if (c->v[k] != b && !c->v[k]->nlocs && !strcmp(c->v[k]->expr, b->expr))
            return c->v[k];
    return NULL;
}

struct bp *bp_named(const struct bp_table *t, const char *text)
{
    if (!t->nnames)
        return NULL;
    const struct bp_chain *c = &t->names[name_hash(text, t->nnames)];
    for (size_t k = 0; k < c->n; k++)
        if (!strcmp(c->v[k]->expr, text))
            return c->v[k];
    return NULL;
}

int bp_count_pass(struct bp *b)
{
    if (b->passes_left > 1) {
        b->passes_left--;
        return 0;
    }
    return 1; /* stays at 1: only clear-and-set resets it */
}

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

long bp_parse_ids(const struct bp_table *t, const char *text, unsigned **ids, bp_eval_fn eval,
                  void *ctx, struct lerr *e)
{
    size_t n = 0, cap = 16;
    unsigned *v = xmalloc(cap * sizeof *v);
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        unsigned long lo, hi;
        if (*p == '*') {
            for (size_t i = 0; i < t->n; i++) {
                if (n == cap)
                    v = xrealloc(v, (cap *= 2) * sizeof *v);
                v[n++] = t->v[i]->id;
            }
            p++;
            continue;
        }
        if (*p == '[') {
            const char *close = strchr(p, ']');
            uint64_t val;
            if (!close) {
                free(v);
                return lerr_set(e, "Syntax error in '%s': '[' without ']'", text);
            }
            if (eval(ctx, p + 1, (size_t)(close - p - 1), &val, e) < 0) {
                free(v);
                return -1;
            }
            lo = hi = (unsigned long)val;
            p = close + 1;
        } else if (isdigit((unsigned char)*p)) {
            char *end;
            lo = hi = strtoul(p, &end, 10);
            p = end;
            if (*p == '-' && isdigit((unsigned char)p[1])) {
                hi = strtoul(p + 1, &end, 10);
                p = end;
            }
            if (*p && *p != ' ' && *p != '\t' && *p != ',') {
                free(v);
                return lerr_set(e, "Syntax error in '%s': breakpoint ids are decimal numbers, ranges or *", text);
            }
        } else {
            free(v);
            return lerr_set(e, "Syntax error in '%s': breakpoint ids are decimal numbers, ranges or *", text);
        }
        if (hi < lo || hi - lo > 1000000) {
            free(v);
            return lerr_set(e, "Range error in '%s'", text);
        }
        for (unsigned long id = lo; id <= hi; id++) {
            if (!bp_find(t, (unsigned)id)) {
                if (lo == hi) {
                    free(v);
                    return lerr_set(e, "Breakpoint %lu does not exist", id);
                }
                continue; /* a range covers the ones that exist */
            }
            if (n == cap)
                v = xrealloc(v, (cap *= 2) * sizeof *v);
            v[n++] = (unsigned)id;
        }
    }
    qsort(v, n, sizeof *v, cmp_unsigned);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || v[u - 1] != v[i])
            v[u++] = v[i];
    *ids = v;
    return (long)u;
}
