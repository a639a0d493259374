#include "ui/complete.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void cpl_add(struct cpl_names *l, const char *name)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = xstrdup(name);
}

void cpl_names_free(struct cpl_names *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

void cpl_result_free(struct cpl_result *r)
{
    free(r->text);
    cpl_names_free(&r->shown);
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* Where the command holding the cursor starts: after a ';', a brace, or
 * the opening quote of a command string (`bp main "r; g`, `j 1 'r; g`);
 * once that string is closed, the command around it again. */
static size_t command_start(const char *line, size_t cursor)
{
    size_t start = 0, outer = 0;
    char quote = 0;
    for (size_t i = 0; i < cursor; i++) {
        char c = line[i];
        if (quote && c == '\\' && i + 1 < cursor) {
            i++;
        } else if (quote && c == quote) {
            quote = 0;
            start = outer;
        } else if (!quote && (c == '"' || c == '\'') && i > 0 && is_blank(line[i - 1])) {
            quote = c;
            outer = start;
            start = i + 1;
        } else if (c == ';' || c == '{' || c == '}') {
            start = i + 1;
        }
    }
    return start;
}

/* Past a thread prefix (`~2 `, `~*`, `~.`, `~#`, `~[expr]`) when a
 * command follows it. */
static size_t skip_thread_prefix(const char *line, size_t p, size_t cursor)
{
    if (line[p] != '~')
        return p;
    size_t q = p + 1;
    if (q < cursor && strchr("*.#", line[q]))
        q++;
    else if (q < cursor && line[q] == '[')
        while (q < cursor && line[q++] != ']')
            ;
    else
        while (q < cursor && isdigit((unsigned char)line[q]))
            q++;
    if (q == p + 1 || q >= cursor)
        return p;
    while (q < cursor && is_blank(line[q]))
        q++;
    return q;
}

/* The commands glued to a file name (`$<file`), longest first. */
static const char *const script_cmds[] = {"$$>a<", "$$><", "$><", "$$<", "$<"};

static size_t script_cmd_len(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof script_cmds / sizeof script_cmds[0]; i++) {
        size_t n = strlen(script_cmds[i]);
        if (len >= n && !strncmp(s, script_cmds[i], n))
            return n;
    }
    return 0;
}

/* Commands whose arguments are file names. */
static int takes_files(const char *name, size_t len)
{
    static const char *const cmds[] = {".logopen", ".logappend", ".dump", ".writemem",
                                       ".readmem", ".shell",     ".create"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strlen(cmds[i]) == len && !strncasecmp(name, cmds[i], len))
            return 1;
    return 0;
}

/* What a word of an expression ends at. */
static int is_delimiter(char c)
{
    return is_blank(c) || strchr("()[]{},;+-*/=<>&|^~\"'%", c);
}

struct request {
    enum cpl_what what;
    size_t scope, slen;  /* offsets in the line */
    size_t prefix, plen; /* the part the candidates complete */
    const char *suffix;  /* appended to each candidate ("!" after a module) */
};

static void ask(const char *line, const struct cpl_source *src, const struct request *q,
                struct cpl_names *out)
{
    struct cpl_names got = {0};
    src->names(src->ctx, q->what, line + q->scope, q->slen, line + q->prefix, q->plen, &got);
    for (size_t i = 0; i < got.n; i++) {
        if (strncasecmp(got.v[i], line + q->prefix, q->plen) != 0)
            continue;
        if (!q->suffix) {
            cpl_add(out, got.v[i]);
            continue;
        }
        size_t n = strlen(got.v[i]);
        char *s = xmalloc(n + strlen(q->suffix) + 1);
        memcpy(s, got.v[i], n);
        strcpy(s + n, q->suffix);
        cpl_add(out, s);
        free(s);
    }
    cpl_names_free(&got);
}

/* What the cursor is in: fills up to two requests (a plain word is a
 * module or a symbol) and returns how many; the word replaced starts at
 * *start, its fixed part (kept as typed: `@`, `mod!`, `dir/`) ends at
 * *fixed. */
static size_t classify(const char *line, size_t cursor, struct request q[2], size_t *start,
                       size_t *fixed)
{
    size_t p = command_start(line, cursor);
    while (p < cursor && is_blank(line[p]))
        p++;
    p = skip_thread_prefix(line, p, cursor);
    size_t e = p;
    while (e < cursor && !is_blank(line[e]))
        e++;
    memset(q, 0, 2 * sizeof *q);
    if (e == cursor) {
        /* in the command name, or in the file name glued to `$<` */
        size_t n = script_cmd_len(line + p, cursor - p);
        if (n) {
            size_t w = p + n;
            while (w < cursor && is_blank(line[w]))
                w++;
            p = w;
            goto file;
        }
        q[0] = (struct request){CPL_COMMAND, p, 0, p, cursor - p, NULL};
        *start = *fixed = p;
        return 1;
    }
    size_t namelen = e - p;
    size_t w = cursor;
    if (takes_files(line + p, namelen) ||
        (script_cmd_len(line + p, namelen) == namelen && line[p] == '$')) {
        while (w > e && !is_blank(line[w - 1]))
            w--;
        p = w;
        goto file;
    }
    while (w > e && !is_delimiter(line[w - 1]))
        w--;
    const char *word = line + w;
    size_t wlen = cursor - w;
    *start = w;
    const char *bang = memchr(word, '!', wlen);
    if (bang) {
        size_t b = (size_t)(bang - line);
        q[0] = (struct request){CPL_SYMBOL, w, b - w, b + 1, cursor - b - 1, NULL};
        *fixed = b + 1;
        return 1;
    }
    if (wlen && (word[0] == '$' || (word[0] == '@' && wlen > 1 && word[1] == '$'))) {
        size_t at = word[0] == '@';
        q[0] = (struct request){CPL_PSEUDO, 0, 0, w + at, wlen - at, NULL};
        *fixed = w + at;
        return 1;
    }
    if (wlen && word[0] == '@') {
        q[0] = (struct request){CPL_REGISTER, 0, 0, w + 1, wlen - 1, NULL};
        *fixed = w + 1;
        return 1;
    }
    *fixed = w;
    if (namelen == 1 && (line[p] == 'r' || line[p] == 'R')) {
        q[0] = (struct request){CPL_REGISTER, 0, 0, w, wlen, NULL};
        return 1;
    }
    if (!wlen)
        return 0; /* every symbol of every module: not a useful list */
    q[0] = (struct request){CPL_MODULE, 0, 0, w, wlen, "!"};
    q[1] = (struct request){CPL_SYMBOL, w, 0, w, wlen, NULL};
    return 2;

file : {
    /* the directory typed stays, its entries are the candidates */
    const char *slash = NULL;
    for (size_t i = p; i < cursor; i++)
        if (line[i] == '/')
            slash = line + i;
    size_t dir = slash ? (size_t)(slash - line) + 1 : p;
    q[0] = (struct request){CPL_FILE, p, dir - p, dir, cursor - dir, NULL};
    *start = p;
    *fixed = dir;
    return 1;
}
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void cpl_complete(const char *line, size_t cursor, const struct cpl_source *src,
                  struct cpl_result *r)
{
    memset(r, 0, sizeof *r);
    size_t len = strlen(line);
    if (cursor > len)
        cursor = len;
    struct request q[2];
    size_t start = cursor, fixed = cursor;
    size_t nq = classify(line, cursor, q, &start, &fixed);
    for (size_t i = 0; i < nq; i++)
        ask(line, src, &q[i], &r->shown);
    r->start = start;
    struct cpl_names *l = &r->shown;
    if (l->n > 1)
        qsort(l->v, l->n, sizeof *l->v, by_name);
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (k && !strcmp(l->v[k - 1], l->v[i]))
            free(l->v[i]);
        else
            l->v[k++] = l->v[i];
    }
    l->n = k;
    size_t typed = cursor - fixed;
    size_t common = l->n ? strlen(l->v[0]) : typed;
    for (size_t i = 1; i < l->n; i++) {
        size_t j = 0;
        while (j < common && l->v[i][j] &&
               tolower((unsigned char)l->v[i][j]) == tolower((unsigned char)l->v[0][j]))
            j++;
        common = j;
    }
    size_t head = fixed - r->start;
    char *t = xmalloc(head + (l->n ? common : typed) + 2);
    memcpy(t, line + r->start, head);
    memcpy(t + head, l->n ? l->v[0] : line + fixed, l->n ? common : typed);
    size_t n = head + (l->n ? common : typed);
    if (l->n == 1 && n && t[n - 1] != '/' && t[n - 1] != '!' && !is_blank(line[cursor]))
        t[n++] = ' ';
    t[n] = '\0';
    r->text = t;
}

char *cpl_columns(const struct cpl_names *l, int width)
{
    size_t colw = 0;
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i]) + 2 > colw)
            colw = strlen(l->v[i]) + 2;
    size_t ncols = width > 0 && colw ? (size_t)width / colw : 1;
    if (ncols == 0)
        ncols = 1;
    size_t nrows = l->n ? (l->n + ncols - 1) / ncols : 0;
    size_t cap = nrows * (ncols * colw + 1) + 1, used = 0;
    char *out = xmalloc(cap);
    /* down the columns first, as bash and readline */
    for (size_t r = 0; r < nrows; r++) {
        for (size_t c = 0; c < ncols; c++) {
            size_t i = c * nrows + r;
            if (i >= l->n)
                break;
            size_t n = strlen(l->v[i]);
            memcpy(out + used, l->v[i], n);
            used += n;
            int last = c + 1 == ncols || (c + 1) * nrows + r >= l->n;
            for (; !last && n < colw; n++)
                out[used++] = ' ';
        }
        out[used++] = '\n';
    }
    out[used] = '\0';
    return out;
}
