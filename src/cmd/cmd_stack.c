/* Call stacks: WinDbg's k family, k[b|p|P|v][c][n][f][L] [FrameCount],
 * one renderer for every combination so that the columns of kn, kf, kb
 * and kv line up the same way wherever they appear together. */
#include "cmd/dbg.h"
#include "sym/dwvars.h"
#include "sym/unwind.h"
#include "ui/format.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FRAMES 4096

static int read_u64(void *ctx, uint64_t addr, uint64_t *v)
{
    struct dbg *d = ctx;
    return eng_read(d->s, addr, v, sizeof *v, NULL);
}

size_t dbg_unwind(struct dbg *d, struct sym_frame *frames, size_t max)
{
    struct eng_thread *t = eng_cur_thread(d->s);
    struct user_regs_struct *r = eng_regs(d->s, t, &d->err);
    struct sym_space *sp = eng_syms(d->s);
    if (!r || !sp)
        return 0;
    struct sym_unwind_source src = {d, read_u64, eng_thread_tid(t), *r};
    return sym_unwind(sp, &src, frames, max);
}

/* What the letters after k asked for. */
struct kopts {
    char kind;   /* 0 plain, 'b' args, 'p' params, 'P' params one per line, 'v' kb + frame info */
    int clean;   /* c: module!function only, no columns */
    int numbered;
    int memory;  /* f: the stack bytes each frame uses */
    int no_lines;
};

/* The parameters of one frame, from DWARF: the first three as numbers (kb)
 * and all of them as "type name = value" text (kp, kP). */
struct args_ctx {
    const struct dw_frame *f;
    struct strbuf *out;
    const char *sep;
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
        sb_addf(c->out, "%s%s %s = ", c->n ? c->sep : "", sb_str(&t), v->name);
        dw_format_value(c->f, v->has_type ? (Dwarf_Die *)&v->type : NULL, v, c->out);
        sb_free(&t);
    }
    c->n++;
    return 0;
}

/* The call site: "mod!fn+0x1a", with c only "mod!fn", with p or P the
 * parameters between the name and the offset as WinDbg puts them. */
static void print_site(struct dbg *d, const struct kopts *o, const struct dbg_frame *fr,
                       const struct strbuf *params, int have_params)
{
    char site[512];
    dbg_frame_site(d, fr, site, sizeof site);
    char *plus = strstr(site, "+0x");
    int name_len = plus ? (int)(plus - site) : (int)strlen(site);
    const char *off = o->clean || !plus ? "" : plus;
    if ((o->kind == 'p' || o->kind == 'P') && have_params) {
        const char *open = o->kind == 'P' && params->len ? "(\n\t\t\t" : "(";
        fprintf(d->out, "%.*s%s%s)%s", name_len, site, open, sb_str(params), off);
    } else {
        fprintf(d->out, "%.*s%s", name_len, site, off);
    }
}

/* The next stack frame out of frames[i] (not an inlined call in it). */
static const struct dbg_frame *outer_frame(const struct dbg_frame *frames, size_t n, size_t i)
{
    for (size_t j = i + 1; j < n; j++)
        if (frames[j].stack_index == frames[i].stack_index + 1)
            return &frames[j];
    return NULL;
}

/* kv's frame information, adapted: where WinDbg names FPO data and trap
 * frames, a Linux stack has inlined calls and signal frames. The unwinder
 * marks both the sigreturn trampoline (__restore_rt) and the frame the
 * signal interrupted as exact (activation) frames; the trampoline is the
 * one whose caller is exact too. The interrupted registers (the ucontext's
 * mcontext, a struct sigcontext) are at the trampoline's stack pointer +
 * 0x28: the handler returns into the trampoline with the rt_sigframe's
 * ucontext at its stack pointer. */
static void print_frame_info(struct dbg *d, const struct dbg_frame *frames, size_t n, size_t i)
{
    const struct dbg_frame *fr = &frames[i], *out = outer_frame(frames, n, i);
    char a[FMT_ADDR_LEN];
    if (fr->is_inline)
        fputs(" (Inline Function)", d->out);
    else if (fr->f.activation && fr->stack_index > 0 && out && out->f.activation)
        fprintf(d->out, " (Signal trampoline: sigcontext @ %s)", fmt_addr(a, fr->f.sp + 0x28));
    else if (fr->f.activation && fr->stack_index > 0 && fr->skip == 0)
        fputs(" (Interrupted by a signal)", d->out);
}

/* The stack pointer of the stack frame before frames[i] (the inner one),
 * for kf; 0 when there is none. */
static uint64_t inner_sp(const struct dbg_frame *frames, size_t i)
{
    for (size_t j = i; j-- > 0;)
        if (frames[j].stack_index + 1 == frames[i].stack_index && !frames[j].is_inline)
            return frames[j].f.sp;
    return 0;
}

static void print_header(struct dbg *d, const struct kopts *o)
{
    if (o->numbered)
        fputs(" # ", d->out);
    if (o->memory)
        fputs("  Memory  ", d->out);
    if (!o->clean) {
        fputs("Child-SP          RetAddr               ", d->out);
        if (o->kind == 'b' || o->kind == 'v')
            fputs(": Args to Child                                          : ", d->out);
    }
    fputs("Call Site\n", d->out);
}

static int run_k(struct dbg *d, const struct kopts *o, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    uint64_t count = 20;
    const char *p = args;
    if (dbg_is_length(d, p))
        p = dbg_skip(p + 1);
    if (*p) {
        if (dbg_eval(d, &p, &count) < 0)
            return -1;
        if (*p)
            return lerr_set(&d->err, "Syntax error at '%s'", p);
        if (count == 0 || count > MAX_FRAMES)
            return lerr_set(&d->err, "Range error: between 1 and %d frames", MAX_FRAMES);
    }
    int want_args = o->kind != 0;
    /* parameters need each frame's caller: a few frames more than shown */
    struct dbg_frame *frames;
    size_t all = dbg_frames(d, (size_t)count + (want_args ? 16 : 0), &frames);
    size_t n = all < count ? all : (size_t)count;
    if (n == 0) {
        free(frames);
        return -1;
    }
    struct sym_space *sp = eng_syms(d->s);
    int saved_lines = d->lines;
    if (o->no_lines)
        d->lines = 0;
    print_header(d, o);
    char a[FMT_ADDR_LEN], cols[64];
    for (size_t i = 0; i < n; i++) {
        const struct dbg_frame *fr = &frames[i];
        struct strbuf params;
        sb_init(&params);
        struct args_ctx c = {NULL, &params, o->kind == 'P' ? ", \n\t\t\t" : ", ", 0, {0}, {0}};
        int have = 0;
        if (want_args) {
            struct dw_frame f;
            struct lerr ignore;
            dbg_dw_frame(d, frames, all, i, &f);
            c.f = &f;
            have = dw_frame_vars(sp, &f, collect_param, &c, &ignore) == 0;
        }
        if (o->numbered)
            fprintf(d->out, "%02zx ", i);
        if (o->memory) {
            uint64_t prev = fr->is_inline ? 0 : inner_sp(frames, i);
            if (prev && fr->f.sp >= prev)
                fprintf(d->out, "%8llx  ", (unsigned long long)(fr->f.sp - prev));
            else
                fputs("          ", d->out);
        }
        if (!o->clean) {
            dbg_frame_columns(fr, cols, sizeof cols);
            fprintf(d->out, "%s     ", cols);
            if (o->kind == 'b' || o->kind == 'v') {
                fputs(": ", d->out);
                for (int k = 0; k < 3; k++)
                    fprintf(d->out, "%s ", fr->is_inline ? "--------`--------"
                                           : c.known[k]  ? fmt_addr(a, c.first[k])
                                                         : "????????`????????");
                fputs(": ", d->out);
            }
        }
        print_site(d, o, fr, &params, have);
        if (o->kind == 'v')
            print_frame_info(d, frames, all, i);
        dbg_print_frame_line_info(d, fr);
        fputc('\n', d->out);
        sb_free(&params);
    }
    d->lines = saved_lines;
    free(frames);
    return 0;
}

/* Every name of the family comes here; the letters after `k` in the name
 * the dispatcher matched are the options. */
static int cmd_k(struct dbg *d, const char *args)
{
    struct kopts o = {0};
    const char *name = d->cmd_line ? d->cmd_line : "k";
    const char *q = name + 1;
    if (*q == 'b' || *q == 'p' || *q == 'P' || *q == 'v')
        o.kind = *q++;
    for (; isalpha((unsigned char)*q); q++) {
        if (*q == 'c')
            o.clean = 1;
        else if (*q == 'n')
            o.numbered = 1;
        else if (*q == 'f')
            o.memory = 1;
        else if (*q == 'L')
            o.no_lines = 1;
    }
    return run_k(d, &o, args);
}

/* The names WinDbg accepts: k[b|p|P|v][c][n][f][L], its letters in that
 * order. Only the first of each kind says what it does in .help. */
#define K(name) {name, cmd_k, ""}
#define KFLAGS(k, help)                                                                            \
    {k, cmd_k, help}, K(k "c"), K(k "n"), K(k "f"), K(k "L"), K(k "cn"), K(k "cf"), K(k "cL"),     \
        K(k "nf"), K(k "nL"), K(k "fL"), K(k "cnf"), K(k "cnL"), K(k "cfL"), K(k "nfL"), K(k "cnfL")

const struct cmd_def cmd_stack_table[] = {
    KFLAGS("k", "call stack: k[b|p|P|v][c][n][f][L] [frames] (c call sites only, n numbers, "
                "f frame sizes, L no source lines)"),
    KFLAGS("kb", "call stack with the first three arguments"),
    KFLAGS("kp", "call stack with parameters and their values"),
    KFLAGS("kP", "call stack with parameters, one per line"),
    KFLAGS("kv", "as kb, with frame information (inlined calls, signal frames)"),
    {NULL, NULL, NULL},
};
