/* What the system says about a debugged process, for vertarget and .time:
 * its command line and its times, from the process's backend. */
#include "engine/internal.h"

int eng_proc_times(struct eng_process *p, struct tgt_proc_times *out, struct lerr *e)
{
    return tgt_proc_times(p->tp, out, e);
}

int eng_proc_cmdline(struct eng_process *p, char *buf, size_t size, struct lerr *e)
{
    size_t got = 0;
    if (size == 0)
        return -1;
    if (tgt_read_cmdline(p->tp, buf, size - 1, &got, e) < 0)
        return -1;
    /* the arguments are NUL-separated: blanks between them, as a shell
     * line shows them */
    for (size_t i = 0; i + 1 < got; i++)
        if (buf[i] == '\0')
            buf[i] = ' ';
    buf[got] = '\0';
    return 0;
}
