/* s: WinDbg's memory search.
 *   s [-[Flags]Type] Range Pattern     Type b (default) w d q a u
 *   s -[Flags]sa Range                 any ASCII strings
 *   s -[Flags]su Range                 any UTF-16 strings
 * Flags (in brackets): 1 (addresses only), w (writable memory only),
 * l N (the shortest string -sa/-su report, 3 by default).
 * Memory is read through eng_read, so our breakpoints are invisible: the
 * program's own bytes are found under them and their 0xcc never is. Only
 * mapped memory is read (a range of terabytes costs what is mapped in it),
 * and pages that cannot be read are skipped. A w/d/q/u pattern matches at
 * addresses aligned to its unit, as WinDbg's search granularity does. */
#include "cmd/dbg.h"
#include "cmd/memview.h"
#include "ui/format.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CHUNK (1u << 20)

enum kind { K_BYTES, K_WORDS, K_DWORDS, K_QWORDS, K_ASCII, K_UNICODE, K_ANY_ASCII, K_ANY_UNICODE };

struct search {
    enum kind kind;
    unsigned unit;       /* granularity of a match */
    int addresses_only;  /* [1] */
    int writable_only;   /* [w] */
    uint64_t min_len;    /* [l N] */
    uint8_t *pat;
    size_t plen;
    /* -sa / -su: the string being collected */
    char *run;
    size_t run_len, run_cap;
    uint64_t run_start;
    uint64_t hits;
};

/* `-[flags]type`; *pp is past the '-'. */
static int parse_options(struct dbg *d, const char **pp, struct search *s)
{
    const char *p = *pp;
    if (*p == '[') {
        for (p++; *p && *p != ']';) {
            char f = *p++;
            if (f == '1') {
                s->addresses_only = 1;
            } else if (f == 'w') {
                s->writable_only = 1;
            } else if (f == 'l') {
                p = dbg_skip(p);
                char *end;
                s->min_len = strtoull(p, &end, d->radix);
                if (end == p || s->min_len == 0)
                    return lerr_set(&d->err, "Syntax error: [l N] needs a length above 0");
                p = end;
            } else if (f == 's' || f == 'r' || f == 'n') {
                return lerr_set(&d->err, "Syntax error: search flag '%c' (saved results) is not supported", f);
            } else {
                return lerr_set(&d->err, "Syntax error: unknown search flag '%c'", f);
            }
        }
        if (*p != ']')
            return lerr_set(&d->err, "Syntax error: search flags without a closing ']'");
        p++;
        if (*p == ' ' || *p == '\t' || !*p) { /* flags alone: bytes */
            *pp = dbg_skip(p);
            return 0;
        }
    }
    static const struct {
        const char *name;
        enum kind kind;
        unsigned unit;
    } types[] = {
        {"sa", K_ANY_ASCII, 1}, {"su", K_ANY_UNICODE, 2}, {"b", K_BYTES, 1}, {"w", K_WORDS, 2},
        {"d", K_DWORDS, 4},     {"q", K_QWORDS, 8},       {"a", K_ASCII, 1}, {"u", K_UNICODE, 2},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t n = strlen(types[i].name);
        if (!strncmp(p, types[i].name, n) && (p[n] == ' ' || p[n] == '\t' || !p[n])) {
            s->kind = types[i].kind;
            s->unit = types[i].unit;
            *pp = dbg_skip(p + n);
            return 0;
        }
    }
    return lerr_set(&d->err, "Syntax error: unknown search type '-%.*s' (b w d q a u sa su)",
                    (int)strcspn(*pp, " \t"), *pp);
}

/* A value fits `unit` bytes as an unsigned number or a negative one. */
static int fits(uint64_t v, unsigned unit)
{
    if (unit >= 8 || (v >> (unit * 8)) == 0)
        return 1;
    int64_t sv = (int64_t)v;
    return sv < 0 && sv >= -(1LL << (unit * 8 - 1));
}

static int parse_pattern(struct dbg *d, const char *p, struct search *s)
{
    if (s->kind == K_ANY_ASCII || s->kind == K_ANY_UNICODE) {
        if (*p)
            return lerr_set(&d->err, "Syntax error: -sa and -su take no pattern, at '%s'", p);
        return 0;
    }
    if (!*p)
        return lerr_set(&d->err, "Syntax error: a pattern to search for is needed");
    if (s->kind == K_ASCII || s->kind == K_UNICODE) {
        char *text;
        size_t n;
        if (dbg_parse_quoted(d, &p, &text, &n) < 0)
            return -1;
        if (n == 0) {
            free(text);
            return lerr_set(&d->err, "Syntax error: an empty string");
        }
        if (s->kind == K_ASCII) {
            s->pat = (uint8_t *)text;
            s->plen = n;
        } else {
            uint16_t *w;
            size_t units = dbg_utf16(text, n, &w);
            free(text);
            s->pat = (uint8_t *)w;
            s->plen = units * 2;
        }
        return 0;
    }
    size_t cap = 16;
    s->pat = xmalloc(cap * s->unit);
    while (*p) {
        uint64_t v;
        if (dbg_eval(d, &p, &v) < 0)
            return -1;
        if (!fits(v, s->unit))
            return lerr_set(&d->err, "Value too large for %u byte(s): %llx", s->unit,
                            (unsigned long long)v);
        if (s->plen / s->unit == cap)
            s->pat = xrealloc(s->pat, (cap *= 2) * s->unit);
        memcpy(s->pat + s->plen, &v, s->unit);
        s->plen += s->unit;
    }
    return 0;
}

static void report_hit(struct dbg *d, struct search *s, uint64_t addr)
{
    s->hits++;
    char a[FMT_ADDR_LEN];
    if (s->addresses_only) {
        fprintf(d->out, "%s\n", fmt_addr(a, addr));
        return;
    }
    /* the line the matching display command shows from there */
    uint8_t *ok, *b = dbg_mem_read(d, addr, 16, &ok);
    switch (s->kind) {
    case K_WORDS: dbg_dump_units(d, addr, b, ok, 8, 2); break;
    case K_DWORDS: dbg_dump_units(d, addr, b, ok, 4, 4); break;
    case K_QWORDS: dbg_dump_units(d, addr, b, ok, 2, 8); break;
    default: dbg_dump_bytes(d, addr, b, ok, 16); break;
    }
    free(b);
    free(ok);
}

/* -sa / -su: a string ends; print it if long enough. */
static void end_run(struct dbg *d, struct search *s)
{
    if (s->run_len >= s->min_len) {
        s->hits++;
        char a[FMT_ADDR_LEN];
        if (s->addresses_only)
            fprintf(d->out, "%s\n", fmt_addr(a, s->run_start));
        else
            fprintf(d->out, "%s  \"%.*s\"\n", fmt_addr(a, s->run_start), (int)s->run_len, s->run);
    }
    s->run_len = 0;
}

static void add_to_run(struct search *s, uint64_t at, char c)
{
    if (s->run_len == 0)
        s->run_start = at;
    if (s->run_len == s->run_cap)
        s->run = xrealloc(s->run, s->run_cap = s->run_cap ? s->run_cap * 2 : 256);
    s->run[s->run_len++] = c;
}

/* Strings in [base, base+len) that continue the run of the chunk before. */
static void scan_strings(struct dbg *d, struct search *s, uint64_t base, const uint8_t *b,
                         const uint8_t *ok, size_t len)
{
    unsigned u = s->unit;
    for (size_t i = (u - base % u) % u; i + u <= len; i += u) {
        int c = b[i];
        int good = ok[i] && (c == '\t' || (c >= 0x20 && c < 0x7f));
        if (u == 2)
            good = good && ok[i + 1] && b[i + 1] == 0;
        if (good)
            add_to_run(s, base + i, (char)c);
        else if (s->run_len)
            end_run(d, s);
    }
}

static void scan_pattern(struct dbg *d, struct search *s, uint64_t base, const uint8_t *b,
                         const uint8_t *ok, size_t len, size_t starts)
{
    for (size_t i = 0; i < starts && i + s->plen <= len; i++) {
        const uint8_t *hit = memchr(b + i, s->pat[0], starts - i);
        if (!hit)
            return;
        i = (size_t)(hit - b);
        if (i + s->plen > len)
            return;
        if ((base + i) % s->unit || memcmp(b + i, s->pat, s->plen))
            continue;
        if (memchr(ok + i, 0, s->plen))
            continue; /* partly unreadable: what the buffer holds is not memory */
        report_hit(d, s, base + i);
    }
}

static void search_span(struct dbg *d, struct search *s, uint64_t lo, uint64_t hi)
{
    int strings = s->kind == K_ANY_ASCII || s->kind == K_ANY_UNICODE;
    size_t over = strings ? 0 : s->plen - 1; /* a match may straddle chunks */
    for (uint64_t pos = lo; pos < hi;) {
        uint64_t left = hi - pos;
        size_t starts = left < CHUNK ? (size_t)left : CHUNK;
        size_t len = starts + (left - starts < over ? (size_t)(left - starts) : over);
        uint8_t *ok, *b = dbg_mem_read(d, pos, len, &ok);
        if (strings)
            scan_strings(d, s, pos, b, ok, len);
        else
            scan_pattern(d, s, pos, b, ok, len, starts);
        free(b);
        free(ok);
        pos += starts;
    }
    if (strings && s->run_len)
        end_run(d, s);
}

struct span {
    uint64_t start, end;
    int writable;
};

/* The mapped stretches within [lo, hi), neighbours joined so that a match
 * across two mappings is found. Without a map (it could not be read) the
 * whole range, read page by page. */
static size_t mapped_spans(struct dbg *d, uint64_t lo, uint64_t hi, struct span **out)
{
    struct tgt_map map;
    struct lerr e = {0};
    if (eng_memory_map(d->s, &map, &e) < 0) {
        tgt_map_free(&map);
        *out = xmalloc(sizeof **out);
        (*out)[0] = (struct span){lo, hi, 1};
        return 1;
    }
    struct span *v = xcalloc(map.n ? map.n : 1, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < map.n; i++) {
        const struct tgt_region *r = &map.r[i];
        uint64_t a = r->start > lo ? r->start : lo, b = r->end < hi ? r->end : hi;
        if (a >= b)
            continue;
        int writable = (r->prot & PROT_WRITE) != 0;
        if (k && v[k - 1].end == a && v[k - 1].writable == writable)
            v[k - 1].end = b;
        else
            v[k++] = (struct span){a, b, writable};
    }
    tgt_map_free(&map);
    *out = v;
    return k;
}

static int cmd_s(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct search s = {.kind = K_BYTES, .unit = 1, .min_len = 3};
    const char *p = args;
    int rc = -1;
    if (*p == '-') {
        p++;
        if (parse_options(d, &p, &s) < 0)
            return -1;
    }
    struct dbg_range r;
    if (dbg_parse_range(d, &p, 1, 0, DBG_RANGE_NEED_ADDR | DBG_RANGE_MORE, &r) < 0)
        goto out;
    if (parse_pattern(d, p, &s) < 0)
        goto out;
    uint64_t lo = r.addr, hi = r.addr + r.count;
    if (hi < lo || hi == 0)
        hi = UINT64_MAX; /* the range reaches the top of the address space */
    struct span *spans;
    size_t n = mapped_spans(d, lo, hi, &spans);
    for (size_t i = 0; i < n; i++)
        if (!s.writable_only || spans[i].writable)
            search_span(d, &s, spans[i].start, spans[i].end);
    free(spans);
    rc = 0;
out:
    free(s.pat);
    free(s.run);
    return rc;
}

const struct cmd_def cmd_search_table[] = {
    {"s", cmd_s, "search memory: s [-[1wl N]b|w|d|q|a|u|sa|su] addr L len|addr end pattern"},
    {NULL, NULL, NULL},
};
