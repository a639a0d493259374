/* Modules and symbols: lm, x, ln */
#include "cmd/dbg.h"
#include "sym/ifunc.h"
#include "sym/wildcard.h"
#include "ui/format.h"

#include <ctype.h>
#include <elf.h>
#include <string.h>

static struct sym_space *need_syms(struct dbg *d)
{
    if (dbg_need_process(d) < 0)
        return NULL;
    return eng_syms(d->s);
}

static const char *symbol_state(struct sym_module *m)
{
    if (!m->indexed)
        return "(deferred)";
    if (!m->nsyms)
        return "(no symbols)";
    if (m->has_dwarf)
        return "(dwarf symbols)";
    return m->has_symtab ? "(elf symbols)" : "(export symbols)";
}

static void print_verbose(struct dbg *d, struct sym_module *m)
{
    char a[FMT_ADDR_LEN];
    sym_module_load(m);
    const unsigned char *bits;
    GElf_Addr vaddr;
    int n = m->dw ? dwfl_module_build_id(m->dw, &bits, &vaddr) : -1;
    fprintf(d->out, "    Image path: %s\n", m->path);
    fprintf(d->out, "    Load bias:  %s\n", fmt_addr(a, m->bias));
    fputs("    Build ID:   ", d->out);
    if (n > 0)
        for (int i = 0; i < n; i++)
            fprintf(d->out, "%02x", bits[i]);
    else
        fputs("none", d->out);
    fputc('\n', d->out);
    if (m->debug_file)
        fprintf(d->out, "    Debug file: %s\n", m->debug_file);
    else if (m->has_dwarf)
        fprintf(d->out, "    Debug file: none needed (DWARF in the image)\n");
    else
        fprintf(d->out, "    Debug file: not found (no DWARF)\n");
    fprintf(d->out, "    Symbols:    %zu %s\n", m->nsyms, symbol_state(m));
}

/* lm [v][f][m PATTERN], the option letters glued to the name too (lmv,
 * lmf, lmvm PATTERN) or in one word after it (lm vm PATTERN), as WinDbg
 * takes them: v details, f the image path instead of the symbol state. */
static int cmd_lm(struct dbg *d, const char *args)
{
    struct sym_space *sp = need_syms(d);
    if (!sp)
        return -1;
    int verbose = 0, paths = 0, pattern = 0;
    const char *name = d->cmd_line && !strncmp(d->cmd_line, "lm", 2) ? d->cmd_line + 2 : "";
    for (; isalpha((unsigned char)*name); name++) {
        verbose |= *name == 'v';
        paths |= *name == 'f';
        pattern |= *name == 'm';
    }
    const char *p = args;
    /* words of option letters (lm v m PATTERN, lm vm PATTERN): v, f, and
     * m, which makes the rest a pattern */
    while (!pattern) {
        size_t n = strspn(p, "vfm");
        if (!n || (p[n] != '\0' && p[n] != ' ' && p[n] != '\t'))
            break;
        for (size_t i = 0; i < n; i++) {
            verbose |= p[i] == 'v';
            paths |= p[i] == 'f';
            pattern |= p[i] == 'm';
        }
        p = dbg_skip(p + n);
    }
    struct wildcard *w = NULL;
    if (pattern) {
        if (!*p)
            return lerr_set(&d->err, "Syntax error: lm m needs a module pattern");
        if (!(w = wildcard_compile(p, &d->err)))
            return -1;
    } else if (*p) {
        return lerr_set(&d->err, "Syntax error in 'lm %s': lm [v][f] [m pattern]", args);
    }
    char a[FMT_ADDR_LEN], b[FMT_ADDR_LEN];
    fprintf(d->out, "start             end                 module name\n");
    for (size_t i = 0; i < sp->n; i++) {
        struct sym_module *m = sp->mods[i];
        if (w && !wildcard_match(w, m->name))
            continue;
        if (verbose)
            sym_module_load(m);
        if (paths)
            fprintf(d->out, "%s %s   %-16s %s\n", fmt_addr(a, m->start), fmt_addr(b, m->end), m->name,
                    m->path);
        else
            fprintf(d->out, "%s %s   %-16s %-18s %s\n", fmt_addr(a, m->start), fmt_addr(b, m->end),
                    m->name, symbol_state(m), m->path);
        if (verbose)
            print_verbose(d, m);
    }
    wildcard_free(w);
    return 0;
}

/* x prints an address once, under its best name, with its other names
 * (aliases) after it: the symbols of one address come one after another. */
struct x_ctx {
    struct dbg *d;
    int verbose;
    size_t count;
    const struct sym_module *mod; /* the address being gathered */
    struct sym_entry best;
    char aliases[512];
};

static int read_target(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct dbg *d = ctx;
    return eng_read(d->s, addr, buf, len, NULL);
}

static void flush_symbol(struct x_ctx *x)
{
    if (!x->mod)
        return;
    const struct sym_entry *s = &x->best;
    const struct sym_module *m = x->mod;
    char a[FMT_ADDR_LEN];
    const char *kind = s->type == STT_FUNC || s->type == STT_GNU_IFUNC ? "func"
                       : s->type == STT_OBJECT || s->type == STT_TLS   ? "data"
                                                                        : "    ";
    if (x->verbose)
        fprintf(x->d->out, "%s %s %8llx %s!%s", kind, fmt_addr(a, s->addr),
                (unsigned long long)s->size, m->name, s->name);
    else
        fprintf(x->d->out, "%s %s!%s", fmt_addr(a, s->addr), m->name, s->name);
    if (s->type == STT_GNU_IFUNC) {
        /* its address is a resolver: say which implementation it chose */
        struct sym_space *sp = eng_syms(x->d->s);
        uint64_t target;
        char impl[512];
        if (sym_ifunc_target(sp, s->addr, read_target, x->d, &target) == 1 &&
            sym_describe(sp, target, impl, sizeof impl) >= 0)
            fprintf(x->d->out, " (indirect function -> %s)", impl);
        else
            fputs(" (indirect function, implementation not chosen yet)", x->d->out);
    }
    if (x->aliases[0])
        fprintf(x->d->out, " (also %s)", x->aliases);
    fputc('\n', x->d->out);
    x->count++;
    x->mod = NULL;
}

static void add_alias(struct x_ctx *x, const char *name)
{
    size_t used = strlen(x->aliases);
    snprintf(x->aliases + used, sizeof x->aliases - used, "%s%s", used ? ", " : "", name);
}

static int print_symbol(void *ctx, const struct sym_module *m, const struct sym_entry *s)
{
    struct x_ctx *x = ctx;
    if (x->mod == m && x->best.addr == s->addr && x->best.type == s->type) {
        if (!strcmp(s->name, x->best.name))
            return 0; /* the same name twice (global and local copies) */
        if (sym_better_name(s, x->best.bind, x->best.name)) {
            add_alias(x, x->best.name);
            x->best = *s;
        } else {
            add_alias(x, s->name);
        }
        return 0;
    }
    flush_symbol(x);
    x->mod = m;
    x->best = *s;
    x->aliases[0] = '\0';
    return 0;
}

/* x [/v] [mod!]pattern: every module when no module is named */
static int cmd_x(struct dbg *d, const char *args)
{
    struct sym_space *sp = need_syms(d);
    if (!sp)
        return -1;
    struct x_ctx x = {d, 0, 0, NULL, {0}, ""};
    const char *p = args;
    if (!strncmp(p, "/v", 2)) {
        x.verbose = 1;
        p = dbg_skip(p + 2);
    }
    if (!*p)
        return lerr_set(&d->err, "Syntax error: x needs a pattern: x [mod!]name*");
    const char *bang = strchr(p, '!');
    struct wildcard *mw = NULL, *sw;
    if (bang) {
        char mod[256];
        snprintf(mod, sizeof mod, "%.*s", (int)(bang - p), p);
        if (!(mw = wildcard_compile(mod, &d->err)))
            return -1;
        p = bang + 1;
    }
    if (!(sw = wildcard_compile(*p ? p : "*", &d->err))) {
        wildcard_free(mw);
        return -1;
    }
    if (mw) {
        int any = 0;
        for (size_t i = 0; i < sp->n && !any; i++)
            any = wildcard_match(mw, sp->mods[i]->name);
        if (!any) {
            wildcard_free(mw);
            wildcard_free(sw);
            return lerr_set_code(&d->err, LERR_NOT_FOUND, "Couldn't resolve error at '%.*s': no module matches",
                            (int)(bang - args), args);
        }
    }
    sym_visit(sp, mw, sw, print_symbol, &x);
    flush_symbol(&x);
    wildcard_free(mw);
    wildcard_free(sw);
    return 0;
}

/* ln addr: the symbols around an address */
static int cmd_ln(struct dbg *d, const char *args)
{
    struct sym_space *sp = need_syms(d);
    if (!sp)
        return -1;
    uint64_t addr;
    if (dbg_address_arg(d, args, &addr) < 0)
        return -1;
    struct sym_near n;
    char a[FMT_ADDR_LEN], b[FMT_ADDR_LEN];
    if (sym_nearest(sp, addr, &n) < 0)
        return lerr_set(&d->err, "No symbol near %s: it is in no module", fmt_addr(a, addr));
    if (!n.before.name) {
        /* in no symbol (past the size of the one before it): the module
         * and offset, as k shows it, and what follows */
        fprintf(d->out, "(%s)   %s+0x%llx", fmt_addr(a, addr), n.mod->name,
                (unsigned long long)(addr - n.mod->start));
        if (n.after.name)
            fprintf(d->out, "   |  (%s)   %s!%s", fmt_addr(b, n.after.addr), n.mod->name, n.after.name);
        fputc('\n', d->out);
        return 0;
    }
    uint64_t off = addr - n.before.addr;
    char here[512];
    if (off)
        snprintf(here, sizeof here, "%s!%s+0x%llx", n.mod->name, n.before.name, (unsigned long long)off);
    else
        snprintf(here, sizeof here, "%s!%s", n.mod->name, n.before.name);
    fprintf(d->out, "(%s)   %s", fmt_addr(a, n.before.addr), here);
    if (n.after.name)
        fprintf(d->out, "   |  (%s)   %s!%s", fmt_addr(b, n.after.addr), n.mod->name, n.after.name);
    fputc('\n', d->out);
    if (!off)
        fprintf(d->out, "Exact matches:\n    %s!%s\n", n.mod->name, n.before.name);
    return 0;
}

const struct cmd_def cmd_symbol_table[] = {
    {"lm", cmd_lm, "list modules: lm [v][f] [m pattern] (v details, f image paths)"},
    {"lmv", cmd_lm, "list modules with details: lmv m name"},
    {"lmf", cmd_lm, "list modules with their image paths"},
    {"lmm", cmd_lm, ""},
    {"lmvm", cmd_lm, ""},
    {"lmfm", cmd_lm, ""},
    {"x", cmd_x, "examine symbols: x [/v] [mod!]pattern (wildcards * ? [] # +)"},
    {"ln", cmd_ln, "list nearest symbols: ln addr"},
    {NULL, NULL, NULL},
};
