/* Call stacks: k, kn (frame numbers), with a frame count. */
#include "cmd/dbg.h"
#include "sym/unwind.h"
#include "ui/format.h"
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

static int do_k(struct dbg *d, const char *args, int numbered)
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
    struct dbg_frame *frames;
    size_t n = dbg_frames(d, (size_t)count, &frames);
    if (n == 0) {
        free(frames);
        return -1;
    }
    fprintf(d->out, "%sChild-SP          RetAddr               Call Site\n", numbered ? " # " : "");
    char cols[64], site[512];
    for (size_t i = 0; i < n; i++) {
        dbg_frame_site(d, &frames[i], site, sizeof site);
        dbg_frame_columns(&frames[i], cols, sizeof cols);
        if (numbered)
            fprintf(d->out, "%02zx ", i);
        fprintf(d->out, "%s     %s", cols, site);
        dbg_print_frame_line_info(d, &frames[i]);
        fputc('\n', d->out);
    }
    free(frames);
    return 0;
}

static int cmd_k(struct dbg *d, const char *args) { return do_k(d, args, 0); }
static int cmd_kn(struct dbg *d, const char *args) { return do_k(d, args, 1); }

const struct cmd_def cmd_stack_table[] = {
    {"k", cmd_k, "call stack: k [frames]"},
    {"kn", cmd_kn, "call stack with frame numbers: kn [frames]"},
    {NULL, NULL, NULL},
};
