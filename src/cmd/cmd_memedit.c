/* Memory edits over ranges and strings: f (fill), m (move), c (compare),
 * ea / eza (ASCII, eza with its NUL), eu / ezu (UTF-16, ezu with its NUL).
 * Every write goes through eng_write, so a breakpoint's site keeps its
 * trap and the new byte becomes the one the trap hides. Nothing is
 * written unless all of the destination can be read first: a command
 * that fails changes nothing. At most DBG_RANGE_LIMIT bytes, even with L?. */
#include "cmd/dbg.h"
#include "cmd/memview.h"
#include "ui/format.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int parse_edit_range(struct dbg *d, const char **pp, struct dbg_range *r)
{
    if (dbg_parse_range(d, pp, 1, 0, DBG_RANGE_NEED_ADDR | DBG_RANGE_MORE, r) < 0)
        return -1;
    if (r->count > DBG_RANGE_LIMIT)
        return lerr_set(&d->err, "Range error: more than %u MiB", DBG_RANGE_LIMIT >> 20);
    return 0;
}

/* Writes len bytes at addr once all of them read back: an unmapped byte
 * anywhere means nothing is written. */
static int checked_write(struct dbg *d, uint64_t addr, const void *buf, size_t len)
{
    uint8_t *probe = xmalloc(len ? len : 1);
    int rc = dbg_read_all(d, addr, probe, len);
    free(probe);
    if (rc < 0)
        return -1;
    return eng_write(d->s, addr, buf, len, &d->err);
}

/* m and c: a range, then the address of the second range (alone on the
 * rest of the line), which must not wrap around the address space ("the
 * destination", "the second range" say which in the error). */
static int parse_range_and_address(struct dbg *d, const char *p, struct dbg_range *r,
                                   uint64_t *addr, const char *second)
{
    if (parse_edit_range(d, &p, r) < 0)
        return -1;
    if (!*p)
        return lerr_set(&d->err, "Syntax error: a second address is needed after the range");
    if (dbg_eval(d, &p, addr) < 0)
        return -1;
    if (*p)
        return lerr_set(&d->err, "Syntax error at '%s'", p);
    if ((size_t)r->count - 1 > UINT64_MAX - *addr)
        return lerr_set(&d->err, "Range error: %s wraps around the address space", second);
    return 0;
}

/* f Range Pattern: the pattern's bytes, repeated over the range. */
static int cmd_f(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    const char *p = args;
    struct dbg_range r;
    if (parse_edit_range(d, &p, &r) < 0)
        return -1;
    if (!*p)
        return lerr_set(&d->err, "Syntax error: a pattern of bytes is needed after the range");
    uint8_t pat[256];
    size_t n = 0;
    while (*p) {
        uint64_t v;
        if (dbg_eval(d, &p, &v) < 0)
            return -1;
        if ((v >> 8) != 0 && !((int64_t)v < 0 && (int64_t)v >= -128))
            return lerr_set(&d->err, "Value too large for 1 byte(s): %llx", (unsigned long long)v);
        if (n == sizeof pat)
            return lerr_set(&d->err, "Syntax error: more than %zu bytes of pattern", sizeof pat);
        pat[n++] = (uint8_t)v;
    }
    size_t len = (size_t)r.count;
    uint8_t *buf = xmalloc(len);
    for (size_t i = 0; i < len; i++)
        buf[i] = pat[i % n];
    int rc = checked_write(d, r.addr, buf, len);
    free(buf);
    return rc;
}

/* m Range Address: the range's bytes copied to Address; read whole before
 * anything is written, so overlapping ranges move correctly. */
static int cmd_m(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct dbg_range r;
    uint64_t to;
    if (parse_range_and_address(d, args, &r, &to, "the destination") < 0)
        return -1;
    size_t len = (size_t)r.count;
    uint8_t *buf = xmalloc(len);
    int rc = dbg_read_all(d, r.addr, buf, len);
    if (rc == 0)
        rc = checked_write(d, to, buf, len);
    free(buf);
    return rc;
}

/* c Range Address: each byte that differs, as
 * "addr1 b1 - addr2 b2". */
static int cmd_c(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct dbg_range r;
    uint64_t other;
    if (parse_range_and_address(d, args, &r, &other, "the second range") < 0)
        return -1;
    size_t len = (size_t)r.count;
    uint8_t *a = xmalloc(len), *b = xmalloc(len);
    int rc = dbg_read_all(d, r.addr, a, len);
    if (rc == 0)
        rc = dbg_read_all(d, other, b, len);
    char x[FMT_ADDR_LEN], y[FMT_ADDR_LEN];
    for (size_t i = 0; rc == 0 && i < len; i++)
        if (a[i] != b[i])
            fprintf(d->out, "%s %02x - %s %02x\n", fmt_addr(x, r.addr + i), a[i],
                    fmt_addr(y, other + i), b[i]);
    free(a);
    free(b);
    return rc;
}

/* ea/eza/eu/ezu Address "String" */
static int enter_string(struct dbg *d, const char *args, int wide, int nul)
{
    if (dbg_need_process(d) < 0)
        return -1;
    const char *p = args;
    uint64_t addr;
    if (!*p)
        return lerr_set(&d->err, "Syntax error: an address and a \"string\" are needed");
    if (dbg_eval(d, &p, &addr) < 0)
        return -1;
    char *text;
    size_t n;
    if (dbg_parse_quoted(d, &p, &text, &n) < 0)
        return -1;
    if (n == 0 && !nul) {
        free(text);
        return lerr_set(&d->err, "Syntax error: an empty string (eza/ezu write only the NUL)");
    }
    uint8_t *bytes;
    size_t len;
    if (wide) {
        uint16_t *w;
        size_t units = dbg_utf16(text, n, &w);
        free(text);
        w[units] = 0; /* dbg_utf16 leaves room for it */
        bytes = (uint8_t *)w;
        len = (units + (nul ? 1 : 0)) * 2;
    } else {
        bytes = (uint8_t *)xrealloc(text, n + 1);
        bytes[n] = 0;
        len = n + (nul ? 1 : 0);
    }
    int rc = checked_write(d, addr, bytes, len);
    free(bytes);
    return rc;
}

static int cmd_ea(struct dbg *d, const char *a) { return enter_string(d, a, 0, 0); }
static int cmd_eza(struct dbg *d, const char *a) { return enter_string(d, a, 0, 1); }
static int cmd_eu(struct dbg *d, const char *a) { return enter_string(d, a, 1, 0); }
static int cmd_ezu(struct dbg *d, const char *a) { return enter_string(d, a, 1, 1); }

const struct cmd_def cmd_memedit_table[] = {
    {"f", cmd_f, "fill memory with a byte pattern: f range byte [byte...]"},
    {"m", cmd_m, "move memory (overlap safe): m range address"},
    {"c", cmd_c, "compare memory: c range address (prints the bytes that differ)"},
    {"ea", cmd_ea, "enter an ASCII string: ea addr \"text\""},
    {"eza", cmd_eza, "enter an ASCII string and its NUL"},
    {"eu", cmd_eu, "enter a UTF-16 string: eu addr \"text\""},
    {"ezu", cmd_ezu, "enter a UTF-16 string and its NUL"},
    {NULL, NULL, NULL},
};
