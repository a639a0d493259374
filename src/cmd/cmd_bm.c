/* bm: breakpoints on every symbol that matches a pattern (seed 002): one
 * per address, overloads left out unless /( gives parameter lists, /d for
 * bp instead of bu; glibc's indirect functions on their implementation. A
 * pattern that matches nothing because its module is not loaded yet is
 * kept (a deferred bm, listed by bl, written by .bpcmds) and applied to
 * each matching module as it loads, once per symbol. */
#include "cmd/bp_spec.h"
#include "sym/wildcard.h"
#include "ui/format.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

struct bm_match {
    struct sym_module *mod;
    uint64_t addr;
    int data;
    int ifunc;  /* an indirect function: addr becomes its implementation */
    unsigned char bind;
    char name[512];
};

struct bm_ctx {
    int all;
    int full; /* /(: names with their parameter lists */
    struct bm_match *v;
    size_t n, cap;
};

static int collect(void *ctx, const struct sym_module *m, const struct sym_entry *e)
{
    struct bm_ctx *c = ctx;
    int code = e->type == STT_FUNC || e->type == STT_GNU_IFUNC;
    if (!code && !c->all)
        return 0;
    /* the cold part of a function (GCC's foo.cold) is not an entry */
    if (code && strstr(e->name, ".cold"))
        return 0;
    /* aliases of one address come together (address order): one
     * breakpoint, under the name a user knows best */
    if (c->n && c->v[c->n - 1].addr == e->addr && c->v[c->n - 1].mod == m) {
        struct bm_match *last = &c->v[c->n - 1];
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
        if (!(c->v = realloc(c->v, c->cap * sizeof *c->v)))
            abort();
    }
    struct bm_match *mt = &c->v[c->n++];
    mt->mod = (struct sym_module *)m;
    mt->addr = e->addr;
    mt->data = !code;
    mt->bind = e->bind;
    mt->ifunc = e->type == STT_GNU_IFUNC;
    snprintf(mt->name, sizeof mt->name, "%s!%s", m->name, c->full && e->full ? e->full : e->name);
    return 0;
}

static int by_module_and_name(const void *a, const void *b)
{
    const struct bm_match *x = *(const struct bm_match *const *)a;
    const struct bm_match *y = *(const struct bm_match *const *)b;
    if (x->mod != y->mod)
        return x->mod < y->mod ? -1 : 1;
    int c = strcmp(x->name, y->name);
    return c ? c : (x < y ? -1 : x > y);
}

/* Overloads share a name: a bu on it could not say which (seed: "without
 * /( ... fails"). They are left out, and said once each, in the order
 * found. Sorted, so that 50,000 matches do not compare every pair. */
static void drop_overloads(struct dbg *d, struct bm_ctx *c)
{
    struct bm_match **order = malloc((c->n ? c->n : 1) * sizeof *order);
    unsigned char *dup = calloc(c->n ? c->n : 1, 1), *first = calloc(c->n ? c->n : 1, 1);
    if (!order || !dup || !first)
        abort();
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
        if (!dup[i])
            c->v[kept++] = c->v[i];
        else if (first[i])
            fprintf(d->out, "%s has overloads: not set (bm /( sets them by parameter list)\n",
                    c->v[i].name);
    }
    c->n = kept;
    free(order);
    free(dup);
    free(first);
}

/* Whether a loaded module matches the module part of a pattern (none: a
 * pattern without one, which any module that loads later may match). */
static int any_module(const struct sym_space *sp, const struct wildcard *mw)
{
    for (size_t i = 0; mw && sp && i < sp->n; i++)
        if (wildcard_match(mw, sp->mods[i]->name))
            return 1;
    return 0;
}

/* Nothing matched because the module is not loaded yet: the pattern is
 * kept, with the options, as a deferred bm. */
static void keep_pattern(struct dbg *d, const struct bp_spec *s)
{
    struct bp *b = bp_new(BP_PATTERN, s->location);
    apply_spec(s, b);
    b->bm_all = (unsigned char)s->all_syms;
    b->bm_address = (unsigned char)s->as_address;
    b->bm_params = (unsigned char)s->with_params;
    b->id = bp_free_id(&d->bps);
    struct bp *none;
    bp_insert(&d->bps, b, &none);
    if (strchr(s->location, '!'))
        fprintf(d->out, "No module matching '%s' is loaded: kept as breakpoint %u, a deferred bm "
                        "applied as matching modules load\n", s->location, b->id);
    else
        fprintf(d->out, "No symbol matches '%s' yet: kept as breakpoint %u, a deferred bm applied "
                        "as modules load\n", s->location, b->id);
}

static void copy_options(struct bp *to, const struct bp *from)
{
    to->one_shot = from->one_shot;
    to->max_depth = from->max_depth;
    to->min_depth = from->min_depth;
    to->condition = from->condition ? strdup(from->condition) : NULL;
    to->thread_index = from->thread_index;
    to->proc_index = from->proc_index;
    to->passes_init = to->passes_left = from->passes_init;
    to->commands = from->commands ? strdup(from->commands) : NULL;
    if ((from->condition && !to->condition) || (from->commands && !to->commands))
        abort();
}

/* Matches that ended on one address (memcpy and memmove choose the same
 * implementation): the first stays, the others go. */
static void one_per_address(struct bm_ctx *c)
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

/* An indirect function's implementation in p (1, *addr becomes it), or
 * 0: not chosen yet, and its resolver is watched so that the breakpoint
 * follows (dbg_bps_on_load then resolves it). */
static int chosen_or_watched(struct dbg *d, struct eng_process *p, uint64_t *addr)
{
    if (ifunc_target(d, *addr, addr) == 1)
        return 1;
    eng_ifunc_watch(d->s, p->pid, *addr, NULL);
    return 0;
}

/* A deferred bm over the modules of p: a breakpoint for each match that
 * has none yet (by name, or at its address). */
static void apply_pattern(struct dbg *d, const struct bp *pat, struct eng_process *p,
                          const struct sym_module *loaded)
{
    struct wildcard *mw = NULL, *sw = NULL;
    struct bm_ctx c = {pat->bm_all, pat->bm_params, NULL, 0, 0};
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
    if (pat->bm_params)
        sym_visit_full(p->syms, mw, sw, collect, &c);
    else
        sym_visit(p->syms, mw, sw, collect, &c);
    /* only the module that loaded: what the pattern set in modules loaded
     * before, and the user cleared since, stays cleared */
    size_t kept = 0;
    for (size_t k = 0; k < c.n; k++)
        if (c.v[k].mod == loaded)
            c.v[kept++] = c.v[k];
    c.n = kept;
    if (!pat->bm_params && !pat->bm_address)
        drop_overloads(d, &c);
    char a[FMT_ADDR_LEN];
    for (size_t k = 0; k < c.n; k++) {
        if (bp_named(&d->bps, c.v[k].name))
            continue; /* set already (the module loaded before) */
        if (c.v[k].ifunc && !chosen_or_watched(d, p, &c.v[k].addr))
            c.v[k].addr = 0; /* a bu that waits for the loader's choice */
        char text[64];
        snprintf(text, sizeof text, "0x%016llx", (unsigned long long)c.v[k].addr);
        int as_address = pat->bm_address && c.v[k].addr;
        struct bp *b = bp_new(as_address ? BP_ADDRESS : BP_SYMBOLIC,
                              as_address ? text : c.v[k].name);
        copy_options(b, pat);
        struct bp *none;
        if ((c.v[k].addr && bp_add_location(&d->bps, b, p->pid, c.v[k].addr, NULL) < 0) ||
            bp_same_place(&d->bps, b)) {
            bp_drop_locations(&d->bps, b, 0, 0, 0, 0);
            bp_free(b);
            continue;
        }
        bp_set_id(&d->bps, b, bp_free_id(&d->bps));
        bp_insert(&d->bps, b, &none);
        fprintf(d->out, "%3u: %s %s (bm %s, breakpoint %u)\n", b->id,
                c.v[k].addr ? fmt_addr(a, c.v[k].addr) : "                 ", c.v[k].name,
                pat->expr, pat->id);
    }
out:
    free(c.v);
    wildcard_free(mw);
    wildcard_free(sw);
}

void bm_apply_patterns(struct dbg *d, struct eng_process *p, const struct sym_module *loaded)
{
    /* the list grows while it is walked: patterns are looked up by id */
    unsigned *ids = NULL;
    size_t n = 0;
    for (size_t i = 0; i < d->bps.n; i++) {
        const struct bp *b = d->bps.v[i];
        if (b->kind == BP_PATTERN && b->enabled && (b->proc_index < 0 || b->proc_index == p->index)) {
            if (!(ids = realloc(ids, (n + 1) * sizeof *ids)))
                abort();
            ids[n++] = b->id;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const struct bp *pat = bp_find(&d->bps, ids[i]);
        if (pat)
            apply_pattern(d, pat, p, loaded);
    }
    free(ids);
}

/* bm: x + bu on each match (bp with /d) */
int dbg_cmd_bm(struct dbg *d, const char *args)
{
    struct bp_spec s;
    if (parse_spec(d, args, SPEC_BM, &s) < 0)
        return -1;
    int rc = -1;
    struct wildcard *mw = NULL, *sw = NULL;
    struct bm_ctx c = {s.all_syms, s.with_params, NULL, 0, 0};
    if (thread_from_prefix(d, &s) < 0)
        goto out;
    if (!s.location) {
        lerr_set(&d->err, "Syntax error: bm needs a symbol pattern: bm mod!name*");
        goto out;
    }
    if (s.have_id) {
        lerr_set(&d->err, "Syntax error: bm numbers its breakpoints itself");
        goto out;
    }
    if (dbg_need_process(d) < 0)
        goto out;
    const char *pat = s.location, *bang = strchr(pat, '!');
    if (bang) {
        char mod[256];
        snprintf(mod, sizeof mod, "%.*s", (int)(bang - pat), pat);
        if (!(mw = wildcard_compile(mod, &d->err)))
            goto out;
        pat = bang + 1;
    }
    if (!(sw = wildcard_compile(pat, &d->err)))
        goto out;
    if (s.with_params)
        sym_visit_full(eng_syms(d->s), mw, sw, collect, &c);
    else
        sym_visit(eng_syms(d->s), mw, sw, collect, &c);
    if (!s.with_params && !s.as_address)
        drop_overloads(d, &c);
    if (c.n == 0) {
        rc = 0;
        if (!any_module(eng_syms(d->s), mw)) {
            keep_pattern(d, &s);
            goto out;
        }
        fprintf(d->out, "No matching %ssymbols found, no breakpoints set.\n", s.all_syms ? "" : "code ");
        goto out;
    }
    /* indirect functions: on the implementation this process uses */
    for (size_t k = 0; k < c.n; k++)
        if (c.v[k].ifunc && !chosen_or_watched(d, eng_cur_process(d->s), &c.v[k].addr))
            c.v[k].addr = 0; /* not chosen yet: a bu that waits */
    one_per_address(&c);
    /* plant everything first: on any failure, nothing is added */
    struct bp **made = calloc(c.n, sizeof *made);
    if (!made)
        abort();
    struct eng_process *p = eng_cur_process(d->s);
    unsigned id = bp_free_id(&d->bps);
    size_t k;
    for (k = 0; k < c.n; k++) {
        char text[64];
        int as_address = s.as_address && c.v[k].addr;
        if (as_address)
            snprintf(text, sizeof text, "0x%016llx", (unsigned long long)c.v[k].addr);
        made[k] = bp_new(as_address ? BP_ADDRESS : BP_SYMBOLIC, as_address ? text : c.v[k].name);
        apply_spec(&s, made[k]);
        if (c.v[k].addr && bp_add_location(&d->bps, made[k], p->pid, c.v[k].addr, &d->err) < 0)
            break;
    }
    if (k < c.n) {
        for (size_t j = 0; j <= k; j++) {
            bp_drop_locations(&d->bps, made[j], 0, 0, 0, 0);
            bp_free(made[j]);
        }
        free(made);
        goto out;
    }
    char a[FMT_ADDR_LEN];
    for (k = 0; k < c.n; k++) {
        /* one that is there already is redefined, keeping its id */
        struct bp *same = bp_same_place(&d->bps, made[k]);
        if (same) {
            unsigned same_id = same->id;
            bp_remove(&d->bps, same);
            bp_free(same);
            bp_set_id(&d->bps, made[k], same_id);
        } else {
            while (bp_find(&d->bps, id))
                id++;
            bp_set_id(&d->bps, made[k], id);
        }
        struct bp *old;
        bp_insert(&d->bps, made[k], &old);
        char impl[512] = "";
        if (c.v[k].ifunc && c.v[k].addr &&
            sym_describe(eng_syms(d->s), c.v[k].addr, impl, sizeof impl) < 0)
            impl[0] = '\0';
        fprintf(d->out, "%3u: %s %s%s%s%s%s\n", made[k]->id,
                c.v[k].addr ? fmt_addr(a, c.v[k].addr) : "                 ", c.v[k].name,
                c.v[k].ifunc ? " (indirect function: " : "",
                c.v[k].ifunc ? (impl[0] ? impl : "implementation not chosen yet") : "",
                c.v[k].ifunc ? ")" : "", same ? " (redefined)" : "");
        if (c.v[k].data) /* a symbol's start: only data needs saying */
            warn_if_data(d, made[k]);
    }
    free(made);
    rc = 0;
out:
    free(c.v);
    wildcard_free(mw);
    wildcard_free(sw);
    spec_free(&s);
    return rc;
}

