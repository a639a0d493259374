/* ~Ne CommandString and ~*e CommandString: every command of the string,
 * with thread N (or each thread in turn) current. The dispatcher selects
 * the thread and calls this once per thread; as in WinDbg, no thread
 * header is printed, an error in one thread does not stop the next, and
 * execution commands are refused (they would run the whole process once
 * per thread). */
#include "cmd/dbg.h"

#include <string.h>

static int is_execution(const char *cmd)
{
    static const char *const names[] = {"g",  "gh", "gn", "gN", "gu", "p",  "pa",
                                        "pc", "t",  "ta", "tb", "tc", "wt", NULL};
    size_t n = cmd_name_len(cmd);
    for (const char *const *name = names; *name; name++)
        if (strlen(*name) == n && !strncmp(cmd, *name, n))
            return 1;
    return 0;
}

int dbg_thread_e(struct dbg *d, const char *cmd)
{
    const char *cmds = dbg_skip(cmd + 1); /* after the 'e' */
    if (!*cmds)
        return lerr_set(&d->err, "Syntax error: ~e needs commands: ~*e r rip");
    struct cmd_list l;
    if (cmd_split(cmds, &l, &d->err) < 0)
        return -1;
    int refused = 0;
    for (size_t i = 0; i < l.n && !refused; i++)
        refused = is_execution(l.cmds[i]);
    cmd_list_free(&l);
    if (refused)
        return lerr_set(&d->err, "Syntax error: ~e does not run execution commands (g, p, t...)");
    /* run as a line of its own, with its own (empty) thread prefix */
    const struct cmd_prefix *saved = d->prefix;
    dbg_execute_line(d, cmds);
    d->prefix = saved;
    lerr_clear(&d->err);
    return 0;
}
