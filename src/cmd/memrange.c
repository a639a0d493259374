/* The range and string syntax of WinDbg's memory commands (memview.h). */
#include "cmd/memview.h"
#include "ui/format.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The length after `L`: `n`, `?n` (no size limit) or `-n` (ending at the
 * address). */
static int parse_length(struct dbg *d, const char **pp, uint64_t *count, int *big, int *neg)
{
    const char *p = *pp + 1;
    *big = *neg = 0;
    if (*p == '?') {
        *big = 1;
        p++;
    } else if (*p == '-') {
        *neg = 1;
        p++;
    }
    p = dbg_skip(p);
    if (!*p)
        return lerr_set(&d->err, "Syntax error: a length is needed after 'L'");
    if (dbg_eval(d, &p, count) < 0)
        return -1;
    if (*count == 0)
        return lerr_set(&d->err, "Range error: a count of 0");
    *pp = p;
    return 0;
}

int dbg_parse_range(struct dbg *d, const char **pp, unsigned unit, uint64_t default_count,
                    unsigned flags, struct dbg_range *r)
{
    const char *p = dbg_skip(*pp);
    int have_addr = 0, big = 0, neg = 0;
    r->addr = d->next_dump;
    r->count = default_count;
    if (*p && !dbg_is_length(d, p)) {
        if (dbg_eval(d, &p, &r->addr) < 0)
            return -1;
        have_addr = 1;
    }
    if (!have_addr && (flags & DBG_RANGE_NEED_ADDR))
        return lerr_set(&d->err, "Syntax error: a range (address L length, or start end) is needed");
    if (dbg_is_length(d, p)) {
        if (parse_length(d, &p, &r->count, &big, &neg) < 0)
            return -1;
    } else if (*p && (!(flags & DBG_RANGE_MORE) || have_addr)) {
        uint64_t end;
        if (dbg_eval(d, &p, &end) < 0)
            return -1;
        if (end < r->addr)
            return lerr_set(&d->err, "Range error: the end is below the start");
        r->count = (end - r->addr) / unit + 1;
    } else if (flags & DBG_RANGE_NEED_ADDR) {
        return lerr_set(&d->err, "Syntax error: a range (address L length, or start end) is needed");
    }
    if (*p && !(flags & DBG_RANGE_MORE))
        return lerr_set(&d->err, "Syntax error at '%s'", p);
    if (r->count > UINT64_MAX / unit)
        return lerr_set(&d->err, "Range error: the length is too large");
    uint64_t bytes = r->count * unit;
    if (neg) {
        if (bytes > r->addr)
            return lerr_set(&d->err, "Range error: the range starts below address 0");
        r->addr -= bytes;
    } else if (bytes - 1 > UINT64_MAX - r->addr) {
        return lerr_set(&d->err, "Range error: the range wraps around the address space");
    }
    if (bytes > DBG_RANGE_LIMIT && !big)
        return lerr_set(&d->err, "Range error: more than %u MiB; use L? for a larger range",
                        DBG_RANGE_LIMIT >> 20);
    *pp = dbg_skip(p);
    return 0;
}

uint8_t *dbg_mem_read(struct dbg *d, uint64_t addr, size_t len, uint8_t **okp)
{
    uint8_t *buf = xcalloc(len ? len : 1, 1), *ok = xcalloc(len ? len : 1, 1);
    size_t pos = 0;
    while (pos < len) {
        size_t got = 0;
        eng_read(d->s, addr + pos, buf + pos, len - pos, &got);
        memset(ok + pos, 1, got);
        pos += got;
        if (pos < len) {
            /* skip to the next page */
            uint64_t next = ((addr + pos) | 0xfff) + 1;
            pos = next - addr > len ? len : next - addr;
        }
    }
    *okp = ok;
    return buf;
}

int dbg_mem_any(const uint8_t *ok, size_t len)
{
    return len && memchr(ok, 1, len) != NULL;
}

int dbg_read_all(struct dbg *d, uint64_t addr, void *buf, size_t len)
{
    size_t got = 0;
    if (eng_read(d->s, addr, buf, len, &got) == 0 && got == len)
        return 0;
    char a[FMT_ADDR_LEN];
    /* got may be short of the first failing byte: find it */
    uint64_t bad = addr + got;
    uint8_t b;
    while (bad < addr + len && eng_read(d->s, bad, &b, 1, NULL) == 0)
        bad++;
    return lerr_set(&d->err, "Memory access error at %s", fmt_addr(a, bad));
}

static int hexval(int c)
{
    return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
}

int dbg_parse_quoted(struct dbg *d, const char **pp, char **out, size_t *len)
{
    const char *p = dbg_skip(*pp);
    if (*p != '"')
        return lerr_set(&d->err, "Syntax error: a string in double quotes is needed at '%s'", p);
    p++;
    char *s = xmalloc(strlen(p) + 1);
    size_t n = 0;
    while (*p && *p != '"') {
        char c = *p++;
        if (c == '\\' && *p) {
            c = *p++;
            switch (c) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case '0': c = '\0'; break;
            case 'x':
                if (isxdigit((unsigned char)p[0])) {
                    int v = hexval((unsigned char)*p++);
                    if (isxdigit((unsigned char)*p))
                        v = v * 16 + hexval((unsigned char)*p++);
                    c = (char)v;
                }
                break;
            default: break; /* \" \\ and the rest: the character itself */
            }
        }
        s[n++] = c;
    }
    if (*p != '"') {
        free(s);
        return lerr_set(&d->err, "Syntax error: the string has no closing quote");
    }
    p = dbg_skip(p + 1);
    if (*p) {
        free(s);
        return lerr_set(&d->err, "Syntax error at '%s'", p);
    }
    *out = s;
    *len = n;
    *pp = p;
    return 0;
}

size_t dbg_utf16(const char *s, size_t len, uint16_t **out)
{
    const unsigned char *u = (const unsigned char *)s;
    uint16_t *w = xmalloc((len * 2 + 1) * sizeof *w);
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = u[i];
        size_t extra = cp >= 0xf0 && cp < 0xf8 ? 3 : cp >= 0xe0 ? 2 : cp >= 0xc0 ? 1 : 0;
        if (cp >= 0xf8)
            extra = 0;
        int ok = extra && i + extra < len;
        for (size_t k = 1; ok && k <= extra; k++)
            ok = (u[i + k] & 0xc0) == 0x80;
        if (ok) {
            cp &= 0x3fu >> extra;
            for (size_t k = 1; k <= extra; k++)
                cp = cp << 6 | (u[i + k] & 0x3f);
            i += extra + 1;
        } else {
            i++;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            w[n++] = (uint16_t)(0xd800 | cp >> 10);
            w[n++] = (uint16_t)(0xdc00 | (cp & 0x3ff));
        } else {
            w[n++] = (uint16_t)cp;
        }
    }
    *out = w;
    return n;
}
