/* Where a source line (`file.c:N`, `mod!file.c:N`) is for a breakpoint, as
 * GDB places it: on the statement starts of the line (is_stmt rows: in -O2
 * code the lowest address of a line is often not one), once in each
 * function or inlined copy that has the line; a line without code (blank,
 * comment, declaration) moves to the next line that has code in the same
 * function, and saying so is the caller's (seed 002: "the next allowed
 * position"). */
#ifndef LINDBG_SYM_LINEBP_H
#define LINDBG_SYM_LINEBP_H

#include <stddef.h>
#include <stdint.h>

#include "sym/symbols.h"
#include "util/err.h"

#define SYM_LINE_PLACES 512 /* sqlite3Get4byte is inlined 97 times in SQLite */

struct sym_line_places {
    uint64_t addr[SYM_LINE_PLACES]; /* ascending */
    size_t n;
    int asked, line;                /* the line asked for, the line used */
    char func[256];                 /* the function the line asked for is in */
};

/* text (len bytes, without backticks). Returns 1 with out filled; 0 when
 * no loaded module has the file (a deferred breakpoint waits for it); -1
 * with a "Line error" in e when the file is there but the line has no code
 * and no later line of its function has. */
int sym_line_places(struct sym_space *sp, const char *text, size_t len,
                    struct sym_line_places *out, struct lerr *e);

#endif
