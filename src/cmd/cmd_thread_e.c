/* ~Ne CommandString and ~*e CommandString: every command of the string,
 * with thread N (or each thread in turn) current. The dispatcher selects
 * the thread and calls this once per thread; as in WinDbg, no thread
 * header is printed, and an error in one thread does not stop the next. */
#include "cmd/dbg.h"

int dbg_thread_e(struct dbg *d, const char *cmd)
{
    const char *cmds = dbg_skip(cmd + 1); /* after the 'e' */
    if (!*cmds)
        return lerr_set(&d->err, "Syntax error: ~e needs commands: ~*e r rip");
    /* run as a line of its own: its own thread prefix state */
    const struct cmd_prefix *saved = d->prefix;
    dbg_execute_line(d, cmds);
    d->prefix = saved;
    lerr_clear(&d->err);
    return 0;
}
