/* The alias table and the expansion of a command line (cmd/alias.h). */
#include "cmd/alias.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static size_t find(const struct alias_table *t, const char *name, int *found)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(t->v[mid].name, name);
        if (c == 0) {
            *found = 1;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = 0;
    return lo;
}

void alias_set(struct alias_table *t, const char *name, const char *value)
{
    int found;
    size_t i = find(t, name, &found);
    if (found) {
        free(t->v[i].value);
        t->v[i].value = xstrdup(value);
        return;
    }
    t->v = xrealloc(t->v, (t->n + 1) * sizeof *t->v);
    memmove(t->v + i + 1, t->v + i, (t->n - i) * sizeof *t->v);
    t->v[i].name = xstrdup(name);
    t->v[i].value = xstrdup(value);
    t->n++;
}

const char *alias_get(const struct alias_table *t, const char *name)
{
    int found;
    size_t i = find(t, name, &found);
    return found ? t->v[i].value : NULL;
}

int alias_del(struct alias_table *t, const char *name)
{
    int found;
    size_t i = find(t, name, &found);
    if (!found)
        return -1;
    free(t->v[i].name);
    free(t->v[i].value);
    memmove(t->v + i, t->v + i + 1, (t->n - i - 1) * sizeof *t->v);
    t->n--;
    return 0;
}

void alias_set_fixed(struct alias_table *t, unsigned n, const char *text)
{
    if (n >= 10)
        return;
    while (*text == ' ' || *text == '\t')
        text++;
    size_t len = strlen(text);
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    free(t->fixed[n]);
    t->fixed[n] = xstrndup(text, len);
}

void alias_clear(struct alias_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].name);
        free(t->v[i].value);
    }
    free(t->v);
    t->v = NULL;
    t->n = 0;
}

void alias_free(struct alias_table *t)
{
    alias_clear(t);
    for (int i = 0; i < 10; i++) {
        free(t->fixed[i]);
        t->fixed[i] = NULL;
    }
}

static int is_alias_command(const char *s)
{
    return s[0] == 'a' && (s[1] == 's' || s[1] == 'S' || s[1] == 'd' || s[1] == 'l') &&
           (s[2] == '\0' || s[2] == ' ' || s[2] == '\t');
}

int alias_name_ok(const char *name)
{
    if (!*name || strpbrk(name, " \t\r\n"))
        return 0;
    return !(name[0] == 'a' &&
             (name[1] == 's' || name[1] == 'S' || name[1] == 'd' || name[1] == 'l'));
}

/* What ends a bare alias name: WinDbg replaces a name only when blanks
 * separate it from the rest; ';' ends a command. (A name against a brace,
 * `{.echo Foo}`, is replaced when the block runs: blocks come back to
 * dbg_execute_line.) */
static int is_sep(char c)
{
    return c == '\0' || c == ' ' || c == '\t' || c == ';';
}

struct buf {
    char *s;
    size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* `${...}` at p (p[0] == '$', p[1] == '{'): appends its replacement and
 * returns the length it covers, or 0 when it is not one (no '}'). */
static size_t interpret(const struct alias_table *t, const char *p, struct buf *b)
{
    const char *close = strchr(p + 2, '}');
    if (!close)
        return 0;
    size_t len = (size_t)(close + 1 - p);
    const char *name = p + 2;
    char sw = 0;
    if (name[0] == '/' && name[1] && name[2] == ':') {
        sw = name[1];
        name += 3;
    }
    char *n = xstrndup(name, (size_t)(close - name));
    const char *v = alias_get(t, n);
    switch (sw) {
    case 0:
        if (v)
            put(b, v, strlen(v));
        else
            put(b, p, len);
        break;
    case 'd':
        put(b, v ? "1" : "0", 1);
        break;
    case 'f':
        if (v)
            put(b, v, strlen(v));
        break;
    case 'n':
        if (v)
            put(b, n, strlen(n));
        else
            put(b, p, len);
        break;
    default: /* /v and anything unknown: left as it is */
        put(b, p, len);
        break;
    }
    free(n);
    return len;
}

char *alias_expand(const struct alias_table *t, const char *line)
{
    /* only with nothing before it: `.block{ aS x y; ...}` is expanded */
    if (is_alias_command(line) || (t->n == 0 && !strstr(line, "${") && !strstr(line, "$u")))
        return xstrdup(line);
    struct buf b = {0};
    put(&b, "", 0);
    const char *p = line;
    while (*p) {
        /* not in a Rust legacy mangled name ($u7b$ is '{') */
        if (p[0] == '$' && p[1] == 'u' && p[2] >= '0' && p[2] <= '9' &&
            !isxdigit((unsigned char)p[3]) && p[3] != '$') {
            const char *v = t->fixed[p[2] - '0'];
            if (v)
                put(&b, v, strlen(v));
            p += 3;
            continue;
        }
        if (p[0] == '$' && p[1] == '{') {
            size_t used = interpret(t, p, &b);
            if (used) {
                p += used;
                continue;
            }
        }
        if (!is_sep(*p) && (p == line || is_sep(p[-1]))) {
            size_t n = 0;
            while (!is_sep(p[n]))
                n++;
            char *word = xstrndup(p, n);
            const char *v = alias_get(t, word);
            free(word);
            if (v) {
                put(&b, v, strlen(v));
                p += n;
                continue;
            }
        }
        put(&b, p, 1);
        p++;
    }
    return b.s;
}
