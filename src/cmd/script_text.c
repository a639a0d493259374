#include "cmd/script_text.h"
#include "cmd/lexer.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

char *script_subst_args(const char *text, char *const *argv, size_t argc)
{
    struct strbuf sb;
    sb_init(&sb);
    const char *p = text;
    while (*p) {
        if (p[0] == '$' && p[1] == '{') {
            int defined = 0;
            const char *q = p + 2;
            if (!strncmp(q, "/d:", 3)) {
                defined = 1;
                q += 3;
            }
            if (!strncmp(q, "$arg", 4) && isdigit((unsigned char)q[4])) {
                char *end;
                unsigned long n = strtoul(q + 4, &end, 10);
                if (*end == '}') {
                    if (defined)
                        sb_adds(&sb, n < argc ? "1" : "0");
                    else if (n < argc)
                        sb_adds(&sb, argv[n]);
                    else
                        sb_addn(&sb, p, (size_t)(end + 1 - p));
                    p = end + 1;
                    continue;
                }
            }
        }
        sb_addc(&sb, *p++);
    }
    return sb.buf ? sb.buf : xstrdup("");
}

/* The line [s, s+len) without its comments, into sb: a `$$ text` where a
 * command starts goes up to its ';' (that stays) or the line's end, a
 * `* text` to the line's end. Quotes ("...") are passed over. */
static void add_code(struct strbuf *sb, const char *s, size_t len)
{
    const char *end = s + len;
    int start = 1, quote = 0;
    for (const char *p = s; p < end; p++) {
        if (quote) {
            if (*p == '\\' && p + 1 < end)
                sb_addc(sb, *p++);
            else if (*p == '"')
                quote = 0;
        } else if (start && (*p == '*' || (p[0] == '$' && cmd_is_comment(p)))) {
            if (*p == '*')
                break;
            while (p < end && *p != ';')
                p++;
            if (p == end)
                break;
        } else if (*p == '"') {
            quote = 1;
        }
        if (!quote && *p != ' ' && *p != '\t')
            start = *p == ';' || *p == '{';
        sb_addc(sb, *p);
    }
    while (sb->len && (sb->buf[sb->len - 1] == ' ' || sb->buf[sb->len - 1] == '\t'))
        sb->buf[--sb->len] = '\0';
}

static char *join(const char *text, int code, struct script_line **lines, size_t *nlines)
{
    struct strbuf sb;
    sb_init(&sb);
    *lines = NULL;
    *nlines = 0;
    int number = 0;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\r\n");
        number++;
        const char *s = p;
        size_t len = n;
        while (len && isspace((unsigned char)*s)) {
            s++;
            len--;
        }
        while (len && isspace((unsigned char)s[len - 1]))
            len--;
        size_t at = sb.len;
        if (len && *s != '*') {
            if (code)
                add_code(&sb, s, len);
            else
                sb_addn(&sb, s, len);
        }
        if (sb.len > at) {
            *lines = xrealloc(*lines, (*nlines + 1) * sizeof **lines);
            (*lines)[*nlines].offset = at;
            (*lines)[*nlines].number = number;
            (*nlines)++;
            sb_addc(&sb, ';');
        }
        p += n;
        /* "\r\n" is one line end */
        if (*p == '\r' && p[1] == '\n')
            p++;
        if (*p)
            p++;
    }
    return sb.buf ? sb.buf : xstrdup("");
}

char *script_join_lines(const char *text, struct script_line **lines, size_t *nlines)
{
    return join(text, 0, lines, nlines);
}

char *script_join_code(const char *text, struct script_line **lines, size_t *nlines)
{
    return join(text, 1, lines, nlines);
}

int script_line_of(const struct script_line *lines, size_t n, size_t off)
{
    int number = n ? lines[0].number : 0;
    for (size_t i = 0; i < n && lines[i].offset <= off; i++)
        number = lines[i].number;
    return number;
}

const char *script_skip_sep(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == ';' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

const char *script_group(const char *p, char open, char close, char **inside)
{
    *inside = NULL;
    p = script_skip_sep(p);
    if (*p != open)
        return NULL;
    const char *end = cmd_past_group(p);
    if (!end || end[-1] != close)
        return NULL;
    size_t n = (size_t)(end - p - 2);
    *inside = xmalloc(n + 1);
    memcpy(*inside, p + 1, n);
    (*inside)[n] = '\0';
    return end;
}

const char *script_next_semi(const char *s)
{
    while (*s && *s != ';') {
        if (*s == '(' || *s == '{' || *s == '"') {
            const char *e = cmd_past_group(s);
            if (!e)
                return s + strlen(s);
            s = e;
        } else {
            s++;
        }
    }
    return s;
}

char **script_tokens(const char *text, size_t *n)
{
    char **t = xmalloc(sizeof *t);
    *n = 0;
    for (const char *p = text;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        size_t len = 0;
        while (p[len] && !isspace((unsigned char)p[len]))
            len++;
        t = xrealloc(t, (*n + 2) * sizeof *t);
        t[*n] = xmalloc(len + 1);
        memcpy(t[*n], p, len);
        t[*n][len] = '\0';
        (*n)++;
        p += len;
    }
    t[*n] = NULL;
    return t;
}

void script_tokens_free(char **t)
{
    if (!t)
        return;
    for (char **p = t; *p; p++)
        free(*p);
    free(t);
}

static int delim(char c) { return c == '\0' || isspace((unsigned char)c) || strchr(";{}", c); }

char *script_subst_var(const char *text, const char *var, const char *val)
{
    struct strbuf sb;
    sb_init(&sb);
    size_t vn = strlen(var);
    for (const char *p = text; *p;) {
        if (p[0] == '$' && p[1] == '{' && !strncmp(p + 2, var, vn) && p[2 + vn] == '}') {
            sb_adds(&sb, val);
            p += vn + 3;
            continue;
        }
        if (vn && !strncmp(p, var, vn) && (p == text || delim(p[-1])) && delim(p[vn])) {
            sb_adds(&sb, val);
            p += vn;
            continue;
        }
        sb_addc(&sb, *p++);
    }
    return sb.buf ? sb.buf : xstrdup("");
}
