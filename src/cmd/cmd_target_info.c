/* What the target is and how long it has been running: vertarget, .time;
 * and two conveniences of the debugger's own console: .cls, .shell. */
#include "cmd/dbg.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* "D days H:MM:SS.mmm", WinDbg's way of writing a duration. */
static void print_duration(struct dbg *d, const char *label, uint64_t ns)
{
    uint64_t ms = ns / 1000000, s = ms / 1000;
    fprintf(d->out, "%s%llu days %llu:%02llu:%02llu.%03llu\n", label,
            (unsigned long long)(s / 86400), (unsigned long long)(s / 3600 % 24),
            (unsigned long long)(s / 60 % 60), (unsigned long long)(s % 60),
            (unsigned long long)(ms % 1000));
}

static uint64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) < 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* .time's lines: now, how long the system and the process have run, and
 * the CPU time the process used. */
static void print_times(struct dbg *d)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm tm;
    localtime_r(&now.tv_sec, &tm);
    char when[64], zone[32];
    strftime(when, sizeof when, "%a %b %e %H:%M:%S", &tm);
    long off = tm.tm_gmtoff / 60;
    snprintf(zone, sizeof zone, "%c %ld:%02ld", off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
    fprintf(d->out, "Debug session time: %s.%03ld %d (UTC %s)\n", when, now.tv_nsec / 1000000,
            tm.tm_year + 1900, zone);
    uint64_t boot = clock_ns(CLOCK_BOOTTIME);
    print_duration(d, "System Uptime: ", boot);
    struct tgt_proc_times t;
    struct lerr e = {0};
    if (eng_proc_times(eng_cur_process(d->s), &t, &e) < 0) {
        fprintf(d->out, "Process Uptime: not available (%s)\n", e.msg);
        return;
    }
    print_duration(d, "Process Uptime: ", boot > t.start_since_boot ? boot - t.start_since_boot : 0);
    print_duration(d, "  Kernel time: ", t.sys);
    print_duration(d, "  User time: ", t.user);
}

static int cmd_time(struct dbg *d, const char *args)
{
    if (*args)
        return lerr_set(&d->err, "Syntax error in '.time %s': .time takes no arguments", args);
    if (dbg_need_process(d) < 0)
        return -1;
    print_times(d);
    return 0;
}

/* vertarget: the system (its kernel release and version, as uname says),
 * the machine, the process and its command line, then .time's lines. */
static int cmd_vertarget(struct dbg *d, const char *args)
{
    if (*args)
        return lerr_set(&d->err, "Syntax error in 'vertarget %s': vertarget takes no arguments", args);
    if (dbg_need_process(d) < 0)
        return -1;
    struct eng_process *p = eng_cur_process(d->s);
    struct utsname u;
    if (uname(&u) == 0) {
        fprintf(d->out, "%s %s %s MP (%ld procs) %s\n", u.sysname, u.release, u.version,
                sysconf(_SC_NPROCESSORS_ONLN), u.machine);
        fprintf(d->out, "Machine Name: %s\n", u.nodename);
    }
    if (eng_proc_is_core(p))
        fputs("Target: a core file (the system above is the debugger's, not the dump's)\n", d->out);
    char cmdline[4096];
    struct lerr e = {0};
    fprintf(d->out, "Process: %x (0n%d)\n", eng_proc_pid(p), eng_proc_pid(p));
    if (eng_proc_cmdline(p, cmdline, sizeof cmdline, &e) == 0)
        fprintf(d->out, "Command line: %s\n", cmdline);
    print_times(d);
    return 0;
}

/* .cls: the terminal's clear-screen sequence; nothing when the output is
 * a file or a pipe, where it would only be noise. */
static int cmd_cls(struct dbg *d, const char *args)
{
    (void)args;
    if (isatty(fileno(d->out)))
        fputs("\033[H\033[2J\033[3J", d->out);
    return 0;
}

/* Runs `sh -c command` with stdin from `in` (or /dev/null, so that it
 * never reads the debugger's own commands) and its output and errors
 * copied into the session's output. */
static int run_shell(struct dbg *d, const char *command, FILE *in)
{
    int fds[2];
    if (pipe(fds) < 0)
        return lerr_set(&d->err, "Couldn't run the shell: no pipe");
    fflush(d->out);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return lerr_set(&d->err, "Couldn't run the shell: fork failed");
    }
    if (pid == 0) {
        int fd = in ? fileno(in) : open("/dev/null", O_RDONLY);
        dup2(fd, 0);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        closefrom(3); /* nothing of the debugger's: trace handles, logs */
        signal(SIGPIPE, SIG_DFL); /* lindbg's SIG_IGN would survive exec */
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0)
            fwrite(buf, 1, (size_t)n, d->out);
    close(fds[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    fputs(".shell: Process exited\n", d->out);
    return 0;
}

/* .shell [-ci "commands"] command: -ci runs the debugger commands first
 * and gives their output to the shell command as its input. */
static int cmd_shell(struct dbg *d, const char *args)
{
    FILE *in = NULL;
    if (!strncmp(args, "-ci", 3) && (args[3] == ' ' || args[3] == '\t')) {
        const char *q = dbg_skip(args + 3);
        if (*q != '"' || !strchr(q + 1, '"'))
            return lerr_set(&d->err, "Syntax error: .shell -ci \"commands\" command");
        const char *end = strchr(q + 1, '"');
        if (!(in = tmpfile()))
            return lerr_set(&d->err, "Couldn't run the shell: no temporary file");
        char *cmds = xcalloc(1, (size_t)(end - q));
        memcpy(cmds, q + 1, (size_t)(end - q - 1));
        struct dbg_capture c;
        dbg_capture_begin(d, &c, in);
        dbg_execute_line(d, cmds);
        dbg_capture_end(d, &c);
        free(cmds);
        fflush(in);
        rewind(in);
        args = dbg_skip(end + 1);
    }
    if (!*args) {
        if (in)
            fclose(in);
        return lerr_set(&d->err, "Syntax error: .shell needs a command: .shell [-ci \"cmds\"] command");
    }
    /* a command quoted whole keeps its ';' from the debugger's own split */
    char *cmd = xstrdup(args);
    size_t n = strlen(cmd);
    if (n >= 2 && cmd[0] == '"' && cmd[n - 1] == '"') {
        memmove(cmd, cmd + 1, n - 2);
        cmd[n - 2] = '\0';
    }
    int rc = run_shell(d, cmd, in);
    free(cmd);
    if (in)
        fclose(in);
    return rc;
}

const struct cmd_def cmd_target_info_table[] = {
    {"vertarget", cmd_vertarget, "the target: kernel, machine, process, command line, times"},
    {".time", cmd_time, "session time, system and process up time, process CPU times"},
    {".cls", cmd_cls, "clear the screen (a terminal only)"},
    {".shell", cmd_shell, "run a shell command, its output in the session: .shell [-ci \"cmds\"] cmd"},
    {NULL, NULL, NULL},
};
