/* `r`: the register dump, single registers (`r rax`, `r eax, zf`),
 * assignments (`r rax=5`, `r $t0=@rsp+8`), debug registers and the xmm
 * registers of the FP/vector set. */
#include "arch/x86_64/regs.h"
#include "cmd/dbg.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static size_t name_len(const char *p)
{
    size_t n = 0;
    if (p[0] == '@')
        n = 1;
    while (isalnum((unsigned char)p[n]) || p[n] == '$' || p[n] == '_')
        n++;
    return n;
}

static int xmm_index(const char *name, size_t len)
{
    if (len < 4 || len > 5 || strncasecmp(name, "xmm", 3) != 0)
        return -1; /* xmm0..xmm15: more digits would overflow, and mean nothing */
    int i = 0;
    for (size_t k = 3; k < len; k++) {
        if (!isdigit((unsigned char)name[k]))
            return -1;
        i = i * 10 + (name[k] - '0');
    }
    return i < 16 ? i : -1;
}

static int tn_index(const char *name, size_t len)
{
    if (len < 3 || len > 4 || name[0] != '$' || tolower((unsigned char)name[1]) != 't')
        return -1; /* $t0..$t19 */
    int i = 0;
    for (size_t k = 2; k < len; k++) {
        if (!isdigit((unsigned char)name[k]))
            return -1;
        i = i * 10 + (name[k] - '0');
    }
    return i < 20 ? i : -1;
}

static int show_one(struct dbg *d, const char *name, size_t len)
{
    const char *n = name;
    if (*n == '@') {
        n++;
        len--;
    }
    int xi = xmm_index(n, len);
    if (xi >= 0) {
        struct user_fpregs_struct fp;
        if (dbg_need_process(d) < 0 || eng_get_fpregs(d->s, eng_cur_thread(d->s), &fp, &d->err) < 0)
            return -1;
        const unsigned *x = fp.xmm_space + 4 * xi;
        fprintf(d->out, "xmm%d=%08x%08x%08x%08x", xi, x[3], x[2], x[1], x[0]);
        return 0;
    }
    struct expr_env env;
    dbg_expr_env(d, &env);
    uint64_t v;
    if (n[0] == '$') {
        int r = env.reg(env.ctx, n, len, &v, &d->err);
        if (r <= 0)
            return r < 0 ? -1 : lerr_set(&d->err, "Bad register error at '%.*s'", (int)len, n);
        fprintf(d->out, "%.*s=%016llx", (int)len, n, (unsigned long long)v);
        return 0;
    }
    const struct x86_reg *reg = x86_reg_lookupn(n, len);
    if (!reg)
        return lerr_set(&d->err, "Bad register error at '%.*s'", (int)len, n);
    if (env.reg(env.ctx, n, len, &v, &d->err) < 0)
        return -1;
    if (reg->kind == X86_REG_FLAG)
        fprintf(d->out, "%s=%llu", reg->name, (unsigned long long)v);
    else
        fprintf(d->out, "%s=%0*llx", reg->name, (int)reg->width * 2, (unsigned long long)v);
    return 0;
}

static int assign(struct dbg *d, const char *name, size_t len, uint64_t v)
{
    const char *n = name;
    if (*n == '@') {
        n++;
        len--;
    }
    int ti = tn_index(n, len);
    if (ti >= 0) {
        d->t_regs[ti] = v;
        return 0;
    }
    if (dbg_need_process(d) < 0 || eng_check_live(d->s, "be written", &d->err) < 0)
        return -1;
    const struct x86_reg *reg = x86_reg_lookupn(n, len);
    if (!reg)
        return lerr_set(&d->err, "Bad register error at '%.*s'", (int)len, n);
    struct eng_thread *t = eng_cur_thread(d->s);
    if (reg->kind == X86_REG_DR)
        return eng_set_dreg(d->s, t, (int)reg->index, v, &d->err);
    struct user_regs_struct *r = eng_regs(d->s, t, &d->err);
    if (!r)
        return -1;
    uint64_t ip = r->rip;
    x86_reg_set(reg, r, v);
    eng_regs_changed(t, ip);
    return 0;
}

static int cmd_r(struct dbg *d, const char *args)
{
    const char *p = args;
    if (!*p)
        return dbg_print_registers(d);
    if (!strcmp(p, "$") || !strcmp(p, "@$"))
        return dbg_list_pseudo_regs(d);
    if (!strncmp(p, "$.u", 3) && p[3] >= '0' && p[3] <= '9') /* a fixed-name alias */
        return dbg_set_fixed_alias(d, p);
    int printed = 0, rc = 0;
    while (*p && rc == 0) {
        size_t len = name_len(p);
        if (len == 0 || (len == 1 && p[0] == '@')) {
            rc = lerr_set(&d->err, "Syntax error at '%s'", p);
            break;
        }
        const char *name = p;
        p = dbg_skip(p + len);
        if (*p == '=') {
            p = dbg_skip(p + 1);
            uint64_t v;
            if (dbg_eval(d, &p, &v) < 0 || assign(d, name, len, v) < 0)
                rc = -1;
        } else {
            if (printed)
                fputc(' ', d->out);
            rc = show_one(d, name, len);
            printed = rc == 0;
        }
        if (*p == ',')
            p = dbg_skip(p + 1);
        else if (*p && rc == 0)
            rc = lerr_set(&d->err, "Syntax error at '%s'", p);
    }
    if (printed)
        fputc('\n', d->out);
    return rc;
}

const struct cmd_def cmd_register_table[] = {
    {"r", cmd_r, "registers: r, r rax, r rax=5, r $t0=expr, r dr7, r xmm0, r $ (the pseudo-registers: $tid $teb $peb...)"},
    {NULL, NULL, NULL},
};
