/* Symbol files: .sympath (where separate debug files are looked for),
 * .reload (look again), and the progress line of a debuginfod download. */
#include "cmd/dbg.h"
#include "sym/debugpaths.h"

#include <string.h>
#include <unistd.h>

static void print_path(struct dbg *d)
{
    const char *p = sym_debug_path();
    fprintf(d->out, "Symbol search path is: %s\n", *p ? p : "<empty>");
    fprintf(d->out, "Expanded Symbol search path is: %s\n", *p ? p : "<empty>");
}

/* .sympath[+] [dir[;dir...]] */
static int cmd_sympath(struct dbg *d, const char *args)
{
    int append = d->glued && args[0] == '+';
    if (append)
        args = dbg_skip(args + 1);
    else if (d->glued)
        return lerr_set(&d->err, "Syntax error in '.sympath%s': .sympath[+] [dir[;dir...]]", args);
    if (*args || append)
        sym_debug_set_path(args, append);
    print_path(d);
    return 0;
}

/* .reload [/f] [module]: libdwfl searches the debug files again (a module
 * named or /f: its symbols are read now, else when next needed) */
static int cmd_reload(struct dbg *d, const char *args)
{
    int now = 0;
    if (!strncmp(args, "/f", 2) && (args[2] == '\0' || args[2] == ' ' || args[2] == '\t')) {
        now = 1;
        args = dbg_skip(args + 2);
    }
    if (dbg_need_process(d) < 0)
        return -1;
    struct sym_space *sp = eng_syms(d->s);
    struct sym_module *only = NULL;
    if (*args) {
        size_t n = strcspn(args, " \t");
        if (args[n])
            return lerr_set(&d->err, "Syntax error in '.reload %s': .reload [/f] [module]", args);
        if (!(only = sym_module_named(sp, args, n)))
            return lerr_set(&d->err, "Couldn't resolve error: no module '%s' (lm lists them)", args);
    }
    fputs("Reloading current modules\n", d->out);
    sym_reload(sp);
    for (size_t i = 0; i < sp->n; i++)
        if (sp->mods[i] == only || (now && !only))
            sym_module_load(sp->mods[i]);
    return 0;
}

/* A debuginfod download: on a terminal one line redrawn as bytes arrive,
 * elsewhere (a log, a test) one line when it starts and one when it ends. */
static void download_progress(void *ctx, const char *what, const char *module, const char *url,
                              long done, long total)
{
    static int started;
    struct dbg *d = ctx;
    int tty = isatty(fileno(d->out));
    if (done < 0) {
        if (tty)
            fputc('\n', d->out);
        if (total >= 0)
            fprintf(d->out, "Downloaded %s for %s (%ld bytes)\n", what, module, total);
        else
            fprintf(d->out, "Download of %s for %s failed\n", what, module);
        started = 0;
        fflush(d->out);
        return;
    }
    if (tty) {
        if (total)
            fprintf(d->out, "\rDownloading %s for %s: %ld of %ld kB (%ld%%)", what, module,
                    done / 1024, total / 1024, done * 100 / total);
        else
            fprintf(d->out, "\rDownloading %s for %s: %ld kB", what, module, done / 1024);
    } else if (!started) {
        fprintf(d->out, "Downloading %s for %s from %s\n", what, module, url ? url : "debuginfod");
    }
    started = 1;
    fflush(d->out);
}

void dbg_debugpaths_init(struct dbg *d)
{
    sym_debug_set_progress(download_progress, d);
}

const struct cmd_def cmd_debugpath_table[] = {
    {".sympath", cmd_sympath, "symbol search path (separate debug files): .sympath[+] [dir[;dir...]]"},
    {".reload", cmd_reload, "search the debug files again: .reload [/f] [module]"},
    {NULL, NULL, NULL},
};
