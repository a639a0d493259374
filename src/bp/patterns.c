/* bm's symbol matching and deferred bm patterns (see patterns.h). */
#include "bp/patterns.h"
#include "sym/inline.h"
#include "util/xalloc.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int collect(void *ctx, const struct sym_module *m, const struct sym_entry *e)
{
    struct bpm_matches *c = ctx;
    int code = e->type == STT_FUNC || e->type == STT_GNU_IFUNC;
    if (!code && !c->all)
        return 0;
    /* the cold part of a function (GCC's foo.cold) is not an entry */
    if (code && strstr(e->name, ".cold"))
        return 0;
    /* aliases of one address come together (address order): one
     * breakpoint, under the name a user knows best */
    if (c->n && c->v[c->n - 1].addr == e->addr && c->v[c->n - 1].mod == m) {
        struct bpm_match *last = &c->v[c->n - 1];
        /* an indirect function under any of its names is one */
        last->ifunc |= e->type == STT_GNU_IFUNC;
        last->data &= !code;
        if (sym_better_name(e, last->bind, last->name + strlen(m->name) + 1)) {
            snprintf(last->name, sizeof last->name, "%s!%s", m->name,
                     c->full && e->full ? e->full : e->name);
            last->bind = e->bind;
        }
        return 0;
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    struct bpm_match *mt = &c->v[c->n++];
    mt->mod = (struct sym_module *)m;
    mt->addr = e->addr;
    mt->data = !code;
    mt->bind = e->bind;
    mt->ifunc = e->type == STT_GNU_IFUNC;
    snprintf(mt->name, sizeof mt->name, "%s!%s", m->name, c->full && e->full ? e->full : e->name);
    return 0;
}

struct inlined_query {
    struct bpm_matches *c;
    struct sym_module *mod;
    const struct wildcard *sw;
    size_t before; /* the symbol table's matches */
};

/* A function known from DWARF only (inlined everywhere, no symbol): a
 * match at one of its copies (the breakpoint gets them all). */
static void collect_inlined(void *ctx, const char *name, uint64_t entry)
{
    struct inlined_query *q = ctx;
    struct bpm_matches *c = q->c;
    if (!wildcard_match(q->sw, name))
        return;
    size_t mlen = strlen(q->mod->name);
    for (size_t i = 0; i < q->before; i++)
        if (c->v[i].mod == q->mod && !strcmp(c->v[i].name + mlen + 1, name))
            return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    struct bpm_match *mt = &c->v[c->n++];
    memset(mt, 0, sizeof *mt);
    mt->mod = q->mod;
    mt->addr = entry;
    mt->bind = STB_LOCAL;
    snprintf(mt->name, sizeof mt->name, "%s!%s", q->mod->name, name);
}

void bpm_match_symbols(struct bpm *m, pid_t pid, const struct wildcard *mw,
                       const struct wildcard *sw, struct bpm_matches *c)
{
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    if (!p)
        return;
    struct sym_space *sp = eng_proc_syms(p);
    if (c->full)
        sym_visit_full(sp, mw, sw, collect, c);
    else
        sym_visit(sp, mw, sw, collect, c);
    for (size_t i = 0; i < sp->n; i++) {
        struct inlined_query q = {c, sp->mods[i], sw, c->n};
        if (!mw || wildcard_match(mw, sp->mods[i]->name))
            sym_inlined_functions(sp->mods[i], collect_inlined, &q);
    }
}

static int by_module_and_name(const void *a, const void *b)
{
    const struct bpm_match *x = *(const struct bpm_match *const *)a;
    const struct bpm_match *y = *(const struct bpm_match *const *)b;
    if (x->mod != y->mod)
        return x->mod < y->mod ? -1 : 1;
    int c = strcmp(x->name, y->name);
    return c ? c : (x < y ? -1 : x > y);
}

/* Sorted, so that 50,000 matches do not compare every pair; said in the
 * order found. */
void bpm_drop_overloads(struct bpm *m, struct bpm_matches *c)
{
    struct bpm_match **order = xmalloc((c->n ? c->n : 1) * sizeof *order);
    unsigned char *dup = xcalloc(c->n ? c->n : 1, 1), *first = xcalloc(c->n ? c->n : 1, 1);
    for (size_t i = 0; i < c->n; i++)
        order[i] = &c->v[i];
    qsort(order, c->n, sizeof *order, by_module_and_name);
    for (size_t i = 0; i < c->n;) {
        size_t j = i + 1;
        while (j < c->n && order[j]->mod == order[i]->mod && !strcmp(order[j]->name, order[i]->name))
            j++;
        if (j - i > 1) {
            first[order[i] - c->v] = 1; /* the lowest address: first in c->v */
            for (size_t k = i; k < j; k++)
                dup[order[k] - c->v] = 1;
        }
        i = j;
    }
    size_t kept = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (!dup[i]) {
            c->v[kept++] = c->v[i];
        } else if (first[i]) {
            struct bpm_note n = {.kind = BPM_NOTE_BM_OVERLOADS, .name = c->v[i].name};
            m->client.note(m->client.ctx, &n);
        }
    }
    c->n = kept;
    free(order);
    free(dup);
    free(first);
}

int bpm_any_module(const struct sym_space *sp, const struct wildcard *mw)
{
    for (size_t i = 0; mw && sp && i < sp->n; i++)
        if (wildcard_match(mw, sp->mods[i]->name))
            return 1;
    return 0;
}

void bpm_one_per_address(struct bpm_matches *c)
{
    size_t kept = 0;
    for (size_t i = 0; i < c->n; i++) {
        size_t j = 0;
        while (j < kept && (!c->v[i].addr || c->v[j].addr != c->v[i].addr))
            j++;
        if (j == kept)
            c->v[kept++] = c->v[i];
    }
    c->n = kept;
}

int bpm_chosen_or_watched(struct bpm *m, pid_t pid, uint64_t *addr)
{
    if (bpm_ifunc_target(m, pid, *addr, addr) == 1)
        return 1;
    eng_ifunc_watch(m->s, pid, *addr, NULL);
    return 0;
}

/* A deferred bm over the modules of pid: a breakpoint for each match that
 * has none yet (by name, or at its address), in the module that loaded. */
static void apply_pattern(struct bpm *m, const struct bp *pat, pid_t pid,
                          const struct sym_module *loaded)
{
    struct wildcard *mw = NULL, *sw = NULL;
    struct bpm_matches c = {pat->bm_all, pat->bm_params, NULL, 0, 0};
    const char *sym = pat->expr, *bang = strchr(sym, '!');
    struct lerr e;
    if (bang) {
        char mod[256];
        snprintf(mod, sizeof mod, "%.*s", (int)(bang - sym), sym);
        mw = wildcard_compile(mod, &e);
        sym = bang + 1;
    }
    if ((bang && !mw) || !(sw = wildcard_compile(sym, &e)) ||
        (mw && !wildcard_match(mw, loaded->name)))
        goto out;
    bpm_match_symbols(m, pid, mw, sw, &c);
    /* only the module that loaded: what the pattern set in modules loaded
     * before, and the user cleared since, stays cleared */
    size_t kept = 0;
    for (size_t k = 0; k < c.n; k++)
        if (c.v[k].mod == loaded)
            c.v[kept++] = c.v[k];
    c.n = kept;
    if (!pat->bm_params && !pat->bm_address)
        bpm_drop_overloads(m, &c);
    for (size_t k = 0; k < c.n; k++) {
        if (bp_named(&m->bps, c.v[k].name))
            continue; /* set already (the module loaded before) */
        if (c.v[k].ifunc && !bpm_chosen_or_watched(m, pid, &c.v[k].addr))
            c.v[k].addr = 0; /* a bu that waits for the loader's choice */
        char text[64];
        snprintf(text, sizeof text, "0x%016llx", (unsigned long long)c.v[k].addr);
        int as_address = pat->bm_address && c.v[k].addr;
        struct bp *b = bp_new(as_address ? BP_ADDRESS : BP_SYMBOLIC,
                              as_address ? text : c.v[k].name);
        bp_copy_options(b, pat);
        struct bp *none;
        if ((c.v[k].addr && bp_add_location(&m->bps, b, pid, c.v[k].addr, NULL) < 0) ||
            bp_same_place(&m->bps, b)) {
            bp_drop_locations(&m->bps, b, 0, 0, 0, 0);
            bp_free(b);
            continue;
        }
        if (!as_address)
            bpm_add_inline_copies(m, b, pid, c.v[k].name);
        bp_set_id(&m->bps, b, bp_free_id(&m->bps));
        bp_insert(&m->bps, b, &none);
        struct bpm_note n = {.kind = BPM_NOTE_BM_SET, .id = b->id, .pattern_id = pat->id,
                             .pid = pid, .addr = c.v[k].addr, .name = c.v[k].name,
                             .pattern = pat->expr};
        m->client.note(m->client.ctx, &n);
    }
out:
    free(c.v);
    wildcard_free(mw);
    wildcard_free(sw);
}

void bpm_apply_patterns(struct bpm *m, pid_t pid, uint64_t start)
{
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    const struct sym_module *loaded = p ? sym_module_at(eng_proc_syms(p), start) : NULL;
    if (!loaded)
        return;
    /* the list grows while it is walked: patterns are looked up by id */
    unsigned *ids = NULL;
    size_t n = 0;
    for (size_t i = 0; i < m->bps.n; i++) {
        const struct bp *b = m->bps.v[i];
        if (b->kind == BP_PATTERN && b->enabled && (b->proc_index < 0 || b->proc_index == eng_proc_index(p))) {
            ids = xrealloc(ids, (n + 1) * sizeof *ids);
            ids[n++] = b->id;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const struct bp *pat = bp_find(&m->bps, ids[i]);
        if (pat)
            apply_pattern(m, pat, pid, loaded);
    }
    free(ids);
}

int bpm_pattern_matches(struct bpm *m, pid_t pid, const char *pattern, int keep_overloads,
                        struct bpm_matches *c, int *loaded, struct lerr *e)
{
    struct wildcard *mw = NULL, *sw;
    const char *bang = strchr(pattern, '!');
    if (bang) {
        char mod[256];
        snprintf(mod, sizeof mod, "%.*s", (int)(bang - pattern), pattern);
        if (!(mw = wildcard_compile(mod, e)))
            return -1;
    }
    if (!(sw = wildcard_compile(bang ? bang + 1 : pattern, e))) {
        wildcard_free(mw);
        return -1;
    }
    bpm_match_symbols(m, pid, mw, sw, c);
    if (!keep_overloads)
        bpm_drop_overloads(m, c);
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    *loaded = c->n > 0 || (p && bpm_any_module(eng_proc_syms(p), mw));
    for (size_t k = 0; k < c->n; k++)
        if (c->v[k].ifunc && !bpm_chosen_or_watched(m, pid, &c->v[k].addr))
            c->v[k].addr = 0; /* not chosen yet: a bu that waits */
    bpm_one_per_address(c);
    wildcard_free(mw);
    wildcard_free(sw);
    return 0;
}
