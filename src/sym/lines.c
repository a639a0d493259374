#include "sym/lines.h"
#include "sym/linebp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Optimised code gives one address several rows (a statement of an
 * inlined call, then the caller's line, then a non-statement row). libdw
 * returns any one of them; GDB shows the last row at the address, or,
 * when that one is not a statement start, the last statement row before
 * it at the same address, and so does lindbg. Returns the row to use,
 * `found` when the CU's table cannot be read. */
static Dwarf_Line *row_as_gdb_shows(Dwarf_Die *cu, Dwarf_Line *found)
{
    Dwarf_Addr a;
    Dwarf_Lines *lines;
    size_t n;
    if (!cu || dwarf_lineaddr(found, &a) != 0 || dwarf_getsrclines(cu, &lines, &n) != 0 || n == 0)
        return found;
    /* rows are sorted by address: the first row at a, by binary search */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        Dwarf_Addr ma;
        dwarf_lineaddr(dwarf_onesrcline(lines, mid), &ma);
        if (ma < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    Dwarf_Line *last = NULL, *last_stmt = NULL;
    for (size_t i = lo; i < n; i++) {
        Dwarf_Line *row = dwarf_onesrcline(lines, i);
        Dwarf_Addr ra;
        bool end = false, stmt = false;
        if (dwarf_lineaddr(row, &ra) != 0 || ra != a)
            break;
        if (dwarf_lineendsequence(row, &end) == 0 && end)
            continue;
        last = row;
        if (dwarf_linebeginstatement(row, &stmt) == 0 && stmt)
            last_stmt = row;
    }
    if (last_stmt)
        return last_stmt;
    return last ? last : found;
}

int sym_line_at(struct sym_space *sp, uint64_t addr, struct sym_line *out)
{
    struct sym_module *m = sym_module_at(sp, addr);
    Dwarf_Addr bias;
    if (!m || !m->dw || !dwfl_module_getdwarf(m->dw, &bias))
        return -1;
    Dwfl_Line *l = dwfl_module_getsrc(m->dw, addr);
    Dwarf_Line *row = l ? dwfl_dwarf_line(l, &bias) : NULL;
    if (!row)
        return -1;
    row = row_as_gdb_shows(dwfl_module_addrdie(m->dw, addr, &bias), row);
    Dwarf_Addr a;
    int line = 0;
    const char *file = dwarf_linesrc(row, NULL, NULL);
    if (!file || dwarf_lineno(row, &line) != 0 || line <= 0 || dwarf_lineaddr(row, &a) != 0)
        return -1;
    a += bias;
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
