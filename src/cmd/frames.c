/* The frames k, .frame and dv number: the stack frames of the unwinder,
 * each one preceded by a frame for every inlined call its code is in
 * (innermost first), as WinDbg and GDB count them, so that `.frame N`,
 * `kn` and `k` agree. */
#include "cmd/dbg.h"
#include "sym/inline.h"
#include "sym/lines.h"
#include "sym/unwind.h"
#include "ui/format.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

size_t dbg_frames(struct dbg *d, size_t max, struct dbg_frame **out)
{
    return dbg_frames_upto(d, max, max, out);
}

size_t dbg_frames_upto(struct dbg *d, size_t max, size_t stack_max, struct dbg_frame **out)
{
    *out = NULL;
    if (max == 0)
        return 0;
    if (stack_max > max)
        stack_max = max;
    /* one stack frame more than shown: the caller's stack pointer is the
     * CFA of the last one */
    struct sym_frame *st = xcalloc(stack_max + 1, sizeof *st);
    size_t n = dbg_unwind(d, st, stack_max + 1);
    struct sym_space *sp = eng_syms(d->s);
    size_t cap = n + 8, k = 0;
    struct dbg_frame *v = xcalloc(cap, sizeof *v);
    struct sym_inline *chain = xcalloc(SYM_INLINE_MAX, sizeof *chain);
    for (size_t i = 0; i < n && k < max; i++) {
        int depth = sp ? sym_inline_at(sp, sym_frame_code(&st[i]), chain, SYM_INLINE_MAX) : 0;
        for (int j = 0; j <= depth && k < max; j++) {
            if (k == cap) {
                cap *= 2;
                v = xrealloc(v, cap * sizeof *v);
            }
            struct dbg_frame *f = &v[k++];
            memset(f, 0, sizeof *f);
            f->f = st[i];
            f->stack_index = i;
            f->skip = j;
            f->is_inline = j < depth;
            if (f->is_inline)
                snprintf(f->name, sizeof f->name, "%s", chain[j].name);
            if (j > 0 && chain[j - 1].call_line) {
                snprintf(f->file, sizeof f->file, "%s", chain[j - 1].call_file);
                f->line = chain[j - 1].call_line;
            }
            f->cfa = i + 1 < n ? st[i + 1].sp : 0;
            f->ret = !f->is_inline && i + 1 < n ? st[i + 1].pc : 0;
        }
    }
    free(chain);
    free(st);
    *out = v;
    return k;
}

void dbg_frame_site(struct dbg *d, const struct dbg_frame *f, char *buf, size_t size)
{
    struct sym_space *sp = eng_syms(d->s);
    struct sym_module *m = sp ? sym_module_at(sp, f->f.pc) : NULL;
    char a[FMT_ADDR_LEN];
    /* an inlined call has no symbol of its own: its name, without an
     * offset, as WinDbg shows inline frames */
    if (f->is_inline && m)
        snprintf(buf, size, "%s!%s", m->name, f->name);
    else if (!sp || (f->f.activation ? sym_describe(sp, f->f.pc, buf, size)
                                     : sym_describe_return(sp, f->f.pc, buf, size)) < 0)
        snprintf(buf, size, "%s", fmt_addr(a, f->f.pc));
}

int dbg_frame_source(struct dbg *d, const struct dbg_frame *f, struct sym_line *l)
{
    struct sym_space *sp = eng_syms(d->s);
    /* a frame that made an inlined call is at the call's line */
    if (f->skip > 0) {
        if (!f->line)
            return -1;
        snprintf(l->file, sizeof l->file, "%s", f->file);
        l->line = f->line;
        l->rel = 0;
        l->addr = 0;
        return 0;
    }
    return sp ? sym_line_at(sp, sym_frame_code(&f->f), l) : -1;
}

void dbg_print_frame_line_info(struct dbg *d, const struct dbg_frame *f)
{
    struct sym_line l;
    if (d->lines && dbg_frame_source(d, f, &l) == 0)
        fprintf(d->out, " [%s @ %d]", l.file, l.line);
}

void dbg_frame_columns(const struct dbg_frame *f, char *buf, size_t size)
{
    char a[FMT_ADDR_LEN], b[FMT_ADDR_LEN];
    if (f->is_inline)
        snprintf(buf, size, "(Inline Function) --------`--------");
    else
        snprintf(buf, size, "%s %s", fmt_addr(a, f->f.sp), fmt_addr(b, f->ret));
}

int dbg_describe_code(struct sym_space *sp, uint64_t addr, char *buf, size_t size)
{
    char at[512];
    int r = sym_describe(sp, addr, at, sizeof at);
    struct sym_inline in;
    struct sym_module *m = sym_module_at(sp, addr);
    if (r < 0 || !m || sym_inline_at(sp, addr, &in, 1) < 1)
        snprintf(buf, size, "%s", at);
    else
        snprintf(buf, size, "%s!%s (inlined in %s)", m->name, in.name, at);
    return r;
}
