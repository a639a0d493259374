/* What the memory commands share: WinDbg's range syntax (memrange.c:
 * `addr L n`, `addr L?n`, `addr L-n`, `addr end`), a reader that marks the
 * bytes it could not read, quoted strings, and db/dd lines (cmd_memory.c).
 * The displays (cmd_memory.c, cmd_dumpsyms.c), s (cmd_search.c) and the
 * edits (cmd_memedit.c) are built on them. */
#ifndef LINDBG_CMD_MEMVIEW_H
#define LINDBG_CMD_MEMVIEW_H

#include <stdint.h>

#include "cmd/dbg.h"

struct dbg_range {
    uint64_t addr;
    uint64_t count; /* in units */
};

/* WinDbg refuses a range larger than this unless it is given with L?. */
#define DBG_RANGE_LIMIT (256u << 20)

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

/* A display's range (cmd_memory.c): dbg_parse_range over all of args, at
 * most 256 MiB even with L?. 0, or -1 with d->err set. */
int dbg_mem_range(struct dbg *d, const char *args, unsigned unit, uint64_t default_count,
                  struct dbg_range *r);
/* len bytes at addr through eng_read (breakpoint bytes hidden), unreadable
 * pages skipped, malloc'd; (*ok)[i] says whether byte i could be read
 * (malloc'd too). */
uint8_t *dbg_mem_read(struct dbg *d, uint64_t addr, size_t len, uint8_t **ok);
/* Whether any of len bytes could be read. */
int dbg_mem_any(const uint8_t *ok, size_t len);

/* Reads all of [addr, addr+len) or fails with "Memory access error at"
 * the first byte that could not be read. */
int dbg_read_all(struct dbg *d, uint64_t addr, void *buf, size_t len);

/* A double-quoted string at *pp with C escapes (\" \\ \n \t \r \0 \xNN),
 * the command's last argument (anything after it is a syntax error);
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

/* Shows count units of `unit` bytes read at addr (ok as dbg_mem_read's). */
typedef void (*dbg_dump_fn)(struct dbg *d, uint64_t addr, const uint8_t *b, const uint8_t *ok,
                            size_t count, unsigned unit);
/* A display command: its range (as dbg_mem_range) read and shown by dump;
 * `d` then goes on after it in the same format (name). */
int dbg_mem_display(struct dbg *d, const char *args, const char *name, unsigned unit,
                    uint64_t default_count, dbg_dump_fn dump);

enum dbg_string_end {
    DBG_STRING_NUL,        /* the string's NUL */
    DBG_STRING_LIMIT,      /* max characters read, no NUL among them */
    DBG_STRING_UNREADABLE, /* memory that cannot be read */
};
/* The string of `width`-byte characters (1: ASCII, 2: UTF-16) at addr, up
 * to its NUL or max characters, as da/du show it (a character outside
 * printable ASCII as '.'), malloc'd; NULL when its first character cannot
 * be read. *n: its length; *end: why it ended. */
char *dbg_mem_string(struct dbg *d, uint64_t addr, unsigned width, uint64_t max, uint64_t *n,
                     enum dbg_string_end *end);

/* cmd_dumpsyms.c: `d` after one of its displays (last: its name) runs it
 * again; returns 1 with *rc then, 0 when last is not one of them. */
int dbg_dumpsyms_again(struct dbg *d, const char *last, const char *args, int *rc);

#endif
