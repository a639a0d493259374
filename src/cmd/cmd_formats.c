/* .formats: one value in every notation WinDbg shows it in. Time is the
 * value as seconds since 1970 in UTC (a time_t, Linux's own clock value;
 * WinDbg shows local time). */
#include "cmd/dbg.h"
#include "ui/format.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

static void print_time(struct dbg *d, uint64_t v)
{
    struct tm tm;
    time_t t = (time_t)v;
    /* beyond year 9999 asctime's layout breaks: WinDbg says Invalid too */
    if ((int64_t)v < 0 || v > 253402300799ull || !gmtime_r(&t, &tm)) {
        fputs("  Time:    ***** Invalid\n", d->out);
        return;
    }
    char buf[64];
    strftime(buf, sizeof buf, "%a %b %d %H:%M:%S %Y", &tm);
    fprintf(d->out, "  Time:    %s\n", buf);
}

static int cmd_formats(struct dbg *d, const char *args)
{
    const char *p = args;
    uint64_t v;
    if (!*p)
        return lerr_set(&d->err, "Syntax error: .formats needs an expression");
    if (dbg_eval(d, &p, &v) < 0)
        return -1;
    if (*p)
        return lerr_set(&d->err, "Syntax error at '%s'", p);
    char a[FMT_ADDR_LEN];
    fputs("Evaluate expression:\n", d->out);
    fprintf(d->out, "  Hex:     %s\n", fmt_addr(a, v));
    fprintf(d->out, "  Decimal: %lld\n", (long long)v);
    fprintf(d->out, "  Decimal (unsigned) : %llu\n", (unsigned long long)v);
    fprintf(d->out, "  Octal:   %022llo\n", (unsigned long long)v);
    fputs("  Binary: ", d->out);
    for (int byte = 7; byte >= 0; byte--) {
        fputc(' ', d->out);
        for (int bit = 7; bit >= 0; bit--)
            fputc((v >> (byte * 8 + bit)) & 1 ? '1' : '0', d->out);
    }
    fputs("\n  Chars:   ", d->out);
    for (int byte = 7; byte >= 0; byte--) {
        unsigned char c = (unsigned char)(v >> (byte * 8));
        fputc(c < 0x80 && isprint(c) ? c : '.', d->out);
    }
    fputc('\n', d->out);
    print_time(d, v);
    uint32_t lo = (uint32_t)v, hi = (uint32_t)(v >> 32);
    float flo, fhi;
    double dbl;
    memcpy(&flo, &lo, 4);
    memcpy(&fhi, &hi, 4);
    memcpy(&dbl, &v, 8);
    fprintf(d->out, "  Float:   low %g high %g\n", (double)flo, (double)fhi);
    fprintf(d->out, "  Double:  %g\n", dbl);
    return 0;
}

const struct cmd_def cmd_formats_table[] = {
    {".formats", cmd_formats, "show a value in every number format: .formats expr"},
    {NULL, NULL, NULL},
};
