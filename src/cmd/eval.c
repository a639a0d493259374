/* The expression environment of the command layer: registers of the
 * current thread, pseudo-registers, memory of the current process. */
#include "arch/x86_64/regs.h"
#include "sym/dwvars.h"
#include "sym/unwind.h"
#include "cmd/dbg.h"

#include <ctype.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int pseudo_reg(struct dbg *d, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
#define IS(lit) (len == sizeof(lit) - 1 && strncasecmp(name, lit, len) == 0)
    if (len >= 3 && (name[1] == 't' || name[1] == 'T') && name[2] >= '0' && name[2] <= '9') {
        char *end;
        char num[8] = {0};
        memcpy(num, name + 2, len - 2 < 7 ? len - 2 : 7);
        unsigned long i = strtoul(num, &end, 10);
        if (*end == '\0' && i < 20) {
            *v = d->t_regs[i];
            return 1;
        }
    }
    if (len > 3 && !strncasecmp(name, "$bp", 3)) {
        char num[16] = {0};
        memcpy(num, name + 3, len - 3 < 15 ? len - 3 : 15);
        char *end;
        unsigned long id = strtoul(num, &end, 10);
        if (*end == '\0') {
            struct bp *b = bp_find(&d->bpm.bps, (unsigned)id);
            if (!b)
                return lerr_set(e, "Breakpoint %lu does not exist ($bp%lu)", id, id);
            if (!b->nlocs)
                return lerr_set(e, "Breakpoint %lu is not resolved: it has no address", id);
            *v = b->locs[0].addr;
            return 1;
        }
    }
    if (IS("$exentry")) {
        if (dbg_need_process_err(d, e) < 0)
            return -1;
        *v = eng_auxv_entry(d->s, eng_cur_process(d->s), AT_ENTRY);
        return 1;
    }
    if (!IS("$ip") && !IS("$csp") && !IS("$ra"))
        return dbg_pseudo_reg(d, name, len, v, e);
    if (dbg_need_process_err(d, e) < 0)
        return -1;
    struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), e);
    if (!r)
        return -1;
    if (IS("$ip")) {
        *v = r->rip;
    } else if (IS("$csp")) {
        *v = r->rsp;
    } else {
        /* the current frame's return address, from the unwinder (CFI):
         * right at a function's first instruction, after its prologue and
         * in a leaf without a frame pointer alike */
        struct sym_frame f[64];
        /* (frames count inlined calls: an inlined call returns where the
         * stack frame it is in returns) */
        struct dbg_frame *all;
        size_t nall = dbg_frames(d, (size_t)d->frame + 1, &all);
        size_t want = nall > (size_t)d->frame ? all[d->frame].stack_index + 2 : 65;
        free(all);
        if (want > 64 || dbg_unwind(d, f, want) < want)
            return lerr_set_code(e, LERR_NOT_FOUND, "Couldn't resolve $ra: frame %d has no caller", d->frame);
        *v = f[want - 1].pc;
    }
    return 1;
#undef IS
}

static int env_reg(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
    struct dbg *d = ctx;
    if (len && name[0] == '$')
        return pseudo_reg(d, name, len, v, e);
    const struct x86_reg *reg = x86_reg_lookupn(name, len);
    if (!reg)
        return 0;
    if (dbg_need_process_err(d, e) < 0)
        return -1;
    struct eng_thread *t = eng_cur_thread(d->s);
    if (reg->kind == X86_REG_DR)
        return eng_get_dreg(d->s, t, (int)reg->index, v, e) < 0 ? -1 : 1;
    struct user_regs_struct *r = eng_regs(d->s, t, e);
    if (!r)
        return -1;
    *v = x86_reg_get(reg, r);
    return 1;
}

struct local_query {
    char name[128];
    const struct dw_frame *f;
    uint64_t value;
    int found;
};

static int match_local(void *ctx, const struct dw_var *v)
{
    struct local_query *q = ctx;
    /* the innermost scope comes last: the last match wins, even when its
     * value is not known (the outer one it hides is not the one meant) */
    if (!strcmp(v->name, q->name))
        q->found = dw_var_scalar(q->f, v, &q->value) == 0;
    return 0;
}

static int read_mem(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct dbg *d = ctx;
    return eng_read(d->s, addr, buf, len, NULL);
}

/* A parameter or local of the current thread's innermost frame, by its
 * DWARF name (`bp /w "i == 5" work`): its value, when it is a scalar. */
static int dwarf_local(struct dbg *d, const char *name, size_t len, uint64_t *v)
{
    struct eng_thread *t = eng_cur_thread(d->s);
    struct user_regs_struct *r = t ? eng_regs(d->s, t, NULL) : NULL;
    struct sym_space *sp = eng_syms(d->s);
    if (!r || !sp || len >= sizeof(((struct local_query *)0)->name))
        return 0;
    struct sym_frame frames[3];
    size_t n = dbg_unwind(d, frames, 3);
    struct dw_frame f;
    dw_frame_from_stack(&f, frames, n, 0, read_mem, d);
    struct local_query q = {{0}, &f, 0, 0};
    memcpy(q.name, name, len);
    struct lerr ignore;
    if (dw_frame_vars(sp, &f, match_local, &q, &ignore) < 0 || !q.found)
        return 0;
    *v = q.value;
    return 1;
}

static int env_symbol(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
    struct dbg *d = ctx;
    struct sym_space *sp = eng_syms(d->s);
    int r = sp ? sym_lookup(sp, name, len, v, e) : 0;
    if (r == 0 && sp && !memchr(name, '!', len) && name[0] != '`')
        r = dwarf_local(d, name, len, v);
    return r;
}

static int env_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct dbg *d = ctx;
    return eng_read(d->s, addr, buf, len, NULL);
}

static int env_cexpr(void *ctx, const char *s, size_t len, uint64_t *v, struct lerr *e)
{
    return dbg_cexpr_value(ctx, s, len, v, e);
}

void dbg_expr_env(struct dbg *d, struct expr_env *env)
{
    memset(env, 0, sizeof *env);
    env->ctx = d;
    env->radix = d->radix;
    env->reg = env_reg;
    env->read = env_read;
    env->symbol = env_symbol;
    env->cexpr = env_cexpr;
}

int dbg_current_ip(struct dbg *d, uint64_t *ip)
{
    struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), &d->err);
    if (!r)
        return -1;
    *ip = r->rip;
    return 0;
}

int dbg_address_arg(struct dbg *d, const char *args, uint64_t *addr)
{
    if (!*args)
        return dbg_current_ip(d, addr);
    if (dbg_eval(d, &args, addr) < 0)
        return -1;
    if (*args)
        return lerr_set(&d->err, "Syntax error at '%s'", args);
    return 0;
}

int dbg_eval(struct dbg *d, const char **p, uint64_t *out)
{
    struct expr_env env;
    dbg_expr_env(d, &env);
    const char *end;
    if (expr_eval(&env, *p, &end, out, &d->err) < 0)
        return -1;
    *p = dbg_skip(end);
    return 0;
}

/* `L8`, `L 8`, `L?8`, `L-8`: a length, unless the word is a name (`leaf`). */
int dbg_is_length(struct dbg *d, const char *p)
{
    if (*p != 'l' && *p != 'L')
        return 0;
    if (p[1] == '?' || p[1] == '-' || p[1] == ' ' || p[1] == '\t' || p[1] == '(' ||
        p[1] == '@')
        return 1;
    size_t n = 1;
    if (p[1] == '0' && p[2] && strchr("xXnNtTyY", p[2]))
        n = 3; /* a radix prefix: L0x130, L0n20 */
    size_t digits = n;
    while (isxdigit((unsigned char)p[n]) || p[n] == '`')
        n++;
    if (n == digits || (p[n] && p[n] != ' ' && p[n] != '\t'))
        return 0; /* `lm`, `leaf!x`, `l_name`: not a number after the L */
    struct expr_env env;
    dbg_expr_env(d, &env);
    uint64_t v;
    return env.symbol(env.ctx, p, n, &v, NULL) != 1;
}
