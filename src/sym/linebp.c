#include "sym/linebp.h"
#include "util/xalloc.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether b ends with e, at a path component's start. */
static int path_ends_with(const char *b, const char *e)
{
    size_t bl = strlen(b), el = strlen(e);
    return bl >= el && !strcmp(b + bl - el, e) && (bl == el || b[bl - el - 1] == '/');
}

/* A recorded path names the file asked for when it ends with it; a path
 * recorded relative to its compilation directory comp_dir names the
 * absolute one it makes there (an editor gives full paths), or, `loose`,
 * one that ends with it (sources moved since the build). */
static int file_matches(const char *path, const char *want, const char *comp_dir, int loose)
{
    if (path_ends_with(path, want))
        return 1;
    if (*want != '/' || *path == '/')
        return 0;
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    if (!comp_dir || loose) /* the name's end must do */
        return path_ends_with(want, path);
    size_t cl = strlen(comp_dir);
    while (cl > 0 && comp_dir[cl - 1] == '/')
        cl--;
    return !strncmp(want, comp_dir, cl) && want[cl] == '/' && !strcmp(want + cl + 1, path);
}

/* The compilation directory of a CU, NULL when not recorded. */
static const char *comp_dir_of(Dwarf_Die *cu)
{
    Dwarf_Attribute at;
    return dwarf_attr(cu, DW_AT_comp_dir, &at) ? dwarf_formstring(&at) : NULL;
}

struct row {
    uint64_t addr;
    int line;
    Dwarf_Die *cu; /* for the scope of the address */
    Dwarf_Addr bias;
};

/* What one module holds of the file: its rows that begin statements, and
 * where its functions begin (their declaration lines). */
struct file_rows {
    struct row *rows;
    size_t n, cap;
    struct {
        int line;
        char name[256];
    } *funcs;
    size_t nfuncs, capf;
    int any; /* the file is in the line tables at all */
};

static void add_row(struct file_rows *f, uint64_t addr, int line, Dwarf_Die *cu, Dwarf_Addr bias)
{
    if (f->n == f->cap)
        f->rows = xrealloc(f->rows, (f->cap = f->cap ? 2 * f->cap : 256) * sizeof *f->rows);
    f->rows[f->n++] = (struct row){addr, line, cu, bias};
}

static void add_func(struct file_rows *f, int line, const char *name)
{
    if (f->nfuncs == f->capf)
        f->funcs = xrealloc(f->funcs, (f->capf = f->capf ? 2 * f->capf : 64) * sizeof *f->funcs);
    f->funcs[f->nfuncs].line = line;
    snprintf(f->funcs[f->nfuncs++].name, sizeof f->funcs[0].name, "%s", name ? name : "?");
}

/* The definitions of functions (concrete or inlined-only) declared in the
 * file, in namespaces and classes too. */
static void scan_funcs(struct file_rows *f, Dwarf_Die *parent, const char *want,
                       const char *comp_dir, int loose)
{
    Dwarf_Die child;
    if (dwarf_child(parent, &child) != 0)
        return;
    do {
        int tag = dwarf_tag(&child);
        if (tag == DW_TAG_namespace || tag == DW_TAG_class_type || tag == DW_TAG_structure_type) {
            scan_funcs(f, &child, want, comp_dir, loose);
        } else if (tag == DW_TAG_subprogram && !dwarf_hasattr(&child, DW_AT_declaration)) {
            const char *file = dwarf_decl_file(&child);
            int line;
            if (file && file_matches(file, want, comp_dir, loose) && dwarf_decl_line(&child, &line) == 0) {
                /* a method defined outside its class refers to its
                 * declaration for the name */
                Dwarf_Attribute at;
                Dwarf_Die spec;
                const char *name = dwarf_diename(&child);
                if (!name && dwarf_attr(&child, DW_AT_specification, &at) &&
                    dwarf_formref_die(&at, &spec))
                    name = dwarf_diename(&spec);
                add_func(f, line, name);
            }
        }
    } while (dwarf_siblingof(&child, &child) == 0);
}

static void collect(struct sym_module *m, const char *want, int loose, struct file_rows *f)
{
    Dwarf_Addr bias;
    if (!m->dw || !dwfl_module_getdwarf(m->dw, &bias))
        return;
    Dwarf_Die *cu = NULL;
    while ((cu = dwfl_module_nextcu(m->dw, cu, &bias))) {
        Dwarf_Lines *lines;
        size_t n;
        if (dwarf_getsrclines(cu, &lines, &n) != 0)
            continue;
        const char *last = NULL, *comp_dir = comp_dir_of(cu);
        int last_match = 0, in_cu = 0;
        for (size_t i = 0; i < n; i++) {
            Dwarf_Line *l = dwarf_onesrcline(lines, i);
            const char *src = l ? dwarf_linesrc(l, NULL, NULL) : NULL;
            if (!src)
                continue;
            if (src != last) {
                last = src;
                last_match = file_matches(src, want, comp_dir, loose);
            }
            if (!last_match)
                continue;
            in_cu = f->any = 1;
            bool stmt = false, end = false;
            Dwarf_Addr a;
            int line;
            if (dwarf_linebeginstatement(l, &stmt) == 0 && stmt &&
                dwarf_lineendsequence(l, &end) == 0 && !end && dwarf_lineaddr(l, &a) == 0 &&
                dwarf_lineno(l, &line) == 0 && line > 0)
                add_row(f, a + bias, line, cu, bias);
        }
        if (in_cu)
            scan_funcs(f, cu, want, comp_dir, loose);
    }
}

/* The innermost scope (block, inlined copy, function) of an address: one
 * location per scope. */
static Dwarf_Off scope_of(const struct row *r)
{
    Dwarf_Die *scopes = NULL;
    int n = dwarf_getscopes(r->cu, r->addr - r->bias, &scopes);
    Dwarf_Off off = n > 0 ? dwarf_dieoffset(&scopes[0]) : 0;
    free(scopes);
    return off;
}

static int by_addr(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    return *x < *y ? -1 : *x > *y;
}

/* Line N in the rows of one module: 1 placed, -1 no code (message in e). */
static int place(const struct file_rows *f, const char *text, size_t len, int n,
                 struct sym_line_places *out, struct lerr *e)
{
    /* the function the line is in: the last one declared at or before it,
     * up to the next one's declaration */
    int start = 0, next = INT_MAX;
    for (size_t i = 0; i < f->nfuncs; i++) {
        if (f->funcs[i].line <= n && f->funcs[i].line >= start) {
            start = f->funcs[i].line;
            snprintf(out->func, sizeof out->func, "%s", f->funcs[i].name);
        }
        if (f->funcs[i].line > n && f->funcs[i].line < next)
            next = f->funcs[i].line;
    }
    int line = 0;
    for (size_t i = 0; i < f->n && !line; i++)
        if (f->rows[i].line == n)
            line = n;
    if (!line) { /* no code on it: the next line with code, in its function */
        line = INT_MAX;
        for (size_t i = 0; i < f->n; i++)
            if (f->rows[i].line > n && f->rows[i].line < next && f->rows[i].line < line)
                line = f->rows[i].line;
        if (line == INT_MAX || !start) {
            if (start)
                return lerr_set(e, "Line error at '`%.*s`': no code at line %d or after it in %s",
                                (int)len, text, n, out->func);
            return lerr_set(e, "Line error at '`%.*s`': no code at line %d, which is in no function",
                            (int)len, text, n);
        }
    }
    out->asked = n;
    out->line = line;
    out->n = 0;
    Dwarf_Off scopes[SYM_LINE_PLACES];
    for (size_t i = 0; i < f->n; i++) {
        if (f->rows[i].line != line)
            continue;
        Dwarf_Off s = scope_of(&f->rows[i]);
        size_t k = 0;
        while (k < out->n && scopes[k] != s)
            k++;
        if (k < out->n) {
            if (f->rows[i].addr < out->addr[k])
                out->addr[k] = f->rows[i].addr;
        } else if (out->n < SYM_LINE_PLACES) {
            scopes[out->n] = s;
            out->addr[out->n++] = f->rows[i].addr;
        }
    }
    qsort(out->addr, out->n, sizeof out->addr[0], by_addr);
    return 1;
}

static void free_rows(struct file_rows *f)
{
    free(f->rows);
    free(f->funcs);
    memset(f, 0, sizeof *f);
}

int sym_line_places(struct sym_space *sp, const char *text, size_t len,
                    struct sym_line_places *out, struct lerr *e)
{
    memset(out, 0, sizeof *out);
    char buf[1024];
    if (len >= sizeof buf)
        return lerr_set(e, "Syntax error: source line too long");
    memcpy(buf, text, len);
    buf[len] = '\0';
    char *colon = strrchr(buf, ':'), *end = NULL;
    long n = colon ? strtol(colon + 1, &end, 10) : 0;
    if (!colon || end == colon + 1 || *end || n <= 0 || n > INT_MAX)
        return lerr_set(e, "Syntax error in '`%s`': a source line is `file.c:42`", buf);
    *colon = '\0';
    const char *file = buf;
    struct sym_module *only = NULL;
    char *bang = strchr(buf, '!');
    if (bang) {
        *bang = '\0';
        if (!(only = sym_module_named(sp, buf, strlen(buf))))
            return lerr_set_code(e, LERR_NOT_FOUND, "Couldn't resolve error at '`%.*s`': no module '%s'", (int)len, text,
                            buf);
        file = bang + 1;
    }
    /* the first module that has the file (the program before libraries);
     * an absolute path no compilation directory makes is then looked for
     * by its end (sources moved since the build) */
    for (int loose = 0; loose <= (file[0] == '/'); loose++) {
        for (size_t i = 0; i < sp->n; i++) {
            if (only && sp->mods[i] != only)
                continue;
            struct file_rows f = {0};
            collect(sp->mods[i], file, loose, &f);
            int rc = f.any ? place(&f, text, len, (int)n, out, e) : 0;
            free_rows(&f);
            if (rc)
                return rc;
        }
    }
    return 0;
}
