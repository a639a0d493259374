/* Parsing the arguments of bp, bu, bm and ba, resolving locations and
 * installing finished breakpoints (see bp_spec.h). */
#include "arch/x86_64/disasm.h"
#include "cmd/bp_spec.h"
#include "sym/ifunc.h"
#include "sym/linebp.h"
#include "sym/wildcard.h"
#include "ui/format.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

void spec_free(struct bp_spec *s)
{
    free(s->condition);
    free(s->location);
    free(s->commands);
}

/* A "..." string with \" \n \\ escapes; *p is at the opening quote. */
int quoted(struct dbg *d, const char **p, char **out)
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


/* @!"mod!name"+4 is kept as mod!name+4 when the name needs no quoting,
 * so that a breakpoint reads the same however it was written. */
static void unquote_plain_name(char *loc)
{
    if (strncmp(loc, "@!\"", 3) != 0)
        return;
    char *close = strchr(loc + 3, '"');
    if (!close)
        return;
    for (char *c = loc + 3; c < close; c++)
        if (!isalnum((unsigned char)*c) && *c != '_' && *c != '!' && *c != '.' && *c != '$')
            return;
    size_t name = (size_t)(close - loc - 3);
    memmove(loc, loc + 3, name);
    memmove(loc + name, close + 1, strlen(close + 1) + 1);
}

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
int parse_spec(struct dbg *d, const char *args, enum spec_mode mode, struct bp_spec *s)
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
        if (o == '\0') {
            lerr_set(&d->err, "Syntax error: '/' needs an option letter (/1 /c /C /p /t /w ...)");
            goto fail;
        }
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
            s->condition = NULL; /* a failing second /w must not leave it freed */
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
            /* an unresolvable symbol still ends where the word ends (a
             * quoted name, @!"...", is one word) */
            if (expr_eval(&env, p, &end, &ignored, NULL) < 0 || end == p) {
                int depth = 0; /* a C++ parameter list may hold blanks */
                for (end = p; *end && ((*end != ' ' && *end != '\t') || depth) && *end != '"';
                     end++) {
                    if (end[0] == '@' && end[1] == '!' && end[2] == '"' && strchr(end + 3, '"'))
                        end = strchr(end + 3, '"');
                    else if (*end == '(' || *end == '<')
                        depth++;
                    else if ((*end == ')' || *end == '>') && depth)
                        depth--;
                }
            }
            p = end;
        }
        s->location = strndup(start, (size_t)(p - start));
        while (s->location[0] && isspace((unsigned char)s->location[strlen(s->location) - 1]))
            s->location[strlen(s->location) - 1] = '\0';
        unquote_plain_name(s->location);
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

int thread_from_prefix(struct dbg *d, struct bp_spec *s)
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
int resolve(struct dbg *d, const char *expr, uint64_t *addr)
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

static int read_target(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct dbg *d = ctx;
    return eng_read(d->s, addr, buf, len, NULL);
}

int ifunc_target(struct dbg *d, uint64_t resolver, uint64_t *target)
{
    struct sym_space *sp = eng_syms(d->s);
    return sp ? sym_ifunc_target(sp, resolver, read_target, d, target) : -1;
}

int resolve_code(struct dbg *d, const char *expr, uint64_t *addr)
{
    int r = resolve(d, expr, addr);
    struct sym_space *sp = eng_syms(d->s);
    char name[512], impl[512];
    if (r != 1 || !sp || !sym_is_ifunc(sp, *addr, name, sizeof name))
        return r;
    uint64_t target;
    if (ifunc_target(d, *addr, &target) != 1) {
        /* the resolver is watched: the breakpoint is resolved again once
         * the process has called it (ifunc_chosen, bp_hits.c) */
        struct eng_process *p = eng_cur_process(d->s);
        if (p && eng_ifunc_watch(d->s, p->pid, *addr, NULL) == 0)
            fprintf(d->out, "%s is an indirect function whose implementation the loader has not "
                            "chosen yet: the breakpoint waits for it\n", name);
        else
            fprintf(d->out, "%s is an indirect function whose implementation cannot be "
                            "followed: the breakpoint stays unresolved\n", name);
        return 0;
    }
    if (sym_describe(sp, target, impl, sizeof impl) < 0)
        snprintf(impl, sizeof impl, "%016llx", (unsigned long long)target);
    fprintf(d->out, "%s is an indirect function: the breakpoint goes on %s, the implementation "
                    "this process uses\n", name, impl);
    *addr = target;
    return 1;
}

int resolve_places(struct dbg *d, const char *expr, uint64_t *addrs, char *note, size_t size)
{
    note[0] = '\0';
    size_t len = strlen(expr);
    struct sym_space *sp = eng_syms(d->s);
    if (!sp || len < 3 || expr[0] != '`' || expr[len - 1] != '`' || memchr(expr + 1, '`', len - 2)) {
        int r = resolve_code(d, expr, &addrs[0]);
        return r == 1 ? 1 : r;
    }
    /* a source line: each place that has it (inlined copies), or the next
     * line with code in its function */
    struct sym_line_places pl;
    int r = sym_line_places(sp, expr + 1, len - 2, &pl, &d->err);
    if (r <= 0)
        return r;
    memcpy(addrs, pl.addr, pl.n * sizeof *addrs);
    if (pl.line != pl.asked)
        snprintf(note, size, "line %d has no code: set at line %d, the next in %s%s", pl.asked,
                 pl.line, pl.func, pl.n > 1 ? "," : "");
    if (pl.n > 1) {
        size_t used = strlen(note);
        snprintf(note + used, size - used, "%s%zu places (inlined or split copies of the line)",
                 used ? " " : "", pl.n);
    }
    return (int)pl.n;
}

void apply_spec(const struct bp_spec *s, struct bp *b)
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
    struct dbg_walk w = {NULL, 0, 0, 0};
    return dbg_decode_to(d, func, addr, &w) != 0; /* -1: cannot tell */
}

/* A software breakpoint on data, or inside an instruction, changes what
 * the program reads or runs (seed 002 warns of it; ba is for data):
 * allowed, as in WinDbg, but said. */
void warn_if_data(struct dbg *d, const struct bp *b)
{
    if (b->kind == BP_ACCESS)
        return; /* ba is the right tool for data */
    struct sym_space *sp = eng_syms(d->s);
    struct eng_process *p = eng_cur_process(d->s);
    struct sym_entry s;
    char name[512];
    for (size_t i = 0; sp && p && i < b->nlocs; i++) {
        if (b->locs[i].pid != p->pid)
            continue; /* another process's code */
        uint64_t at = b->locs[i].addr;
        if (sym_symbol_at(sp, at, &s, name, sizeof name) != 0)
            continue;
        if (s.type == STT_OBJECT || s.type == STT_TLS)
            fprintf(d->out, "Warning: breakpoint %u is on data (%s): the program will read 0xCC "
                            "there; ba w/r watches data\n", b->id, s.name);
        else if (s.type == STT_FUNC && at > s.addr && !on_boundary(d, s.addr, at))
            fprintf(d->out, "Warning: breakpoint %u is inside an instruction of %s: the program "
                            "will run a changed instruction\n", b->id, s.name);
    }
}

/* Puts a fully built breakpoint in the list. One already at its place is
 * redefined by it, as in WinDbg: the new one takes its id (unless one was
 * given) and its place; so is one that had the id given. */
void install(struct dbg *d, struct bp *b, int explicit_id)
{
    struct bp *same = bp_same_place(&d->bps, b), *old;
    if (same && !explicit_id)
        bp_set_id(&d->bps, b, same->id);
    bp_insert(&d->bps, b, &old);
    if (old) {
        fprintf(d->out, "breakpoint %u redefined\n", b->id);
        bp_free(old);
    }
    if (same && same != old) {
        fprintf(d->out, "breakpoint %u redefined as breakpoint %u\n", same->id, b->id);
        bp_remove(&d->bps, same);
        bp_free(same);
    }
    warn_if_data(d, b);
}

