/* setBreakpoints, setFunctionBreakpoints, setInstructionBreakpoints and
 * logpoints: each request's breakpoints are breakpoints of the manager
 * (a bu on a source line, a function or an address), with the condition
 * (/w), the hit condition (passes) and the log message as their options.
 * A request replaces what the same request set before (for setBreakpoints,
 * in the same source). A DAP breakpoint is a group of manager breakpoints
 * (a function pattern sets one per match); its DAP id is its first
 * member's id + 1, and a manager breakpoint in no group (a data breakpoint,
 * one set in the REPL) is its id + 1. */
#include "bp/patterns.h"
#include "dap/dap_int.h"
#include "dap/dap_vars.h"
#include "dap/dap_vars_int.h"
#include "util/strbuf.h"
#include "sym/lines.h"
#include "sym/linebp.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum group_kind { GROUP_SOURCE, GROUP_FUNCTION, GROUP_INSTRUCTION };

/* A manager breakpoint of a group, as it was made: one the REPL deleted,
 * whose id a breakpoint of the REPL took since, is not the group's. */
struct member {
    unsigned id;
    char *expr;
};

struct group {
    unsigned dap_id;
    enum group_kind kind;
    char *source; /* GROUP_SOURCE: the path as the client gave it */
    struct member *m;
    size_t n;
};

struct dap_bps {
    struct group *v;
    size_t n, cap;
};

static struct dap_bps *bps_of(struct dap *a)
{
    if (!a->bps)
        a->bps = xcalloc(1, sizeof *a->bps);
    return a->bps;
}

static void group_free(struct group *g)
{
    free(g->source);
    for (size_t i = 0; i < g->n; i++)
        free(g->m[i].expr);
    free(g->m);
}

/* The manager breakpoint member m stands for, or NULL. */
static struct bp *member_bp(struct dap *a, const struct member *m)
{
    struct bp *b = bp_find(&a->d.bpm.bps, m->id);
    return b && !strcmp(b->expr, m->expr) ? b : NULL;
}

/* The group's breakpoints leave the manager. */
static void group_remove(struct dap *a, struct group *g)
{
    for (size_t j = 0; j < g->n; j++) {
        struct bp *b = member_bp(a, &g->m[j]);
        if (b) {
            bp_remove(&a->d.bpm.bps, b);
            bp_free(b);
        }
    }
}

void dap_bps_free(struct dap *a)
{
    if (!a->bps)
        return;
    for (size_t i = 0; i < a->bps->n; i++)
        group_free(&a->bps->v[i]);
    free(a->bps->v);
    free(a->bps);
    a->bps = NULL;
}

static struct group *group_of(struct dap *a, unsigned bp_id)
{
    struct dap_bps *t = bps_of(a);
    for (size_t i = 0; i < t->n; i++)
        for (size_t j = 0; j < t->v[i].n; j++)
            if (t->v[i].m[j].id == bp_id && member_bp(a, &t->v[i].m[j]))
                return &t->v[i];
    return NULL;
}

static unsigned dap_id_of(struct dap *a, unsigned bp_id)
{
    struct group *g = group_of(a, bp_id);
    return g ? g->dap_id : bp_id + 1;
}

cJSON *dap_hit_ids(struct dap *a, const unsigned *ids, size_t n)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        unsigned id = dap_id_of(a, ids[i]);
        int seen = 0;
        for (size_t j = 0; j < i; j++)
            seen |= dap_id_of(a, ids[j]) == id;
        if (!seen)
            cJSON_AddItemToArray(list, cJSON_CreateNumber(id));
    }
    return list;
}

const char *dap_bp_reason(struct dap *a, const unsigned *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (dap_is_data_bp(a, ids[i]))
            return "data breakpoint";
    struct group *g = n ? group_of(a, ids[0]) : NULL;
    if (g && g->kind == GROUP_FUNCTION)
        return "function breakpoint";
    if (g && g->kind == GROUP_INSTRUCTION)
        return "instruction breakpoint";
    return "breakpoint";
}

/* Takes out every group of this kind (and source). */
static void drop_groups(struct dap *a, enum group_kind kind, const char *source)
{
    struct dap_bps *t = bps_of(a);
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++) {
        struct group *g = &t->v[i];
        if (g->kind != kind || (source && strcmp(g->source, source) != 0)) {
            t->v[k++] = *g;
            continue;
        }
        group_remove(a, g);
        group_free(g);
    }
    t->n = k;
}

static struct group *new_group(struct dap *a, enum group_kind kind, const char *source)
{
    struct dap_bps *t = bps_of(a);
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->v = xrealloc(t->v, t->cap * sizeof *t->v);
    }
    struct group *g = &t->v[t->n++];
    memset(g, 0, sizeof *g);
    g->kind = kind;
    g->source = source ? xstrdup(source) : NULL;
    return g;
}

static void group_add(struct group *g, const struct bp *b)
{
    g->m = xrealloc(g->m, (g->n + 1) * sizeof *g->m);
    if (!g->n)
        g->dap_id = b->id + 1;
    g->m[g->n++] = (struct member){b->id, xstrdup(b->expr)};
}

/* hitCondition: a pass count, as WinDbg's (the Nth hit stops, and every
 * one after it). 0, or -1 when it is not a number. */
static int hit_condition(const char *text, uint32_t *passes)
{
    while (isspace((unsigned char)*text))
        text++;
    if (*text == '=' && text[1] == '=')
        text += 2;
    else if (*text == '>' && text[1] == '=')
        text += 2;
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (end == text || *end || v == 0 || v > UINT32_MAX)
        return -1;
    *passes = (uint32_t)v;
    return 0;
}

/* The options a DAP breakpoint gives its manager breakpoint. */
static int apply_options(const cJSON *spec, struct bp *b, struct lerr *e)
{
    const char *cond = dap_arg_str(spec, "condition", NULL);
    const char *hits = dap_arg_str(spec, "hitCondition", NULL);
    const char *log = dap_arg_str(spec, "logMessage", NULL);
    if (hits && *hits && hit_condition(hits, &b->passes_init) < 0)
        return lerr_set(e, "Syntax error: the hit condition '%s' is not a pass count (a number: "
                           "the hit that stops, as WinDbg's passes)", hits);
    b->passes_left = b->passes_init;
    if (cond && *cond)
        b->condition = xstrdup(cond);
    if (log && *log)
        b->log_message = xstrdup(log);
    return 0;
}

/* Where b went, for the client: verified when it has a location, the
 * line of its first one. */
static void describe(struct dap *a, const struct bp *b, unsigned dap_id, cJSON *o)
{
    cJSON_AddNumberToObject(o, "id", dap_id);
    cJSON_AddBoolToObject(o, "verified", b->nlocs > 0);
    if (!b->nlocs) {
        cJSON_AddStringToObject(o, "message", "Pending: its module is not loaded yet");
        return;
    }
    char addr[32];
    dap_hex(addr, sizeof addr, b->locs[0].addr);
    cJSON_AddStringToObject(o, "instructionReference", addr);
    struct eng_process *p = eng_process_by_pid(a->s, b->locs[0].pid);
    struct sym_line l;
    char path[4096];
    if (p && eng_proc_syms(p) && sym_line_at(eng_proc_syms(p), b->locs[0].addr, &l) == 0) {
        cJSON_AddNumberToObject(o, "line", l.line);
        if (dap_source_path(a, &l, path, sizeof path) < 0)
            snprintf(path, sizeof path, "%s", l.file);
        cJSON *src = cJSON_CreateObject();
        const char *base = strrchr(path, '/');
        cJSON_AddStringToObject(src, "name", base ? base + 1 : path);
        cJSON_AddStringToObject(src, "path", path);
        cJSON_AddItemToObject(o, "source", src);
    }
}

/* A bu on expr in the current process (and every other it resolves in),
 * installed; NULL with e set when expr is wrong. */
static struct bp *set_bu(struct dap *a, const char *expr, const cJSON *spec, struct lerr *e)
{
    struct bpm *m = &a->d.bpm;
    struct eng_process *p = eng_cur_process(a->s);
    uint64_t addrs[SYM_LINE_PLACES];
    char note[256] = "";
    int r = 0;
    if (p && (r = bpm_resolve_places(m, eng_proc_pid(p), expr, addrs, note, sizeof note, e)) < 0)
        return NULL;
    struct bp *b = bp_new(BP_SYMBOLIC, expr);
    if (apply_options(spec, b, e) < 0) {
        bp_free(b);
        return NULL;
    }
    b->id = bp_free_id(&m->bps);
    if (bpm_add_places(m, b, p ? eng_proc_pid(p) : 0, addrs, r, e) < 0) {
        bp_free(b);
        return NULL;
    }
    struct bpm_installed inst;
    bpm_install(m, b, 1, &inst);
    return b;
}

static void failed(cJSON *list, const char *message)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddBoolToObject(o, "verified", 0);
    cJSON_AddStringToObject(o, "message", message);
    cJSON_AddItemToArray(list, o);
}

int dap_set_breakpoints(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    const cJSON *source = cJSON_GetObjectItemCaseSensitive(args, "source");
    const char *path = dap_arg_str(source, "path", NULL);
    if (!path)
        path = dap_arg_str(source, "name", NULL);
    if (!path)
        return lerr_set(e, "Syntax error: setBreakpoints needs a source with a path");
    drop_groups(a, GROUP_SOURCE, path);
    cJSON *list = cJSON_AddArrayToObject(body, "breakpoints");
    const cJSON *spec;
    cJSON_ArrayForEach(spec, cJSON_GetObjectItemCaseSensitive(args, "breakpoints"))
    {
        long long line = dap_arg_int(spec, "line", 0);
        char expr[4200];
        snprintf(expr, sizeof expr, "`%s:%lld`", path, line);
        struct lerr be = {0};
        struct bp *b = line > 0 ? set_bu(a, expr, spec, &be) : NULL;
        if (!b) {
            failed(list, line > 0 ? be.msg : "Syntax error: a breakpoint needs a line");
            continue;
        }
        struct group *g = new_group(a, GROUP_SOURCE, path);
        group_add(g, b);
        cJSON *o = cJSON_CreateObject();
        describe(a, b, g->dap_id, o);
        cJSON_AddItemToArray(list, o);
    }
    return 0;
}

/* A pattern's matches in the current process, one manager breakpoint
 * each (as bm sets them); none while its module is not loaded: a
 * deferred bm that sets them as it loads. */
static int set_pattern(struct dap *a, const char *name, const cJSON *spec, struct group *g,
                       struct lerr *e)
{
    struct bpm *m = &a->d.bpm;
    struct bpm_matches c = {0};
    struct eng_process *p = eng_cur_process(a->s);
    int loaded = 0;
    if (p && bpm_pattern_matches(m, eng_proc_pid(p), name, 0, &c, &loaded, e) < 0)
        return -1;
    int rc = 0;
    if (c.n == 0 && !loaded) {
        struct bp *b = bp_new(BP_PATTERN, name);
        if (apply_options(spec, b, e) < 0) {
            bp_free(b);
            rc = -1;
        } else {
            b->id = bp_free_id(&m->bps);
            struct bp *none;
            bp_insert(&m->bps, b, &none);
            group_add(g, b);
        }
    } else if (c.n == 0) {
        rc = lerr_set(e, "Couldn't resolve error: no function matches '%s'", name);
    }
    unsigned next = bp_free_id(&m->bps);
    for (size_t k = 0; k < c.n && rc == 0; k++) {
        struct bp *b = bp_new(BP_SYMBOLIC, c.v[k].name);
        if (apply_options(spec, b, e) < 0 ||
            (c.v[k].addr && bp_add_location(&m->bps, b, eng_proc_pid(p), c.v[k].addr, e) < 0)) {
            bp_drop_locations(&m->bps, b, 0, 0, 0, 0);
            bp_free(b);
            rc = -1;
            break;
        }
        bpm_add_inline_copies(m, b, eng_proc_pid(p), c.v[k].name);
        bpm_install_numbered(m, b, &next);
        group_add(g, b);
    }
    free(c.v);
    return rc;
}

/* Function and instruction breakpoints: one group per entry, its
 * response from its first member (verified when any member is placed). */
static int set_each(struct dap *a, const cJSON *args, cJSON *body, enum group_kind kind)
{
    drop_groups(a, kind, NULL);
    cJSON *list = cJSON_AddArrayToObject(body, "breakpoints");
    const cJSON *spec;
    cJSON_ArrayForEach(spec, cJSON_GetObjectItemCaseSensitive(args, "breakpoints"))
    {
        struct lerr be = {0};
        struct group *g = new_group(a, kind, NULL);
        int rc;
        if (kind == GROUP_FUNCTION) {
            const char *name = dap_arg_str(spec, "name", "");
            if (strpbrk(name, "*?[")) {
                rc = set_pattern(a, name, spec, g, &be);
            } else {
                struct bp *b = *name ? set_bu(a, name, spec, &be) : NULL;
                rc = b ? (group_add(g, b), 0)
                       : (be.msg[0] ? -1 : lerr_set(&be, "Syntax error: a function name is needed"));
            }
        } else {
            uint64_t addr;
            char expr[64];
            rc = dap_parse_address(dap_arg_str(spec, "instructionReference", NULL),
                                   dap_arg_int(spec, "offset", 0), &addr, &be);
            snprintf(expr, sizeof expr, "0x%llx", (unsigned long long)addr);
            struct bp *b = rc == 0 ? set_bu(a, expr, spec, &be) : NULL;
            if (b)
                group_add(g, b);
            else
                rc = -1;
        }
        if (rc < 0 || !g->n) {
            group_remove(a, g); /* a pattern's matches set before one failed */
            group_free(g);
            a->bps->n--;
            failed(list, be.msg[0] ? be.msg : "Failed");
            continue;
        }
        cJSON *o = cJSON_CreateObject();
        struct bp *first = NULL;
        for (size_t i = 0; i < g->n && !(first && first->nlocs); i++)
            first = member_bp(a, &g->m[i]) ? member_bp(a, &g->m[i]) : first;
        describe(a, first, g->dap_id, o);
        cJSON_AddItemToArray(list, o);
    }
    return 0;
}

int dap_set_function_breakpoints(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return set_each(a, args, body, GROUP_FUNCTION);
}

int dap_set_instruction_breakpoints(struct dap *a, const cJSON *args, cJSON *body,
                                    struct lerr *e)
{
    return set_each(a, args, body, GROUP_INSTRUCTION);
}

void dap_bp_resolved(struct dap *a, unsigned bp_id)
{
    struct bp *b = bp_find(&a->d.bpm.bps, bp_id);
    if (!b)
        return;
    cJSON *o = cJSON_CreateObject();
    describe(a, b, dap_id_of(a, bp_id), o);
    cJSON *body = cJSON_CreateObject();
    cJSON_AddStringToObject(body, "reason", "changed");
    cJSON_AddItemToObject(body, "breakpoint", o);
    dap_event(a, "breakpoint", body);
}

/* A deferred function pattern set breakpoint id as its module loaded: it
 * joins the pattern's group. */
void dap_bp_pattern_set(struct dap *a, unsigned pattern_id, unsigned id)
{
    struct group *g = group_of(a, pattern_id);
    struct bp *b = bp_find(&a->d.bpm.bps, id);
    if (!g || !b || group_of(a, id))
        return;
    group_add(g, b);
    dap_bp_resolved(a, id);
}

void dap_logpoint(void *ctx, const struct bp *b, const struct eng_hit_at *at)
{
    struct dap *a = (struct dap *)((char *)ctx - offsetof(struct dap, d));
    struct eng_view saved = eng_view_begin(a->s, at->pid, at->tid);
    int frame = a->d.frame;
    a->d.frame = 0;
    struct lerr keep = a->d.err;
    char *text = NULL;
    size_t tlen = 0;
    FILE *f = open_memstream(&text, &tlen);
    /* values written as the Variables view writes them */
    struct dapv_view w;
    dapv_view(a, &w, 0);
    struct cx_arena arena = {0};
    for (const char *p = b->log_message; *p;) {
        const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            fputs(p, f);
            break;
        }
        fwrite(p, 1, (size_t)(open - p), f);
        size_t len = (size_t)(close - open - 1);
        uint64_t v;
        struct cx_value cv;
        struct lerr e = {0};
        char expr[512];
        snprintf(expr, sizeof expr, "%.*s", (int)len, open + 1);
        if (dbg_cexpr_eval(&a->d, &arena, expr, &cv, &e) == 0) {
            struct strbuf sb;
            sb_init(&sb);
            dapv_format(&w.env, &cv, &sb);
            fputs(sb_str(&sb), f);
            sb_free(&sb);
        } else if (a->d.bpm.client.eval(ctx, at->pid, at->tid, expr, &v, &e) == 0) {
            fprintf(f, "0x%llx", (unsigned long long)v);
        } else {
            fprintf(f, "<%s>", e.msg);
        }
        p = close + 1;
    }
    fputc('\n', f);
    fclose(f);
    cx_arena_free(&arena);
    a->d.err = keep;
    a->d.frame = frame;
    eng_view_end(a->s, saved);
    dap_log_line(a, text);
    free(text);
}

int dap_bp_options(const cJSON *spec, struct bp *b, struct lerr *e)
{
    return apply_options(spec, b, e);
}
