/* Software breakpoints: bp bu bm (with IDs, options, passes and command
 * strings, as the seed page gives them), bl bc bd be br bs bsc .bpcmds.
 * Every command checks all its input before it changes anything: a failing
 * command leaves the breakpoint list as it was. */
#include "arch/x86_64/disasm.h"
#include "cmd/dbg.h"
#include "sym/wildcard.h"
#include "ui/format.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

struct bp_spec {
    int have_id;
    unsigned id;
    int one_shot, all_syms, as_address, with_params;
    unsigned max_depth, min_depth;
    char *condition;
    int proc_index, thread_index;
    char *location; /* the address expression or pattern as typed, or NULL */
    int have_passes;
    uint64_t passes;
    char *commands;
    int access;     /* ba: 'e' 'r' 'w' */
    unsigned size;  /* ba */
};

static void spec_free(struct bp_spec *s)
{
    free(s->condition);
    free(s->location);
    free(s->commands);
}

/* A "..." string with \" \n \\ escapes; *p is at the opening quote. */
static int quoted(struct dbg *d, const char **p, char **out)
{
    const char *q = *p + 1;
    struct strbuf sb;
    sb_init(&sb);
    sb_adds(&sb, "");
    for (; *q && *q != '"'; q++) {
        if (*q == '\\' && q[1]) {
            q++;
            sb_addc(&sb, *q == 'n' ? '\n' : *q);
        } else {
            sb_addc(&sb, *q);
        }
    }
    if (*q != '"') {
        sb_free(&sb);
        return lerr_set(&d->err, "Syntax error: a command string or condition without its closing '\"'");
    }
    *out = sb.buf;
    *p = dbg_skip(q + 1);
    return 0;
}

/* An option's number is one word: `/c 2 /C 3` must not read `2 / C`. */
static int option_number(struct dbg *d, const char **p, const char *opt, uint64_t *v)
{
    size_t n = strcspn(*p, " \t");
    if (n == 0 || **p == '"')
        return lerr_set(&d->err, "Syntax error: option %s needs a number", opt);
    char word[128];
    snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), *p);
    struct expr_env env;
    dbg_expr_env(d, &env);
    if (expr_eval_all(&env, word, v, &d->err) < 0)
        return -1;
    *p = dbg_skip(*p + n);
    return 0;
}

enum spec_mode { SPEC_BP, SPEC_BM, SPEC_BA };

/* ba's Access Size: "w4" or "w 4". */
static int parse_access(struct dbg *d, const char **pp, struct bp_spec *s)
{
    const char *p = *pp;
    char a = (char)tolower((unsigned char)*p);
    if (!strchr("erwi", a) || !a)
        return lerr_set(&d->err, "Syntax error: ba needs an access (e, r, w or i) and a size: ba w4 address");
    p = dbg_skip(p + 1);
    if (!strchr("1248", *p) || !*p || (p[1] && p[1] != ' ' && p[1] != '\t'))
        return lerr_set(&d->err, "Syntax error: the size of a processor breakpoint is 1, 2, 4 or 8");
    if (a == 'i')
        return lerr_set(&d->err, "ba i is refused: I/O-port breakpoints need kernel-mode debugging");
    s->access = a;
    s->size = (unsigned)(*p - '0');
    if (a == 'e' && s->size != 1)
        return lerr_set(&d->err, "Syntax error: ba e takes size 1 (an instruction's first byte)");
    *pp = dbg_skip(p + 1);
    return 0;
}

/* [ID] [options] [location [passes]] ["commands"]; bm takes a pattern,
 * ba an access and size before its address. */
static int parse_spec(struct dbg *d, const char *args, enum spec_mode mode, struct bp_spec *s)
{
    int is_bm = mode == SPEC_BM;
    memset(s, 0, sizeof *s);
    s->proc_index = s->thread_index = -1;
    const char *p = args;
    /* bp7, bp[expr]: the id is glued to the command name */
    if (d->glued && isdigit((unsigned char)*p)) {
        char *end;
        unsigned long id = strtoul(p, &end, 10);
        if (id > 0xfffffffful || (*end && *end != ' ' && *end != '\t'))
            return lerr_set(&d->err, "Syntax error: a breakpoint id is a decimal number up to 4294967295");
        s->have_id = 1;
        s->id = (unsigned)id;
        p = dbg_skip(end);
    } else if (d->glued && *p == '[') {
        const char *close = strchr(p, ']');
        if (!close)
            return lerr_set(&d->err, "Syntax error: '[' without ']' in the breakpoint id");
        char expr[256];
        snprintf(expr, sizeof expr, "%.*s", (int)(close - p - 1), p + 1);
        struct expr_env env;
        dbg_expr_env(d, &env);
        uint64_t v;
        if (expr_eval_all(&env, expr, &v, &d->err) < 0)
            return -1;
        if (v > 0xffffffffu)
            return lerr_set(&d->err, "Range error: breakpoint id %llu is too large", (unsigned long long)v);
        s->have_id = 1;
        s->id = (unsigned)v;
        p = dbg_skip(close + 1);
    }
    while (*p == '/') {
        char o = p[1];
        const char *opt = p;
        p = dbg_skip(p + 2);
        uint64_t v;
        switch (o) {
        case '1': s->one_shot = 1; break;
        case 'a': if (!is_bm) goto bm_only; s->all_syms = 1; break;
        case 'd': if (!is_bm) goto bm_only; s->as_address = 1; break;
        case '(': if (!is_bm) goto bm_only; s->with_params = 1; break;
        case 'c':
        case 'C':
            if (option_number(d, &p, o == 'c' ? "/c" : "/C", &v) < 0)
                goto fail;
            if (v == 0 || v > 100000) {
                lerr_set(&d->err, "Range error: /%c takes a call depth from 1 to 100000", o);
                goto fail;
            }
            if (o == 'c')
                s->max_depth = (unsigned)v;
            else
                s->min_depth = (unsigned)v;
            break;
        case 'p':
        case 't':
            if (option_number(d, &p, o == 'p' ? "/p" : "/t", &v) < 0)
                goto fail;
            if (o == 'p') {
                int found = -1;
                for (size_t i = 0; i < d->s->nprocs; i++)
                    if ((uint64_t)d->s->procs[i]->index == v || (uint64_t)d->s->procs[i]->pid == v)
                        found = d->s->procs[i]->index;
                if (found < 0) {
                    lerr_set(&d->err, "Illegal process error: no process %llu (index or PID)", (unsigned long long)v);
                    goto fail;
                }
                s->proc_index = found;
            } else {
                struct eng_process *pr = eng_cur_process(d->s);
                struct eng_thread *t = pr ? eng_thread_by_index(pr, (int)v) : NULL;
                if (!t && pr)
                    for (size_t i = 0; i < pr->nthreads && !t; i++)
                        if ((uint64_t)pr->threads[i]->tid == v)
                            t = pr->threads[i];
                if (!t) {
                    lerr_set(&d->err, "Illegal thread error: no thread %llu (index or TID)", (unsigned long long)v);
                    goto fail;
                }
                s->thread_index = t->index;
            }
            break;
        case 'w':
            if (*p != '"') {
                lerr_set(&d->err, "Syntax error: /w takes a quoted condition: /w \"@rax==5\"");
                goto fail;
            }
            free(s->condition);
            if (quoted(d, &p, &s->condition) < 0)
                goto fail;
            break;
        default:
            lerr_set(&d->err, "Syntax error: unknown breakpoint option '%.2s'", opt);
            goto fail;
        }
        continue;
    bm_only:
        lerr_set(&d->err, "Syntax error: option '%.2s' is for bm only", opt);
        goto fail;
    }
    if (s->max_depth && s->min_depth) {
        lerr_set(&d->err, "Syntax error: /c and /C cannot be used together");
        goto fail;
    }
    if (mode == SPEC_BA && parse_access(d, &p, s) < 0)
        goto fail;
    if (*p && *p != '"') {
        /* the location: as much as makes one expression (or one pattern) */
        const char *start = p;
        if (is_bm) {
            while (*p && *p != ' ' && *p != '\t')
                p++;
        } else {
            uint64_t ignored;
            struct expr_env env;
            dbg_expr_env(d, &env);
            const char *end;
            /* an unresolvable symbol still ends where the word ends */
            if (expr_eval(&env, p, &end, &ignored, NULL) < 0 || end == p)
                for (end = p; *end && *end != ' ' && *end != '\t' && *end != '"'; end++)
                    ;
            p = end;
        }
        s->location = strndup(start, (size_t)(p - start));
        while (s->location[0] && isspace((unsigned char)s->location[strlen(s->location) - 1]))
            s->location[strlen(s->location) - 1] = '\0';
        p = dbg_skip(p);
        if (*p && *p != '"') {
            if (dbg_eval(d, &p, &s->passes) < 0)
                goto fail;
            if (s->passes == 0 || s->passes > 0xffffffffu) {
                lerr_set(&d->err, "Range error: passes must be 1 to 0xffffffff");
                goto fail;
            }
            s->have_passes = 1;
        }
    }
    if (*p == '"') {
        if (quoted(d, &p, &s->commands) < 0)
            goto fail;
        struct cmd_list check;
        if (cmd_split(s->commands, &check, &d->err) < 0)
            goto fail;
        cmd_list_free(&check);
    }
    if (*p) {
        lerr_set(&d->err, "Syntax error at '%s'", p);
        goto fail;
    }
    return 0;
fail:
    spec_free(s);
    return -1;
}

static int thread_from_prefix(struct dbg *d, struct bp_spec *s)
{
    const struct cmd_prefix *pf = d->prefix;
    if (!pf || pf->kind == CMD_THREAD_NONE || pf->kind == CMD_THREAD_ALL)
        return 0;
    struct eng_process *p = eng_cur_process(d->s);
    struct eng_thread *t = NULL;
    if (pf->kind == CMD_THREAD_CURRENT)
        t = eng_cur_thread(d->s);
    else if (pf->kind == CMD_THREAD_EVENT)
        t = eng_find_thread(d->s, d->s->event_tid, NULL);
    else
        t = eng_thread_by_index(p, (int)pf->index);
    if (!t)
        return lerr_set(&d->err, "Illegal thread error: no such thread for this breakpoint");
    s->thread_index = t->index;
    return 0;
}

/* Resolves a location expression in the current process. 1 ok, 0 the name
 * is not known (yet), -1 another error. */
static int resolve(struct dbg *d, const char *expr, uint64_t *addr)
{
    struct expr_env env;
    dbg_expr_env(d, &env);
    struct lerr e;
    if (expr_eval_all(&env, expr, addr, &e) == 0)
        return 1;
    if (!strncmp(e.msg, "Couldn't resolve", 16))
        return 0;
    lerr_set(&d->err, "%s", e.msg);
    return -1;
}

static void apply_spec(const struct bp_spec *s, struct bp *b)
{
    b->one_shot = s->one_shot;
    b->max_depth = s->max_depth;
    b->min_depth = s->min_depth;
    b->condition = s->condition ? strdup(s->condition) : NULL;
    b->thread_index = s->thread_index;
    b->proc_index = s->proc_index;
    b->passes_init = b->passes_left = s->have_passes ? (uint32_t)s->passes : 1;
    b->commands = s->commands ? strdup(s->commands) : NULL;
}

/* Whether addr starts an instruction, decoding from the function start. */
static int on_boundary(struct dbg *d, uint64_t func, uint64_t addr)
{
    for (uint64_t a = func; a < addr;) {
        uint8_t code[16];
        size_t got = 0;
        struct x86_insn insn;
        eng_read(d->s, a, code, sizeof code, &got);
        if (!got || x86_disasm(a, code, got, &insn, NULL, NULL) < 0)
            return 1; /* cannot tell */
        a += insn.length;
        if (a > addr)
            return 0;
    }
    return 1;
}

/* A software breakpoint on data, or inside an instruction, changes what
 * the program reads or runs (seed 002 warns of it; ba is for data):
 * allowed, as in WinDbg, but said. */
static void warn_if_data(struct dbg *d, const struct bp *b)
{
    if (b->kind == BP_ACCESS)
        return; /* ba is the right tool for data */
    struct sym_space *sp = eng_syms(d->s);
    struct sym_entry s;
    for (size_t i = 0; sp && i < b->nlocs; i++) {
        uint64_t at = b->locs[i].addr;
        if (sym_symbol_at(sp, at, &s) != 0)
            continue;
        if (s.type == STT_OBJECT || s.type == STT_TLS)
            fprintf(d->out, "Warning: breakpoint %u is on data (%s): the program will read 0xCC "
                            "there; ba w/r watches data\n", b->id, s.name);
        else if (s.type == STT_FUNC && at > s.addr && !on_boundary(d, s.addr, at))
            fprintf(d->out, "Warning: breakpoint %u is inside an instruction of %s: the program "
                            "will run a changed instruction\n", b->id, s.name);
    }
}

/* Puts a fully built breakpoint in the list, saying when an id is reused. */
static void install(struct dbg *d, struct bp *b)
{
    struct bp *old;
    bp_insert(&d->bps, b, &old);
    if (old) {
        fprintf(d->out, "breakpoint %u redefined\n", b->id);
        bp_free(old);
    }
    warn_if_data(d, b);
}

static int set_one(struct dbg *d, struct bp_spec *s, enum bp_kind kind, const char *expr,
                   unsigned id)
{
    struct eng_process *p = eng_cur_process(d->s);
    uint64_t addr = 0;
    int r = 0;
    if (p) {
        r = resolve(d, expr, &addr);
        if (r < 0)
            return -1;
    }
    if (kind == BP_ADDRESS && r == 0) {
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
    install(d, b);
    return 0;
}

static int current_ip_text(struct dbg *d, char *buf, size_t size)
{
    struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), &d->err);
    if (!r)
        return -1;
    snprintf(buf, size, "0x%llx", (unsigned long long)r->rip);
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
        if (dbg_need_process(d) < 0 || current_ip_text(d, ip, sizeof ip) < 0) {
            spec_free(&s);
            return -1;
        }
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
    /* aliases of one address come together (address order): one breakpoint */
    if (c->n && c->v[c->n - 1].addr == e->addr && c->v[c->n - 1].mod == m)
        return 0;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = realloc(c->v, c->cap * sizeof *c->v);
    }
    struct bm_match *mt = &c->v[c->n++];
    mt->mod = (struct sym_module *)m;
    mt->addr = e->addr;
    mt->data = !code;
    snprintf(mt->name, sizeof mt->name, "%s!%s", m->name, c->full && e->full ? e->full : e->name);
    return 0;
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
    if (!s.with_params && !s.as_address) {
        /* overloads share a name: a bu on it could not say which (seed:
         * "without /( ... fails"); they are left out, and said */
        size_t kept = 0;
        for (size_t i = 0; i < c.n; i++) {
            int dup = 0, first = 1;
            for (size_t j = 0; j < c.n; j++) {
                if (j == i || c.v[j].mod != c.v[i].mod || strcmp(c.v[j].name, c.v[i].name))
                    continue;
                dup = 1;
                first &= j > i;
            }
            if (!dup)
                c.v[kept++] = c.v[i];
            else if (first)
                fprintf(d->out, "%s has overloads: not set (bm /( sets them by parameter list)\n",
                        c.v[i].name);
        }
        c.n = kept;
    }
    if (c.n == 0) {
        fprintf(d->out, "No matching %ssymbols found, no breakpoints set.\n", s.all_syms ? "" : "code ");
        rc = 0;
        goto out;
    }
    /* plant everything first: on any failure, nothing is added */
    struct bp **made = calloc(c.n, sizeof *made);
    struct eng_process *p = eng_cur_process(d->s);
    unsigned id = bp_free_id(&d->bps);
    size_t k;
    for (k = 0; k < c.n; k++) {
        char text[64];
        if (s.as_address)
            snprintf(text, sizeof text, "0x%016llx", (unsigned long long)c.v[k].addr);
        made[k] = bp_new(s.as_address ? BP_ADDRESS : BP_SYMBOLIC, s.as_address ? text : c.v[k].name);
        apply_spec(&s, made[k]);
        if (bp_add_location(&d->bps, made[k], p->pid, c.v[k].addr, &d->err) < 0)
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
        while (bp_find(&d->bps, id))
            id++;
        made[k]->id = id;
        struct bp *old;
        bp_insert(&d->bps, made[k], &old);
        fprintf(d->out, "%3u: %s %s\n", id, fmt_addr(a, c.v[k].addr), c.v[k].name);
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

static void describe_location(const struct bp *b, struct strbuf *out)
{
    char a[FMT_ADDR_LEN];
    /* the address column; an unresolved one (`eu`) is blank, as in WinDbg;
     * a processor breakpoint shows its access and size (w4) */
    if (b->nlocs == 0)
        sb_addf(out, "%21s", "");
    else if (b->kind == BP_ACCESS)
        sb_addf(out, " %s %c%u", fmt_addr(a, b->locs[0].addr), b->access, b->size);
    else
        sb_addf(out, " %s    ", fmt_addr(a, b->locs[0].addr));
}

/* Probed once, when the first processor breakpoint is set. */
static int registers_usable(struct dbg *d)
{
    if (d->dr_emulate)
        return 0;
    if (!d->dr_probe) {
        struct lerr e;
        int r = tgt_ptrace_probe_debug_registers(&e);
        d->dr_probe = r == 0 ? -1 : 1; /* could not tell: try them */
        if (d->dr_probe < 0)
            fprintf(d->out, "Hardware debug registers do not trigger on this machine: "
                            "processor breakpoints are emulated\n");
    }
    return d->dr_probe > 0;
}

/* .dbgregs [emulate|auto]: what the probe found, and the choice */
static int cmd_dbgregs(struct dbg *d, const char *args)
{
    if (!strcmp(args, "emulate"))
        d->dr_emulate = 1;
    else if (!strcmp(args, "auto"))
        d->dr_emulate = 0;
    else if (*args)
        return lerr_set(&d->err, "Syntax error: .dbgregs [emulate|auto]");
    if (!d->dr_probe && !d->dr_emulate)
        registers_usable(d);
    fprintf(d->out, "Debug registers: %s; processor breakpoints %s\n",
            d->dr_probe > 0 ? "they trigger on this machine"
            : d->dr_probe < 0 ? "they do not trigger on this machine"
                              : "not probed",
            d->dr_emulate ? "are emulated (.dbgregs emulate)"
            : d->dr_probe < 0 ? "are emulated" : "use them");
    return 0;
}

/* ba[ID] [options] Access Size Address [Passes] ["CommandString"] */
static int cmd_ba(struct dbg *d, const char *args)
{
    struct bp_spec s;
    if (parse_spec(d, args, SPEC_BA, &s) < 0)
        return -1;
    int rc = -1;
    uint64_t addr;
    char a[FMT_ADDR_LEN];
    uint8_t probe;
    struct eng_process *p = eng_cur_process(d->s);
    if (thread_from_prefix(d, &s) < 0 || dbg_need_process(d) < 0)
        goto out;
    if (!s.location) {
        lerr_set(&d->err, "Syntax error: ba needs an address: ba w4 address");
        goto out;
    }
    if (resolve(d, s.location, &addr) != 1) {
        if (!d->err.msg[0])
            lerr_set(&d->err, "Couldn't resolve error at '%s'", s.location);
        goto out;
    }
    if (addr % s.size) {
        lerr_set(&d->err, "Alignment error: a %u-byte processor breakpoint needs an address that is a multiple of %u (%s is not)",
                 s.size, s.size, fmt_addr(a, addr));
        goto out;
    }
    if (eng_read(d->s, addr, &probe, 1, NULL) != 0) {
        lerr_set(&d->err, "Memory access error at %s: nothing is mapped there", fmt_addr(a, addr));
        goto out;
    }
    for (size_t i = 0; i < d->bps.n; i++) {
        const struct bp *o = d->bps.v[i];
        if (o->kind == BP_ACCESS && o->nlocs && o->locs[0].addr == addr && o->access == s.access &&
            o->size == s.size && o->thread_index == s.thread_index && o->proc_index == s.proc_index &&
            o->max_depth == s.max_depth && o->min_depth == s.min_depth &&
            (!s.have_id || o->id != s.id)) {
            lerr_set(&d->err, "Breakpoint %u already watches %s this way (they would differ only in their command strings)",
                     o->id, fmt_addr(a, addr));
            goto out;
        }
    }
    char text[64];
    snprintf(text, sizeof text, "0x%016llx", (unsigned long long)addr);
    struct bp *b = bp_new(BP_ACCESS, text);
    b->id = s.have_id ? s.id : bp_free_id(&d->bps);
    b->access = s.access;
    b->size = s.size;
    apply_spec(&s, b);
    /* an execute breakpoint without a (working, free) debug register is a
     * software site: it stops at the same place */
    int usable = registers_usable(d);
    if (!usable && s.access != 'e') {
        bp_free(b);
        lerr_set(&d->err, "Data breakpoints without working debug registers need page-protection "
                          "emulation, which lindbg does not have yet: ba %c refused", s.access);
        goto out;
    }
    b->soft = !usable;
    if (bp_add_location(&d->bps, b, p->pid, addr, &d->err) < 0) {
        if (b->soft || s.access != 'e') {
            bp_free(b);
            goto out;
        }
        b->soft = 1;
        lerr_clear(&d->err);
        if (bp_add_location(&d->bps, b, p->pid, addr, &d->err) < 0) {
            bp_free(b);
            goto out;
        }
    }
    install(d, b);
    rc = 0;
out:
    spec_free(&s);
    return rc;
}

/* .apply_dbp: writes the process's data breakpoints into a thread again
 * (~N .apply_dbp), for one whose registers were changed by hand. */
static int cmd_apply_dbp(struct dbg *d, const char *args)
{
    if (*args)
        return lerr_set(&d->err, "Syntax error: .apply_dbp takes no arguments (~N .apply_dbp for thread N)");
    if (dbg_need_process(d) < 0)
        return -1;
    return eng_hw_apply(d->s, eng_cur_thread(d->s), &d->err);
}

static void print_bl_line(struct dbg *d, const struct bp *b)
{
    struct strbuf line;
    sb_init(&line);
    int unresolved = b->nlocs == 0;
    sb_addf(&line, "%2u %c%s", b->id, b->enabled ? 'e' : 'd', unresolved ? "u" : "");
    describe_location(b, &line);
    sb_addf(&line, " %04x (%04x)  ", b->passes_left, b->passes_init);
    struct eng_process *p = eng_cur_process(d->s);
    int pi = b->proc_index >= 0 ? b->proc_index : (p ? p->index : 0);
    if (b->thread_index >= 0)
        sb_addf(&line, "%d:~%03d ", pi, b->thread_index);
    else
        sb_addf(&line, "%d:**** ", pi);
    if (unresolved) {
        sb_addf(&line, "(%s)", b->expr);
    } else {
        char sym[512];
        struct sym_space *sp = eng_syms(d->s);
        if (sp && sym_describe(sp, b->locs[0].addr, sym, sizeof sym) >= 0)
            sb_adds(&line, sym);
    }
    if (b->one_shot)
        sb_adds(&line, " /1");
    if (b->max_depth)
        sb_addf(&line, " /c %u", b->max_depth);
    if (b->min_depth)
        sb_addf(&line, " /C %u", b->min_depth);
    if (b->condition)
        sb_addf(&line, " /w \"%s\"", b->condition);
    if (b->commands)
        sb_addf(&line, " \"%s\"", b->commands);
    if (b->soft)
        sb_adds(&line, " (emulated: software breakpoint)");
    fprintf(d->out, "%s\n", sb_str(&line));
    sb_free(&line);
}

static int eval_id(void *ctx, const char *expr, size_t len, uint64_t *v, struct lerr *e)
{
    struct dbg *d = ctx;
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s", (int)len, expr);
    struct expr_env env;
    dbg_expr_env(d, &env);
    return expr_eval_all(&env, buf, v, e);
}

static long ids_of(struct dbg *d, const char *args, unsigned **ids, int empty_means_all)
{
    if (!*args && !empty_means_all)
        return lerr_set(&d->err, "Syntax error: breakpoint ids are needed (1 2, 1-4, or *)");
    return bp_parse_ids(&d->bps, *args ? args : "*", ids, eval_id, d, &d->err);
}

static int cmd_bl(struct dbg *d, const char *args)
{
    unsigned *ids;
    long n = ids_of(d, args, &ids, 1);
    if (n < 0)
        return -1;
    for (long i = 0; i < n; i++)
        print_bl_line(d, bp_find(&d->bps, ids[i]));
    free(ids);
    return 0;
}

static int cmd_bc(struct dbg *d, const char *args)
{
    unsigned *ids;
    long n = ids_of(d, args, &ids, 0);
    if (n < 0)
        return -1;
    for (long i = 0; i < n; i++) {
        struct bp *b = bp_find(&d->bps, ids[i]);
        bp_remove(&d->bps, b);
        bp_free(b);
    }
    free(ids);
    return 0;
}

static int enable(struct dbg *d, const char *args, int on)
{
    unsigned *ids;
    long n = ids_of(d, args, &ids, 0);
    if (n < 0)
        return -1;
    int rc = 0;
    for (long i = 0; i < n && rc == 0; i++)
        rc = bp_set_enabled(&d->bps, bp_find(&d->bps, ids[i]), on, &d->err);
    free(ids);
    return rc;
}

static int cmd_bd(struct dbg *d, const char *args) { return enable(d, args, 0); }
static int cmd_be(struct dbg *d, const char *args) { return enable(d, args, 1); }

/* br old new [old new ...]: all pairs are checked before any is applied */
static int cmd_br(struct dbg *d, const char *args)
{
    unsigned long pairs[64][2];
    size_t n = 0;
    const char *p = args;
    while (*p) {
        for (int k = 0; k < 2; k++) {
            char *end;
            if (!isdigit((unsigned char)*p))
                return lerr_set(&d->err, "Syntax error: br OldID NewID [OldID NewID ...]");
            pairs[n][k] = strtoul(p, &end, 10);
            p = dbg_skip(end);
        }
        if (!bp_find(&d->bps, (unsigned)pairs[n][0]))
            return lerr_set(&d->err, "Breakpoint %lu does not exist", pairs[n][0]);
        if (++n == 64)
            break;
    }
    if (n == 0)
        return lerr_set(&d->err, "Syntax error: br OldID NewID [OldID NewID ...]");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (pairs[j][0] == pairs[i][0])
                return lerr_set(&d->err, "Syntax error: breakpoint %lu is renumbered twice", pairs[i][0]);
    for (size_t i = 0; i < n; i++) {
        int taken = bp_find(&d->bps, (unsigned)pairs[i][1]) != NULL;
        for (size_t j = 0; j < n; j++)
            if (pairs[j][0] == pairs[i][1])
                taken = 0; /* renumbered away in this command */
        for (size_t j = 0; j < i; j++)
            if (pairs[j][1] == pairs[i][1])
                taken = 1;
        if (taken && pairs[i][1] != pairs[i][0])
            return lerr_set(&d->err, "Breakpoint %lu already exists: br needs a free number", pairs[i][1]);
    }
    /* two steps, so that swaps work: first out of the way, then in place */
    struct bp *moving[64];
    for (size_t i = 0; i < n; i++)
        moving[i] = bp_find(&d->bps, (unsigned)pairs[i][0]);
    for (size_t i = 0; i < n; i++) {
        unsigned tmp = 0xffffffffu - (unsigned)i;
        bp_renumber(&d->bps, moving[i], tmp, NULL);
    }
    for (size_t i = 0; i < n; i++)
        bp_renumber(&d->bps, moving[i], (unsigned)pairs[i][1], NULL);
    return 0;
}

/* bs ID "cmds" */
static int cmd_bs(struct dbg *d, const char *args)
{
    char *end;
    if (!isdigit((unsigned char)*args))
        return lerr_set(&d->err, "Syntax error: bs ID \"commands\"");
    unsigned long id = strtoul(args, &end, 10);
    struct bp *b = bp_find(&d->bps, (unsigned)id);
    if (!b)
        return lerr_set(&d->err, "Breakpoint %lu does not exist", id);
    const char *p = dbg_skip(end);
    char *cmds = NULL;
    if (*p != '"' || quoted(d, &p, &cmds) < 0 || (*p && lerr_set(&d->err, "Syntax error at '%s'", p))) {
        free(cmds);
        return d->err.msg[0] ? -1 : lerr_set(&d->err, "Syntax error: bs ID \"commands\"");
    }
    free(b->commands);
    b->commands = cmds[0] ? cmds : NULL;
    if (!b->commands)
        free(cmds);
    return 0;
}

/* bsc ID condition ["cmds"] */
static int cmd_bsc(struct dbg *d, const char *args)
{
    char *end;
    if (!isdigit((unsigned char)*args))
        return lerr_set(&d->err, "Syntax error: bsc ID condition [\"commands\"]");
    unsigned long id = strtoul(args, &end, 10);
    struct bp *b = bp_find(&d->bps, (unsigned)id);
    if (!b)
        return lerr_set(&d->err, "Breakpoint %lu does not exist", id);
    const char *p = dbg_skip(end);
    const char *q = strchr(p, '"');
    size_t clen = q ? (size_t)(q - p) : strlen(p);
    while (clen && isspace((unsigned char)p[clen - 1]))
        clen--;
    if (!clen)
        return lerr_set(&d->err, "Syntax error: bsc ID condition [\"commands\"]");
    char *cond = strndup(p, clen), *cmds = NULL;
    struct expr_env env;
    dbg_expr_env(d, &env);
    const char *cend;
    uint64_t ignored;
    if (expr_eval(&env, cond, &cend, &ignored, &d->err) < 0 && strncmp(d->err.msg, "Couldn't", 8)) {
        free(cond);
        return -1;
    }
    lerr_clear(&d->err);
    if (q && quoted(d, &q, &cmds) < 0) {
        free(cond);
        return -1;
    }
    free(b->condition);
    b->condition = cond;
    if (q) {
        free(b->commands);
        b->commands = cmds;
    }
    return 0;
}

static void escape_into(struct strbuf *sb, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sb_addc(sb, '\\');
        if (*s == '\n')
            sb_adds(sb, "\\n");
        else
            sb_addc(sb, *s);
    }
}

/* .bpcmds: lines that recreate the breakpoints when fed back */
static int cmd_bpcmds(struct dbg *d, const char *args)
{
    if (*args)
        return lerr_set(&d->err, "Syntax error: .bpcmds takes no arguments");
    struct strbuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < d->bps.n; i++) {
        const struct bp *b = d->bps.v[i];
        sb_reset(&sb);
        if (b->thread_index >= 0)
            sb_addf(&sb, "~%d ", b->thread_index);
        sb_addf(&sb, "%s%u", b->kind == BP_ADDRESS ? "bp" : b->kind == BP_ACCESS ? "ba" : "bu", b->id);
        if (b->one_shot)
            sb_adds(&sb, " /1");
        if (b->max_depth)
            sb_addf(&sb, " /c 0n%u", b->max_depth);
        if (b->min_depth)
            sb_addf(&sb, " /C 0n%u", b->min_depth);
        if (b->proc_index >= 0)
            sb_addf(&sb, " /p 0n%d", b->proc_index);
        if (b->condition) {
            sb_adds(&sb, " /w \"");
            escape_into(&sb, b->condition);
            sb_addc(&sb, '"');
        }
        if (b->kind == BP_ACCESS)
            sb_addf(&sb, " %c%u %s", b->access, b->size, b->expr);
        else if (b->kind == BP_ADDRESS)
            sb_addf(&sb, " %s", b->expr);
        else
            sb_addf(&sb, " @!\"%s\"", b->expr);
        if (b->passes_init != 1)
            sb_addf(&sb, " 0x%x", b->passes_init);
        if (b->commands) {
            sb_adds(&sb, " \"");
            escape_into(&sb, b->commands);
            sb_addc(&sb, '"');
        }
        sb_adds(&sb, b->kind == BP_SYMBOLIC ? ";" : " ;");
        fprintf(d->out, "%s\n", sb_str(&sb));
        if (!b->enabled)
            fprintf(d->out, "bd%u;\n", b->id);
    }
    sb_free(&sb);
    return 0;
}

void dbg_bps_on_load(struct dbg *d, pid_t pid)
{
    struct eng_process *p = eng_process_by_pid(d->s, pid);
    if (!p)
        return;
    int saved = d->s->cur_proc;
    for (size_t i = 0; i < d->s->nprocs; i++)
        if (d->s->procs[i] == p)
            d->s->cur_proc = (int)i;
    for (size_t i = 0; i < d->bps.n; i++) {
        struct bp *b = d->bps.v[i];
        if (b->kind != BP_SYMBOLIC || b->nlocs)
            continue;
        uint64_t addr;
        struct lerr keep = d->err;
        if (resolve(d, b->expr, &addr) == 1 && bp_add_location(&d->bps, b, pid, addr, NULL) == 0)
            warn_if_data(d, b);
        d->err = keep;
    }
    d->s->cur_proc = saved;
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
    {"ba", cmd_ba, "processor breakpoint: [~t] ba[ID] [opts] e1|r1..8|w1..8 addr [passes] [\"cmds\"]", 1},
    {".dbgregs", cmd_dbgregs, "debug registers: the probe's result; .dbgregs emulate | auto"},
    {".apply_dbp", cmd_apply_dbp, "write the data breakpoints into a thread again: ~N .apply_dbp"},
    {"bl", cmd_bl, "list breakpoints: bl [ids]"},
    {"bc", cmd_bc, "clear breakpoints: bc ids | bc *"},
    {"bd", cmd_bd, "disable breakpoints: bd ids"},
    {"be", cmd_be, "enable breakpoints: be ids"},
    {"br", cmd_br, "renumber breakpoints: br old new [old new...]"},
    {"bs", cmd_bs, "change a breakpoint's command string: bs ID \"cmds\""},
    {"bsc", cmd_bsc, "make a breakpoint conditional: bsc ID condition [\"cmds\"]"},
    {".bpcmds", cmd_bpcmds, "print the commands that recreate the breakpoints"},
    {NULL, NULL, NULL},
};
