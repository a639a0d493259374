/* Frames and their variables, from DWARF: .frame, dv. */
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
    /* frame index is in stack frame index at most; its caller's is the
     * next, whose CFA comes from the one after (an unwind of the whole
     * stack would cost a logpoint's hit most of its time) */
    size_t n = dbg_frames_upto(d, (size_t)index + 16, (size_t)index + 2, &frames);
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

/* .frame /r: the frame's general registers as the unwinder recovered
 * them, in r's layout. Above frame 0 only the callee-saved registers the
 * frame kept (rbx rbp r12-r15), rsp (the CFA) and rip (its return
 * address) are the frame's; the caller-saved ones are lost once a call
 * is made, and show as ?. */
static void print_frame_regs(struct dbg *d, const struct dbg_frame *fr)
{
    static const struct {
        const char *name;
        int dw;
    } rows[6][3] = {
        {{"rax", 0}, {"rbx", 3}, {"rcx", 2}},   {{"rdx", 1}, {"rsi", 4}, {"rdi", 5}},
        {{"rip", 16}, {"rsp", 7}, {"rbp", 6}},  {{" r8", 8}, {" r9", 9}, {"r10", 10}},
        {{"r11", 11}, {"r12", 12}, {"r13", 13}}, {{"r14", 14}, {"r15", 15}, {NULL, 0}},
    };
    const struct sym_regs *r = &fr->f.regs;
    int unknown = 0;
    for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 3 && rows[i][j].name; j++) {
            int n = rows[i][j].dw;
            fprintf(d->out, "%s%s=", j ? " " : "", rows[i][j].name);
            if (r->known & (1u << n)) {
                fprintf(d->out, "%016llx", (unsigned long long)r->r[n]);
            } else {
                fputs("????????????????", d->out);
                unknown++;
            }
        }
        fputc('\n', d->out);
    }
    if (unknown)
        fputs("(? : not saved by this frame: the unwinder cannot recover it)\n", d->out);
    /* the instruction the frame is at: a return address above frame 0 */
    char label[768];
    struct sym_space *sp = eng_syms(d->s);
    if (sp && dbg_describe_code(sp, fr->f.pc, label, sizeof label) >= 0)
        fprintf(d->out, "%s:\n", label);
    dbg_print_insn(d, "", fr->f.pc);
}

/* .frame [/c] [/r] [N]: /r shows the frame's registers; /c makes it the
 * frame and shows them too (WinDbg's override context: here r and @reg
 * keep the thread's own registers). */
static int cmd_frame(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    int regs = 0;
    while (args[0] == '/' && (args[1] == 'r' || args[1] == 'c') &&
           (args[2] == '\0' || args[2] == ' ' || args[2] == '\t')) {
        regs = 1;
        args = dbg_skip(args + 2);
    }
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
    if (regs)
        print_frame_regs(d, &fr);
    return 0;
}

struct dv_ctx {
    struct dbg *d;
    const struct dw_frame *f;
    int verbose;  /* /v: where each one is */
    int types;    /* /t: its type */
    int classify; /* /i: "prv param" or "prv local" */
    int count;
};

static int print_var(void *ctx, const struct dw_var *v)
{
    struct dv_ctx *c = ctx;
    struct strbuf val;
    sb_init(&val);
    dw_format_value(c->f, v->has_type ? (Dwarf_Die *)&v->type : NULL, v, &val);
    /* every variable DWARF gives is private (WinDbg's "prv"): a
     * function's own, not a global */
    if (c->classify)
        fprintf(c->d->out, "prv %-5s  ", v->is_param ? "param" : "local");
    if (c->verbose) {
        char a[FMT_ADDR_LEN];
        if (v->where == DW_WHERE_MEMORY)
            fprintf(c->d->out, "%s ", fmt_addr(a, v->addr));
        else
            fprintf(c->d->out, "%-17s ", v->where == DW_WHERE_VALUE ? "@register" : "<optimized out>");
        if (!c->classify)
            fprintf(c->d->out, "%-5s ", v->is_param ? "prm" : "local");
    }
    struct strbuf name;
    sb_init(&name);
    if (c->types && v->has_type) {
        dw_type_name((Dwarf_Die *)&v->type, &name);
        sb_addc(&name, ' ');
    }
    sb_adds(&name, v->name);
    fprintf(c->d->out, "%15s = %s\n", sb_str(&name), sb_str(&val));
    sb_free(&name);
    sb_free(&val);
    c->count++;
    return 0;
}

static int cmd_dv(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct dv_ctx c = {d, NULL, 0, 0, 0, 0};
    /* /t /v /i, apart or together (/tv) */
    while (*args == '/') {
        const char *q = args + 1;
        for (; *q && *q != ' ' && *q != '\t'; q++) {
            if (*q == 'v')
                c.verbose = 1;
            else if (*q == 't')
                c.types = 1;
            else if (*q == 'i')
                c.classify = 1;
            else
                return lerr_set(&d->err, "Syntax error in 'dv %s': dv [/t] [/v] [/i]", args);
        }
        args = dbg_skip(q);
    }
    if (*args)
        return lerr_set(&d->err, "Syntax error in 'dv %s': dv [/t] [/v] [/i]", args);
    struct dw_frame f;
    if (dbg_frame_context(d, d->frame, &f, NULL) < 0)
        return -1;
    c.f = &f;
    return dw_frame_vars(eng_syms(d->s), &f, print_var, &c, &d->err);
}

const struct cmd_def cmd_locals_table[] = {
    {".frame", cmd_frame, "select a frame for dv and dt: .frame [/r] [/c] N (/r its registers)"},
    {"dv", cmd_dv, "display the parameters and locals of the frame: dv [/t] [/v] [/i]"},
    {NULL, NULL, NULL},
};
