/* The loops of debugger command programs: .for, .while, .do, .foreach
 * (over the tokens of commands' output, of a string or of a file), .block,
 * .break, .continue. A loop runs until its condition fails, .break, an
 * error in its body (printed where it happened), a quit or resume command,
 * or Ctrl+C: there is no iteration limit, as in WinDbg. */
#include "cmd/dbg.h"
#include "cmd/script_text.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A body's commands failed: their error was printed; nothing more to say. */
static int reported(struct dbg *d)
{
    lerr_clear(&d->err);
    return -1;
}

/* Whether the loop must end without a word: a quit, or a resume command
 * in a breakpoint's command string (carried out once the string ends). */
static int must_leave(const struct dbg *d)
{
    return d->quit || d->resume_request || d->list_ended;
}

static int interrupted(struct dbg *d, unsigned ctrl_c)
{
    if (eng_breakin_count(d->s) == ctrl_c)
        return 0;
    /* the Ctrl+C ended this loop: it is not also a break-in for a later g */
    eng_breakin_clear(d->s);
    return 1;
}

/* Runs one pass of a loop's body. 1: go on; 0: the loop ends (.break, a
 * quit...); -1: an error, printed (d->err is set when not printed yet). */
static int pass(struct dbg *d, const char *body, unsigned ctrl_c)
{
    d->loop_depth++;
    int rc = dbg_execute_line(d, body);
    d->loop_depth--;
    int ctl = d->loop_ctl;
    d->loop_ctl = DBG_LOOP_NONE;
    if (rc < 0)
        return reported(d);
    if (ctl == DBG_LOOP_BREAK || must_leave(d))
        return 0;
    if (interrupted(d, ctrl_c))
        return lerr_set(&d->err, "Interrupted: Ctrl+C ended the loop");
    return 1;
}

/* `{ ... }` at p (after blanks and ';'): its inside into *out (malloc'd);
 * returns after the '}'. */
static const char *block(struct dbg *d, const char *p, const char *what, char **out)
{
    const char *q = script_group(p, '{', '}', out);
    if (!q) {
        p = script_skip_sep(p);
        lerr_set(&d->err, "Syntax error: %s %s at '%.30s'", what,
                 *p == '{' ? "'{' without '}'" : "needs a { block }", p);
        return NULL;
    }
    return q;
}

/* Nothing but blanks (and the ';' of joined lines) may follow a loop. */
static int at_end(struct dbg *d, const char *p, const char *what)
{
    p = script_skip_sep(p);
    return *p ? lerr_set(&d->err, "Syntax error: '%.30s' after the %s", p, what) : 0;
}

/* A condition: an expression that must use all of `text`. */
static int condition(struct dbg *d, const char *text, uint64_t *v)
{
    const char *p = script_skip_sep(text);
    if (!*p) {
        *v = 1; /* `.for (init; ; step)`: as C */
        return 0;
    }
    if (dbg_eval(d, &p, v) < 0)
        return -1;
    p = script_skip_sep(p);
    return *p ? lerr_set(&d->err, "Syntax error: '%.30s' after the condition", p) : 0;
}

/* `( cond ) {` at p: the condition's text (malloc'd) and the position
 * after it. The parentheses are optional for .do, as in WinDbg. */
static const char *cond_text(struct dbg *d, const char *p, char **text)
{
    p = script_skip_sep(p);
    if (*p == '(') {
        const char *q = script_group(p, '(', ')', text);
        if (q && *script_skip_sep(q) == '{')
            return q;
        free(*text); /* `(a) && (b)`: the whole expression up to the block */
        *text = NULL;
    }
    const char *q = p;
    while (*q && *q != '{')
        q++;
    while (q > p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == ';'))
        q--;
    if (q == p) {
        lerr_set(&d->err, "Syntax error: a condition is needed at '%.30s'", p);
        return NULL;
    }
    *text = xmalloc((size_t)(q - p) + 1);
    memcpy(*text, p, (size_t)(q - p));
    (*text)[q - p] = '\0';
    return q;
}

static int cmd_while(struct dbg *d, const char *args)
{
    char *cond = NULL, *body = NULL;
    const char *p = cond_text(d, args, &cond);
    int rc = -1;
    if (p && (p = block(d, p, ".while", &body)) && at_end(d, p, ".while") == 0) {
        unsigned ctrl_c = eng_breakin_count(d->s);
        for (;;) {
            uint64_t v;
            if ((rc = condition(d, cond, &v)) < 0 || !v)
                break;
            if ((rc = pass(d, body, ctrl_c)) <= 0)
                break;
        }
    }
    free(cond);
    free(body);
    return rc < 0 ? -1 : 0;
}

static int cmd_do(struct dbg *d, const char *args)
{
    char *cond = NULL, *body = NULL;
    const char *p = block(d, args, ".do", &body);
    int rc = -1;
    if (p) {
        p = script_skip_sep(p);
        const char *q = p;
        if (*p == '(') {
            q = script_group(p, '(', ')', &cond);
            if (!q)
                lerr_set(&d->err, "Syntax error: '(' without ')' at '%.30s'", p);
        } else if (*p) {
            q = p + strlen(p);
            cond = xstrdup(p);
        } else {
            q = NULL;
            lerr_set(&d->err, "Syntax error: .do { commands } (condition)");
        }
        if (q && at_end(d, q, ".do") == 0) {
            unsigned ctrl_c = eng_breakin_count(d->s);
            for (;;) {
                if ((rc = pass(d, body, ctrl_c)) <= 0)
                    break;
                uint64_t v;
                if ((rc = condition(d, cond, &v)) < 0 || !v)
                    break;
            }
        }
    }
    free(cond);
    free(body);
    return rc < 0 ? -1 : 0;
}

static char *part(const char *s, const char *end)
{
    char *c = xmalloc((size_t)(end - s) + 1);
    memcpy(c, s, (size_t)(end - s));
    c[end - s] = '\0';
    return c;
}

static int cmd_for(struct dbg *d, const char *args)
{
    char *head = NULL, *body = NULL;
    const char *p = script_group(args, '(', ')', &head);
    if (!p) {
        return lerr_set(&d->err,
                        "Syntax error: .for (InitialCommand ; Condition ; IncrementCommands) { ... }");
    }
    int rc = -1;
    const char *s1 = script_next_semi(head);
    const char *s2 = *s1 ? script_next_semi(s1 + 1) : s1;
    if (!*s1 || !*s2) {
        lerr_set(&d->err, "Syntax error: .for needs (InitialCommand ; Condition ; IncrementCommands)");
    } else if ((p = block(d, p, ".for", &body)) && at_end(d, p, ".for") == 0) {
        char *init = part(head, s1), *cond = part(s1 + 1, s2);
        const char *incr = s2 + 1;
        unsigned ctrl_c = eng_breakin_count(d->s);
        rc = dbg_execute_line(d, init) < 0 ? reported(d) : 0;
        while (rc == 0 && !must_leave(d)) {
            uint64_t v;
            if ((rc = condition(d, cond, &v)) < 0 || !v)
                break;
            if ((rc = pass(d, body, ctrl_c)) <= 0)
                break;
            rc = dbg_execute_line(d, incr) < 0 ? reported(d) : 0;
        }
        free(init);
        free(cond);
    }
    free(head);
    free(body);
    return rc < 0 ? -1 : 0;
}

/* The output of `cmds`, not shown: what .foreach walks. NULL when they
 * failed (their output, errors included, is then shown). */
static char *capture(struct dbg *d, const char *cmds)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) {
        lerr_set(&d->err, "Couldn't capture the output of '%.40s': %s", cmds, strerror(errno));
        return NULL;
    }
    struct dbg_capture c;
    dbg_capture_begin(d, &c, mem);
    int rc = dbg_execute_line(d, cmds);
    dbg_capture_end(d, &c);
    fclose(mem);
    if (rc < 0) {
        fputs(buf, d->out);
        free(buf);
        lerr_clear(&d->err);
        return NULL;
    }
    return buf;
}

/* A /pS or /ps count: a number in the current radix (0n, 0x prefixes). */
static const char *count_arg(struct dbg *d, const char *p, unsigned long *n)
{
    p = dbg_skip(p);
    int base = d->radix;
    if (p[0] == '0' && (p[1] == 'n' || p[1] == 'N'))
        base = 10, p += 2;
    else if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        base = 16, p += 2;
    char *end;
    errno = 0;
    *n = strtoul(p, &end, base);
    if (end == p || errno) {
        lerr_set(&d->err, "Syntax error: a number is needed at '%.20s'", p);
        return NULL;
    }
    return end;
}

/* `"text"` at p into *out (malloc'd); returns after the closing quote.
 * It ends where the lexer ends it: at the first '"' not after '\\'; a
 * `\"` in it is a '"', other backslashes stay (a file name's). */
static const char *quoted(struct dbg *d, const char *p, char **out)
{
    const char *q = cmd_past_group(p);
    if (!q) {
        lerr_set(&d->err, "Syntax error: unterminated string at '%.30s'", p);
        return NULL;
    }
    char *s = part(p + 1, q - 1), *w = s;
    for (const char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == '"')
            r++;
        *w++ = *r;
    }
    *w = '\0';
    *out = s;
    return q;
}

static int foreach_run(struct dbg *d, char **tok, size_t n, unsigned long skip_first,
                       unsigned long skip_each, const char *var, const char *out)
{
    unsigned ctrl_c = eng_breakin_count(d->s);
    for (size_t i = skip_first; i < n; i += 1 + skip_each) {
        char *cmds = script_subst_var(out, var, tok[i]);
        int rc = pass(d, cmds, ctrl_c);
        free(cmds);
        if (rc <= 0)
            return rc;
        if (skip_each >= n - i - 1)
            break; /* the last token, or a /ps that would wrap i around */
    }
    return 0;
}

static int cmd_foreach(struct dbg *d, const char *args)
{
    const char *p = dbg_skip(args);
    unsigned long skip_first = 0, skip_each = 0;
    char kind = 'c'; /* commands, /s a string, /f a file */
    while (*p == '/') {
        if (p[1] == 'p' && (p[2] == 'S' || p[2] == 's')) {
            char which = p[2];
            if (!(p = count_arg(d, p + 3, which == 'S' ? &skip_first : &skip_each)))
                return -1;
        } else if ((p[1] == 's' || p[1] == 'f') && !isalnum((unsigned char)p[2])) {
            kind = p[1];
            p += 2;
        } else {
            return lerr_set(&d->err, "Syntax error: unknown .foreach option '%.4s'", p);
        }
        p = dbg_skip(p);
    }
    char *head = NULL, *in = NULL, *out = NULL, *text = NULL;
    int rc = -1;
    p = script_group(p, '(', ')', &head);
    if (!p) {
        lerr_set(&d->err, "Syntax error: .foreach ( Variable { InCommands } ) { OutCommands }");
        goto done;
    }
    const char *h = dbg_skip(head);
    const char *v = h;
    while (*h && !isspace((unsigned char)*h) && *h != '{' && *h != '"')
        h++;
    char *var = part(v, h);
    h = dbg_skip(h);
    const char *after = NULL;
    if (kind == 'c' && *h == '{')
        after = script_group(h, '{', '}', &in);
    else if (kind != 'c' && *h == '"')
        after = quoted(d, h, &in);
    if (!*var || !after || *dbg_skip(after)) {
        if (!d->err.msg[0])
            lerr_set(&d->err, "Syntax error: .foreach needs ( Variable %s )",
                     kind == 'c' ? "{ InCommands }" : "\"text\"");
        free(var);
        goto done;
    }
    if ((p = block(d, p, ".foreach", &out)) && at_end(d, p, ".foreach") == 0) {
        if (kind == 'c')
            text = capture(d, in);
        else if (kind == 'f')
            text = dbg_read_text_file(d, in, "file");
        else
            text = xstrdup(in);
        if (text) {
            size_t n;
            char **tok = script_tokens(text, &n);
            rc = foreach_run(d, tok, n, skip_first, skip_each, var, out);
            script_tokens_free(tok);
        }
    }
    free(var);
done:
    free(head);
    free(in);
    free(out);
    free(text);
    return rc < 0 ? -1 : 0;
}

static int cmd_block(struct dbg *d, const char *args)
{
    char *body = NULL;
    const char *p = block(d, args, ".block", &body);
    if (!p)
        return -1;
    int rc = at_end(d, p, ".block");
    if (rc == 0 && dbg_execute_line(d, body) < 0)
        rc = reported(d);
    free(body);
    return rc;
}

static int loop_control(struct dbg *d, const char *args, int ctl, const char *name)
{
    if (*script_skip_sep(args))
        return lerr_set(&d->err, "Syntax error: %s takes no argument", name);
    if (!d->loop_depth)
        return lerr_set(&d->err, "Syntax error: %s outside a .for, .while, .do or .foreach loop",
                        name);
    d->loop_ctl = ctl;
    return 0;
}

static int cmd_break(struct dbg *d, const char *args)
{
    return loop_control(d, args, DBG_LOOP_BREAK, ".break");
}

static int cmd_continue(struct dbg *d, const char *args)
{
    return loop_control(d, args, DBG_LOOP_CONTINUE, ".continue");
}

const struct cmd_def cmd_loop_table[] = {
    {".for", cmd_for, ".for (InitialCommand ; Condition ; IncrementCommands) { Commands }"},
    {".while", cmd_while, ".while (Condition) { Commands }"},
    {".do", cmd_do, ".do { Commands } (Condition)"},
    {".foreach", cmd_foreach,
     ".foreach [/pS N] [/ps N] [/s|/f] ( Variable { InCommands } | \"text\" ) { OutCommands }"},
    {".block", cmd_block, ".block { Commands }: a block of its own"},
    {".break", cmd_break, "leaves the .for, .while, .do or .foreach loop"},
    {".continue", cmd_continue, "goes on with the next pass of the loop"},
    {NULL, NULL, NULL},
};
