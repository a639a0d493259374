/* The scripted in-memory target (fake_target.h). Everything is in static
 * tables, reset by fake_reset, so that a test starts from nothing and can
 * look at what is left once the engine is done with the target. */
#include "fake_target.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define MAXP 8
#define MAXT 64
#define MAXR 12
#define MAXQ 256
#define PAGE 4096ull

struct fk_region {
    uint64_t start, end;
    uint8_t *bytes;
    int prot;
    const char *path;
    int by_engine; /* mapped through an injected mmap */
};

struct fk_proc {
    pid_t pid;
    pid_t next_tid;
    struct fk_region r[MAXR];
    size_t nr;
};

enum fk_state {
    FK_STOPPED, /* its last event is reported or queued */
    FK_RUNNING, /* resumed: runs to its next event when the engine waits */
    FK_ZOMBIE,  /* a leader that ended before its threads */
    FK_GONE,    /* exited, killed or detached */
};

struct fk_thread {
    pid_t tid, pid;
    enum fk_state st;
    const struct fake_step *script;
    size_t pos;
    struct user_regs_struct regs;
    struct user_fpregs_struct fpregs;
    enum tgt_resume how;
    unsigned long seq; /* resume order */
    uint64_t dr[8], sigmask;
};

static struct {
    unsigned caps;
    const struct fake_step *script;
    struct fk_proc procs[MAXP];
    size_t nprocs;
    struct fk_thread th[MAXT];
    size_t nth;
    struct tgt_event q[MAXQ]; /* events reported before any thread runs */
    size_t nq;
    unsigned long seq;
    int refuse_mmap;
} fk;

struct fake_stats fake_stats;

static int misuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int misuse(const char *fmt, ...)
{
    if (!fake_stats.misuse++) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(fake_stats.misuse_msg, sizeof fake_stats.misuse_msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static struct fk_proc *proc_by_pid(pid_t pid)
{
    for (size_t i = 0; i < fk.nprocs; i++)
        if (fk.procs[i].pid == pid)
            return &fk.procs[i];
    return NULL;
}

static struct fk_thread *thread_any(pid_t tid)
{
    for (size_t i = 0; i < fk.nth; i++)
        if (fk.th[i].tid == tid)
            return &fk.th[i];
    return NULL;
}

/* A thread the engine may still talk to. */
static struct fk_thread *thread_live(pid_t tid)
{
    struct fk_thread *t = thread_any(tid);
    return t && t->st != FK_GONE && t->st != FK_ZOMBIE ? t : NULL;
}

static struct fk_region *region_at(struct fk_proc *p, uint64_t addr)
{
    for (size_t i = 0; p && i < p->nr; i++)
        if (addr >= p->r[i].start && addr < p->r[i].end)
            return &p->r[i];
    return NULL;
}

static struct fk_region *add_region(struct fk_proc *p, uint64_t start, uint64_t size, int prot,
                                    const char *path)
{
    if (p->nr == MAXR)
        abort();
    struct fk_region *r = &p->r[p->nr++];
    *r = (struct fk_region){start, start + size, calloc(1, size), prot, path, 0};
    if (!r->bytes)
        abort();
    return r;
}

static void remove_region(struct fk_proc *p, size_t i)
{
    free(p->r[i].bytes);
    p->r[i] = p->r[--p->nr];
}

/* ---- events --------------------------------------------------------- */

static void ev_init(struct tgt_event *ev, enum tgt_event_kind kind, const struct fk_thread *t)
{
    memset(ev, 0, sizeof *ev);
    ev->kind = kind;
    ev->tid = t->tid;
    ev->pid = t->pid;
}

static void ev_trap(struct tgt_event *ev, const struct fk_thread *t, int si_code)
{
    ev_init(ev, TGT_EV_SIGNAL, t);
    ev->sig = SIGTRAP;
    ev->si.si_signo = SIGTRAP;
    ev->si.si_code = si_code;
    ev->cause = tgt_signal_cause(SIGTRAP, si_code);
}

static void enqueue(const struct tgt_event *ev)
{
    if (fk.nq == MAXQ)
        abort();
    fk.q[fk.nq++] = *ev;
}

static void dequeue(size_t i, struct tgt_event *ev)
{
    *ev = fk.q[i];
    memmove(&fk.q[i], &fk.q[i + 1], (--fk.nq - i) * sizeof fk.q[0]);
}

static void drop_events_of(pid_t tid)
{
    for (size_t i = 0; i < fk.nq;) {
        struct tgt_event ev;
        if (fk.q[i].tid == tid)
            dequeue(i, &ev);
        else
            i++;
    }
}

/* ---- running a thread ------------------------------------------------ */

static void arrive(struct fk_thread *t)
{
    const struct fake_step *st = &t->script[t->pos];
    if (!st->addr)
        return; /* about to exit: rip stays past the last instruction */
    t->regs.rip = st->addr;
    if (st->set & FAKE_SET_RAX)
        t->regs.rax = st->rax;
    if (st->set & FAKE_SET_RBP)
        t->regs.rbp = st->rbp;
}

static struct fk_thread *new_thread(pid_t pid, pid_t tid, const struct fk_thread *from,
                                    const struct fake_step *script)
{
    if (fk.nth == MAXT)
        abort();
    struct fk_thread *t = &fk.th[fk.nth++];
    memset(t, 0, sizeof *t);
    t->tid = tid;
    t->pid = pid;
    t->st = FK_STOPPED;
    t->script = script;
    if (from)
        t->regs = from->regs;
    else
        t->regs.rsp = FAKE_STACK + FAKE_STACK_SIZE - 0x100;
    arrive(t);
    return t;
}

static int live_others(const struct fk_thread *t)
{
    int n = 0;
    for (size_t i = 0; i < fk.nth; i++)
        n += fk.th[i].pid == t->pid && &fk.th[i] != t &&
             (fk.th[i].st == FK_STOPPED || fk.th[i].st == FK_RUNNING);
    return n;
}

/* The end of t's script: its exit, reported now (1), or, for a leader
 * with threads left, once they are gone (0). */
static int thread_exit(struct fk_thread *t, struct tgt_event *ev)
{
    if (t->tid == t->pid && live_others(t)) {
        t->st = FK_ZOMBIE;
        return 0;
    }
    t->st = FK_GONE;
    ev_init(ev, TGT_EV_EXITED, t);
    struct fk_thread *leader = thread_any(t->pid);
    if (leader != t && leader && leader->st == FK_ZOMBIE && !live_others(leader)) {
        leader->st = FK_GONE;
        struct tgt_event lev;
        ev_init(&lev, TGT_EV_EXITED, leader);
        enqueue(&lev);
    }
    return 1;
}

/* A system call made for the debugger at the vDSO's `syscall`. */
static void injected_syscall(struct fk_thread *t)
{
    struct user_regs_struct *r = &t->regs;
    struct fk_proc *p = proc_by_pid(t->pid);
    uint64_t a0 = r->rdi, a1 = (r->rsi + PAGE - 1) & ~(PAGE - 1);
    fake_stats.injected++;
    int64_t ret = -ENOSYS;
    if (r->rax == SYS_mmap) {
        ret = fk.refuse_mmap ? -ENOMEM : (int64_t)a0;
        for (uint64_t a = a0; ret >= 0 && a < a0 + a1; a += PAGE)
            if (region_at(p, a))
                ret = -EEXIST;
        if (ret >= 0)
            add_region(p, a0, a1, (int)r->rdx, "")->by_engine = 1;
    } else if (r->rax == SYS_munmap) {
        ret = 0;
        for (size_t i = 0; i < p->nr;)
            if (p->r[i].start >= a0 && p->r[i].end <= a0 + a1)
                remove_region(p, i);
            else
                i++;
    } else if (r->rax == SYS_mprotect) {
        struct fk_region *reg = region_at(p, a0);
        ret = reg ? 0 : -ENOMEM;
        if (reg)
            reg->prot = (int)r->rdx;
    }
    r->rax = (uint64_t)ret;
    r->rip += 2;
}

static void fork_child(struct fk_thread *t, const struct fake_step *script, struct tgt_event *ev)
{
    struct fk_proc *p = proc_by_pid(t->pid);
    if (fk.nprocs == MAXP)
        abort();
    struct fk_proc *c = &fk.procs[fk.nprocs++];
    memset(c, 0, sizeof *c);
    c->pid = FAKE_PID + 1000 * (pid_t)(fk.nprocs - 1);
    c->next_tid = c->pid + 1;
    p = proc_by_pid(t->pid); /* the table did not move: procs is an array */
    for (size_t i = 0; i < p->nr; i++) {
        const struct fk_region *from = &p->r[i];
        struct fk_region *to = add_region(c, from->start, from->end - from->start, from->prot,
                                          from->path);
        memcpy(to->bytes, from->bytes, from->end - from->start); /* 0xCC included */
        to->by_engine = from->by_engine;
    }
    struct fk_thread *ct = new_thread(c->pid, c->pid, t, script);
    ct->regs.rax = 0;
    ev_init(ev, TGT_EV_FORK, t);
    ev->new_tid = c->pid;
    struct tgt_event first;
    ev_init(&first, TGT_EV_INTERRUPT, ct);
    enqueue(&first);
}

/* Runs one instruction of t: 1 with the event it reports in ev, 0 when it
 * goes on (or, a leader, waits for its threads to end). */
static int run_one(struct fk_thread *t, struct tgt_event *ev)
{
    struct fk_proc *p = proc_by_pid(t->pid);
    t->st = FK_STOPPED;
    if (t->regs.rip == FAKE_GADGET) {
        if (t->how != TGT_STEP)
            misuse("thread %d ran on from the vDSO's syscall", t->tid);
        injected_syscall(t);
        ev_trap(ev, t, TRAP_TRACE);
        return 1;
    }
    const struct fake_step *st = &t->script[t->pos];
    if (!st->addr)
        return thread_exit(t, ev);
    if (t->regs.rip != st->addr) {
        /* moved off the step by the engine: it has been executed */
        struct fk_region *reg = region_at(p, t->regs.rip);
        if (reg && reg->by_engine)
            fake_stats.ool_runs++;
        else
            fake_stats.emulated++;
    } else {
        uint8_t byte = 0;
        fake_peek(t->pid, st->addr, &byte);
        if (byte == 0xcc) {
            t->regs.rip = st->addr + 1;
            ev_trap(ev, t, SI_KERNEL);
            return 1;
        }
    }
    t->regs.rip = st->addr + 1;
    t->pos++;
    arrive(t);
    if (st->effect == FAKE_CLONE) {
        struct fk_thread *nt = new_thread(t->pid, p->next_tid++, t, st->script);
        ev_init(ev, TGT_EV_CLONE, t);
        ev->new_tid = nt->tid;
        struct tgt_event first;
        ev_init(&first, TGT_EV_INTERRUPT, nt);
        enqueue(&first);
        return 1;
    }
    if (st->effect == FAKE_FORK) {
        fork_child(t, st->script, ev);
        return 1;
    }
    if (t->how == TGT_STEP) {
        ev_trap(ev, t, TRAP_TRACE);
        return 1;
    }
    t->st = FK_RUNNING;
    return 0;
}

/* ---- tgt_ops ---------------------------------------------------------- */

int fake_peek(pid_t pid, uint64_t addr, uint8_t *byte)
{
    struct fk_region *r = region_at(proc_by_pid(pid), addr);
    if (!r)
        return -1;
    *byte = r->bytes[addr - r->start];
    return 0;
}

int fake_poke(pid_t pid, uint64_t addr, uint8_t byte)
{
    struct fk_region *r = region_at(proc_by_pid(pid), addr);
    if (!r)
        return -1;
    r->bytes[addr - r->start] = byte;
    return 0;
}

static int read_mem(struct tgt_proc *tp, uint64_t addr, void *buf, size_t len, size_t *got)
{
    size_t n = 0;
    while (n < len && fake_peek(tp->pid, addr + n, (uint8_t *)buf + n) == 0)
        n++;
    if (got)
        *got = n;
    if (n < len) {
        errno = EIO;
        return -1;
    }
    return 0;
}

static int write_mem(struct tgt_proc *tp, uint64_t addr, const void *buf, size_t len,
                     struct lerr *e)
{
    uint8_t b;
    for (size_t i = 0; i < len; i++)
        if (fake_peek(tp->pid, addr + i, &b) < 0)
            return lerr_set_code(e, LERR_MEMORY, "Memory access error at %llx",
                                 (unsigned long long)(addr + i));
    for (size_t i = 0; i < len; i++)
        fake_poke(tp->pid, addr + i, ((const uint8_t *)buf)[i]);
    return 0;
}

static struct fk_thread *stopped_thread(pid_t tid, const char *what, struct lerr *e)
{
    struct fk_thread *t = thread_live(tid);
    if (!t || t->st != FK_STOPPED) {
        misuse("%s of thread %d, which is %s", what, tid, t ? "running" : "gone");
        errno = ESRCH;
        lerr_set_code(e, LERR_GONE, "No such thread %d", tid);
        return NULL;
    }
    return t;
}

static int get_regs(struct tgt_proc *tp, pid_t tid, struct user_regs_struct *r, struct lerr *e)
{
    struct fk_thread *t = stopped_thread(tid, "get_regs", e);
    if (!t)
        return -1;
    *r = t->regs;
    return 0;
}

static int set_regs(struct tgt_proc *tp, pid_t tid, const struct user_regs_struct *r, struct lerr *e)
{
    struct fk_thread *t = stopped_thread(tid, "set_regs", e);
    if (!t)
        return -1;
    t->regs = *r;
    return 0;
}

static int get_fpregs(struct tgt_proc *tp, pid_t tid, struct user_fpregs_struct *r, struct lerr *e)
{
    struct fk_thread *t = stopped_thread(tid, "get_fpregs", e);
    if (!t)
        return -1;
    *r = t->fpregs;
    return 0;
}

static int set_fpregs(struct tgt_proc *tp, pid_t tid, const struct user_fpregs_struct *r, struct lerr *e)
{
    struct fk_thread *t = stopped_thread(tid, "set_fpregs", e);
    if (!t)
        return -1;
    t->fpregs = *r;
    return 0;
}

static int get_dreg(struct tgt_proc *tp, pid_t tid, int idx, uint64_t *v, struct lerr *e)
{
    struct fk_thread *t = stopped_thread(tid, "get_dreg", e);
    if (!t)
        return -1;
    *v = t->dr[idx & 7];
    return 0;
}

static int set_dreg(struct tgt_proc *tp, pid_t tid, int idx, uint64_t v, struct lerr *e)
{
    struct fk_thread *t = stopped_thread(tid, "set_dreg", e);
    if (!t)
        return -1;
    t->dr[idx & 7] = v;
    return 0;
}

static int get_sigmask(struct tgt_proc *tp, pid_t tid, uint64_t *mask, struct lerr *e)
{
    struct fk_thread *t = stopped_thread(tid, "get_sigmask", e);
    if (!t)
        return -1;
    *mask = t->sigmask;
    return 0;
}

static int set_sigmask(struct tgt_proc *tp, pid_t tid, uint64_t mask, struct lerr *e)
{
    struct fk_thread *t = stopped_thread(tid, "set_sigmask", e);
    if (!t)
        return -1;
    t->sigmask = mask;
    return 0;
}

static int resume(struct tgt_proc *tp, pid_t tid, enum tgt_resume how, int sig, struct lerr *e)
{
    /* sig: no handlers here, a signal passed on changes nothing */
    struct fk_thread *t = stopped_thread(tid, "resume", e);
    if (!t)
        return -1;
    for (size_t i = 0; i < fk.nq; i++)
        if (fk.q[i].tid == tid)
            return misuse("thread %d resumed before its stop was read", tid);
    if (how == TGT_STEP && t->regs.rip != FAKE_GADGET) {
        unsigned k = fake_stats.steps++;
        if (k < 32) {
            fake_stats.step_at[k] = t->regs.rip;
            fake_peek(t->pid, t->regs.rip, &fake_stats.step_byte[k]);
        }
    }
    t->how = how;
    t->st = FK_RUNNING;
    t->seq = ++fk.seq;
    return 0;
}

static int interrupt(const struct tgt_backend *be, pid_t tid)
{
    struct fk_thread *t = thread_live(tid);
    if (t && t->st == FK_RUNNING) {
        /* stopped before it got anywhere: where it stands */
        t->st = FK_STOPPED;
        struct tgt_event ev;
        ev_init(&ev, TGT_EV_INTERRUPT, t);
        enqueue(&ev);
    }
    return 0;
}

static struct fk_thread *next_runner(void)
{
    struct fk_thread *best = NULL;
    for (size_t i = 0; i < fk.nth; i++)
        if (fk.th[i].st == FK_RUNNING && (!best || fk.th[i].seq < best->seq))
            best = &fk.th[i];
    return best;
}

static int wait_any(const struct tgt_backend *be, struct tgt_event *ev, struct lerr *e)
{
    for (;;) {
        if (fk.nq) {
            dequeue(0, ev);
            return 0;
        }
        struct fk_thread *t = next_runner();
        if (!t) {
            lerr_set_code(e, LERR_NO_CHILD, "No child processes");
            errno = ECHILD;
            return -1;
        }
        if (run_one(t, ev))
            return 0;
        t->seq = ++fk.seq; /* the others run an instruction each first */
    }
}

static int wait_thread(const struct tgt_backend *be, pid_t tid, struct tgt_event *ev,
                       struct lerr *e)
{
    for (size_t i = 0; i < fk.nq; i++) {
        if (fk.q[i].tid == tid) {
            dequeue(i, ev);
            return 0;
        }
    }
    struct fk_thread *t = thread_live(tid);
    while (t && t->st == FK_RUNNING)
        if (run_one(t, ev))
            return 0;
    /* on a real target this waits forever */
    misuse("wait_thread(%d) with nothing to report", tid);
    lerr_set_code(e, LERR_NO_CHILD, "No child processes");
    errno = ECHILD;
    return -1;
}

static int detach(struct tgt_proc *tp, pid_t tid, int sig, struct lerr *e)
{
    struct fk_thread *t = stopped_thread(tid, "detach", e);
    if (!t)
        return -1;
    drop_events_of(tid);
    t->st = FK_GONE;
    return 0;
}

static int kill_proc(struct tgt_proc *tp)
{
    struct fk_thread *leader = NULL;
    for (size_t i = 0; i < fk.nth; i++) {
        struct fk_thread *t = &fk.th[i];
        if (t->pid != tp->pid || t->st == FK_GONE)
            continue;
        drop_events_of(t->tid);
        t->st = FK_GONE;
        if (t->tid == t->pid) {
            leader = t;
            continue;
        }
        struct tgt_event ev;
        ev_init(&ev, TGT_EV_KILLED, t);
        ev.sig = SIGKILL;
        enqueue(&ev);
    }
    if (leader) { /* the leader is reported last */
        struct tgt_event ev;
        ev_init(&ev, TGT_EV_KILLED, leader);
        ev.sig = SIGKILL;
        enqueue(&ev);
    }
    return 0;
}

static int reopen(struct tgt_proc *tp, struct lerr *e)
{
    return 0;
}

static void close_proc(struct tgt_proc *tp) { free(tp); }

static int read_map(struct tgt_proc *tp, struct tgt_map *out, struct lerr *e)
{
    out->r = NULL;
    out->n = 0;
    struct fk_proc *p = proc_by_pid(tp->pid);
    if (!p)
        return lerr_set_code(e, LERR_GONE, "No process %d", tp->pid);
    out->r = calloc(p->nr ? p->nr : 1, sizeof *out->r);
    if (!out->r)
        abort();
    for (size_t i = 0; i < p->nr; i++) {
        /* in address order, as /proc/pid/maps has them */
        size_t k = out->n;
        while (k > 0 && out->r[k - 1].start > p->r[i].start) {
            out->r[k] = out->r[k - 1];
            k--;
        }
        out->r[k] = (struct tgt_region){p->r[i].start, p->r[i].end, 0, p->r[i].prot, 0,
                                        strdup(p->r[i].path)};
        out->n++;
    }
    return 0;
}

static int exe_path(struct tgt_proc *tp, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    return -1;
}

static int thread_name(struct tgt_proc *tp, pid_t tid, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    return 0;
}

static pid_t thread_group(struct tgt_proc *tp, pid_t tid)
{
    struct fk_thread *t = thread_any(tid);
    return t ? t->pid : 0;
}

static int auxv_entry(struct tgt_proc *tp, uint64_t type, uint64_t *val)
{
    return -1;
}

static int real_path(struct tgt_proc *tp, const char *name, char *out, size_t size)
{
    if (size)
        out[0] = '\0';
    return -1;
}

static const struct tgt_ops fake_ops = {
    .name = "fake",
    .read_mem = read_mem,
    .write_mem = write_mem,
    .get_regs = get_regs,
    .set_regs = set_regs,
    .get_fpregs = get_fpregs,
    .set_fpregs = set_fpregs,
    .get_dreg = get_dreg,
    .set_dreg = set_dreg,
    .get_sigmask = get_sigmask,
    .set_sigmask = set_sigmask,
    .resume = resume,
    .detach = detach,
    .kill = kill_proc,
    .reopen = reopen,
    .close = close_proc,
    .read_map = read_map,
    .exe_path = exe_path,
    .thread_name = thread_name,
    .thread_group = thread_group,
    .auxv_entry = auxv_entry,
    .real_path = real_path,
};

static struct tgt_proc *handle(pid_t pid)
{
    struct tgt_proc *tp = malloc(sizeof *tp);
    if (!tp)
        abort();
    *tp = (struct tgt_proc){&fake_ops, pid, -1};
    return tp;
}

static struct tgt_proc *launch(const struct tgt_backend *be, char *const argv[],
                               const struct tgt_launch_opts *o,
                               struct lerr *e)
{
    if (fk.nprocs)
        return lerr_set(e, "The fake target runs one launched program"), NULL;
    struct fk_proc *p = &fk.procs[fk.nprocs++];
    memset(p, 0, sizeof *p);
    p->pid = FAKE_PID;
    p->next_tid = FAKE_PID + 1;
    memset(add_region(p, FAKE_CODE, FAKE_CODE_SIZE, PROT_READ | PROT_EXEC, "")->bytes, 0x90,
           FAKE_CODE_SIZE);
    add_region(p, FAKE_STACK, FAKE_STACK_SIZE, PROT_READ | PROT_WRITE, "[stack]");
    struct fk_region *vdso = add_region(p, FAKE_VDSO, PAGE, PROT_READ | PROT_EXEC, "[vdso]");
    vdso->bytes[FAKE_GADGET - FAKE_VDSO] = 0x0f;
    vdso->bytes[FAKE_GADGET - FAKE_VDSO + 1] = 0x05;
    new_thread(p->pid, p->pid, NULL, fk.script);
    return handle(p->pid);
}

static struct tgt_proc *attach(const struct tgt_backend *be, pid_t pid, pid_t **tids,
                               size_t *ntids, struct lerr *e)
{
    return lerr_set(e, "The fake target cannot attach to %d", pid), NULL;
}

static struct tgt_proc *adopt(const struct tgt_backend *be, pid_t pid,
                              const struct tgt_proc *parent, struct lerr *e)
{
    (void)parent;
    if (!proc_by_pid(pid))
        return lerr_set(e, "No process %d", pid), NULL;
    return handle(pid);
}

static int probe_debug_registers(const struct tgt_backend *be, struct lerr *e)
{
    return 0;
}

struct tgt_backend fake_backend = {
    .name = "fake",
    .ops = &fake_ops,
    .launch = launch,
    .attach = attach,
    .adopt = adopt,
    .probe_debug_registers = probe_debug_registers,
    .wait = wait_any,
    .wait_thread = wait_thread,
    .interrupt = interrupt,
};

void fake_reset(unsigned caps, const struct fake_step *script)
{
    for (size_t i = 0; i < fk.nprocs; i++)
        while (fk.procs[i].nr)
            remove_region(&fk.procs[i], 0);
    memset(&fk, 0, sizeof fk);
    memset(&fake_stats, 0, sizeof fake_stats);
    fk.caps = caps;
    fk.script = script;
    fake_backend.caps = caps | TGT_CAP_LIVE; /* a process that runs */
}

size_t fake_traps_in_code(pid_t pid)
{
    struct fk_region *r = region_at(proc_by_pid(pid), FAKE_CODE);
    size_t n = 0;
    for (uint64_t i = 0; r && i < FAKE_CODE_SIZE; i++)
        n += r->bytes[i] == 0xcc;
    return n;
}

size_t fake_mapped_by_engine(pid_t pid)
{
    struct fk_proc *p = proc_by_pid(pid);
    size_t n = 0;
    for (size_t i = 0; p && i < p->nr; i++)
        n += p->r[i].by_engine;
    return n;
}

long fake_position(pid_t tid)
{
    struct fk_thread *t = thread_any(tid);
    return t ? (long)t->pos : -1;
}

int fake_exited(pid_t tid)
{
    struct fk_thread *t = thread_any(tid);
    return t && t->st == FK_GONE;
}

void fake_refuse_mmap(int refuse) { fk.refuse_mmap = refuse; }
