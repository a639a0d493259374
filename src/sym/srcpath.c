#include "sym/srcpath.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* a copy without trailing '/' (but "/" stays "/") */
static char *dir_dup(const char *s, size_t n)
{
    while (n > 1 && s[n - 1] == '/')
        n--;
    char *c = xmalloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

static void clear_dirs(struct sym_srcpath *p)
{
    for (size_t i = 0; i < p->ndirs; i++)
        free(p->dirs[i]);
    free(p->dirs);
    p->dirs = NULL;
    p->ndirs = 0;
}

int sym_path_list_next(const char **list, const char **entry, size_t *len)
{
    const char *l = *list;
    if (!*l)
        return 0;
    size_t n = strcspn(l, ";");
    const char *s = l;
    size_t k = n;
    while (k && (*s == ' ' || *s == '\t'))
        s++, k--;
    while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
        k--;
    *entry = s;
    *len = k;
    *list = l + n + (l[n] == ';');
    return 1;
}

void sym_srcpath_set(struct sym_srcpath *p, const char *list, int append)
{
    if (!append)
        clear_dirs(p);
    const char *s;
    size_t len;
    while (sym_path_list_next(&list, &s, &len)) {
        if (len) {
            p->dirs = xrealloc(p->dirs, (p->ndirs + 1) * sizeof *p->dirs);
            p->dirs[p->ndirs++] = dir_dup(s, len);
        }
    }
}

char *sym_srcpath_string(const struct sym_srcpath *p)
{
    size_t n = 1;
    for (size_t i = 0; i < p->ndirs; i++)
        n += strlen(p->dirs[i]) + 1;
    char *s = xmalloc(n);
    s[0] = '\0';
    for (size_t i = 0; i < p->ndirs; i++) {
        if (i)
            strcat(s, ";");
        strcat(s, p->dirs[i]);
    }
    return s;
}

void sym_srcpath_subst_add(struct sym_srcpath *p, const char *from, const char *to)
{
    char *f = dir_dup(from, strlen(from)), *t = dir_dup(to, strlen(to));
    for (size_t i = 0; i < p->nsubst; i++) {
        if (strcmp(p->from[i], f) == 0) {
            free(f);
            free(p->to[i]);
            p->to[i] = t;
            return;
        }
    }
    p->from = xrealloc(p->from, (p->nsubst + 1) * sizeof *p->from);
    p->to = xrealloc(p->to, (p->nsubst + 1) * sizeof *p->to);
    p->from[p->nsubst] = f;
    p->to[p->nsubst++] = t;
}

void sym_srcpath_subst_clear(struct sym_srcpath *p)
{
    for (size_t i = 0; i < p->nsubst; i++) {
        free(p->from[i]);
        free(p->to[i]);
    }
    free(p->from);
    free(p->to);
    p->from = p->to = NULL;
    p->nsubst = 0;
}

void sym_srcpath_free(struct sym_srcpath *p)
{
    clear_dirs(p);
    sym_srcpath_subst_clear(p);
}

/* GDB's rule: `from` matches a leading run of whole components */
static int substitute(const struct sym_srcpath *p, const char *file, char *out, size_t size)
{
    for (size_t i = 0; i < p->nsubst; i++) {
        size_t n = strlen(p->from[i]);
        if (strncmp(file, p->from[i], n) == 0 && (file[n] == '/' || file[n] == '\0')) {
            snprintf(out, size, "%s%s", p->to[i], file + n);
            return 1;
        }
    }
    snprintf(out, size, "%s", file);
    return 0;
}

static int try_under(const char *dir, const char *tail, char *out, size_t size)
{
    while (*tail == '/')
        tail++;
    if (!*tail)
        return 0;
    int n = snprintf(out, size, "%s/%s", dir, tail);
    return n > 0 && (size_t)n < size && is_file(out);
}

int sym_src_find(const struct sym_srcpath *p, const char *file, size_t rel, char *out,
                 size_t size)
{
    if (substitute(p, file, out, size) && is_file(out))
        return 0;
    if (is_file(file)) {
        snprintf(out, size, "%s", file);
        return 0;
    }
    const char *relative = rel && rel < strlen(file) ? file + rel : NULL;
    for (size_t i = 0; i < p->ndirs; i++) {
        if (relative && try_under(p->dirs[i], relative, out, size))
            return 0;
        /* the trailing components, longest first: a tree moved whole, or
         * copied from a level above or below its old root */
        for (const char *t = file; t; t = strchr(t + 1, '/'))
            if (try_under(p->dirs[i], t, out, size))
                return 0;
    }
    return -1;
}
