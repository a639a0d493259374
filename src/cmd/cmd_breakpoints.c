/* Setting software breakpoints: bp bu bm (with IDs, options, passes and
 * command strings, as the seed page gives them), and what module loads,
 * unloads and exits do to breakpoints. Every command checks all its input
 * before it changes anything: a failing command leaves the list as it was. */
#include "arch/x86_64/disasm.h"
#include "cmd/bp_spec.h"
#include "sym/wildcard.h"
#include "ui/format.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

static int has_location_in(const struct bp *b, pid_t pid)
{
    for (size_t i = 0; i < b->nlocs; i++)
        if (b->locs[i].pid == pid)
            return 1;
    return 0;
}

/* Resolves b's expression in process p (as if it were current) and adds
 * the location; 1 when added. */
static int resolve_in(struct dbg *d, struct bp *b, struct eng_process *p)
{
    if (b->proc_index >= 0 && b->proc_index != p->index)
        return 0;
    int saved = dbg_view_process(d, p);
    uint64_t addr;
    struct lerr keep = d->err;
    int added = resolve_code(d, b->expr, &addr) == 1 &&
                bp_add_location(&d->bps, b, p->pid, addr, NULL) == 0;
    d->err = keep;
    d->s->cur_proc = saved;
    return added;
}

static int set_one(struct dbg *d, struct bp_spec *s, enum bp_kind kind, const char *expr,
                   unsigned id)
{
    /* s->have_id: the id was given (else it is the first free one) */
    struct eng_process *p = eng_cur_process(d->s);
    uint64_t addr = 0;
    int r = 0;
    if (p) {
        r = resolve(d, expr, &addr);
        if (r < 0)
            return -1;
        if (r == 1)
            r = resolve_code(d, expr, &addr);
    }
    if (kind == BP_ADDRESS && r == 0) {
        if (!p || resolve(d, expr, &addr) != 1)
            fprintf(d->out, "Bp expression '%s' could not be resolved, adding deferred bp\n", expr);
        kind = BP_SYMBOLIC;
    }
    char text[64];
    if (kind == BP_ADDRESS) {
        snprintf(text, sizeof text, "0x%016llx", (unsigned long long)addr);
        expr = text;
    }
    struct bp *b = bp_new(kind, expr);
    b->id = id;
    apply_spec(s, b);
    if (r == 1 && bp_add_location(&d->bps, b, p->pid, addr, &d->err) < 0) {
        bp_free(b);
        return -1;
    }
    /* a bu applies to every process where its symbol resolves */
    for (size_t i = 0; kind == BP_SYMBOLIC && i < d->s->nprocs; i++)
        if (d->s->procs[i] != p)
            resolve_in(d, b, d->s->procs[i]);
    install(d, b, s->have_id);
    return 0;
}

static int do_bp(struct dbg *d, const char *args, enum bp_kind kind)
{
    struct bp_spec s;
    if (parse_spec(d, args, SPEC_BP, &s) < 0)
        return -1;
    if (thread_from_prefix(d, &s) < 0) {
        spec_free(&s);
        return -1;
    }
    char ip[32];
    const char *expr = s.location;
    if (!expr) {
        uint64_t rip;
        if (dbg_need_process(d) < 0 || dbg_current_ip(d, &rip) < 0) {
            spec_free(&s);
            return -1;
        }
        snprintf(ip, sizeof ip, "0x%llx", (unsigned long long)rip);
        expr = ip;
    }
    unsigned id = s.have_id ? s.id : bp_free_id(&d->bps);
    int rc = set_one(d, &s, kind, expr, id);
    spec_free(&s);
    return rc;
}

static int cmd_bp(struct dbg *d, const char *args) { return do_bp(d, args, BP_ADDRESS); }
static int cmd_bu(struct dbg *d, const char *args) { return do_bp(d, args, BP_SYMBOLIC); }

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
        if (sym_better_name(e, last->bind, last->name + strlen(m->name) + 1))
            snprintf(last->name, sizeof last->name, "%s!%s", m->name,
                     c->full && e->full ? e->full : e->name);
        return 0;
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = realloc(c->v, c->cap * sizeof *c->v);
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

/* bm: x + bu on each match (bp with /d) */
static int cmd_bm(struct dbg *d, const char *args)
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
        fprintf(d->out, "No matching %ssymbols found, no breakpoints set.\n", s.all_syms ? "" : "code ");
        rc = 0;
        goto out;
    }
    /* indirect functions: on the implementation this process uses */
    for (size_t k = 0; k < c.n; k++)
        if (c.v[k].ifunc && ifunc_target(d, c.v[k].addr, &c.v[k].addr) != 1)
            c.v[k].addr = 0; /* not chosen yet: a bu that waits */
    /* plant everything first: on any failure, nothing is added */
    struct bp **made = calloc(c.n, sizeof *made);
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
            made[k]->id = same->id;
            bp_remove(&d->bps, same);
            bp_free(same);
        } else {
            while (bp_find(&d->bps, id))
                id++;
            made[k]->id = id;
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

void dbg_bps_on_load(struct dbg *d, pid_t pid)
{
    struct eng_process *p = eng_process_by_pid(d->s, pid);
    if (!p)
        return;
    /* the warning looks at the code of the process that loaded */
    int saved = dbg_view_process(d, p);
    for (size_t i = 0; i < d->bps.n; i++) {
        struct bp *b = d->bps.v[i];
        if (b->kind == BP_SYMBOLIC && !has_location_in(b, pid) && resolve_in(d, b, p))
            warn_if_data(d, b);
    }
    d->s->cur_proc = saved;
}

void dbg_bps_on_fork(struct dbg *d, pid_t parent, pid_t child)
{
    struct eng_process *cp = eng_process_by_pid(d->s, child);
    if (!cp || cp->vfork_parent)
        return; /* a vfork child gets its breakpoints when it execs */
    for (size_t i = 0; i < d->bps.n; i++) {
        struct bp *b = d->bps.v[i];
        for (size_t k = 0; k < b->nlocs; k++)
            if (b->locs[k].pid == parent)
                bp_add_location(&d->bps, b, child, b->locs[k].addr, NULL);
    }
}

void dbg_bps_on_unload(struct dbg *d, pid_t pid, uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < d->bps.n;) {
        struct bp *b = d->bps.v[i];
        size_t before = b->nlocs;
        bp_drop_locations(&d->bps, b, pid, start, end, 0);
        if (b->kind != BP_SYMBOLIC && before && !b->nlocs) {
            /* a bp (or ba) goes with its module */
            bp_remove(&d->bps, b);
            bp_free(b);
            continue;
        }
        i++;
    }
}

void dbg_bps_on_exit(struct dbg *d, pid_t pid)
{
    for (size_t i = 0; i < d->bps.n; i++)
        bp_drop_locations(&d->bps, d->bps.v[i], pid, 0, 0, 1);
}


const struct cmd_def cmd_breakpoint_table[] = {
    {"bp", cmd_bp, "set a breakpoint: [~t] bp[ID] [/1 /c n /C n /p n /t n /w \"cond\"] [addr [passes]] [\"cmds\"]", 1},
    {"bu", cmd_bu, "set a deferred breakpoint on a symbolic location, resolved on every load", 1},
    {"bm", cmd_bm, "set breakpoints on every symbol matching a pattern: bm [/a /d /( ...] mod!pat*", 1},
    {NULL, NULL, NULL},
};
