/* Control flow and scripts: j, .if/.elsif/.else, $< and $$< (run the
 * commands of a file). Used in breakpoint command strings above all:
 *   bp work "j (@rax==5) 'r rax'; 'gc'"
 *   bp work ".if (@rax==5) { r rax } .else { gc }" */
#include "cmd/dbg.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* One alternative of j: 'quoted' or bare, up to the next top-level ';'. */
static const char *j_branch(const char *p, char *out, size_t size)
{
    p = dbg_skip(p);
    size_t n = 0;
    if (*p == '\'') {
        const char *q = strchr(p + 1, '\'');
        if (!q)
            q = p + strlen(p);
        n = (size_t)(q - p - 1);
        snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), p + 1);
        p = *q ? q + 1 : q;
    } else {
        const char *q = strchr(p, ';');
        if (!q)
            q = p + strlen(p);
        n = (size_t)(q - p);
        snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), p);
        p = q;
    }
    return dbg_skip(p);
}

static int cmd_j(struct dbg *d, const char *args)
{
    const char *p = args;
    uint64_t v;
    if (!*p)
        return lerr_set(&d->err, "Syntax error: j expression 'commands' ; 'commands'");
    if (dbg_eval(d, &p, &v) < 0)
        return -1;
    char yes[4096], no[4096] = "";
    p = j_branch(p, yes, sizeof yes);
    if (*p == ';')
        p = j_branch(p + 1, no, sizeof no);
    const char *run = v ? yes : no;
    return *run ? dbg_execute_line(d, run) : 0;
}

/* `{ ... }` at p: its inside into out, returns after the '}'. */
static const char *block(struct dbg *d, const char *p, char *out, size_t size)
{
    p = dbg_skip(p);
    if (*p != '{') {
        lerr_set(&d->err, "Syntax error: a { block } is needed at '%.30s'", p);
        return NULL;
    }
    int depth = 0;
    const char *q = p;
    for (; *q; q++) {
        if (*q == '{')
            depth++;
        else if (*q == '}' && --depth == 0)
            break;
    }
    if (!*q) {
        lerr_set(&d->err, "Syntax error: '{' without '}'");
        return NULL;
    }
    snprintf(out, size, "%.*s", (int)(q - p - 1), p + 1);
    return dbg_skip(q + 1);
}

static int cmd_if(struct dbg *d, const char *args)
{
    const char *p = args;
    char body[4096];
    int done = 0;
    for (;;) {
        uint64_t v = 0;
        if (dbg_eval(d, &p, &v) < 0)
            return -1;
        if (!(p = block(d, p, body, sizeof body)))
            return -1;
        if (v && !done) {
            done = 1;
            if (dbg_execute_line(d, body) < 0)
                return 0; /* its own error was printed */
        }
        if (!strncmp(p, ".elsif", 6)) {
            p = dbg_skip(p + 6);
            continue;
        }
        if (!strncmp(p, ".else", 5)) {
            if (!(p = block(d, p + 5, body, sizeof body)))
                return -1;
            if (!done)
                dbg_execute_line(d, body);
        }
        return *p ? lerr_set(&d->err, "Syntax error at '%s'", p) : 0;
    }
}

static int run_file(struct dbg *d, const char *args)
{
    if (!*args)
        return lerr_set(&d->err, "Syntax error: a file name is needed");
    FILE *f = fopen(args, "r");
    if (!f)
        return lerr_set(&d->err, "Couldn't open command file '%s': %s", args, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    while (!d->quit && getline(&line, &cap, f) >= 0) {
        line[strcspn(line, "\r\n")] = '\0';
        if (*dbg_skip(line))
            dbg_execute_line(d, line);
    }
    free(line);
    fclose(f);
    return 0;
}

const struct cmd_def cmd_script_table[] = {
    {"j", cmd_j, "j expr 'commands' ; 'commands': the first when expr is not zero"},
    {".if", cmd_if, ".if (expr) { commands } .elsif (expr) { ... } .else { ... }"},
    {"$<", run_file, "run the commands of a file: $<file"},
    {"$$<", run_file, "run the commands of a file: $$<file"},
    {NULL, NULL, NULL},
};
