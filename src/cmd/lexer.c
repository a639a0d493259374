#include "cmd/lexer.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void push(struct cmd_list *l, const char *line, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return;
    char *c = xmalloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    l->cmds = xrealloc(l->cmds, (l->n + 1) * sizeof *l->cmds);
    l->offs = xrealloc(l->offs, (l->n + 1) * sizeof *l->offs);
    l->offs[l->n] = (size_t)(s - line);
    l->cmds[l->n++] = c;
}

void cmd_list_free(struct cmd_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->cmds[i]);
    free(l->cmds);
    free(l->offs);
    l->cmds = NULL;
    l->offs = NULL;
    l->n = 0;
}

/* `$$ text`, not the script commands `$$<`, `$$><`, `$$>a<` */
static int dollar_comment(const char *w)
{
    return w[0] == '$' && w[1] == '$' && w[2] != '<' && w[2] != '>';
}

int cmd_is_comment(const char *cmd)
{
    while (*cmd == ' ' || *cmd == '\t')
        cmd++;
    return *cmd == '*' || dollar_comment(cmd);
}

int cmd_is_thread_e(const char *rest)
{
    return rest[0] == 'e' && (rest[1] == '\0' || isspace((unsigned char)rest[1]));
}

static int word_is(const char *p, const char *word)
{
    size_t n = strlen(word);
    return !strncmp(p, word, n) && !isalnum((unsigned char)p[n]) && p[n] != '_';
}

/* Commands that take the rest of the line, ';' included. */
static int owns_line(const char *w)
{
    /* `j expr 'a;b' ; 'c'`, as in WinDbg */
    if (w[0] == 'j' && (w[1] == ' ' || w[1] == '(' || w[1] == '\t'))
        return 1;
    /* the path commands: ';' separates their directories */
    if (!strncmp(w, ".srcpath", 8) || !strncmp(w, ".sympath", 8))
        return 1;
    /* `as Name line` and `r $.u0=line`: the alias is the rest of the line */
    if ((w[0] == 'a' && w[1] == 's' && (w[2] == ' ' || w[2] == '\t')) || !strncmp(w, "r $.u", 5))
        return 1;
    /* $<FILE and $><FILE: a file name may hold ';' */
    if (w[0] == '$' && (w[1] == '<' || (w[1] == '>' && w[2] == '<')))
        return 1;
    /* ~Ne: "CommandString includes the rest of the input line" */
    struct cmd_prefix pf;
    cmd_parse_prefix(w, &pf);
    return pf.kind != CMD_THREAD_NONE && cmd_is_thread_e(pf.rest);
}

/* Whether the ';' at p, which ends [start, p), goes on within the same
 * command: the parts of a control flow token that a joined script put on
 * separate lines. */
static int joins(const char *start, const char *p)
{
    const char *q = p + 1;
    while (*q == ' ' || *q == '\t' || *q == ';')
        q++;
    if (*q == '{' || *q == '(')
        return 1;
    const char *b = p;
    while (b > start && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == ';'))
        b--;
    return b > start && b[-1] == '}' && (word_is(q, ".else") || word_is(q, ".elsif"));
}

/* Past blanks, ';' and comments where a command of a block may start.
 * The block's '}' ends a comment too: `{ $$ note }` and `{ * note }` are
 * whole blocks, as when the block is found first and run after. So a
 * `$$ text` ends at the next ';' or '}' and `* text` at the next '}' (its
 * quotes mean nothing). A script file's comments are gone before this
 * (script_join_lines): there a '}' in one is only text. */
static const char *past_comments(const char *p)
{
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == ';' || *p == '\r' || *p == '\n')
            p++;
        const char *q;
        if (*p == '*')
            q = strchr(p, '}');
        else if (dollar_comment(p))
            q = strpbrk(p, ";}");
        else
            return p;
        if (!q)
            return p + strlen(p);
        p = q;
        if (*p == '}')
            return p;
    }
}

const char *cmd_past_group(const char *p)
{
    if (*p == '"') {
        for (p++; *p; p++) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '"')
                return p + 1;
        }
        return NULL;
    }
    if (*p == '(') {
        for (p++; *p;) {
            if (*p == ')')
                return p + 1;
            if (*p == '(' || *p == '{' || *p == '"') {
                if (!(p = cmd_past_group(p)))
                    return NULL;
            } else {
                p++;
            }
        }
        return NULL;
    }
    /* a block holds commands: only their strings, blocks and comments
     * count (a `.echo (` is no group) */
    for (p = past_comments(p + 1); *p;) {
        if (*p == '}')
            return p + 1;
        if (*p == '{' || *p == '"') {
            if (!(p = cmd_past_group(p)))
                return NULL;
        } else if (*p == ';') {
            p = past_comments(p);
        } else {
            p++;
        }
    }
    return NULL;
}

int cmd_split_at(const char *line, struct cmd_list *out, struct lerr *e, size_t *bad)
{
    out->cmds = NULL;
    out->offs = NULL;
    out->n = 0;
    const char *start = line;
    int for_parens = 0;
    for (const char *p = line; *p; p++) {
        if (p == start) {
            const char *w = start;
            while (*w == ' ' || *w == '\t')
                w++;
            if (owns_line(w)) {
                push(out, line, start, strlen(start));
                return 0;
            }
            if (*w == '*')
                return 0; /* a comment line, ';' included */
            if (dollar_comment(w)) {
                /* up to the next ';', its text not looked at */
                const char *q = strchr(w, ';');
                if (!q)
                    return 0;
                start = q + 1;
                p = q;
                continue;
            }
            for_parens = word_is(w, ".for");
        }
        if (*p == '"' || *p == '{' || (for_parens && *p == '(')) {
            const char *q = cmd_past_group(p);
            if (q) {
                p = q - 1;
                continue;
            }
            /* `.for (` not closed: the rest is its (wrong) head */
            if (*p == '(')
                break;
            if (bad)
                *bad = (size_t)(p - line);
            cmd_list_free(out);
            return lerr_set(e, "Syntax error: %s in '%.60s'",
                            *p == '"' ? "unterminated string" : "unbalanced '{'", line);
        }
        if (*p == ';' && !joins(start, p)) {
            push(out, line, start, (size_t)(p - start));
            start = p + 1;
        }
    }
    push(out, line, start, strlen(start));
    return 0;
}

int cmd_split(const char *line, struct cmd_list *out, struct lerr *e)
{
    return cmd_split_at(line, out, e, NULL);
}

void cmd_parse_prefix(const char *cmd, struct cmd_prefix *out)
{
    out->kind = CMD_THREAD_NONE;
    out->index = 0;
    out->rest = cmd;
    if (cmd[0] != '~')
        return;
    const char *p = cmd + 1;
    struct cmd_prefix pf = {CMD_THREAD_NONE, 0, NULL};
    if (*p == '.') {
        pf.kind = CMD_THREAD_CURRENT;
        p++;
    } else if (*p == '#') {
        pf.kind = CMD_THREAD_EVENT;
        p++;
    } else if (*p == '*') {
        pf.kind = CMD_THREAD_ALL;
        p++;
    } else if (isdigit((unsigned char)*p)) {
        pf.kind = CMD_THREAD_INDEX;
        pf.index = strtoul(p, (char **)&p, 10);
    } else if (isalpha((unsigned char)*p)) {
        pf.kind = CMD_THREAD_CURRENT; /* `~bp`: the current thread */
    } else {
        return;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    /* `~2`, `~2s`, `~2f`...: the thread command itself */
    if (*p == '\0')
        return;
    if (strchr("sfunm", *p) && (p[1] == '\0' || isspace((unsigned char)p[1])) &&
        !(p[0] == 'u' && p[1] == ' '))
        return;
    pf.rest = p;
    *out = pf;
}

size_t cmd_name_len(const char *s)
{
    static const char *const scripts[] = {"$$>a<", "$$><", "$><", "$$<", "$<"};
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
        if (!strncmp(s, scripts[i], strlen(scripts[i])))
            return strlen(scripts[i]);
    if (s[0] == '?' || s[0] == '|' || s[0] == '~')
        return s[0] == '?' && s[1] == '?' ? 2 : 1;
    size_t n = 0;
    /* `.cmd` meta-commands and `!ext` extension commands */
    if (s[0] == '.' || s[0] == '!')
        n = 1;
    while (isalpha((unsigned char)s[n]) || (n > 0 && (s[0] == '.' || s[0] == '!') && s[n] == '_'))
        n++;
    return n;
}

const char *cmd_file_arg(const char *s, size_t *len)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        s++;
        n -= 2;
    }
    *len = n;
    return s;
}
