/* disassemble: instructions around an address, as `u` decodes and names
 * them (Zydis through arch/x86_64/disasm.h), with their source lines.
 * DAP wants exactly instructionCount rows, instructionOffset of them
 * (possibly negative) away from the address: instructions before an
 * address are found by decoding forward from a point that lands on it (a
 * function's start, as `ub` does), and memory that is not mapped gives
 * rows marked invalid, one byte each. */
#include "arch/x86_64/disasm.h"
#include "dap/dap.h"
#include "util/xalloc.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 20000
#define WINDOW 4096
/* how far back the start of a function is looked for (as ub does) */
#define FUNC_REACH 0x10000

/* Target bytes read a window at a time, not an instruction at a time. */
struct reader {
    struct session *s;
    uint64_t base;
    size_t got;
    uint8_t buf[WINDOW];
    int valid;
};

/* Bytes at addr (at most 16) into *p: how many can be had (0: none). */
static size_t bytes_at(struct reader *r, uint64_t addr, const uint8_t **p)
{
    if (!r->valid || addr < r->base || addr + 16 > r->base + r->got) {
        r->base = addr;
        r->got = 0;
        r->valid = 1;
        eng_read(r->s, addr, r->buf, sizeof r->buf, &r->got);
    }
    if (addr >= r->base + r->got)
        return 0;
    *p = r->buf + (addr - r->base);
    size_t n = r->base + r->got - addr;
    return n < 16 ? n : 16;
}

/* The length of the instruction at addr, 0 when its bytes cannot be read
 * or do not decode. */
static unsigned insn_length(struct reader *r, uint64_t addr)
{
    const uint8_t *p;
    size_t n = bytes_at(r, addr, &p);
    struct x86_insn insn;
    if (!n || x86_disasm(addr, p, n, &insn, NULL, NULL) < 0)
        return 0;
    return insn.length;
}

/* Starts of the instructions from `from` up to `to`, when one ends exactly
 * there: appended to *v (n, cap); 1, else 0 (nothing appended). */
static int starts_to(struct reader *r, uint64_t from, uint64_t to, uint64_t **v, size_t *n,
                     size_t *cap)
{
    size_t first = *n;
    uint64_t at = from;
    while (at < to) {
        unsigned len = insn_length(r, at);
        if (!len)
            break;
        if (*n == *cap) {
            *cap = *cap ? 2 * *cap : 256;
            *v = xrealloc(*v, *cap * sizeof **v);
        }
        (*v)[(*n)++] = at;
        at += len;
    }
    if (at == to)
        return 1;
    *n = first;
    return 0;
}

/* Up to `need` instruction starts before `to`, ascending, into out (the
 * last ending at `to`): from the start of the function before, again and
 * again, else from the furthest point back that lands on it. */
static size_t walk_back(struct reader *r, struct sym_space *sp, uint64_t to, size_t need,
                        uint64_t *out)
{
    size_t k = 0; /* filled from the end of out */
    uint64_t *v = NULL;
    size_t cap = 0;
    while (k < need && to > 0) {
        size_t n = 0;
        struct sym_near near;
        int ok = sp && sym_nearest(sp, to - 1, &near) == 0 && near.before.name &&
                 near.before.addr < to && to - near.before.addr <= FUNC_REACH &&
                 starts_to(r, near.before.addr, to, &v, &n, &cap);
        uint64_t reach = 15 * (uint64_t)(need - k < 64 ? need - k : 64);
        for (uint64_t back = reach; !ok && back > 0; back--)
            ok = back <= to && starts_to(r, to - back, to, &v, &n, &cap);
        if (!ok || !n)
            break;
        while (n && k < need)
            out[need - ++k] = v[--n];
        to = out[need - k];
    }
    free(v);
    memmove(out, out + (need - k), k * sizeof *out);
    return k;
}

/* The function an address is in ("mod!sym"), or 0 when none. */
static int symbol_of(struct sym_space *sp, uint64_t addr, char *buf, size_t size)
{
    if (!sp || sym_describe(sp, addr, buf, size) != 0)
        return 0;
    char *plus = strstr(buf, "+0x");
    if (plus)
        *plus = '\0';
    return 1;
}

static cJSON *invalid_row(uint64_t addr)
{
    cJSON *o = cJSON_CreateObject();
    char hex[32];
    dap_hex(hex, sizeof hex, addr);
    cJSON_AddStringToObject(o, "address", hex);
    cJSON_AddStringToObject(o, "instruction", "??");
    cJSON_AddStringToObject(o, "instructionBytes", "");
    cJSON_AddStringToObject(o, "presentationHint", "invalid");
    return o;
}

/* The row of the instruction at addr; *len gets its length (1 for a row
 * that does not decode). */
static cJSON *row(struct dap *a, struct reader *r, uint64_t addr, int symbols, unsigned *len)
{
    const uint8_t *p;
    size_t n = bytes_at(r, addr, &p);
    struct x86_insn insn;
    if (!n || x86_disasm(addr, p, n, &insn, symbols ? dbg_symbolizer : NULL, &a->d) < 0 ||
        !insn.length) {
        *len = 1;
        return invalid_row(addr);
    }
    *len = insn.length;
    cJSON *o = cJSON_CreateObject();
    char hex[32], bytes[64] = "", name[512];
    dap_hex(hex, sizeof hex, addr);
    for (unsigned k = 0; k < insn.length; k++)
        snprintf(bytes + (k ? 3 * k - 1 : 0), sizeof bytes - 3 * k, k ? " %02x" : "%02x", p[k]);
    cJSON_AddStringToObject(o, "address", hex);
    cJSON_AddStringToObject(o, "instructionBytes", bytes);
    cJSON_AddStringToObject(o, "instruction", insn.text);
    struct sym_space *sp = eng_syms(a->d.s);
    if (symbol_of(sp, addr, name, sizeof name))
        cJSON_AddStringToObject(o, "symbol", name);
    struct sym_line l;
    if (sp && sym_line_at(sp, addr, &l) == 0) {
        char path[4096];
        if (sym_src_find(&a->d.srcpath, l.file, l.rel, path, sizeof path) != 0)
            memcpy(path, l.file, sizeof path);
        cJSON *src = cJSON_AddObjectToObject(o, "location");
        const char *base = strrchr(path, '/');
        cJSON_AddStringToObject(src, "name", base ? base + 1 : path);
        cJSON_AddStringToObject(src, "path", path);
        cJSON_AddNumberToObject(o, "line", l.line);
    }
    return o;
}

int dap_disassemble(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    uint64_t addr;
    const char *ref = dap_arg_str(args, "memoryReference", NULL);
    long long ioff = dap_arg_int(args, "instructionOffset", 0);
    long long count = dap_arg_int(args, "instructionCount", -1);
    int symbols = dap_arg_bool(args, "resolveSymbols", 1);
    if (dbg_need_process_err(&a->d, e) < 0)
        return -1;
    if (!ref)
        return lerr_set(e, "Syntax error: disassemble needs a memoryReference");
    if (dap_parse_address(ref, dap_arg_int(args, "offset", 0), &addr, e) < 0)
        return -1;
    if (count < 0)
        return lerr_set(e, "Syntax error: disassemble needs an instructionCount");
    if (count > MAX_ROWS || ioff > MAX_ROWS || ioff < -MAX_ROWS)
        return lerr_set(e, "Range error: disassemble gives at most %d instructions, %d away",
                        MAX_ROWS, MAX_ROWS);
    struct reader *r = xcalloc(1, sizeof *r);
    r->s = a->d.s;
    struct sym_space *sp = eng_syms(a->d.s);
    cJSON *rows = cJSON_AddArrayToObject(body, "instructions");
    long long made = 0;
    unsigned len;
    if (ioff < 0) {
        /* the rows before the address: invalid ones where nothing decodes
         * back to it, then the instructions that do */
        size_t need = (size_t)-ioff;
        uint64_t *before = xmalloc(need * sizeof *before);
        size_t k = walk_back(r, sp, addr, need, before);
        uint64_t first = k ? before[0] : addr;
        for (size_t i = 0; i < need - k && made < count; i++, made++)
            cJSON_AddItemToArray(rows, invalid_row(first - (need - k) + i));
        for (size_t i = 0; i < k && made < count; i++, made++)
            cJSON_AddItemToArray(rows, row(a, r, before[i], symbols, &len));
        free(before);
    } else {
        for (long long i = 0; i < ioff; i++) {
            unsigned n = insn_length(r, addr);
            addr += n ? n : 1;
        }
    }
    for (; made < count; made++) {
        cJSON_AddItemToArray(rows, row(a, r, addr, symbols, &len));
        addr += len;
    }
    free(r);
    return 0;
}
