/* WinDbg's pseudo-registers that say where the target stands, on Linux:
 * $tid and $tpid (thread and process ids), $teb / $thread (the thread
 * pointer, fs_base: the TCB glibc's TLS hangs on, as the TEB is on
 * Windows), $peb / $proc (the loader's struct r_debug: where its list of
 * modules starts, as the PEB's loader data does), $retreg, $ptrsize,
 * $pagesize and $exp (the last value `?` printed). `r $` lists them with
 * the ones eval.c computes ($ip, $ra, $csp, $exentry, $t0..$t19). */
#include "cmd/dbg.h"
#include "sym/symbols.h"

#include <elf.h>
#include <string.h>
#include <strings.h>

static int cur_regs(struct dbg *d, struct user_regs_struct **r, struct lerr *e)
{
    if (dbg_need_process_err(d, e) < 0)
        return -1;
    *r = eng_regs(d->s, eng_cur_thread(d->s), e);
    return *r ? 0 : -1;
}

int dbg_pseudo_reg(struct dbg *d, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
#define IS(lit) (len == sizeof(lit) - 1 && strncasecmp(name, lit, len) == 0)
    if (IS("$ptrsize")) {
        *v = 8;
        return 1;
    }
    if (IS("$exp")) {
        *v = d->last_exp; /* 0 until `?` evaluated one, as $t0 starts */
        return 1;
    }
    int regs = IS("$teb") || IS("$thread") || IS("$retreg") || IS("$retreg64");
    int proc = IS("$tid") || IS("$tpid") || IS("$peb") || IS("$proc") || IS("$pagesize");
    if (!regs && !proc)
        return 0;
    if (regs) {
        struct user_regs_struct *r = NULL; /* set by cur_regs unless it fails */
        if (cur_regs(d, &r, e) < 0)
            return -1;
        *v = name[1] == 'r' || name[1] == 'R' ? r->rax : r->fs_base;
        return 1;
    }
    if (dbg_need_process_err(d, e) < 0)
        return -1;
    struct eng_process *p = eng_cur_process(d->s);
    if (IS("$tid")) {
        *v = (uint64_t)eng_thread_tid(eng_cur_thread(d->s));
    } else if (IS("$tpid")) {
        *v = (uint64_t)eng_proc_pid(p);
    } else if (IS("$pagesize")) {
        *v = eng_auxv_entry(d->s, p, AT_PAGESZ);
        if (!*v)
            *v = 0x1000; /* no auxiliary vector (a core without one) */
    } else {
        *v = eng_proc_r_debug(p);
        /* a static program has no loader to report it, but glibc keeps
         * its own r_debug there too */
        struct sym_space *sp = eng_syms(d->s);
        struct lerr quiet = {0};
        if (!*v && sp && sym_lookup(sp, "_r_debug", 8, v, &quiet) != 1)
            *v = 0;
        if (!*v)
            return lerr_set_code(e, LERR_NOT_FOUND,
                                 "Couldn't resolve %.*s: the loader's r_debug is not known "
                                 "(a static program?)",
                                 (int)len, name);
    }
    return 1;
#undef IS
}

/* `r $`: every pseudo-register that has a value now, one a line, as `r`
 * shows one ($tid=...); the $t registers only once set, as they are
 * the user's. */
int dbg_list_pseudo_regs(struct dbg *d)
{
    static const char *const names[] = {"$ip",   "$ra",   "$csp",     "$retreg",  "$exentry",
                                        "$tid",  "$tpid", "$teb",     "$peb",     "$thread",
                                        "$proc", "$exp",  "$ptrsize", "$pagesize"};
    struct expr_env env;
    dbg_expr_env(d, &env);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        uint64_t v;
        struct lerr ignore;
        if (env.reg(env.ctx, names[i], strlen(names[i]), &v, &ignore) == 1)
            fprintf(d->out, "%s=%016llx\n", names[i], (unsigned long long)v);
    }
    for (int i = 0; i < 20; i++)
        if (d->t_regs[i])
            fprintf(d->out, "$t%d=%016llx\n", i, (unsigned long long)d->t_regs[i]);
    return 0;
}
