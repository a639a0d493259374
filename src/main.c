/* lindbg: options, the session, the command loop. */
#include "cmd/dbg.h"
#include "dap/dap.h"
#include "engine/engine.h"
#include "ui/complete_dbg.h"
#include "ui/console.h"
#include "util/xalloc.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

struct options {
    const char *commands;     /* -c */
    const char *command_file; /* -cf */
    int go;                   /* -g */
    int quit_at_exit;         /* -G */
    int keep_aslr;            /* -aslr */
    int follow_children;      /* -o */
    pid_t attach_pid;         /* -p */
    const char *core;         /* -z: a core file (argv: its program, if any) */
    char **argv;              /* program and its arguments */
};

static void usage(FILE *f)
{
    fputs("usage: lindbg [options] PROGRAM [ARGS...]\n"
          "       lindbg [options] -p PID\n"
          "       lindbg [options] -z CORE [PROGRAM]\n"
          "       lindbg --dap [--port N]   the Debug Adapter Protocol, for editors\n"
          "  -c \"CMD; CMD\"  run these commands at the first break\n"
          "  -cf FILE       run the commands in FILE at the first break, then go on\n"
          "  -g             do not stop at the initial break\n"
          "  -G             do not stop at the final break: quit when the process exits\n"
          "  -o             also debug the child processes the target forks\n"
          "  -aslr          keep address-space randomisation on\n",
          f);
}

static int parse_options(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof *o);
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "-c") && i + 1 < argc) {
            o->commands = argv[++i];
        } else if (!strcmp(a, "-cf") && i + 1 < argc) {
            o->command_file = argv[++i];
        } else if (!strcmp(a, "-g")) {
            o->go = 1;
        } else if (!strcmp(a, "-G")) {
            o->quit_at_exit = 1;
        } else if (!strcmp(a, "-o")) {
            o->follow_children = 1;
        } else if (!strcmp(a, "-aslr")) {
            o->keep_aslr = 1;
        } else if (!strcmp(a, "-p") && i + 1 < argc) {
            char *end;
            long pid = strtol(argv[++i], &end, 10);
            if (*end || pid <= 0) {
                fprintf(stderr, "lindbg: Syntax error: '%s' is not a process id\n", argv[i]);
                return -1;
            }
            o->attach_pid = (pid_t)pid;
        } else if (!strcmp(a, "-z") && i + 1 < argc) {
            o->core = argv[++i];
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        } else {
            fprintf(stderr, "lindbg: Syntax error: unknown option '%s'\n", a);
            usage(stderr);
            return -1;
        }
    }
    o->argv = argv + i;
    if (o->core && (o->attach_pid || argc - i > 1)) {
        fprintf(stderr, "lindbg: Syntax error: -z takes a core file and at most its program\n");
        return -1;
    }
    if (!o->attach_pid && !o->core && i >= argc) {
        usage(stderr);
        return -1;
    }
    if (o->attach_pid && i < argc) {
        fprintf(stderr, "lindbg: Syntax error: -p and a program to start cannot be combined\n");
        return -1;
    }
    return 0;
}

static void make_prompt(struct dbg *d, char *buf, size_t size)
{
    struct eng_process *p = eng_cur_process(d->s);
    struct eng_thread *t = eng_cur_thread(d->s);
    snprintf(buf, size, "%d:%03d> ", p ? eng_proc_index(p) : 0, t ? eng_thread_index(t) : 0);
}

static void run_command_file(struct dbg *d, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(d->out, "Couldn't open command file '%s': %s\n", path, strerror(errno));
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    char prompt[32];
    while (!d->quit && getline(&line, &cap, f) >= 0) {
        line[strcspn(line, "\r\n")] = '\0';
        make_prompt(d, prompt, sizeof prompt);
        fprintf(d->out, "%s%s\n", prompt, line);
        dbg_execute_line(d, line);
    }
    free(line);
    fclose(f);
}

/* A launched program owns the terminal while it runs, as under GDB: its
 * reads work and Ctrl+C reaches it (lindbg turns that into a break-in). */
static void terminal_hook(void *ctx, struct dbg *d, int running)
{
    struct console *con = ctx;
    struct eng_process *p = eng_cur_process(d->s);
    if (running && p && eng_proc_launched(p))
        console_terminal_to(con, eng_proc_pid(p));
    else
        console_terminal_to(con, 0);
}

static char *history_path(void)
{
    const char *home = getenv("HOME");
    if (!home || !*home)
        return NULL;
    size_t n = strlen(home) + 32;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/.lindbg_history", home);
    return p;
}

/* -z: WinDbg's "Loading Dump File", the modules (the events say them),
 * then what does not match the core. */
static int open_core(struct session *s, const struct options *o, struct lerr *e)
{
    printf("\nLoading Dump File [%s]\n", o->core);
    char *warnings = NULL;
    int rc = eng_open_core(s, o->core, o->argv[0], &warnings, e);
    if (warnings)
        fputs(warnings, stdout);
    free(warnings);
    return rc;
}

/* --dap [--port N]: the Debug Adapter Protocol on standard input and
 * output, or for one client on 127.0.0.1:N. Standard output is the
 * protocol's alone: what else lindbg would print goes to standard error. */
static int dap_main(int argc, char **argv)
{
    int port = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--port") && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v <= 0 || v > 65535) {
                fprintf(stderr, "lindbg: Syntax error: '%s' is not a port\n", argv[i]);
                return 2;
            }
            port = (int)v;
        } else {
            fprintf(stderr, "lindbg: Syntax error: --dap takes only --port N\n");
            return 2;
        }
    }
    if (port)
        return dap_listen(port);
    /* the protocol's stream, kept from every program lindbg starts */
    int out = fcntl(1, F_DUPFD_CLOEXEC, 3);
    dup2(2, 1);
    return dap_run(0, out);
}

int main(int argc, char **argv)
{
    if (argc > 1 && (!strcmp(argv[1], "--dap") || !strcmp(argv[1], "-dap")))
        return dap_main(argc, argv);
    struct options o;
    if (parse_options(argc, argv, &o) < 0)
        return 2;
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    signal(SIGPIPE, SIG_IGN);

    struct dbg d;
    struct session *s = eng_create(dbg_on_event, &d);
    dbg_init(&d, s, stdout);
    d.final_quit = o.quit_at_exit;
    eng_set_follow_children(s, o.follow_children);

    struct lerr e = {0};
    int rc;
    if (o.core) {
        rc = open_core(s, &o, &e);
    } else if (o.attach_pid) {
        rc = eng_attach(s, o.attach_pid, &e);
    } else {
        fputs("CommandLine:", stdout);
        for (char **a = o.argv; *a; a++)
            printf(" %s", *a);
        putchar('\n');
        struct tgt_launch_opts lo = {.keep_aslr = o.keep_aslr};
        rc = eng_launch(s, o.argv, &lo, &e);
    }
    if (rc < 0) {
        printf("%s\n", e.msg);
        fflush(stdout);
        eng_destroy(s);
        dbg_free(&d);
        return 1;
    }
    console_handle_breakin(s);
    char *hist = history_path();
    struct console *con = console_open(stdout, hist);
    free(hist);
    struct cpl_source completion;
    cpl_dbg_source(&d, &completion);
    if (con)
        console_set_completion(con, &completion);
    d.run_hook = terminal_hook;
    d.run_hook_ctx = con;
    if (o.go && !o.core)
        dbg_execute_line(&d, "g");
    else
        dbg_report_stop(&d);
    fflush(stdout);

    char prompt[32];
    if (o.commands && !d.quit) {
        make_prompt(&d, prompt, sizeof prompt);
        printf("%s%s\n", prompt, o.commands);
        dbg_execute_line(&d, o.commands);
    }
    if (o.command_file && !d.quit)
        run_command_file(&d, o.command_file);

    while (!d.quit && con && !console_must_quit()) {
        make_prompt(&d, prompt, sizeof prompt);
        char *line = console_read(con, prompt);
        if (!line)
            break; /* end of input (or SIGTERM/SIGHUP): as `q` */
        eng_breakin_clear(s); /* a Ctrl+C at the prompt was only that */
        dbg_log_echo(&d, prompt, line);
        dbg_execute_line(&d, line);
        free(line);
    }
    console_close(con);
    fflush(stdout);
    eng_destroy(s);
    dbg_free(&d);
    return 0;
}
