/* ~Ne CommandString and ~*e CommandString: every command of the string,
 * with thread N (or each thread in turn) current. The dispatcher selects
 * the thread and calls this once per thread. As in WinDbg, no thread
 * header is printed, an error in one command is printed and the next
 * command (and the next thread) runs all the same, and the commands that
 * run or end the target (g, p, t..., q, .kill, .detach, .restart) and j
 * and z are refused: they would run the whole process once per thread.
 * They are refused wherever they are in the string (inside a .if block,
 * a loop, a script file it runs): dbg->in_thread_e is set while it runs
 * and the dispatcher asks dbg_thread_e_refuses before each command. */
#include "cmd/dbg.h"
#include "cmd/lexer.h"

#include <stdlib.h>
#include <string.h>

/* the commands of cmd_exec_table and these */
static const char *const also_refused[] = {".restart", ".create", ".attach", "j", "z", NULL};

static int name_is(const char *cmd, size_t n, const char *name)
{
    return strlen(name) == n && !strncmp(cmd, name, n);
}

static int refused(const char *cmd)
{
    size_t n = cmd_name_len(cmd);
    if (!n)
        return 0;
    for (const struct cmd_def *c = cmd_exec_table; c->name; c++)
        if (name_is(cmd, n, c->name))
            return 1;
    for (const char *const *name = also_refused; *name; name++)
        if (name_is(cmd, n, *name))
            return 1;
    return 0;
}

static int refuse(struct dbg *d, const char *cmd)
{
    return lerr_set(&d->err, "Syntax error: ~e does not run '%.*s' (execution commands, q, "
                             ".kill, .detach, j, z)", (int)cmd_name_len(cmd), cmd);
}

int dbg_thread_e_refuses(struct dbg *d, const char *cmd)
{
    if (!d->in_thread_e || !refused(cmd))
        return 0;
    refuse(d, cmd);
    return 1;
}

int dbg_thread_e(struct dbg *d, const char *cmd)
{
    const char *cmds = dbg_skip(cmd + 1); /* after the 'e' */
    if (!*cmds)
        return lerr_set(&d->err, "Syntax error: ~e needs commands: ~*e r rip");
    struct cmd_list l;
    /* as a line of its own: its aliases replaced in each thread */
    char *expanded = alias_expand(&d->aliases, cmds);
    int split = cmd_split(expanded, &l, &d->err);
    free(expanded);
    if (split < 0)
        return -1;
    /* refused before anything runs when it is plain to see */
    for (size_t i = 0; i < l.n; i++) {
        if (refused(dbg_skip(l.cmds[i]))) {
            refuse(d, dbg_skip(l.cmds[i]));
            cmd_list_free(&l);
            return -1;
        }
    }
    /* each command as a line of its own, with its own (empty) thread prefix */
    const struct cmd_prefix *saved = d->prefix;
    d->in_thread_e++;
    for (size_t i = 0; i < l.n && !d->quit && !d->loop_ctl; i++)
        dbg_execute(d, l.cmds[i]); /* an error is printed; the next runs */
    d->in_thread_e--;
    d->prefix = saved;
    cmd_list_free(&l);
    lerr_clear(&d->err);
    return 0;
}
