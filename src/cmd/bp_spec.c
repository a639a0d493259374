/* Parsing the arguments of bp, bu, bm and ba, resolving locations and
 * installing finished breakpoints (see bp_spec.h). */
#include "arch/x86_64/disasm.h"
#include "cmd/bp_spec.h"
#include "sym/ifunc.h"
#include "sym/linebp.h"
#include "sym/wildcard.h"
#include "ui/format.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

void bpspec_free(struct bp_spec *s)
{
    free(s->condition);
    free(s->location);
    free(s->commands);
}

/* A "..." string with \" \n \\ escapes; *p is at the opening quote. */
int bpspec_quoted(struct dbg *d, const char **p, char **out)
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
int bpspec_parse(struct dbg *d, const char *args, enum bpspec_mode mode, struct bp_spec *s)
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
                for (size_t i = 0; i < eng_nprocs(d->s); i++) {
                    struct eng_process *pi = eng_proc_at(d->s, i);
                    if ((uint64_t)eng_proc_index(pi) == v || (uint64_t)eng_proc_pid(pi) == v)
                        found = eng_proc_index(pi);
                }
                if (found < 0) {
                    lerr_set(&d->err, "Illegal process error: no process %llu (index or PID)", (unsigned long long)v);
                    goto fail;
                }
                s->proc_index = found;
            } else {
                struct eng_process *pr = eng_cur_process(d->s);
                struct eng_thread *t = pr ? eng_thread_by_index(pr, (int)v) : NULL;
                if (!t && pr)
                    for (size_t i = 0; i < eng_proc_nthreads(pr) && !t; i++)
                        if ((uint64_t)eng_thread_tid(eng_proc_thread_at(pr, i)) == v)
                            t = eng_proc_thread_at(pr, i);
                if (!t) {
                    lerr_set(&d->err, "Illegal thread error: no thread %llu (index or TID)", (unsigned long long)v);
                    goto fail;
                }
                s->thread_index = eng_thread_index(t);
            }
            break;
        case 'w':
            if (*p != '"') {
                lerr_set(&d->err, "Syntax error: /w takes a quoted condition: /w \"@rax==5\"");
                goto fail;
            }
            free(s->condition);
            s->condition = NULL; /* a failing second /w must not leave it freed */
            if (bpspec_quoted(d, &p, &s->condition) < 0)
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
        s->location = xstrndup(start, (size_t)(p - start));
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
        if (bpspec_quoted(d, &p, &s->commands) < 0)
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
    bpspec_free(s);
    return -1;
}

int bpspec_thread_from_prefix(struct dbg *d, struct bp_spec *s)
{
    const struct cmd_prefix *pf = d->prefix;
    if (!pf || pf->kind == CMD_THREAD_NONE || pf->kind == CMD_THREAD_ALL)
        return 0;
    struct eng_process *p = eng_cur_process(d->s);
    struct eng_thread *t = NULL;
    if (pf->kind == CMD_THREAD_CURRENT)
        t = eng_cur_thread(d->s);
    else if (pf->kind == CMD_THREAD_EVENT)
        t = eng_find_thread(d->s, eng_event_tid(d->s), NULL);
    else
        t = eng_thread_by_index(p, (int)pf->index);
    if (!t)
        return lerr_set(&d->err, "Illegal thread error: no such thread for this breakpoint");
    s->thread_index = eng_thread_index(t);
    return 0;
}

void bpspec_apply(const struct bp_spec *s, struct bp *b)
{
    struct bp opts = {
        .one_shot = s->one_shot,
        .max_depth = s->max_depth,
        .min_depth = s->min_depth,
        .condition = s->condition,
        .thread_index = s->thread_index,
        .proc_index = s->proc_index,
        .passes_init = s->have_passes ? (uint32_t)s->passes : 1,
        .commands = s->commands,
    };
    bp_copy_options(b, &opts);
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
void bpspec_warn_if_data(struct dbg *d, const struct bp *b)
{
    if (b->kind == BP_ACCESS)
        return; /* ba is the right tool for data */
    struct sym_space *sp = eng_syms(d->s);
    struct eng_process *p = eng_cur_process(d->s);
    struct sym_entry s;
    char name[512];
    for (size_t i = 0; sp && p && i < b->nlocs; i++) {
        if (b->locs[i].pid != eng_proc_pid(p))
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

/* Puts a finished breakpoint in the list (bpm_install) and says what it
 * redefined, and when it sits on data or inside an instruction. */
void bpspec_install(struct dbg *d, struct bp *b, int explicit_id)
{
    struct bpm_installed r;
    bpm_install(&d->bpm, b, explicit_id, &r);
    if (r.replaced_id)
        fprintf(d->out, "breakpoint %u redefined\n", b->id);
    if (r.moved)
        fprintf(d->out, "breakpoint %u redefined as breakpoint %u\n", r.same_place, b->id);
    bpspec_warn_if_data(d, b);
}
