/* .printf's format engine (cmd/printf_fmt.h). */
#include "cmd/printf_fmt.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/format.h"
#include "util/xalloc.h"

/* The longest string %ma, %mu and %s show: WinDbg also stops somewhere,
 * and a pointer into a huge buffer without a NUL must not hang us. */
#define PFMT_MAX_STRING 16384

char *pfmt_unquote(const char **p, struct lerr *e)
{
    const char *s = *p;
    if (*s != '"') {
        lerr_set(e, "Syntax error: a quoted format string is needed at '%.30s'", s);
        return NULL;
    }
    s++;
    size_t cap = strlen(s) + 1, n = 0;
    char *out = xmalloc(cap);
    int ended = 0; /* after \0: the C string ends there */
    for (; *s && *s != '"'; s++) {
        char c = *s;
        if (c == '\\' && s[1]) {
            s++;
            switch (*s) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'a': c = '\a'; break;
            case '0': c = '\0'; break;
            case 'x': {
                unsigned v = 0;
                int k = 0;
                while (k < 2 && isxdigit((unsigned char)s[1])) {
                    s++;
                    v = v * 16 + (unsigned)(isdigit((unsigned char)*s) ? *s - '0'
                                                                        : (tolower(*s) - 'a' + 10));
                    k++;
                }
                if (k == 0) { /* not NUL: that would end the string silently */
                    free(out);
                    lerr_set(e, "Syntax error: \\x needs hex digits in the format string");
                    return NULL;
                }
                c = (char)v;
                break;
            }
            default: c = *s; break; /* \" \\ and anything else: itself */
            }
            if (c == '\0')
                ended = 1;
        }
        if (!ended)
            out[n++] = c;
    }
    if (*s != '"') {
        free(out);
        lerr_set(e, "Syntax error: unterminated format string");
        return NULL;
    }
    out[n] = '\0';
    *p = s + 1;
    return out;
}

/* Appends one UTF-8 encoded code point. */
static void put_utf8(FILE *f, unsigned cp)
{
    if (cp < 0x80) {
        fputc((int)cp, f);
    } else if (cp < 0x800) {
        fputc((int)(0xc0 | (cp >> 6)), f);
        fputc((int)(0x80 | (cp & 0x3f)), f);
    } else if (cp < 0x10000) {
        fputc((int)(0xe0 | (cp >> 12)), f);
        fputc((int)(0x80 | ((cp >> 6) & 0x3f)), f);
        fputc((int)(0x80 | (cp & 0x3f)), f);
    } else {
        fputc((int)(0xf0 | (cp >> 18)), f);
        fputc((int)(0x80 | ((cp >> 12) & 0x3f)), f);
        fputc((int)(0x80 | ((cp >> 6) & 0x3f)), f);
        fputc((int)(0x80 | (cp & 0x3f)), f);
    }
}

/* The NUL-terminated string at addr (wide: UTF-16, shown as UTF-8),
 * malloc'd; NULL with a "Memory access error" when its first character
 * cannot be read. A string that runs into unreadable memory ends there. */
char *pfmt_read_string(const struct pfmt_ops *ops, uint64_t addr, int wide, struct lerr *e)
{
    char *res = NULL;
    size_t rsize = 0;
    FILE *f = open_memstream(&res, &rsize);
    if (!f)
        abort();
    size_t unit = wide ? 2 : 1, total = 0;
    unsigned pending_hi = 0; /* a high surrogate waiting for its pair */
    int done = 0;
    while (!done && total < PFMT_MAX_STRING) {
        uint8_t chunk[256];
        size_t got = 0;
        if (!ops->read || ops->read(ops->ctx, addr + total, chunk, sizeof chunk, &got) < 0)
            got = 0;
        got -= got % unit;
        if (got == 0) {
            if (total == 0) {
                fclose(f);
                free(res);
                lerr_set_code(e, LERR_MEMORY, "Memory access error at 0x%llx",
                              (unsigned long long)addr);
                return NULL;
            }
            break;
        }
        for (size_t i = 0; i < got; i += unit) {
            if (!wide) {
                if (!chunk[i]) {
                    done = 1;
                    break;
                }
                fputc(chunk[i], f);
                continue;
            }
            unsigned u = chunk[i] | (unsigned)chunk[i + 1] << 8;
            if (!u) {
                done = 1;
                break;
            }
            if (u >= 0xd800 && u < 0xdc00) {
                pending_hi = u;
                continue;
            }
            if (u >= 0xdc00 && u < 0xe000 && pending_hi) {
                put_utf8(f, 0x10000 + ((pending_hi - 0xd800) << 10) + (u - 0xdc00));
                pending_hi = 0;
                continue;
            }
            pending_hi = 0;
            put_utf8(f, u);
        }
        total += got;
        if (got < sizeof chunk)
            break;
    }
    fclose(f);
    return res;
}

struct spec {
    char flags[8];
    int width, prec; /* -1: none */
    int bits;        /* 8, 16, 32 or 64 */
    int longf;       /* l: a double for the floating conversions */
};

/* The C conversion spec of s for the conversion c ("%-08.3llx"). */
static void c_spec(const struct spec *s, const char *len, char c, char *out, size_t size)
{
    int n = snprintf(out, size, "%%%s", s->flags);
    if (s->width >= 0)
        n += snprintf(out + n, size - (size_t)n, "%d", s->width);
    if (s->prec >= 0)
        n += snprintf(out + n, size - (size_t)n, ".%d", s->prec);
    snprintf(out + n, size - (size_t)n, "%s%c", len, c);
}

/* Widths and precisions beyond this are refused: %.2147483647d would
 * write 2 GB (and a larger one wrap the int). */
#define PFMT_MAX_WIDTH 4096

/* The width or precision at *p (no digits: 0); -1 with a Syntax error
 * when it is above PFMT_MAX_WIDTH. */
static int number(const char **p, struct lerr *e)
{
    const char *s = *p;
    int v = 0;
    for (; isdigit((unsigned char)*s); s++) {
        v = v * 10 + (*s - '0');
        if (v > PFMT_MAX_WIDTH) {
            lerr_set(e, "Syntax error: width or precision above %d in the format",
                     PFMT_MAX_WIDTH);
            return -1;
        }
    }
    *p = s;
    return v;
}

/* Reads the flags, width, precision and length of a conversion at p (after
 * the '%'); returns where its conversion letter is, or NULL. */
static const char *parse_spec(const char *p, struct spec *s, struct lerr *e)
{
    memset(s, 0, sizeof *s);
    s->width = s->prec = -1;
    s->bits = 32;
    size_t nf = 0;
    while (strchr("-+ #0", *p) && *p && nf < sizeof s->flags - 1)
        s->flags[nf++] = *p++;
    if (*p == '*') {
        lerr_set(e, "Syntax error: '*' widths are not supported by .printf");
        return NULL;
    }
    if (isdigit((unsigned char)*p) && (s->width = number(&p, e)) < 0)
        return NULL;
    if (*p == '.') {
        p++;
        if ((s->prec = number(&p, e)) < 0)
            return NULL;
    }
    if (!strncmp(p, "I64", 3)) {
        s->bits = 64;
        p += 3;
    } else if (!strncmp(p, "I32", 3)) {
        p += 3;
    } else if (!strncmp(p, "ll", 2)) {
        s->bits = 64;
        s->longf = 1;
        p += 2;
    } else if (*p == 'l') {
        s->longf = 1; /* a Windows long: 32 bits */
        p++;
    } else if (!strncmp(p, "hh", 2)) {
        s->bits = 8;
        p += 2;
    } else if (*p == 'h') {
        s->bits = 16;
        p++;
    }
    return p;
}

static void put_int(FILE *f, const struct spec *s, char c, uint64_t v)
{
    char cs[48];
    c_spec(s, "ll", c, cs, sizeof cs);
    int is_signed = c == 'd' || c == 'i';
    long long sv;
    unsigned long long uv;
    switch (s->bits) {
    case 8: sv = (int8_t)v; uv = (uint8_t)v; break;
    case 16: sv = (int16_t)v; uv = (uint16_t)v; break;
    case 32: sv = (int32_t)v; uv = (uint32_t)v; break;
    default: sv = (int64_t)v; uv = v; break;
    }
    if (is_signed)
        fprintf(f, cs, sv);
    else
        fprintf(f, cs, uv);
}

static void put_float(FILE *f, const struct spec *s, char c, uint64_t v)
{
    char cs[48];
    c_spec(s, "", c, cs, sizeof cs);
    double d;
    if (s->longf) {
        memcpy(&d, &v, sizeof d);
    } else {
        uint32_t lo = (uint32_t)v;
        float fl;
        memcpy(&fl, &lo, sizeof fl);
        d = fl;
    }
    fprintf(f, cs, d);
}

static void put_str(FILE *f, const struct spec *s, const char *str)
{
    char cs[48];
    c_spec(s, "", 's', cs, sizeof cs);
    fprintf(f, cs, str);
}

char *pfmt_format(const char *fmt, const uint64_t *args, size_t nargs, const struct pfmt_ops *ops,
                  struct lerr *e)
{
    char *res = NULL;
    size_t rsize = 0;
    FILE *f = open_memstream(&res, &rsize);
    if (!f)
        abort();
    size_t next = 0;
    const char *p = fmt;
    int failed = 0;
    while (*p && !failed) {
        if (*p != '%') {
            fputc(*p++, f);
            continue;
        }
        if (p[1] == '%') {
            fputc('%', f);
            p += 2;
            continue;
        }
        const char *start = p;
        struct spec s;
        p = parse_spec(p + 1, &s, e);
        if (!p) {
            failed = 1;
            break;
        }
        /* the conversion: one letter, or ma mu msa msu ly */
        char conv[4] = {*p, 0, 0, 0};
        size_t clen = 1;
        if (*p == 'm' && (p[1] == 'a' || p[1] == 'u')) {
            conv[1] = p[1];
            clen = 2;
        } else if (*p == 'm' && p[1] == 's' && (p[2] == 'a' || p[2] == 'u')) {
            lerr_set(e, "Syntax error: %%%.3s reads a Windows string structure: not on Linux", p);
            failed = 1;
            break;
        }
        if (!*p || !strchr("diuxXocpNsymeEfgGaA", *p) || (*p == 'm' && clen == 1)) {
            lerr_set(e, "Syntax error: unknown conversion '%.*s' in the format",
                     (int)(p - start + (*p ? 1 : 0)), start);
            failed = 1;
            break;
        }
        if (next >= nargs) {
            lerr_set(e, "Syntax error: the format needs more arguments than the %zu given", nargs);
            failed = 1;
            break;
        }
        uint64_t v = args[next++];
        char buf[1024], a[FMT_ADDR_LEN];
        switch (conv[0]) {
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
            put_int(f, &s, conv[0], v);
            break;
        case 'c':
            fputc((int)(unsigned char)v, f);
            break;
        case 'e': case 'E': case 'f': case 'g': case 'G': case 'a': case 'A':
            put_float(f, &s, conv[0], v);
            break;
        case 'p':
            fputs(fmt_addr(a, v), f);
            break;
        case 'N':
            fprintf(f, "%016llX", (unsigned long long)v);
            break;
        case 'y':
            if (ops->symbol && ops->symbol(ops->ctx, v, buf, sizeof buf) == 0)
                fprintf(f, "%s (%s)", buf, fmt_addr(a, v));
            else
                fputs(fmt_addr(a, v), f);
            int ln = 0;
            /* %ly: the source line too, as k shows it */
            if (s.longf && ops->line && ops->line(ops->ctx, v, buf, sizeof buf, &ln) == 0)
                fprintf(f, " [%s @ %d]", buf, ln);
            break;
        case 's':
        case 'm': {
            char *str = pfmt_read_string(ops, v, conv[1] == 'u', e);
            if (!str) {
                failed = 1;
                break;
            }
            put_str(f, &s, str);
            free(str);
            break;
        }
        }
        p += clen;
    }
    fclose(f);
    if (failed) {
        free(res);
        return NULL;
    }
    return res;
}
