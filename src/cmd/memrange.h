/* Memory ranges and strings as WinDbg's memory commands take them, shared
 * by the display (cmd_memory.c), search (cmd_search.c) and edit
 * (cmd_memedit.c) commands so that every one reads `addr L n`, `addr L?n`,
 * `addr L-n` and `addr end` alike. */
#ifndef LINDBG_CMD_MEMRANGE_H
#define LINDBG_CMD_MEMRANGE_H

#include "cmd/dbg.h"

/* WinDbg refuses a range larger than this unless it is given with L?. */
#define DBG_RANGE_LIMIT (256u << 20)

struct dbg_range {
    uint64_t addr;
    uint64_t count; /* in units */
};

enum {
    DBG_RANGE_NEED_ADDR = 1u << 0, /* no default address (s, f, m, c) */
    DBG_RANGE_MORE = 1u << 1,      /* arguments follow: stop after the range */
};

/* Parses `[addr] [L n | L?n | L-n | end]` at *pp in units of `unit` bytes
 * and advances *pp past it. Without an address the range starts at
 * d->next_dump; without a length it has default_count units. `L-n` ends
 * the range at the address (the n units before it). A range over
 * DBG_RANGE_LIMIT bytes needs L?. 0, or -1 with d->err set. */
int dbg_parse_range(struct dbg *d, const char **pp, unsigned unit, uint64_t default_count,
                    unsigned flags, struct dbg_range *r);

/* Reads [addr, addr+len) through eng_read (breakpoint bytes hidden),
 * skipping unreadable pages; (*okp)[i] says whether byte i was read.
 * Both buffers are the caller's to free. */
uint8_t *dbg_read_range(struct dbg *d, uint64_t addr, size_t len, uint8_t **okp);

/* Reads all of [addr, addr+len) or fails with "Memory access error at"
 * the first byte that could not be read. */
int dbg_read_all(struct dbg *d, uint64_t addr, void *buf, size_t len);

/* A double-quoted string at *pp with C escapes (\" \\ \n \t \r \0 \xNN);
 * *out (malloc'd) gets its bytes, *len their number. 0, or -1. */
int dbg_parse_quoted(struct dbg *d, const char **pp, char **out, size_t *len);

/* UTF-8 text as UTF-16LE code units (what eu writes and s -u looks
 * for); a byte that is not UTF-8 stands for itself (Latin-1). Returns the
 * number of units; *out is malloc'd. */
size_t dbg_utf16(const char *s, size_t len, uint16_t **out);

/* Lines as db and dw/dd/dq print them (cmd_memory.c). */
void dbg_dump_bytes(struct dbg *d, uint64_t addr, const uint8_t *b, const uint8_t *ok,
                    size_t len);
void dbg_dump_units(struct dbg *d, uint64_t addr, const uint8_t *b, const uint8_t *ok,
                    size_t count, unsigned unit);

#endif
