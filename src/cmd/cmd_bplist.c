/* Managing breakpoints: bl bc bd be br bs bsc .bpcmds. */
#include "arch/x86_64/disasm.h"
#include "cmd/bp_spec.h"
#include "sym/wildcard.h"
#include "ui/format.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

/* One line of bl: a breakpoint at one of its locations (loc, or none when
 * it is unresolved). A breakpoint with locations in several processes (a
 * bu, or one a followed child inherited) has a line for each, with that
 * process's index. */
static void print_bl_line(struct dbg *d, const struct bp *b, const struct bp_location *loc)
{
    struct strbuf line;
    sb_init(&line);
    char a[FMT_ADDR_LEN];
    sb_addf(&line, "%2u %c%s", b->id, b->enabled ? 'e' : 'd', loc ? "" : "u");
    /* the address column; an unresolved one (`eu`) is blank, as in WinDbg;
     * a processor breakpoint shows its access and size (w4) */
    if (!loc)
        sb_addf(&line, "%21s", "");
    else if (b->kind == BP_ACCESS)
        sb_addf(&line, " %s %c%u", fmt_addr(a, loc->addr), b->access, b->size);
    else
        sb_addf(&line, " %s    ", fmt_addr(a, loc->addr));
    sb_addf(&line, " %04x (%04x)  ", b->passes_left, b->passes_init);
    struct eng_process *p = loc ? eng_process_by_pid(d->s, loc->pid) : eng_cur_process(d->s);
    int pi = b->proc_index >= 0 ? b->proc_index : (p ? eng_proc_index(p) : 0);
    if (b->thread_index >= 0)
        sb_addf(&line, "%d:~%03d ", pi, b->thread_index);
    else
        sb_addf(&line, "%d:**** ", pi);
    if (b->kind == BP_PATTERN) {
        sb_addf(&line, "(bm %s%s%s%s) deferred", b->bm_all ? "/a " : "", b->bm_address ? "/d " : "",
                b->bm_params ? "/( " : "", b->expr);
    } else if (!loc) {
        sb_addf(&line, "(%s)", b->expr);
    } else {
        char sym[768];
        if (p && dbg_describe_code(eng_proc_syms(p), loc->addr, sym, sizeof sym) >= 0)
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
    if (b->pad_planted && loc && eng_pads_planted(d->s, loc->pid, loc->addr))
        sb_adds(&line, " (in target)");
    if (b->soft)
        sb_adds(&line, " (emulated: software breakpoint)");
    else if (b->kind == BP_ACCESS && loc &&
             eng_hw_emulated(d->s, loc->pid, loc->addr, bp_dr_access(b->access), b->size))
        sb_adds(&line, " (emulated: page protection)");
    fprintf(d->out, "%s\n", sb_str(&line));
    sb_free(&line);
}

static void print_bl(struct dbg *d, const struct bp *b)
{
    if (!b->nlocs)
        print_bl_line(d, b, NULL);
    for (size_t i = 0; i < b->nlocs; i++)
        print_bl_line(d, b, &b->locs[i]);
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
    return bp_parse_ids(&d->bpm.bps, *args ? args : "*", ids, eval_id, d, &d->err);
}

static int cmd_bl(struct dbg *d, const char *args)
{
    unsigned *ids;
    long n = ids_of(d, args, &ids, 1);
    if (n < 0)
        return -1;
    for (long i = 0; i < n; i++)
        print_bl(d, bp_find(&d->bpm.bps, ids[i]));
    free(ids);
    return 0;
}

static int cmd_bc(struct dbg *d, const char *args)
{
    unsigned *ids;
    long n = ids_of(d, args, &ids, 0);
    if (n < 0)
        return -1;
    /* the highest first: each leaves the end of the sorted table, so
     * `bc *` over a million breakpoints moves nothing */
    for (long i = n - 1; i >= 0; i--) {
        struct bp *b = bp_find(&d->bpm.bps, ids[i]);
        bp_remove(&d->bpm.bps, b);
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
        rc = bp_set_enabled(&d->bpm.bps, bp_find(&d->bpm.bps, ids[i]), on, &d->err);
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
        if (!bp_find(&d->bpm.bps, (unsigned)pairs[n][0]))
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
        int taken = bp_find(&d->bpm.bps, (unsigned)pairs[i][1]) != NULL;
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
        moving[i] = bp_find(&d->bpm.bps, (unsigned)pairs[i][0]);
    for (size_t i = 0; i < n; i++) {
        unsigned tmp = 0xffffffffu - (unsigned)i;
        bp_renumber(&d->bpm.bps, moving[i], tmp, NULL);
    }
    for (size_t i = 0; i < n; i++)
        bp_renumber(&d->bpm.bps, moving[i], (unsigned)pairs[i][1], NULL);
    return 0;
}

/* bs ID "cmds" */
static int cmd_bs(struct dbg *d, const char *args)
{
    char *end;
    if (!isdigit((unsigned char)*args))
        return lerr_set(&d->err, "Syntax error: bs ID \"commands\"");
    unsigned long id = strtoul(args, &end, 10);
    struct bp *b = bp_find(&d->bpm.bps, (unsigned)id);
    if (!b)
        return lerr_set(&d->err, "Breakpoint %lu does not exist", id);
    const char *p = dbg_skip(end);
    char *cmds = NULL;
    if (*p != '"' || bpspec_quoted(d, &p, &cmds) < 0 || (*p && lerr_set(&d->err, "Syntax error at '%s'", p))) {
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
    struct bp *b = bp_find(&d->bpm.bps, (unsigned)id);
    if (!b)
        return lerr_set(&d->err, "Breakpoint %lu does not exist", id);
    const char *p = dbg_skip(end);
    const char *q = strchr(p, '"');
    size_t clen = q ? (size_t)(q - p) : strlen(p);
    while (clen && isspace((unsigned char)p[clen - 1]))
        clen--;
    if (!clen)
        return lerr_set(&d->err, "Syntax error: bsc ID condition [\"commands\"]");
    char *cond = xstrndup(p, clen), *cmds = NULL;
    struct expr_env env;
    dbg_expr_env(d, &env);
    const char *cend;
    uint64_t ignored;
    if (expr_eval(&env, cond, &cend, &ignored, &d->err) < 0 && d->err.code != LERR_NOT_FOUND &&
        d->err.code != LERR_GONE) {
        free(cond);
        return -1;
    }
    lerr_clear(&d->err);
    if (q && bpspec_quoted(d, &q, &cmds) < 0) {
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

/* Whether the first n bytes of s are one symbol name, C++ ones included:
 * name characters, and outside them only balanced <...> (...) [...]
 * groups (ns::twice<int>, ns::add(int, int)) or an operator's symbols
 * (ns::A::operator==). */
static int one_name(const char *s, size_t n)
{
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"')
            return 0;
        if (c == '<' || c == '(' || c == '[')
            depth++;
        else if (c == '>' || c == ')' || c == ']')
            depth--;
        else if (!depth && !isalnum((unsigned char)c) && !strchr("_:.$!~@", c))
            return i >= 8 && !strncmp(s + i - 8, "operator", 8) ? 1 : 0;
        if (depth < 0)
            return 0;
    }
    return depth == 0;
}

/* A bu's text for .bpcmds: the symbol in @!"..." (its name may hold any
 * character), an offset after it, any other expression as typed. */
static void location_text(struct strbuf *sb, const char *expr)
{
    if (!strncmp(expr, "@!\"", 3)) {
        sb_adds(sb, expr); /* quoted already (a C++ name with its parameters) */
        return;
    }
    size_t n = strlen(expr), head = n;
    /* a trailing +offset / -offset */
    size_t i = n;
    while (i > 0 && (isxdigit((unsigned char)expr[i - 1]) || expr[i - 1] == '`' ||
                     expr[i - 1] == 'x' || expr[i - 1] == 'X'))
        i--;
    if (i > 0 && i < n && (expr[i - 1] == '+' || expr[i - 1] == '-'))
        head = i - 1;
    /* an expression with other operators is written as it was typed */
    if (!one_name(expr, head)) {
        sb_adds(sb, expr);
        return;
    }
    sb_addf(sb, "@!\"%.*s\"%s", (int)head, expr, expr + head);
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
    for (size_t i = 0; i < d->bpm.bps.n; i++) {
        const struct bp *b = d->bpm.bps.v[i];
        sb_reset(&sb);
        if (b->thread_index >= 0)
            sb_addf(&sb, "~%d ", b->thread_index);
        if (b->kind == BP_PATTERN) /* bm numbers what it sets itself */
            sb_addf(&sb, "bm%s%s%s", b->bm_all ? " /a" : "", b->bm_address ? " /d" : "",
                    b->bm_params ? " /(" : "");
        else
            sb_addf(&sb, "%s%u", b->kind == BP_ADDRESS ? "bp" : b->kind == BP_ACCESS ? "ba" : "bu",
                    b->id);
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
        else if (b->kind == BP_ADDRESS || b->kind == BP_PATTERN)
            sb_addf(&sb, " %s", b->expr);
        else {
            sb_addc(&sb, ' ');
            location_text(&sb, b->expr);
        }
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


const struct cmd_def cmd_bplist_table[] = {
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
