/* Disassembly: u (forward, continuing where it stopped), ub (backward),
 * uf (a whole function, linear from its start to its end). */
#include "arch/x86_64/disasm.h"
#include "cmd/dbg.h"
#include "ui/format.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INSNS 100000

/* Prints instructions from addr: `count` of them, or up to `end` (not
 * included) when end is nonzero. Returns the address after the last. */
unsigned dbg_print_insn(struct dbg *d, const char *prefix, uint64_t addr)
{
    uint8_t code[16];
    size_t got = 0;
    char a[FMT_ADDR_LEN];
    eng_read(d->s, addr, code, sizeof code, &got);
    if (got == 0) {
        fprintf(d->out, "%s%s ??              ???\n", prefix, fmt_addr(a, addr));
        return 1;
    }
    struct x86_insn insn;
    x86_disasm(addr, code, got, &insn, dbg_symbolizer, d);
    unsigned len = insn.length ? insn.length : 1;
    char hex[40] = "";
    for (unsigned k = 0; k < len && k < got && k < 15; k++)
        sprintf(hex + 2 * k, "%02x", code[k]);
    fprintf(d->out, "%s%s %-15s %s\n", prefix, fmt_addr(a, addr), hex, insn.text);
    return len;
}

int dbg_decode_to(struct dbg *d, uint64_t from, uint64_t to, struct dbg_walk *w)
{
    w->n = 0;
    for (uint64_t a = from; a < to;) {
        uint8_t code[16];
        size_t got = 0;
        struct x86_insn insn;
        eng_read(d->s, a, code, sizeof code, &got);
        if (!got || x86_disasm(a, code, got, &insn, NULL, NULL) < 0)
            return -1;
        if (w->starts) {
            if (w->n == w->max)
                return -1;
            w->starts[w->n] = a;
        }
        w->n++;
        w->last = a;
        a += insn.length;
        if (a > to)
            return 0;
    }
    return 1;
}

static uint64_t disassemble(struct dbg *d, uint64_t addr, uint64_t count, uint64_t end)
{
    struct sym_space *sp = eng_syms(d->s);
    char label[512];
    for (uint64_t i = 0; end ? addr < end : i < count; i++) {
        if (i >= MAX_INSNS)
            break;
        /* a label where a symbol starts, and on the first line */
        if (sp && sym_describe(sp, addr, label, sizeof label) >= 0 &&
            (i == 0 || !strstr(label, "+0x")))
            fprintf(d->out, "%s:\n", label);
        addr += dbg_print_insn(d, "", addr);
    }
    return addr;
}

/* [addr] [L count | end] */
static int parse_u_args(struct dbg *d, const char *p, uint64_t *addr, uint64_t *count,
                        uint64_t *end, int *have_addr)
{
    *have_addr = 0;
    *end = 0;
    if (*p && !dbg_is_length(d, p)) {
        if (dbg_eval(d, &p, addr) < 0)
            return -1;
        *have_addr = 1;
    }
    if (dbg_is_length(d, p)) {
        if (p[1] == '-') /* a count of instructions cannot be taken back */
            return lerr_set(&d->err, "Range error: u takes no L-; ub disassembles backward");
        p = dbg_skip(p + 1 + (p[1] == '?'));
        if (dbg_eval(d, &p, count) < 0)
            return -1;
        if (*count == 0)
            return lerr_set(&d->err, "Range error: a count of 0");
    } else if (*p) {
        if (dbg_eval(d, &p, end) < 0)
            return -1;
        if (*end <= *addr)
            return lerr_set(&d->err, "Range error: the end is not above the start");
    }
    if (*p)
        return lerr_set(&d->err, "Syntax error at '%s'", p);
    return 0;
}

static int cmd_u(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    uint64_t addr = d->next_u, count = 8, end;
    int have;
    if (!d->next_u && dbg_current_ip(d, &addr) < 0)
        return -1;
    if (parse_u_args(d, args, &addr, &count, &end, &have) < 0)
        return -1;
    uint8_t probe;
    char a[FMT_ADDR_LEN];
    if (eng_read(d->s, addr, &probe, 1, NULL) != 0)
        return lerr_set(&d->err, "Memory access error at %s", fmt_addr(a, addr));
    d->next_u = disassemble(d, addr, count, end);
    return 0;
}

/* Where instructions start in [from, to): decoded from `from`. */
static size_t boundaries(struct dbg *d, uint64_t from, uint64_t to, uint64_t *out, size_t max)
{
    struct dbg_walk w = {out, max, 0, 0};
    return dbg_decode_to(d, from, to, &w) == 1 ? w.n : 0;
}

static int cmd_ub(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    uint64_t addr, count = 8, end;
    int have;
    if (dbg_current_ip(d, &addr) < 0 || parse_u_args(d, args, &addr, &count, &end, &have) < 0)
        return -1;
    if (count > 4096)
        return lerr_set(&d->err, "Range error: ub shows at most 4096 instructions");
    /* decode from the start of the function when it is close; else from
     * the furthest point that lands exactly on addr */
    size_t max = (size_t)count * 16 + 4096;
    uint64_t *starts = xmalloc(max * sizeof *starts);
    size_t n = 0;
    struct sym_near near;
    struct sym_space *sp = eng_syms(d->s);
    if (sp && sym_nearest(sp, addr - 1, &near) == 0 && near.before.name &&
        addr - near.before.addr <= 0x10000)
        n = boundaries(d, near.before.addr, addr, starts, max);
    for (uint64_t back = count * 15; !n && back >= count; back--)
        n = boundaries(d, addr - back, addr, starts, max);
    if (!n) {
        free(starts);
        char a[FMT_ADDR_LEN];
        return lerr_set(&d->err, "No instructions end at %s", fmt_addr(a, addr));
    }
    size_t first = n > count ? n - (size_t)count : 0;
    disassemble(d, starts[first], n - first, 0);
    free(starts);
    return 0;
}

static int cmd_uf(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    uint64_t addr;
    if (dbg_address_arg(d, args, &addr) < 0)
        return -1;
    struct sym_space *sp = eng_syms(d->s);
    struct sym_near near;
    char a[FMT_ADDR_LEN];
    if (!sp || sym_nearest(sp, addr, &near) < 0 || !near.before.name ||
        (near.before.size && addr >= near.before.addr + near.before.size))
        return lerr_set(&d->err, "No function at %s: uf needs a symbol with a size", fmt_addr(a, addr));
    uint64_t end = near.before.addr + (near.before.size ? near.before.size : 0x1000);
    if (!near.before.size && near.after.name && near.after.addr < end)
        end = near.after.addr;
    disassemble(d, near.before.addr, 0, end);
    return 0;
}

const struct cmd_def cmd_disasm_table[] = {
    {"u", cmd_u, "unassemble: u [addr] [L count | end] (continues where it stopped)"},
    {"ub", cmd_ub, "unassemble backward: ub [addr] [L count]"},
    {"uf", cmd_uf, "unassemble a whole function: uf [addr]"},
    {NULL, NULL, NULL},
};
