/* Conditions: j, .if/.elsif/.else (the loops are in cmd_loops.c, script
 * files in scriptfile.c). Used in breakpoint command strings above all:
 *   bp work "j (@rax==5) 'r rax'; 'gc'"
 *   bp work ".if (@rax==5) { r rax } .else { gc }" */
#include "cmd/dbg.h"
#include "cmd/script_text.h"

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

/* `{ ... }` at p (after blanks and the ';' a joined script puts there):
 * its inside, malloc'd, into *out; returns after the '}'. */
static const char *block(struct dbg *d, const char *p, char **out)
{
    const char *q = script_group(p, '{', '}', out);
    if (!q) {
        p = script_skip_sep(p);
        lerr_set(&d->err, "Syntax error: %s at '%.30s'",
                 *p == '{' ? "'{' without '}'" : "a { block } is needed", p);
        return NULL;
    }
    return script_skip_sep(q);
}

/* A body's commands failed: their error was printed; nothing more to say. */
static int reported(struct dbg *d)
{
    lerr_clear(&d->err);
    return -1;
}

static int cmd_if(struct dbg *d, const char *args)
{
    const char *p = args;
    char *body = NULL;
    int done = 0;
    for (;;) {
        uint64_t v = 0;
        p = script_skip_sep(p);
        if (dbg_eval(d, &p, &v) < 0)
            return -1;
        if (!(p = block(d, p, &body)))
            return -1;
        if (v && !done) {
            done = 1;
            int rc = dbg_execute_line(d, body);
            free(body);
            if (rc < 0)
                return reported(d);
        } else {
            free(body);
        }
        if (!strncmp(p, ".elsif", 6)) {
            p += 6;
            continue;
        }
        if (!strncmp(p, ".else", 5)) {
            if (!(p = block(d, p + 5, &body)))
                return -1;
            int rc = done ? 0 : dbg_execute_line(d, body);
            free(body);
            if (rc < 0)
                return reported(d);
        }
        return *p ? lerr_set(&d->err, "Syntax error at '%s'", p) : 0;
    }
}

const struct cmd_def cmd_script_table[] = {
    {"j", cmd_j, "j expr 'commands' ; 'commands': the first when expr is not zero"},
    {".if", cmd_if, ".if (expr) { commands } .elsif (expr) { ... } .else { ... }"},
    {NULL, NULL, NULL},
};
