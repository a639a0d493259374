/* Memory commands: db dw dd dq dp da du (display) and eb ew ed eq (enter).
 * Ranges are WinDbg's (memview.h): `addr`, `addr L count`, `addr L-count`,
 * `addr end` (end included);
 * a display without an address continues where the last one ended. */
#include "cmd/dbg.h"
#include "cmd/memview.h"
#include "ui/format.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DISPLAY (256u << 20)

/* Display ranges: the shared syntax (memrange.c), at most MAX_DISPLAY
 * bytes even with L?. */
int dbg_mem_range(struct dbg *d, const char *args, unsigned unit, uint64_t default_count,
                  struct dbg_range *r)
{
    if (dbg_parse_range(d, &args, unit, default_count, 0, r) < 0)
        return -1;
    if (r->count > MAX_DISPLAY / unit)
        return lerr_set(&d->err, "Range error: more than %u MiB asked for", MAX_DISPLAY >> 20);
    return 0;
}

void dbg_dump_bytes(struct dbg *d, uint64_t addr, const uint8_t *b, const uint8_t *ok, size_t len)
{
    char a[FMT_ADDR_LEN];
    for (size_t line = 0; line < len; line += 16) {
        fprintf(d->out, "%s  ", fmt_addr(a, addr + line));
        char ascii[17] = {0};
        for (size_t i = 0; i < 16; i++) {
            size_t k = line + i;
            char sep = i == 7 && k + 1 < len ? '-' : ' ';
            if (k >= len) {
                fputs("   ", d->out);
                continue;
            }
            if (ok[k]) {
                fprintf(d->out, "%02x%c", b[k], sep);
                ascii[i] = isprint(b[k]) ? (char)b[k] : '.';
            } else {
                fprintf(d->out, "??%c", sep);
                ascii[i] = '?';
            }
        }
        fprintf(d->out, " %s\n", ascii);
    }
}

void dbg_dump_units(struct dbg *d, uint64_t addr, const uint8_t *b, const uint8_t *ok,
                       size_t count, unsigned unit)
{
    char a[FMT_ADDR_LEN];
    size_t per_line = 16 / unit;
    for (size_t i = 0; i < count; i++) {
        if (i % per_line == 0)
            fprintf(d->out, "%s ", fmt_addr(a, addr + i * unit));
        const uint8_t *u = b + i * unit;
        int readable = 1;
        for (unsigned k = 0; k < unit; k++)
            readable &= ok[i * unit + k];
        uint64_t v = 0;
        memcpy(&v, u, unit);
        if (!readable)
            fprintf(d->out, " %.*s", unit == 8 ? 17 : (int)unit * 2, "????????`????????");
        else if (unit == 8)
            fprintf(d->out, " %s", fmt_addr(a, v));
        else
            fprintf(d->out, " %0*llx", (int)unit * 2, (unsigned long long)v);
        if (i % per_line == per_line - 1 || i + 1 == count)
            fputc('\n', d->out);
    }
}

/* db's lines in dbg_dump_fn's shape (unit 1: the count is the length). */
static void dump_bytes(struct dbg *d, uint64_t addr, const uint8_t *b, const uint8_t *ok,
                       size_t count, unsigned unit)
{
    (void)unit;
    dbg_dump_bytes(d, addr, b, ok, count);
}

int dbg_mem_display(struct dbg *d, const char *args, const char *name, unsigned unit,
                    uint64_t default_count, dbg_dump_fn dump)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct dbg_range r;
    if (dbg_mem_range(d, args, unit, default_count, &r) < 0)
        return -1;
    size_t len = (size_t)(r.count * unit);
    uint8_t *ok, *b = dbg_mem_read(d, r.addr, len, &ok);
    int rc = 0;
    if (!dbg_mem_any(ok, len)) {
        char a[FMT_ADDR_LEN];
        rc = lerr_set(&d->err, "Memory access error at %s", fmt_addr(a, r.addr));
    } else {
        dump(d, r.addr, b, ok, (size_t)r.count, unit);
    }
    free(b);
    free(ok);
    d->next_dump = r.addr + len;
    snprintf(d->last_dump, sizeof d->last_dump, "%s", name);
    return rc;
}

/* How much of a string one read asks for: a few reads cover most strings,
 * and one that ends early on a page nobody maps costs nothing more. */
#define STRING_CHUNK 256

char *dbg_mem_string(struct dbg *d, uint64_t addr, unsigned width, uint64_t max, uint64_t *n,
                     enum dbg_string_end *end)
{
    uint8_t chunk[STRING_CHUNK];
    size_t cap = 64, len = 0;
    char *out = NULL;
    *n = 0;
    *end = DBG_STRING_LIMIT;
    for (uint64_t i = 0; i < max;) {
        uint64_t want = (max - i) * width;
        size_t ask = want < sizeof chunk ? (size_t)want : sizeof chunk, got = 0;
        eng_read(d->s, addr + i * width, chunk, ask, &got);
        size_t chars = got / width;
        if (chars == 0) {
            *end = DBG_STRING_UNREADABLE;
            break;
        }
        if (!out)
            out = xmalloc(cap);
        size_t k = 0;
        for (; k < chars; k++) {
            uint16_t c = 0;
            memcpy(&c, chunk + k * width, width);
            if (c == 0) {
                *end = DBG_STRING_NUL;
                break;
            }
            if (len + 1 >= cap)
                out = xrealloc(out, cap *= 2);
            out[len++] = c < 0x80 && isprint(c) ? (char)c : '.';
        }
        i += k;
        if (*end == DBG_STRING_NUL)
            break;
    }
    if (out)
        out[len] = '\0';
    *n = len;
    return out;
}

/* da / du: a string up to its NUL (or L count characters). */
static int display_string(struct dbg *d, const char *args, unsigned width)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct dbg_range r;
    if (dbg_mem_range(d, args, width, 0x100, &r) < 0)
        return -1;
    char a[FMT_ADDR_LEN];
    uint64_t addr = r.addr, n;
    enum dbg_string_end end;
    char *str = dbg_mem_string(d, addr, width, r.count, &n, &end);
    if (!str)
        return lerr_set(&d->err, "Memory access error at %s", fmt_addr(a, addr));
    /* 48 characters a line, each line with its address */
    for (uint64_t i = 0; i < n || i == 0; i += 48) {
        uint64_t k = n - i < 48 ? n - i : 48;
        fprintf(d->out, "%s  \"%.*s\"\n", fmt_addr(a, addr + i * width), (int)k, str + i);
    }
    free(str);
    d->next_dump = addr + (n + 1) * width;
    return 0;
}

static int cmd_db(struct dbg *d, const char *a) { return dbg_mem_display(d, a, "db", 1, 0x80, dump_bytes); }
static int cmd_dw(struct dbg *d, const char *a) { return dbg_mem_display(d, a, "dw", 2, 0x40, dbg_dump_units); }
static int cmd_dd(struct dbg *d, const char *a) { return dbg_mem_display(d, a, "dd", 4, 0x20, dbg_dump_units); }
static int cmd_dq(struct dbg *d, const char *a) { return dbg_mem_display(d, a, "dq", 8, 0x10, dbg_dump_units); }
static int cmd_dp(struct dbg *d, const char *a) { return dbg_mem_display(d, a, "dp", 8, 0x10, dbg_dump_units); }
static int cmd_da(struct dbg *d, const char *a) { return display_string(d, a, 1); }
static int cmd_du(struct dbg *d, const char *a) { return display_string(d, a, 2); }

static int cmd_d(struct dbg *d, const char *a)
{
    const char *last = d->last_dump[0] ? d->last_dump : "db";
    int rc;
    if (dbg_dumpsyms_again(d, last, a, &rc))
        return rc;
    if (!strcmp(last, "dw")) return cmd_dw(d, a);
    if (!strcmp(last, "dd")) return cmd_dd(d, a);
    if (!strcmp(last, "dq")) return cmd_dq(d, a);
    if (!strcmp(last, "dp")) return cmd_dp(d, a);
    return cmd_db(d, a);
}

/* A value fits `unit` bytes as an unsigned number or as a negative one
 * (`eb addr -1` is ff). */
static int fits(uint64_t v, unsigned unit)
{
    if (unit >= 8)
        return 1;
    unsigned bits = unit * 8;
    if ((v >> bits) == 0)
        return 1;
    int64_t sv = (int64_t)v;
    return sv < 0 && sv >= -(1LL << (bits - 1));
}

/* e*: every value is parsed before anything is written. */
static int enter(struct dbg *d, const char *args, unsigned unit)
{
    if (dbg_need_process(d) < 0)
        return -1;
    const char *p = args;
    uint64_t addr;
    if (!*p)
        return lerr_set(&d->err, "Syntax error: an address and values are needed");
    if (dbg_eval(d, &p, &addr) < 0)
        return -1;
    if (!*p)
        return lerr_set(&d->err, "Syntax error: no values to enter at '%s'", args);
    size_t n = 0, cap = 16;
    uint8_t *buf = xmalloc(cap * unit);
    while (*p) {
        uint64_t v;
        if (dbg_eval(d, &p, &v) < 0) {
            free(buf);
            return -1;
        }
        if (!fits(v, unit)) {
            free(buf);
            return lerr_set(&d->err, "Value too large for %u byte(s): %llx", unit,
                            (unsigned long long)v);
        }
        if (n == cap)
            buf = xrealloc(buf, (cap *= 2) * unit);
        memcpy(buf + n * unit, &v, unit);
        n++;
    }
    int rc = eng_write(d->s, addr, buf, n * unit, &d->err);
    free(buf);
    return rc;
}

static int cmd_eb(struct dbg *d, const char *a) { return enter(d, a, 1); }
static int cmd_ew(struct dbg *d, const char *a) { return enter(d, a, 2); }
static int cmd_ed(struct dbg *d, const char *a) { return enter(d, a, 4); }
static int cmd_eq(struct dbg *d, const char *a) { return enter(d, a, 8); }


const struct cmd_def cmd_memory_table[] = {
    {"db", cmd_db, "display bytes and ASCII: db [addr] [L count | end]"},
    {"dw", cmd_dw, "display words"},
    {"dd", cmd_dd, "display double words"},
    {"dq", cmd_dq, "display quad words"},
    {"dp", cmd_dp, "display pointers"},
    {"da", cmd_da, "display an ASCII string"},
    {"du", cmd_du, "display a UTF-16 string"},
    {"d", cmd_d, "display again in the last format"},
    {"eb", cmd_eb, "enter bytes: eb addr value [value...]"},
    {"ew", cmd_ew, "enter words"},
    {"ed", cmd_ed, "enter double words"},
    {"eq", cmd_eq, "enter quad words"},
    {NULL, NULL, NULL},
};
