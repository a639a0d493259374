/* What the memory display commands share (cmd_memory.c): WinDbg's range
 * syntax and a reader that marks the bytes it could not read. The other
 * display families (cmd_dumpsyms.c) are built on them. */
#ifndef LINDBG_CMD_MEMVIEW_H
#define LINDBG_CMD_MEMVIEW_H

#include <stdint.h>

#include "cmd/dbg.h"

struct dbg_range {
    uint64_t addr;
    uint64_t count; /* in units */
};

/* `[addr] [L count | end]` in units of `unit` bytes; no address: where the
 * last display ended. 0, or -1 with d->err set. */
int dbg_mem_range(struct dbg *d, const char *args, unsigned unit, uint64_t default_count,
                  struct dbg_range *r);
/* len bytes at addr through eng_read (breakpoint bytes hidden), malloc'd;
 * (*ok)[i] says whether byte i could be read (malloc'd too). */
uint8_t *dbg_mem_read(struct dbg *d, uint64_t addr, size_t len, uint8_t **ok);
/* Whether any of len bytes could be read. */
int dbg_mem_any(const uint8_t *ok, size_t len);

/* cmd_dumpsyms.c: `d` after one of its displays (last: its name) runs it
 * again; returns 1 with *rc then, 0 when last is not one of them. */
int dbg_dumpsyms_again(struct dbg *d, const char *last, const char *args, int *rc);

#endif
