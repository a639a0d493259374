#include "sym/lines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sym_line_at(struct sym_space *sp, uint64_t addr, struct sym_line *out)
{
    struct sym_module *m = sym_module_at(sp, addr);
    Dwarf_Addr bias;
    if (!m || !m->dw || !dwfl_module_getdwarf(m->dw, &bias))
        return -1;
    Dwfl_Line *l = dwfl_module_getsrc(m->dw, addr);
    if (!l)
        return -1;
    Dwarf_Addr a;
    int line = 0;
    const char *file = dwfl_lineinfo(l, &a, &line, NULL, NULL, NULL);
    if (!file || line <= 0)
        return -1;
    const char *dir = dwfl_line_comp_dir(l);
    if (file[0] != '/' && dir)
        snprintf(out->file, sizeof out->file, "%s/%s", dir, file);
    else
        snprintf(out->file, sizeof out->file, "%s", file);
    out->line = line;
    out->addr = a;
    return 0;
}

static int lookup_in(struct sym_module *m, const char *file, int line, uint64_t *best)
{
    Dwarf_Addr bias;
    if (!m->dw || !dwfl_module_getdwarf(m->dw, &bias))
        return 0;
    Dwfl_Line **found = NULL;
    size_t n = 0;
    if (dwfl_module_getsrc_file(m->dw, file, line, 0, &found, &n) != 0 || n == 0)
        return 0;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        Dwarf_Addr a;
        int ln;
        if (!dwfl_lineinfo(found[i], &a, &ln, NULL, NULL, NULL) || ln != line)
            continue;
        if (!any || a < *best)
            *best = a;
        any = 1;
    }
    free(found);
    return any;
}

int sym_line_lookup(struct sym_space *sp, const char *text, size_t len, uint64_t *addr,
                    struct lerr *e)
{
    char buf[1024];
    if (len >= sizeof buf)
        return lerr_set(e, "Syntax error: source line too long");
    memcpy(buf, text, len);
    buf[len] = '\0';
    char *colon = strrchr(buf, ':');
    char *end = NULL;
    long line = colon ? strtol(colon + 1, &end, 10) : 0;
    if (!colon || end == colon + 1 || *end || line <= 0)
        return lerr_set(e, "Syntax error in '`%s`': a source line is `file.c:42`", buf);
    *colon = '\0';
    char *file = buf;
    struct sym_module *only = NULL;
    char *bang = strchr(buf, '!');
    if (bang) {
        *bang = '\0';
        only = sym_module_named(sp, buf, strlen(buf));
        if (!only)
            return lerr_set(e, "Couldn't resolve error at '`%.*s`': no module '%s'", (int)len, text, buf);
        file = bang + 1;
    }
    if (only)
        return lookup_in(only, file, (int)line, addr) ? 1 : 0;
    /* the program first (it is where users mean, and the cheapest) */
    for (size_t i = 0; i < sp->n; i++)
        if (lookup_in(sp->mods[i], file, (int)line, addr))
            return 1;
    return 0;
}
