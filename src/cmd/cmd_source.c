/* Source: .lines and l+l/l-l (line information shown), l+t/l-t (p and t
 * step source lines), ls and lsa (list the source around a place),
 * .srcpath and .srcsubst (where the files are when not where DWARF says). */
#include "cmd/dbg.h"
#include "sym/debugpaths.h"
#include "sym/lines.h"
#include "ui/format.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static int cmd_lines(struct dbg *d, const char *args)
{
    if (!strcmp(args, "-e"))
        d->lines = 1;
    else if (!strcmp(args, "-d"))
        d->lines = 0;
    else if (!*args || !strcmp(args, "-t"))
        d->lines = !d->lines;
    else
        return lerr_set(&d->err, "Syntax error in '.lines %s': .lines [-e|-d|-t]", args);
    fprintf(d->out, "Line number information will be %s\n", d->lines ? "loaded" : "ignored");
    return 0;
}

/* l+l l-l l+t l-t l+s l-s */
static int cmd_l(struct dbg *d, const char *args)
{
    if ((args[0] != '+' && args[0] != '-') || !args[1] || args[2])
        return lerr_set(&d->err, "Syntax error in 'l%s': l+l, l-l, l+t, l-t, l+s, l-s", args);
    int on = args[0] == '+';
    switch (args[1]) {
    case 'l': d->lines = on; break;
    case 't': d->source_mode = on; break;
    case 's': d->show_source = on; break;
    default:
        return lerr_set(&d->err, "Syntax error in 'l%s': l+l, l-l, l+t, l-t, l+s, l-s", args);
    }
    fprintf(d->out, "Source options are %x:\n", (d->lines ? 1 : 0) | (d->source_mode ? 2 : 0) |
                                                 (d->show_source ? 4 : 0));
    if (d->lines)
        fputs("     1/l - Line numbers\n", d->out);
    if (d->source_mode)
        fputs("     2/t - Step/trace by source line\n", d->out);
    if (d->show_source)
        fputs("     4/s - List source at prompt\n", d->out);
    return 0;
}

/* Prints lines [first, first+count) of file, marking `mark`. */
static int list_file(struct dbg *d, const char *file, int first, int count, int mark)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return lerr_set(&d->err, "Couldn't open source file %s", file);
    char line[4096];
    int n = 0, shown = 0;
    if (first < 1)
        first = 1;
    while (fgets(line, sizeof line, f) && n < first + count - 1) {
        n++;
        if (n < first)
            continue;
        line[strcspn(line, "\n")] = '\0';
        fprintf(d->out, "%c%5d: %s\n", n == mark ? '>' : ' ', n, line);
        shown++;
    }
    fclose(f);
    if (file != d->src_file)
        snprintf(d->src_file, sizeof d->src_file, "%s", file);
    d->src_next = n + 1;
    if (!shown)
        return lerr_set(&d->err, "No line %d in %s", first, file);
    return 0;
}

/* The line of an address, as a place to list or show. */
static int line_of(struct dbg *d, uint64_t addr, struct sym_line *l)
{
    struct sym_space *sp = eng_syms(d->s);
    char a[FMT_ADDR_LEN];
    if (!sp || sym_line_at(sp, addr, l) < 0)
        return lerr_set(&d->err, "No line information for %s", fmt_addr(a, addr));
    return 0;
}

int dbg_source_file(struct dbg *d, const struct sym_line *l, char *out, size_t size)
{
    if (sym_src_find(&d->srcpath, l->file, l->rel, out, size) == 0)
        return 0;
    /* not on this machine: the module's debuginfod servers may have it */
    struct sym_space *sp = eng_syms(d->s);
    struct sym_module *m = sp ? sym_module_at(sp, l->addr) : NULL;
    if (m && m->dw && sym_debug_find_source(sp->dwfl, m->dw, m->name, l->file, out, size) == 0)
        return 0;
    return lerr_set(&d->err, "Couldn't find source file %s (not there, nor through .srcsubst or "
                    "under .srcpath)", l->file);
}

/* lsa addr: the lines around the one of addr */
static int cmd_lsa(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    uint64_t addr;
    if (dbg_address_arg(d, args, &addr) < 0)
        return -1;
    struct sym_line l;
    char path[4096];
    if (line_of(d, addr, &l) < 0 || dbg_source_file(d, &l, path, sizeof path) < 0)
        return -1;
    return list_file(d, path, l.line - 5, 10, l.line);
}

/* ls [first] [count]: go on listing the current file */
static int cmd_ls(struct dbg *d, const char *args)
{
    if (!d->src_file[0])
        return lerr_set(&d->err, "No current source file: lsa ADDRESS lists one");
    uint64_t first = (uint64_t)d->src_next, count = 10;
    if (*args && dbg_eval(d, &args, &first) < 0)
        return -1;
    if (*args && dbg_eval(d, &args, &count) < 0)
        return -1;
    if (count == 0 || count > 100000)
        return lerr_set(&d->err, "Range error: a count between 1 and 100000");
    return list_file(d, d->src_file, (int)first, (int)count, 0);
}

/* .srcpath[+] [dir;dir...] */
static int cmd_srcpath(struct dbg *d, const char *args)
{
    int append = d->glued && args[0] == '+';
    if (append)
        args = dbg_skip(args + 1);
    else if (d->glued)
        return lerr_set(&d->err, "Syntax error in '.srcpath%s': .srcpath[+] [dir[;dir...]]", args);
    if (*args || append)
        sym_srcpath_set(&d->srcpath, args, append);
    char *s = sym_srcpath_string(&d->srcpath);
    fprintf(d->out, "Source search path is: %s\n", *s ? s : "<empty>");
    free(s);
    return 0;
}

/* .srcsubst [FROM TO | -c]: GDB's set substitute-path */
static int cmd_srcsubst(struct dbg *d, const char *args)
{
    struct sym_srcpath *p = &d->srcpath;
    if (!strcmp(args, "-c")) {
        sym_srcpath_subst_clear(p);
    } else if (*args) {
        size_t n = strcspn(args, " \t");
        const char *to = dbg_skip(args + n);
        size_t tn = strcspn(to, " \t");
        if (!*to || to[tn])
            return lerr_set(&d->err, "Syntax error in '.srcsubst %s': .srcsubst [FROM TO | -c]", args);
        char *from = xstrndup(args, n);
        sym_srcpath_subst_add(p, from, to);
        free(from);
    }
    if (!p->nsubst)
        fputs("No source path substitutions\n", d->out);
    for (size_t i = 0; i < p->nsubst; i++)
        fprintf(d->out, "%s -> %s\n", p->from[i], p->to[i]);
    return 0;
}

const struct cmd_def cmd_source_table[] = {
    {".lines", cmd_lines, "toggle line number information: .lines [-e|-d|-t]"},
    {"l", cmd_l, "source options: l+l/l-l lines, l+t/l-t step by line, l+s/l-s show source"},
    {"lsa", cmd_lsa, "list the source around an address: lsa [addr]"},
    {"ls", cmd_ls, "go on listing the current source file: ls [first] [count]"},
    {".srcpath", cmd_srcpath, "source search path: .srcpath[+] [dir[;dir...]]"},
    {".srcsubst", cmd_srcsubst, "source path substitution: .srcsubst [FROM TO | -c]"},
    {NULL, NULL, NULL},
};
