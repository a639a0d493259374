/* The Linux ptrace backend. Every thread is traced with PTRACE_SEIZE so that
 * PTRACE_INTERRUPT can stop it without sending it a signal; memory goes
 * through process_vm_readv and /proc/PID/mem (which also writes code pages). */
#include "target/backend.h"
#include "target/procfs.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A failed system call's message, with the kind of failure its errno
 * value tells (a thread gone, an interrupted wait...). */
#define SYS_FAIL(e, err, ...) lerr_set_code(e, lerr_code_of_errno(err), __VA_ARGS__)

/* Forks are traced so that a child can be cleaned of our traps before it
 * runs (and let go). Exits only when asked (pt_watch_exit). */
#define SEIZE_OPTS                                                                   \
    (PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACESYSGOOD |               \
     PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEVFORKDONE)

static int pt_read_mem(struct tgt_proc *p, uint64_t addr, void *buf, size_t len, size_t *got)
{
    struct iovec local = {buf, len}, remote = {(void *)(uintptr_t)addr, len};
    ssize_t n = process_vm_readv(p->pid, &local, 1, &remote, 1, 0);
    size_t done = n > 0 ? (size_t)n : 0;
    /* process_vm_readv stops at the first page it cannot read and cannot
     * read pages the process itself may not read: /proc/PID/mem can. */
    while (done < len) {
        ssize_t m = pread(p->memfd, (char *)buf + done, len - done, (off_t)(addr + done));
        if (m <= 0)
            break;
        done += (size_t)m;
    }
    if (got)
        *got = done;
    return done == len ? 0 : -1;
}

static int pt_write_mem(struct tgt_proc *p, uint64_t addr, const void *buf, size_t len,
                        struct lerr *e)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = pwrite(p->memfd, (const char *)buf + done, len - done, (off_t)(addr + done));
        if (n <= 0)
            return lerr_set_code(e, LERR_MEMORY, "Memory access error at %08x`%08x",
                            (unsigned)((addr + done) >> 32), (unsigned)(addr + done));
        done += (size_t)n;
    }
    return 0;
}

static int pt_get_regs(struct tgt_proc *p, pid_t tid, struct user_regs_struct *r, struct lerr *e)
{
    if (ptrace(PTRACE_GETREGS, tid, 0, r) < 0)
        return SYS_FAIL(e, errno, "Couldn't read registers of thread %d: %s", tid, strerror(errno));
    return 0;
}

static int pt_set_regs(struct tgt_proc *p, pid_t tid, const struct user_regs_struct *r, struct lerr *e)
{
    if (ptrace(PTRACE_SETREGS, tid, 0, r) < 0)
        return SYS_FAIL(e, errno, "Couldn't write registers of thread %d: %s",
                        tid, strerror(errno));
    return 0;
}

static int pt_get_fpregs(struct tgt_proc *p, pid_t tid, struct user_fpregs_struct *r, struct lerr *e)
{
    if (ptrace(PTRACE_GETFPREGS, tid, 0, r) < 0)
        return SYS_FAIL(e, errno, "Couldn't read FP registers of thread %d: %s",
                        tid, strerror(errno));
    return 0;
}

static int pt_set_fpregs(struct tgt_proc *p, pid_t tid, const struct user_fpregs_struct *r, struct lerr *e)
{
    if (ptrace(PTRACE_SETFPREGS, tid, 0, r) < 0)
        return SYS_FAIL(e, errno, "Couldn't write FP registers of thread %d: %s",
                        tid, strerror(errno));
    return 0;
}

static int pt_get_xstate(struct tgt_proc *p, pid_t tid, void *buf, size_t size, size_t *got,
                         struct lerr *e)
{
    struct iovec iov = {buf, size};
    *got = 0;
    if (ptrace(PTRACE_GETREGSET, tid, (void *)NT_X86_XSTATE, &iov) < 0)
        return SYS_FAIL(e, errno, "Couldn't read the XSAVE area of thread %d: %s", tid,
                        strerror(errno));
    *got = iov.iov_len; /* the kernel says how much of buf it filled */
    return 0;
}

static long dreg_offset(int idx)
{
    return (long)(offsetof(struct user, u_debugreg) + (size_t)idx * sizeof(long));
}

static int pt_get_dreg(struct tgt_proc *p, pid_t tid, int idx, uint64_t *v, struct lerr *e)
{
    errno = 0;
    long r = ptrace(PTRACE_PEEKUSER, tid, dreg_offset(idx), 0);
    if (errno)
        return SYS_FAIL(e, errno, "Couldn't read dr%d of thread %d: %s", idx, tid, strerror(errno));
    *v = (uint64_t)r;
    return 0;
}

static int pt_set_dreg(struct tgt_proc *p, pid_t tid, int idx, uint64_t v, struct lerr *e)
{
    if (ptrace(PTRACE_POKEUSER, tid, dreg_offset(idx), (long)v) < 0)
        return SYS_FAIL(e, errno, "Couldn't write dr%d of thread %d: %s",
                        idx, tid, strerror(errno));
    return 0;
}

static int pt_get_sigmask(struct tgt_proc *p, pid_t tid, uint64_t *mask, struct lerr *e)
{
    if (ptrace(PTRACE_GETSIGMASK, tid, sizeof *mask, mask) < 0)
        return SYS_FAIL(e, errno, "Couldn't read the signal mask of thread %d: %s",
                        tid, strerror(errno));
    return 0;
}

static int pt_set_sigmask(struct tgt_proc *p, pid_t tid, uint64_t mask, struct lerr *e)
{
    if (ptrace(PTRACE_SETSIGMASK, tid, sizeof mask, &mask) < 0)
        return SYS_FAIL(e, errno, "Couldn't set the signal mask of thread %d: %s",
                        tid, strerror(errno));
    return 0;
}

/* Signals sent again to a thread that could not take them with a resume:
 * their next report is marked (tgt_event.requeued), so that the engine
 * passes them on without reporting them twice. Small: a signal is re-sent
 * only in rare orders of events. */
static struct {
    pid_t tid;
    int sig;
} requeued[64];
static size_t nrequeued;

/* Whether tid is in a signal-delivery-stop, the only stop whose resume
 * can give it a signal (ptrace(2): elsewhere the signal may be ignored):
 * not a system-call stop, not an event stop (clone, interrupt...). */
static int can_take_signal(pid_t tid)
{
    siginfo_t si;
    if (ptrace(PTRACE_GETSIGINFO, tid, 0, &si) < 0)
        return 0;
    return !(si.si_signo == SIGTRAP && (si.si_code == (SIGTRAP | 0x80) || si.si_code > 0xff));
}

static int pt_resume(struct tgt_proc *p, pid_t tid, enum tgt_resume how, int sig, struct lerr *e)
{
    int req = how == TGT_STEP ? PTRACE_SINGLESTEP : how == TGT_SYSCALL ? PTRACE_SYSCALL : PTRACE_CONT;
    if (sig && !can_take_signal(tid) && nrequeued < sizeof requeued / sizeof requeued[0] &&
        syscall(SYS_tkill, tid, sig) == 0) {
        /* it comes back as a signal-delivery-stop, which takes it */
        requeued[nrequeued].tid = tid;
        requeued[nrequeued++].sig = sig;
        sig = 0;
    }
    if (ptrace(req, tid, 0, (long)sig) < 0) {
        /* LERR_GONE tells the caller the thread is gone (killed by
         * someone else while stopped) */
        return SYS_FAIL(e, errno, "Couldn't resume thread %d: %s", tid, strerror(errno));
    }
    return 0;
}

static int pt_interrupt(const struct tgt_backend *be, pid_t tid)
{
    return ptrace(PTRACE_INTERRUPT, tid, 0, 0) < 0 ? -1 : 0;
}

static void decode_status(pid_t tid, int st, struct tgt_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->tid = tid;
    if (WIFEXITED(st)) {
        ev->kind = TGT_EV_EXITED;
        ev->code = WEXITSTATUS(st);
        return;
    }
    if (WIFSIGNALED(st)) {
        ev->kind = TGT_EV_KILLED;
        ev->sig = WTERMSIG(st);
        return;
    }
    int sig = WSTOPSIG(st);
    unsigned long msg = 0;
    switch (st >> 16) {
    case PTRACE_EVENT_CLONE:
        ptrace(PTRACE_GETEVENTMSG, tid, 0, &msg);
        ev->kind = TGT_EV_CLONE;
        ev->new_tid = (pid_t)msg;
        return;
    case PTRACE_EVENT_EXEC:
        ev->kind = TGT_EV_EXEC;
        return;
    case PTRACE_EVENT_FORK:
    case PTRACE_EVENT_VFORK:
        ptrace(PTRACE_GETEVENTMSG, tid, 0, &msg);
        ev->kind = TGT_EV_FORK;
        ev->new_tid = (pid_t)msg;
        ev->vfork = (st >> 16) == PTRACE_EVENT_VFORK;
        return;
    case PTRACE_EVENT_VFORK_DONE:
        ev->kind = TGT_EV_VFORK_DONE;
        return;
    case PTRACE_EVENT_EXIT:
        /* the message is the wait status the exit will have */
        ptrace(PTRACE_GETEVENTMSG, tid, 0, &msg);
        ev->kind = TGT_EV_EXITING;
        if (WIFSIGNALED((int)msg))
            ev->sig = WTERMSIG((int)msg);
        else
            ev->code = WEXITSTATUS((int)msg);
        return;
    case PTRACE_EVENT_STOP:
        ev->kind = TGT_EV_INTERRUPT;
        ev->sig = sig;
        ev->group_stop = sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
        return;
    default:
        if (sig == (SIGTRAP | 0x80)) {
            struct __ptrace_syscall_info info;
            memset(&info, 0, sizeof info);
            ev->kind = TGT_EV_SYSCALL;
            ev->sc_nr = -1;
            if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof info, &info) > 0) {
                if (info.op == PTRACE_SYSCALL_INFO_EXIT) {
                    ev->sc_exit = 1;
                    ev->sc_ret = info.exit.rval;
                } else if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
                    ev->sc_nr = (long)info.entry.nr;
                }
            }
            return;
        }
        ev->kind = TGT_EV_SIGNAL;
        ev->sig = sig;
        if (ptrace(PTRACE_GETSIGINFO, tid, 0, &ev->si) < 0)
            memset(&ev->si, 0, sizeof ev->si);
        ev->cause = tgt_signal_cause(sig, ev->si.si_code);
        for (size_t i = 0; i < nrequeued; i++) {
            if (requeued[i].tid == tid && requeued[i].sig == sig && ev->si.si_code == SI_TKILL) {
                ev->requeued = 1;
                requeued[i] = requeued[--nrequeued];
                break;
            }
        }
        return;
    }
}

/* A resumed thread often stops again within microseconds (a breakpoint
 * that does not stop the user, a step). Sleeping in waitpid then costs a
 * wake-up of this process, which on an idle CPU of a virtual machine
 * takes longer than the whole hit; so the wait first polls, yielding the
 * CPU between polls (to the target itself when both share a CPU), for at
 * most POLL_NS, and sleeps only then. */
#define POLL_NS 200000L

static pid_t wait_polling(pid_t who, int *st)
{
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        pid_t got = waitpid(who, st, __WALL | WNOHANG);
        if (got != 0)
            return got;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - t0.tv_sec) * 1000000000L + (now.tv_nsec - t0.tv_nsec) > POLL_NS)
            return waitpid(who, st, __WALL);
        sched_yield();
    }
}

static int pt_wait(const struct tgt_backend *be, struct tgt_event *ev, struct lerr *e)
{
    int st;
    pid_t tid = wait_polling(-1, &st);
    if (tid < 0)
        return SYS_FAIL(e, errno, "wait failed: %s", strerror(errno));
    decode_status(tid, st, ev);
    return 0;
}

static int pt_wait_thread(const struct tgt_backend *be, pid_t tid, struct tgt_event *ev,
                          struct lerr *e)
{
    int st;
    pid_t got;
    do
        got = wait_polling(tid, &st);
    while (got < 0 && errno == EINTR);
    if (got < 0)
        return SYS_FAIL(e, errno, "wait for thread %d failed: %s", tid, strerror(errno));
    decode_status(got, st, ev);
    return 0;
}

static int pt_detach(struct tgt_proc *p, pid_t tid, int sig, struct lerr *e)
{
    if (ptrace(PTRACE_DETACH, tid, 0, (long)sig) < 0 && errno != ESRCH)
        return SYS_FAIL(e, errno, "Couldn't detach from thread %d: %s", tid, strerror(errno));
    return 0;
}

static int pt_watch_exit(struct tgt_proc *p, pid_t tid, struct lerr *e)
{
    /* the options are replaced as a whole: the seize's, plus exits (the
     * threads it creates from now on inherit them) */
    if (ptrace(PTRACE_SETOPTIONS, tid, 0, p->opts | PTRACE_O_TRACEEXIT) < 0)
        return SYS_FAIL(e, errno, "Couldn't watch the exit of thread %d: %s", tid,
                        strerror(errno));
    return 0;
}

static int pt_kill(struct tgt_proc *p)
{
    return kill(p->pid, SIGKILL);
}

static int open_mem(struct tgt_proc *p, struct lerr *e)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", p->pid);
    if (p->memfd >= 0)
        close(p->memfd);
    p->memfd = open(path, O_RDWR | O_CLOEXEC);
    if (p->memfd < 0) /* ENOENT here: the process is gone */
        return SYS_FAIL(e, errno == ENOENT ? ESRCH : errno, "Couldn't open %s: %s", path,
                        strerror(errno));
    return 0;
}

static void pt_close(struct tgt_proc *p)
{
    if (!p)
        return;
    if (p->memfd >= 0)
        close(p->memfd);
    free(p);
}

static const struct tgt_ops ptrace_ops = {
    .name = "ptrace",
    .read_mem = pt_read_mem,
    .write_mem = pt_write_mem,
    .get_regs = pt_get_regs,
    .set_regs = pt_set_regs,
    .get_fpregs = pt_get_fpregs,
    .set_fpregs = pt_set_fpregs,
    .get_dreg = pt_get_dreg,
    .set_dreg = pt_set_dreg,
    .get_sigmask = pt_get_sigmask,
    .set_sigmask = pt_set_sigmask,
    .resume = pt_resume,
    .detach = pt_detach,
    .kill = pt_kill,
    .reopen = open_mem,
    .close = pt_close,
    .read_map = tgt_procfs_read_map,
    .exe_path = tgt_procfs_exe_path,
    .thread_name = tgt_procfs_thread_name,
    .thread_group = tgt_procfs_thread_group,
    .thread_ended = tgt_procfs_thread_ended,
    .auxv_entry = tgt_procfs_auxv_entry,
    .real_path = tgt_procfs_real_path,
    .watch_exit = pt_watch_exit,
    .get_xstate = pt_get_xstate,
    .read_auxv = tgt_procfs_read_auxv,
    .read_cmdline = tgt_procfs_read_cmdline,
    .read_dump_map = tgt_procfs_read_dump_map,
    .pages_present = tgt_procfs_pages_present,
    .parent_pid = tgt_procfs_parent_pid,
    .proc_times = tgt_procfs_proc_times,
};

static struct tgt_proc *new_proc(pid_t pid)
{
    struct tgt_proc *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->ops = &ptrace_ops;
    p->pid = pid;
    p->memfd = -1;
    p->opts = SEIZE_OPTS;
    return p;
}

/* execvp's search, done before fork so a missing program is reported as
 * such rather than as an exit code. */
static int find_program(const char *name, char *out, size_t size)
{
    if (strchr(name, '/')) {
        snprintf(out, size, "%s", name);
        return access(out, X_OK);
    }
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *end = strchrnul(path, ':');
        snprintf(out, size, "%.*s/%s", (int)(end - path), path, name);
        if (access(out, X_OK) == 0)
            return 0;
        path = *end ? end + 1 : end;
    }
    errno = ENOENT;
    return -1;
}

static struct tgt_proc *pt_launch(const struct tgt_backend *be, char *const argv[],
                                  const struct tgt_launch_opts *o,
                                  struct lerr *e)
{
    char path[PATH_MAX];
    if (find_program(argv[0], path, sizeof path) < 0) {
        SYS_FAIL(e, errno, "Couldn't start '%s': %s", argv[0], strerror(errno));
        return NULL;
    }
    char abs[PATH_MAX];
    if (o->cwd && path[0] != '/' && realpath(path, abs)) /* the child changes directory */
        snprintf(path, sizeof path, "%s", abs);
    int errpipe[2];
    if (pipe2(errpipe, O_CLOEXEC) < 0) {
        SYS_FAIL(e, errno, "Couldn't start '%s': pipe: %s", argv[0], strerror(errno));
        return NULL;
    }
    pid_t pid = fork();
    if (pid < 0) {
        SYS_FAIL(e, errno, "Couldn't start '%s': fork: %s", argv[0], strerror(errno));
        return NULL;
    }
    if (pid == 0) {
        if (!o->keep_aslr)
            personality(ADDR_NO_RANDOMIZE);
        /* Its own process group: the terminal's Ctrl+C reaches it only
         * while lindbg hands it the terminal. */
        setpgid(0, 0);
        /* lindbg ignores SIGPIPE (a closed output must not kill the
         * session); an ignored signal survives exec, and the program must
         * start as it would without us */
        signal(SIGPIPE, SIG_DFL);
        int err = 0;
        if (o->redirect_stdio) {
            int in = open("/dev/null", O_RDONLY); /* 0 itself when lindbg's is closed */
            if (in < 0 || dup2(in, 0) < 0 || dup2(o->out_fd, 1) < 0 || dup2(o->out_fd, 2) < 0)
                err = errno;
            if (in > 2)
                close(in);
        }
        if (!err && o->cwd && chdir(o->cwd) < 0)
            err = errno;
        /* Stop so the parent can seize us before exec. */
        if (!err) {
            kill(getpid(), SIGSTOP);
            if (o->envp)
                execve(path, argv, o->envp);
            else
                execv(path, argv);
            err = errno;
        }
        if (write(errpipe[1], &err, sizeof err) < 0) {
            /* nothing more can be said */
        }
        _exit(127);
    }
    close(errpipe[1]);
    int st;
    if (waitpid(pid, &st, WSTOPPED) < 0 || !WIFSTOPPED(st)) {
        int err = 0; /* a working directory or redirection that failed */
        if (read(errpipe[0], &err, sizeof err) == (ssize_t)sizeof err)
            SYS_FAIL(e, err, "Couldn't start '%s': %s", argv[0], strerror(err));
        else
            lerr_set(e, "Couldn't start '%s': child did not stop", argv[0]);
        close(errpipe[0]);
        return NULL;
    }
    if (ptrace(PTRACE_SEIZE, pid, 0, (long)(SEIZE_OPTS | PTRACE_O_EXITKILL)) < 0) {
        SYS_FAIL(e, errno, "Couldn't trace '%s': %s", argv[0], strerror(errno));
        kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
        close(errpipe[0]);
        return NULL;
    }
    kill(pid, SIGCONT);
    /* Until exec: the group-stop, its interrupt-style stop and SIGCONT. */
    for (;;) {
        if (waitpid(pid, &st, __WALL) < 0) {
            SYS_FAIL(e, errno, "Couldn't start '%s': %s", argv[0], strerror(errno));
            close(errpipe[0]);
            return NULL;
        }
        if (WIFEXITED(st) || WIFSIGNALED(st)) {
            int err = 0;
            if (read(errpipe[0], &err, sizeof err) == (ssize_t)sizeof err)
                SYS_FAIL(e, err, "Couldn't start '%s': %s", argv[0], strerror(err));
            else if (WIFSIGNALED(st))
                /* past exec's point of no return: the kernel could not load it */
                lerr_set(e, "Couldn't start '%s': killed by SIG%s while the kernel loaded it "
                            "(a damaged or truncated executable?)", argv[0],
                         sigabbrev_np(WTERMSIG(st)) ? sigabbrev_np(WTERMSIG(st)) : "?");
            else
                lerr_set(e, "Couldn't start '%s': it ended before exec", argv[0]);
            close(errpipe[0]);
            return NULL;
        }
        int ev = st >> 16, sig = WSTOPSIG(st);
        if (ev == PTRACE_EVENT_EXEC)
            break;
        int pass = (ev == 0 && sig != SIGSTOP && sig != SIGTRAP) ? sig : 0;
        ptrace(PTRACE_CONT, pid, 0, (long)pass);
    }
    close(errpipe[0]);
    struct tgt_proc *p = new_proc(pid);
    p->opts = SEIZE_OPTS | PTRACE_O_EXITKILL;
    if (open_mem(p, e) < 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &st, __WALL);
        pt_close(p);
        return NULL;
    }
    return p;
}

static struct tgt_proc *pt_adopt(const struct tgt_backend *be, pid_t pid,
                                 const struct tgt_proc *parent, struct lerr *e)
{
    struct tgt_proc *p = new_proc(pid);
    /* the child has its parent's options (the kernel copies them): EXITKILL
     * of a launched process must stay when its exits are watched, or the
     * child would outlive lindbg with our traps in it */
    if (parent)
        p->opts = parent->opts;
    if (open_mem(p, e) < 0) {
        pt_close(p);
        return NULL;
    }
    return p;
}

static int tracer_of(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    int tracer = 0;
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "TracerPid: %d", &tracer) == 1)
            break;
    fclose(f);
    return tracer;
}

static int contains(const pid_t *v, size_t n, pid_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

static int seize_error(pid_t pid, struct lerr *e)
{
    int err = errno;
    if (err == ESRCH)
        return lerr_set_code(e, LERR_GONE, "Couldn't attach to process %d: no such process", pid);
    if (err == EPERM) {
        int t = tracer_of(pid);
        if (t)
            return lerr_set_code(e, LERR_PERMISSION,
                                 "Couldn't attach to process %d: already traced by process %d",
                                 pid, t);
        return lerr_set_code(e, LERR_PERMISSION,
                             "Couldn't attach to process %d: operation not permitted (EPERM: "
                             "another user's process, or kernel.yama.ptrace_scope forbids it)", pid);
    }
    return SYS_FAIL(e, err, "Couldn't attach to process %d: %s", pid, strerror(err));
}

static struct tgt_proc *pt_attach(const struct tgt_backend *be, pid_t pid, pid_t **tids_out,
                                  size_t *ntids_out, struct lerr *e)
{
    char dirpath[64];
    pid_t *tids = NULL;
    size_t n = 0, cap = 0;
    snprintf(dirpath, sizeof dirpath, "/proc/%d/task", pid);
    if (pid <= 0 || kill(pid, 0) < 0) {
        errno = pid <= 0 ? ESRCH : errno;
        seize_error(pid, e);
        return NULL;
    }
    if (ptrace(PTRACE_SEIZE, pid, 0, (long)SEIZE_OPTS) < 0) {
        seize_error(pid, e);
        return NULL;
    }
    cap = 16;
    tids = malloc(cap * sizeof *tids);
    tids[n++] = pid;
    /* Threads may be created while we attach: scan until nothing is new. */
    for (int found = 1; found;) {
        found = 0;
        DIR *d = opendir(dirpath);
        if (!d)
            break;
        struct dirent *de;
        while ((de = readdir(d))) {
            pid_t t = (pid_t)atoi(de->d_name);
            if (t <= 0 || contains(tids, n, t))
                continue;
            if (ptrace(PTRACE_SEIZE, t, 0, (long)SEIZE_OPTS) < 0)
                continue; /* it exited meanwhile */
            if (n == cap)
                tids = realloc(tids, (cap *= 2) * sizeof *tids);
            tids[n++] = t;
            found = 1;
        }
        closedir(d);
    }
    for (size_t i = 0; i < n; i++)
        ptrace(PTRACE_INTERRUPT, tids[i], 0, 0);
    for (size_t i = 0; i < n; i++) {
        for (;;) {
            int st;
            if (waitpid(tids[i], &st, __WALL) < 0)
                break;
            if (WIFEXITED(st) || WIFSIGNALED(st)) {
                tids[i--] = tids[--n];
                break;
            }
            if ((st >> 16) == PTRACE_EVENT_STOP)
                break;
            /* A signal arriving while we attach: hand it on, keep waiting
             * for the interrupt. */
            int sig = (st >> 16) == 0 ? WSTOPSIG(st) : 0;
            ptrace(PTRACE_CONT, tids[i], 0, (long)sig);
        }
    }
    struct tgt_proc *p = new_proc(pid);
    if (n == 0 || open_mem(p, e) < 0) {
        if (n == 0)
            lerr_set_code(e, LERR_GONE, "Couldn't attach to process %d: it exited", pid);
        for (size_t i = 0; i < n; i++)
            ptrace(PTRACE_DETACH, tids[i], 0, 0);
        free(tids);
        pt_close(p);
        return NULL;
    }
    *tids_out = tids;
    *ntids_out = n;
    return p;
}

/* The probe's child: stops, then writes the watched variable. */
static volatile long probe_var;

static int pt_probe_debug_registers(const struct tgt_backend *be, struct lerr *e)
{
    pid_t pid = fork();
    if (pid < 0)
        return SYS_FAIL(e, errno, "Couldn't probe the debug registers: fork: %s", strerror(errno));
    if (pid == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        raise(SIGSTOP);
        probe_var = 1;
        _exit(0);
    }
    int st, fired = -1;
    if (waitpid(pid, &st, __WALL) < 0 || !WIFSTOPPED(st))
        goto done;
    long off = (long)offsetof(struct user, u_debugreg);
    /* DR0 = &probe_var, DR7: L0, write, 8 bytes */
    if (ptrace(PTRACE_POKEUSER, pid, off, (long)&probe_var) < 0 ||
        ptrace(PTRACE_POKEUSER, pid, off + 7 * (long)sizeof(long), 0x90001L) < 0)
        goto done;
    ptrace(PTRACE_CONT, pid, 0, 0);
    if (waitpid(pid, &st, __WALL) < 0)
        goto done;
    fired = WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP ? 1 : 0;
done:
    kill(pid, SIGKILL);
    while (waitpid(pid, &st, __WALL) > 0 && !WIFEXITED(st) && !WIFSIGNALED(st))
        ;
    if (fired < 0)
        return lerr_set(e, "Couldn't probe the debug registers");
    return fired;
}

const struct tgt_backend tgt_ptrace_backend = {
    .name = "ptrace",
    .caps = TGT_CAP_DEBUG_REGS | TGT_CAP_SYSCALL_STOPS | TGT_CAP_SIGMASK | TGT_CAP_INJECT |
            TGT_CAP_OOL_PAGES | TGT_CAP_KERNEL_WRITE_WATCH | TGT_CAP_LIVE,
    .ops = &ptrace_ops,
    .launch = pt_launch,
    .attach = pt_attach,
    .adopt = pt_adopt,
    .probe_debug_registers = pt_probe_debug_registers,
    .wait = pt_wait,
    .wait_thread = pt_wait_thread,
    .interrupt = pt_interrupt,
};
