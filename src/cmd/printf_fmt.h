/* The format engine of .printf: WinDbg's printf with its conversions over
 * target values (`%p`, `%N`, `%y`, `%ma`, `%mu` beside C's d i u x X o c
 * s e f g), and the quoted format string with C escapes. Pure: target
 * memory and symbols come through callbacks, so unit tests drive it with
 * a fake memory. */
#ifndef LINDBG_CMD_PRINTF_FMT_H
#define LINDBG_CMD_PRINTF_FMT_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct pfmt_ops {
    void *ctx;
    /* Reads up to len bytes at addr into buf; 0 with *got set (possibly
     * short), or -1 when nothing is readable there. */
    int (*read)(void *ctx, uint64_t addr, void *buf, size_t len, size_t *got);
    /* Names addr ("mod!sym+0x10"); 0, or -1 when no symbol covers it. */
    int (*symbol)(void *ctx, uint64_t addr, char *buf, size_t size);
    /* The source line of addr, for %ly: 0 with the file name in buf, or
     * -1 when there is no line information (NULL: never any). */
    int (*line)(void *ctx, uint64_t addr, char *buf, size_t size, int *line);
};

/* The double-quoted string at *p with its escapes (\n \t \r \" \\ \a \0
 * and \xHH) decoded, malloc'd; *p is left after the closing quote.
 * NULL with a "Syntax error" in e. */
char *pfmt_unquote(const char **p, struct lerr *e);

/* The NUL-terminated string at addr (wide: UTF-16, given as UTF-8),
 * malloc'd, at most 16 kB; NULL with a "Memory access error" in e when
 * nothing at addr can be read. */
char *pfmt_read_string(const struct pfmt_ops *ops, uint64_t addr, int wide, struct lerr *e);

/* fmt with args formatted as WinDbg's .printf does (malloc'd), or NULL
 * with the error in e (too few arguments, an unknown conversion, memory
 * that cannot be read). Integer conversions take 32 bits of an argument,
 * as on Windows, unless `ll` or `I64` asks for 64 (`l` is 32 bits there);
 * floating ones read the argument's bits as a float unless `l` (double). */
char *pfmt_format(const char *fmt, const uint64_t *args, size_t nargs, const struct pfmt_ops *ops,
                  struct lerr *e);

#endif
