/* A session's life beyond one process: .restart runs the program again
 * with every breakpoint kept, .create starts another program, .attach
 * takes a running process. Each leaves the new process at its first stop,
 * reported as lindbg reports it at start-up. */
#include "cmd/dbg.h"
#include "util/cmdline.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The new process is the current one, seen from its first stop. */
static void started(struct dbg *d)
{
    d->frame = 0;
    d->next_u = 0;
    d->next_dump = 0;
    dbg_report_stop(d);
}

static int launch(struct dbg *d, char *const argv[], const struct tgt_launch_opts *o)
{
    fputs("CommandLine:", d->out);
    for (size_t i = 0; argv[i]; i++)
        fprintf(d->out, " %s", argv[i]);
    fputc('\n', d->out);
    return eng_launch(d->s, argv, o, &d->err);
}

/* Launched processes end, attached ones are let go: what q does, without
 * ending the session. */
static int let_go_all(struct dbg *d)
{
    struct lerr e = {0};
    if (eng_let_go_all(d->s, &e) == 0)
        return 0;
    fprintf(d->out, "%s\n", e.msg);
    return -1;
}

static int cmd_restart(struct dbg *d, const char *args)
{
    if (*args)
        return lerr_set(&d->err, "Syntax error: .restart takes no arguments (the program "
                                 "starts again with the command line it had)");
    struct tgt_launch_opts o;
    char *const *saved = eng_launch_argv(d->s, &o);
    if (!saved)
        return lerr_set(&d->err, "Couldn't restart: this session did not start a program "
                                 "(.create starts one)");
    /* (eng_launch keeps its own copy of the command line: saved stays
     * valid while the processes go) */
    let_go_all(d);
    bpm_restart_begin(&d->bpm);
    if (launch(d, saved, &o) < 0) {
        bpm_restart_cancel(&d->bpm);
        return -1;
    }
    bpm_restart_end(&d->bpm, eng_proc_pid(eng_cur_process(d->s)));
    started(d);
    return 0;
}

static int cmd_create(struct dbg *d, const char *args)
{
    char **argv = cmdline_split(args, &d->err);
    if (!argv)
        return -1;
    if (!argv[0]) {
        cmdline_free(argv);
        return lerr_set(&d->err, "Syntax error: .create needs a command line: .create PROGRAM [ARGS...]");
    }
    struct tgt_launch_opts o;
    eng_launch_argv(d->s, &o); /* -aslr of the session carries over */
    bpm_restart_cancel(&d->bpm); /* another program: the old places mean nothing */
    int rc = launch(d, argv, &o);
    cmdline_free(argv);
    if (rc < 0)
        return -1;
    started(d);
    return 0;
}

static int cmd_attach(struct dbg *d, const char *args)
{
    uint64_t pid;
    const char *p = args;
    if (!*p)
        return lerr_set(&d->err, "Syntax error: .attach needs a process id: .attach 0n1234 (hex by default)");
    if (dbg_eval(d, &p, &pid) < 0)
        return -1;
    if (*dbg_skip(p))
        return lerr_set(&d->err, "Syntax error: .attach takes one process id");
    if (pid == 0 || pid > 0x7fffffff)
        return lerr_set(&d->err, "Syntax error: %llu is not a process id", (unsigned long long)pid);
    if (eng_process_by_pid(d->s, (pid_t)pid))
        return lerr_set(&d->err, "Couldn't attach: process %llu is debugged in this session already",
                        (unsigned long long)pid);
    bpm_restart_cancel(&d->bpm);
    if (eng_attach(d->s, (pid_t)pid, &d->err) < 0)
        return -1;
    started(d);
    return 0;
}

const struct cmd_def cmd_session_table[] = {
    {".restart", cmd_restart, "run the program again, same command line, every breakpoint kept"},
    {".create", cmd_create, "start a program under the debugger: .create PROGRAM [ARGS...]"},
    {".attach", cmd_attach, "attach to a running process: .attach PID (0n for decimal)"},
    {NULL, NULL, NULL},
};
