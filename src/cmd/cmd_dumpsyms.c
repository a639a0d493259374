/* Memory displays beyond db..dq (cmd_memory.c, whose range syntax and
 * reader they share): dps/dqs/dds (one pointer a line with the symbol it
 * points into), dpa/dpu and dda/ddu/dqa/dqu (pointers with the ASCII or
 * UTF-16 string they point to), dc (double words and ASCII), dyb (bytes in
 * binary). Memory is read through eng_read: breakpoint bytes never show. */
#include "cmd/dbg.h"
#include "cmd/memview.h"
#include "ui/format.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define STRING_MAX 256 /* characters shown of a string pointed to */

enum ptr_extra { EXTRA_SYMBOL, EXTRA_ASCII, EXTRA_UTF16 };

static void print_value(struct dbg *d, uint64_t v, unsigned unit)
{
    char a[FMT_ADDR_LEN];
    if (unit == 8)
        fputs(fmt_addr(a, v), d->out);
    else
        fprintf(d->out, "%08llx", (unsigned long long)v);
}

/* The string at addr, as da/du show one, up to its NUL; nothing when the
 * first character cannot be read. One that goes on past STRING_MAX
 * characters ends in "..." after its quote. */
static void print_string_at(struct dbg *d, uint64_t addr, unsigned width)
{
    uint64_t n;
    enum dbg_string_end end;
    char *str = dbg_mem_string(d, addr, width, STRING_MAX, &n, &end);
    if (!str)
        return;
    fprintf(d->out, " \"%s\"%s", str, end == DBG_STRING_LIMIT ? "..." : "");
    free(str);
}

static int display_pointers(struct dbg *d, const char *args, const char *name, unsigned unit,
                            enum ptr_extra extra)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct dbg_range r;
    if (dbg_mem_range(d, args, unit, 128 / unit, &r) < 0)
        return -1;
    size_t len = (size_t)(r.count * unit);
    uint8_t *ok, *b = dbg_mem_read(d, r.addr, len, &ok);
    char a[FMT_ADDR_LEN];
    int rc = 0;
    if (!dbg_mem_any(ok, len)) {
        rc = lerr_set(&d->err, "Memory access error at %s", fmt_addr(a, r.addr));
    } else {
        struct sym_space *sp = eng_syms(d->s);
        for (size_t i = 0; i < r.count; i++) {
            uint64_t at = r.addr + i * unit;
            fprintf(d->out, "%s  ", fmt_addr(a, at));
            int readable = 1;
            for (unsigned k = 0; k < unit; k++)
                readable &= ok[i * unit + k];
            if (!readable) {
                fputs(unit == 8 ? "????????`????????\n" : "????????\n", d->out);
                continue;
            }
            uint64_t v = 0;
            memcpy(&v, b + i * unit, unit);
            print_value(d, v, unit);
            char label[768];
            if (extra == EXTRA_SYMBOL) {
                if (sp && sym_describe(sp, v, label, sizeof label) >= 0)
                    fprintf(d->out, " %s", label);
            } else {
                print_string_at(d, v, extra == EXTRA_ASCII ? 1 : 2);
            }
            fputc('\n', d->out);
        }
    }
    free(b);
    free(ok);
    d->next_dump = r.addr + len;
    snprintf(d->last_dump, sizeof d->last_dump, "%s", name);
    return rc;
}

/* dc: four double words, then the 16 bytes as ASCII. */
static void dump_dc(struct dbg *d, uint64_t addr, const uint8_t *b, const uint8_t *ok,
                    size_t count, unsigned unit)
{
    (void)unit; /* 4 */
    char a[FMT_ADDR_LEN];
    for (size_t line = 0; line < count; line += 4) {
        fprintf(d->out, "%s ", fmt_addr(a, addr + line * 4));
        char ascii[17] = {0};
        for (size_t i = 0; i < 4; i++) {
            size_t k = line + i;
            if (k >= count) {
                fputs("         ", d->out);
                continue;
            }
            int readable = ok[k * 4] & ok[k * 4 + 1] & ok[k * 4 + 2] & ok[k * 4 + 3];
            uint32_t v;
            memcpy(&v, b + k * 4, 4);
            if (readable)
                fprintf(d->out, " %08x", v);
            else
                fputs(" ????????", d->out);
            for (size_t j = 0; j < 4; j++) {
                uint8_t c = b[k * 4 + j];
                ascii[i * 4 + j] = !ok[k * 4 + j] ? '?' : isprint(c) ? (char)c : '.';
            }
        }
        fprintf(d->out, "  %s\n", ascii);
    }
}

/* dyb: four bytes a line in binary, then in hex, under a header that
 * numbers the bits. */
static void dump_dyb(struct dbg *d, uint64_t addr, const uint8_t *b, const uint8_t *ok,
                     size_t len, unsigned unit)
{
    (void)unit; /* 1: the count is the length */
    char a[FMT_ADDR_LEN];
    size_t pad = strlen(fmt_addr(a, addr)) + 2;
    fprintf(d->out, "%*s76543210 76543210 76543210 76543210\n", (int)pad, "");
    fprintf(d->out, "%*s-------- -------- -------- --------\n", (int)pad, "");
    for (size_t line = 0; line < len; line += 4) {
        fprintf(d->out, "%s ", fmt_addr(a, addr + line));
        for (size_t i = 0; i < 4; i++) {
            size_t k = line + i;
            if (k >= len) {
                fputs("         ", d->out);
                continue;
            }
            fputc(' ', d->out);
            for (int bit = 7; bit >= 0; bit--)
                fputc(!ok[k] ? '?' : (b[k] >> bit) & 1 ? '1' : '0', d->out);
        }
        fputc(' ', d->out);
        for (size_t i = 0; i < 4 && line + i < len; i++) {
            if (ok[line + i])
                fprintf(d->out, " %02x", b[line + i]);
            else
                fputs(" ??", d->out);
        }
        fputc('\n', d->out);
    }
}

static int cmd_dps(struct dbg *d, const char *a) { return display_pointers(d, a, "dps", 8, EXTRA_SYMBOL); }
static int cmd_dqs(struct dbg *d, const char *a) { return display_pointers(d, a, "dqs", 8, EXTRA_SYMBOL); }
static int cmd_dds(struct dbg *d, const char *a) { return display_pointers(d, a, "dds", 4, EXTRA_SYMBOL); }
static int cmd_dpa(struct dbg *d, const char *a) { return display_pointers(d, a, "dpa", 8, EXTRA_ASCII); }
static int cmd_dqa(struct dbg *d, const char *a) { return display_pointers(d, a, "dqa", 8, EXTRA_ASCII); }
static int cmd_dda(struct dbg *d, const char *a) { return display_pointers(d, a, "dda", 4, EXTRA_ASCII); }
static int cmd_dpu(struct dbg *d, const char *a) { return display_pointers(d, a, "dpu", 8, EXTRA_UTF16); }
static int cmd_dqu(struct dbg *d, const char *a) { return display_pointers(d, a, "dqu", 8, EXTRA_UTF16); }
static int cmd_ddu(struct dbg *d, const char *a) { return display_pointers(d, a, "ddu", 4, EXTRA_UTF16); }
static int cmd_dc(struct dbg *d, const char *a) { return dbg_mem_display(d, a, "dc", 4, 0x20, dump_dc); }
static int cmd_dyb(struct dbg *d, const char *a) { return dbg_mem_display(d, a, "dyb", 1, 0x20, dump_dyb); }

const struct cmd_def cmd_dumpsyms_table[] = {
    {"dps", cmd_dps, "display pointers and the symbols they point to: dps [range]"},
    {"dqs", cmd_dqs, "display quad words and symbols"},
    {"dds", cmd_dds, "display double words and symbols"},
    {"dpa", cmd_dpa, "display pointers and the ASCII strings they point to"},
    {"dqa", cmd_dqa, "display quad words and ASCII strings"},
    {"dda", cmd_dda, "display double words and ASCII strings"},
    {"dpu", cmd_dpu, "display pointers and the UTF-16 strings they point to"},
    {"dqu", cmd_dqu, "display quad words and UTF-16 strings"},
    {"ddu", cmd_ddu, "display double words and UTF-16 strings"},
    {"dc", cmd_dc, "display double words and ASCII"},
    {"dyb", cmd_dyb, "display bytes in binary and hex"},
    {NULL, NULL, NULL},
};

int dbg_dumpsyms_again(struct dbg *d, const char *last, const char *args, int *rc)
{
    for (const struct cmd_def *c = cmd_dumpsyms_table; c->name; c++) {
        if (!strcmp(c->name, last)) {
            *rc = c->fn(d, args);
            return 1;
        }
    }
    return 0;
}
