#include "ui/complete_dbg.h"
#include "arch/x86_64/regs.h"
#include "expr/expr.h"
#include "sym/symnames.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static void add_name(void *ctx, const char *name) { cpl_add(ctx, name); }

static int add_sym(void *ctx, const char *name)
{
    cpl_add(ctx, name);
    return 0;
}

static void symbols(struct dbg *d, const char *scope, size_t slen, const char *prefix,
                    size_t plen, struct cpl_names *out)
{
    struct sym_space *sp = eng_syms(d->s);
    if (!sp)
        return;
    for (size_t i = 0; i < sp->n; i++) {
        struct sym_module *m = sp->mods[i];
        if (slen && (strlen(m->name) != slen || strncasecmp(m->name, scope, slen) != 0))
            continue;
        sym_names_with_prefix(m, prefix, plen, add_sym, out);
    }
}

/* WinDbg's pseudo-registers; those the evaluator answers (a value or an
 * error such as "no process", but not "unknown") are offered, so that
 * this list need not follow the evaluator's. */
static void pseudo_registers(struct dbg *d, const char *prefix, size_t plen,
                             struct cpl_names *out)
{
    static const char *const names[] = {
        "$ip",    "$ra",      "$csp",    "$exentry", "$retreg", "$retreg64", "$exp",
        "$tid",   "$tpid",    "$teb",    "$peb",     "$proc",   "$thread",   "$ptrsize",
        "$pagesize", "$ea",   "$ea2",    "$p",       "$callret", "$scopeip", "$frame",
        "$dbgtime", "$bug_code", "$mod",  "$pid",
    };
    struct expr_env env;
    dbg_expr_env(d, &env);
    const size_t nfixed = sizeof names / sizeof names[0];
    char buf[16];
    for (size_t i = 0; i < nfixed + 20; i++) {
        const char *n = buf;
        if (i < nfixed)
            n = names[i];
        else
            snprintf(buf, sizeof buf, "$t%zu", i - nfixed); /* $t0..$t19 */
        if (strncasecmp(n, prefix, plen) != 0)
            continue;
        uint64_t v;
        struct lerr e = {0};
        if (env.reg && env.reg(env.ctx, n, strlen(n), &v, &e) != 0)
            cpl_add(out, n);
    }
}

static void registers(const char *prefix, size_t plen, struct cpl_names *out)
{
    const struct x86_reg *r;
    for (size_t i = 0; (r = x86_reg_at(i)); i++)
        if (!strncasecmp(r->name, prefix, plen))
            cpl_add(out, r->name);
}

static void files(const char *scope, size_t slen, const char *prefix, size_t plen,
                  struct cpl_names *out)
{
    char *dir;
    const char *home = getenv("HOME");
    if (slen >= 2 && scope[0] == '~' && scope[1] == '/' && home) {
        size_t hl = strlen(home);
        dir = xmalloc(hl + slen);
        memcpy(dir, home, hl);
        memcpy(dir + hl, scope + 1, slen - 1);
        dir[hl + slen - 1] = '\0';
    } else {
        dir = slen ? xstrndup(scope, slen) : xstrdup(".");
    }
    DIR *dh = opendir(dir);
    struct dirent *de;
    while (dh && (de = readdir(dh))) {
        const char *n = de->d_name;
        if (!strcmp(n, ".") || !strcmp(n, "..") || strncmp(n, prefix, plen) != 0)
            continue;
        if (n[0] == '.' && (plen == 0 || prefix[0] != '.'))
            continue; /* hidden, as bash hides them */
        int isdir = de->d_type == DT_DIR;
        if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
            struct stat st;
            char *path = xmalloc(strlen(dir) + strlen(n) + 2);
            sprintf(path, "%s/%s", dir, n);
            isdir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
            free(path);
        }
        if (isdir) {
            char *s = xmalloc(strlen(n) + 2);
            sprintf(s, "%s/", n);
            cpl_add(out, s);
            free(s);
        } else {
            cpl_add(out, n);
        }
    }
    if (dh)
        closedir(dh);
    free(dir);
}

static void names(void *ctx, enum cpl_what what, const char *scope, size_t slen,
                  const char *prefix, size_t plen, struct cpl_names *out)
{
    struct dbg *d = ctx;
    switch (what) {
    case CPL_COMMAND:
        dbg_command_names(prefix, plen, add_name, out);
        break;
    case CPL_SYMBOL:
        symbols(d, scope, slen, prefix, plen, out);
        break;
    case CPL_MODULE:
        if (eng_syms(d->s))
            sym_modules_with_prefix(eng_syms(d->s), prefix, plen, add_sym, out);
        break;
    case CPL_REGISTER:
        registers(prefix, plen, out);
        break;
    case CPL_PSEUDO:
        pseudo_registers(d, prefix, plen, out);
        break;
    case CPL_FILE:
        files(scope, slen, prefix, plen, out);
        break;
    }
}

void cpl_dbg_source(struct dbg *d, struct cpl_source *src)
{
    src->ctx = d;
    src->names = names;
}
