#include "cmd/lexer.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void push(struct cmd_list *l, const char *s, size_t n)
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
    l->cmds[l->n++] = c;
}

void cmd_list_free(struct cmd_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->cmds[i]);
    free(l->cmds);
    l->cmds = NULL;
    l->n = 0;
}

int cmd_split(const char *line, struct cmd_list *out, struct lerr *e)
{
    out->cmds = NULL;
    out->n = 0;
    const char *start = line;
    int in_quote = 0, braces = 0;
    for (const char *p = line; *p; p++) {
        if (p == start) {
            /* `j expr 'a;b' ; 'c'` owns the rest of the line, as in WinDbg */
            const char *w = start;
            while (*w == ' ' || *w == '\t')
                w++;
            /* and so do the path commands: ';' separates their directories */
            /* `as Name line` takes the rest of the line, ';' included */
            if ((w[0] == 'j' && (w[1] == ' ' || w[1] == '(' || w[1] == '\t')) ||
                (w[0] == 'a' && w[1] == 's' && (w[2] == ' ' || w[2] == '\t')) ||
                !strncmp(w, "r $.u", 5) ||
                !strncmp(w, ".srcpath", 8) || !strncmp(w, ".sympath", 8)) {
                push(out, start, strlen(start));
                return 0;
            }
        }
        if (in_quote) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '"')
                in_quote = 0;
            continue;
        }
        if (*p == '"')
            in_quote = 1;
        else if (*p == '{')
            braces++;
        else if (*p == '}' && braces > 0)
            braces--;
        else if (*p == ';' && braces == 0) {
            push(out, start, (size_t)(p - start));
            start = p + 1;
        }
    }
    if (in_quote || braces) {
        cmd_list_free(out);
        return lerr_set(e, "Syntax error: %s in '%.60s'",
                        in_quote ? "unterminated string" : "unbalanced '{'", line);
    }
    push(out, start, strlen(start));
    return 0;
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
    if (s[0] == '$' && s[1] == '<')
        return 2;
    if (s[0] == '$' && s[1] == '$' && s[2] == '<')
        return 3;
    if (s[0] == '?' || s[0] == '|' || s[0] == '~')
        return s[0] == '?' && s[1] == '?' ? 2 : 1;
    size_t n = 0;
    if (s[0] == '.')
        n = 1;
    while (isalpha((unsigned char)s[n]) || (n > 0 && s[0] == '.' && s[n] == '_'))
        n++;
    return n;
}
