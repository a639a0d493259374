/* .printf "format", args...: WinDbg's formatted output over MASM
 * expressions (the format engine is cmd/printf_fmt.c). */
#include "cmd/dbg.h"
#include "cmd/printf_fmt.h"
#include "sym/lines.h"

#include <stdlib.h>
#include <string.h>

/* Target memory for %ma, %mu and %s, as the program sees it (without our
 * breakpoint bytes); a short read still gives what it got. */
static int read_target(void *ctx, uint64_t addr, void *buf, size_t len, size_t *got)
{
    struct dbg *d = ctx;
    *got = 0;
    eng_read(d->s, addr, buf, len, got);
    return *got ? 0 : -1;
}

static int line_of(void *ctx, uint64_t addr, char *buf, size_t size, int *line)
{
    struct dbg *d = ctx;
    struct sym_space *sp = eng_syms(d->s);
    struct sym_line l;
    if (!sp || sym_line_at(sp, addr, &l) < 0)
        return -1;
    snprintf(buf, size, "%s", l.file);
    *line = l.line;
    return 0;
}

void dbg_printf_ops(struct dbg *d, struct pfmt_ops *ops)
{
    ops->ctx = d;
    ops->read = read_target;
    ops->symbol = dbg_symbolizer;
    ops->line = line_of;
}

static int cmd_printf(struct dbg *d, const char *args)
{
    const char *p = dbg_skip(args);
    /* /D (DML) and the WinDbg window colours (/od, /oe ...): no meaning
     * on a terminal, accepted so that scripts run unchanged */
    while (*p == '/') {
        p++;
        while (*p && *p != ' ' && *p != '\t' && *p != '"')
            p++;
        p = dbg_skip(p);
    }
    char *fmt = pfmt_unquote(&p, &d->err);
    if (!fmt)
        return -1;
    uint64_t vals[64];
    size_t n = 0;
    p = dbg_skip(p);
    int rc = 0;
    while (*p && rc == 0) {
        if (*p != ',') {
            rc = lerr_set(&d->err, "Syntax error: ',' expected before '%.30s'", p);
            break;
        }
        p = dbg_skip(p + 1);
        if (n == sizeof vals / sizeof vals[0]) {
            rc = lerr_set(&d->err, "Syntax error: more than 64 arguments");
            break;
        }
        rc = dbg_eval(d, &p, &vals[n++]);
    }
    if (rc == 0) {
        struct pfmt_ops ops;
        dbg_printf_ops(d, &ops);
        char *text = pfmt_format(fmt, vals, n, &ops, &d->err);
        if (text)
            fputs(text, d->out);
        else
            rc = -1;
        free(text);
    }
    free(fmt);
    return rc;
}

const struct cmd_def cmd_printf_table[] = {
    {".printf", cmd_printf, ".printf \"format\", args: %p %d %u %x %c %s %y %ma %mu %N ..."},
    {NULL, NULL, NULL},
};
