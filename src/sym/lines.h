/* Source lines from DWARF line tables (libdwfl): the line of an address,
 * and the address of `file.c:42` (WinDbg's `mod!file.c:42` syntax). A file
 * name matches the end of the full path recorded in DWARF. */
#ifndef LINDBG_SYM_LINES_H
#define LINDBG_SYM_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "sym/symbols.h"

struct sym_line {
    char file[4096]; /* full path: the recorded name joined to its compilation directory */
    size_t rel;       /* file + rel: the path relative to the compilation directory (0: not under it) */
    int line;
    uint64_t addr;    /* start of the line-table row */
};

/* The line that contains addr. Returns 0, or -1 when there is none. */
int sym_line_at(struct sym_space *sp, uint64_t addr, struct sym_line *out);

/* `file.c:42` or `mod!file.c:42` (len bytes, without backticks): the first
 * address a breakpoint on that line would take (sym/linebp.h: a statement
 * start; the next line with code for a line without). 1 found, 0 no such
 * file, -1 error in e. */
int sym_line_lookup(struct sym_space *sp, const char *text, size_t len, uint64_t *addr,
                    struct lerr *e);

#endif
