#include "sym/lines.h"
#include "sym/linebp.h"

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
    size_t dl = dir ? strlen(dir) : 0;
    out->rel = 0;
    if (file[0] != '/' && dir) {
        snprintf(out->file, sizeof out->file, "%s/%s", dir, file);
        out->rel = dl + 1;
    } else {
        snprintf(out->file, sizeof out->file, "%s", file);
        if (dl && strncmp(file, dir, dl) == 0 && file[dl] == '/')
            out->rel = dl + 1;
    }
    out->line = line;
    out->addr = a;
    return 0;
}

int sym_line_lookup(struct sym_space *sp, const char *text, size_t len, uint64_t *addr,
                    struct lerr *e)
{
    /* where a breakpoint on the line would go: its first statement start */
    struct sym_line_places pl;
    int r = sym_line_places(sp, text, len, &pl, e);
    if (r == 1)
        *addr = pl.addr[0];
    return r;
}
