/* Frames and their variables, from DWARF: .frame, dv, dt, kp, kb. */
#include "cmd/dbg.h"
#include "sym/dwvars.h"
#include "sym/lines.h"
#include "sym/unwind.h"
#include "ui/format.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define MAX_FRAMES 4096

int dbg_dw_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct dbg *d = ctx;
    return eng_read(d->s, addr, buf, len, NULL);
}

int dbg_frame_context(struct dbg *d, int index, struct dw_frame *f, struct dbg_frame *shown)
{
    /* and the stack frames above it: its caller's call site gives entry
     * values, evaluated with the caller's registers and CFA */
    struct dbg_frame *frames;
    size_t n = dbg_frames(d, (size_t)index + 16, &frames);
    if (n == 0) {
        free(frames);
        return -1;
    }
    if ((size_t)index >= n) {
        free(frames);
        return lerr_set(&d->err, "Frame 0x%x is out of range: the stack has %zu frames", index, n);
    }
    dbg_dw_frame(d, frames, n, (size_t)index, f);
    if (shown)
        *shown = frames[index];
    free(frames);
    return 0;
}

void dbg_dw_frame(struct dbg *d, const struct dbg_frame *frames, size_t n, size_t i,
                  struct dw_frame *f)
{
    const struct dbg_frame *fr = &frames[i];
    memset(f, 0, sizeof *f);
    f->pc = sym_frame_code(&fr->f);
    f->cfa = fr->cfa;
    /* the stack frame's registers, as the unwinder recovered them: an
     * inlined call has those of the stack frame it is in */
    f->regs = fr->f.regs;
    f->read = dbg_dw_read;
    f->ctx = d;
    f->inline_skip = fr->skip;
    /* the caller: the next stack frame (not an inlined call in this one) */
    for (size_t j = i + 1; j < n; j++) {
        if (frames[j].stack_index != fr->stack_index + 1 || frames[j].f.activation)
            continue;
        f->caller.known = 1;
        f->caller.ret = frames[j].f.pc;
        f->caller.cfa = frames[j].cfa;
        f->caller.regs = frames[j].f.regs;
        break;
    }
}

static void print_frame_line(struct dbg *d, int index, const struct dbg_frame *fr)
{
    char a[FMT_ADDR_LEN], site[512];
    dbg_frame_site(d, fr, site, sizeof site);
    if (fr->is_inline)
        fprintf(d->out, "%02x (Inline Function) %s", index, site);
    else
        fprintf(d->out, "%02x %s %s", index, fmt_addr(a, fr->f.sp), site);
    dbg_print_frame_line_info(d, fr);
    fputc('\n', d->out);
}

static int cmd_frame(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    uint64_t index = (uint64_t)d->frame;
    if (*args && dbg_eval(d, &args, &index) < 0)
        return -1;
    if (*args)
        return lerr_set(&d->err, "Syntax error at '%s'", args);
    if (index > MAX_FRAMES)
        return lerr_set(&d->err, "Frame 0x%llx is out of range", (unsigned long long)index);
    struct dw_frame f;
    struct dbg_frame fr;
    if (dbg_frame_context(d, (int)index, &f, &fr) < 0)
        return -1;
    d->frame = (int)index;
    print_frame_line(d, d->frame, &fr);
    return 0;
}

struct dv_ctx {
    struct dbg *d;
    const struct dw_frame *f;
    int verbose;
    int count;
};

static int print_var(void *ctx, const struct dw_var *v)
{
    struct dv_ctx *c = ctx;
    struct strbuf val;
    sb_init(&val);
    dw_format_value(c->f, v->has_type ? (Dwarf_Die *)&v->type : NULL, v, &val);
    if (c->verbose) {
        char a[FMT_ADDR_LEN];
        if (v->where == DW_WHERE_MEMORY)
            fprintf(c->d->out, "%s ", fmt_addr(a, v->addr));
        else
            fprintf(c->d->out, "%-17s ", v->where == DW_WHERE_VALUE ? "@register" : "<optimized out>");
        fprintf(c->d->out, "%-5s ", v->is_param ? "prm" : "local");
    }
    fprintf(c->d->out, "%15s = %s\n", v->name, sb_str(&val));
    sb_free(&val);
    c->count++;
    return 0;
}

static int cmd_dv(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    int verbose = 0;
    if (!strncmp(args, "/v", 2)) {
        verbose = 1;
        args = dbg_skip(args + 2);
    }
    if (*args)
        return lerr_set(&d->err, "Syntax error in 'dv %s': dv [/v]", args);
    struct dw_frame f;
    if (dbg_frame_context(d, d->frame, &f, NULL) < 0)
        return -1;
    struct dv_ctx c = {d, &f, verbose, 0};
    return dw_frame_vars(eng_syms(d->s), &f, print_var, &c, &d->err);
}

struct args_ctx {
    const struct dw_frame *f;
    struct strbuf *out;
    int n;
    uint64_t first[3];
    int known[3];
};

static int collect_param(void *ctx, const struct dw_var *v)
{
    struct args_ctx *c = ctx;
    if (!v->is_param)
        return 1; /* parameters come first: done */
    if (c->n < 3)
        c->known[c->n] = dw_var_scalar(c->f, v, &c->first[c->n]) == 0;
    if (c->out) {
        struct strbuf t;
        sb_init(&t);
        if (v->has_type)
            dw_type_name((Dwarf_Die *)&v->type, &t);
        sb_addf(c->out, "%s%s %s = ", c->n ? ", " : "", sb_str(&t), v->name);
        dw_format_value(c->f, v->has_type ? (Dwarf_Die *)&v->type : NULL, v, c->out);
        sb_free(&t);
    }
    c->n++;
    return 0;
}

static int do_k_args(struct dbg *d, const char *args, int with_params)
{
    if (dbg_need_process(d) < 0)
        return -1;
    uint64_t count = 20;
    if (*args && dbg_eval(d, &args, &count) < 0)
        return -1;
    if (count == 0 || count > MAX_FRAMES)
        return lerr_set(&d->err, "Range error: between 1 and %d frames", MAX_FRAMES);
    struct dbg_frame *frames;
    size_t all = dbg_frames(d, (size_t)count + 16, &frames), n = all < count ? all : count;
    struct sym_space *sp = eng_syms(d->s);
    char a[FMT_ADDR_LEN], cols[64];
    if (with_params)
        fprintf(d->out, "Child-SP          RetAddr               Call Site\n");
    else
        fprintf(d->out, "Child-SP          RetAddr               : Args to Child                                          : Call Site\n");
    for (size_t i = 0; i < n; i++) {
        struct dw_frame f;
        dbg_dw_frame(d, frames, all, i, &f);
        struct strbuf params;
        sb_init(&params);
        struct args_ctx c = {&f, with_params ? &params : NULL, 0, {0}, {0}};
        struct lerr ignore;
        int have = dw_frame_vars(sp, &f, collect_param, &c, &ignore) == 0;
        dbg_frame_columns(&frames[i], cols, sizeof cols);
        fprintf(d->out, "%s     ", cols);
        char site[512];
        dbg_frame_site(d, &frames[i], site, sizeof site);
        if (with_params) {
            char *plus = strstr(site, "+0x");
            if (have) {
                fprintf(d->out, "%.*s(%s)%s", plus ? (int)(plus - site) : (int)strlen(site), site,
                        sb_str(&params), plus ? plus : "");
            } else {
                fprintf(d->out, "%s", site);
            }
        } else {
            fputs(": ", d->out);
            for (int k = 0; k < 3; k++)
                fprintf(d->out, "%s ", frames[i].is_inline ? "--------`--------"
                                       : c.known[k]        ? fmt_addr(a, c.first[k])
                                                           : "????????`????????");
            fprintf(d->out, ": %s", site);
        }
        dbg_print_frame_line_info(d, &frames[i]);
        fputc('\n', d->out);
        sb_free(&params);
    }
    free(frames);
    return 0;
}

static int cmd_kp(struct dbg *d, const char *args) { return do_k_args(d, args, 1); }
static int cmd_kb(struct dbg *d, const char *args) { return do_k_args(d, args, 0); }

const struct cmd_def cmd_locals_table[] = {
    {".frame", cmd_frame, "select a frame for dv and dt: .frame N"},
    {"dv", cmd_dv, "display the parameters and locals of the frame: dv [/v]"},
    {"kp", cmd_kp, "call stack with parameters and their values"},
    {"kv", cmd_kp, "as kp"},
    {"kb", cmd_kb, "call stack with the first three arguments"},
    {NULL, NULL, NULL},
};
