/* What every backend shares: the list of backends, the address-space
 * map's helpers. */
#include "target/backend.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const struct tgt_backend *const backends[] = {&tgt_ptrace_backend, &tgt_core_backend};

const struct tgt_backend *tgt_backend_default(void) { return backends[0]; }

const struct tgt_backend *tgt_backend_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++)
        if (!strcmp(backends[i]->name, name))
            return backends[i];
    return NULL;
}

void tgt_map_free(struct tgt_map *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->r[i].path);
    free(m->r);
    m->r = NULL;
    m->n = 0;
}

const struct tgt_region *tgt_map_find(const struct tgt_map *m, uint64_t addr)
{
    for (size_t i = 0; i < m->n; i++)
        if (addr >= m->r[i].start && addr < m->r[i].end)
            return &m->r[i];
    return NULL;
}

enum tgt_sig_cause tgt_signal_cause(int sig, int si_code)
{
    int fault = sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE;
    if (si_code <= 0)
        return TGT_CAUSE_SENT; /* SI_USER, SI_TKILL, SI_QUEUE... */
    if (sig == SIGTRAP) {
        switch (si_code) {
        case SI_KERNEL: return TGT_CAUSE_INT3;
        case TRAP_HWBKPT: return TGT_CAUSE_DEBUG_REG;
        case TRAP_BRKPT: return TGT_CAUSE_STEP_AT_SYSCALL;
        default: return TGT_CAUSE_STEP;
        }
    }
    if (sig == SIGSEGV && si_code == SEGV_ACCERR)
        return TGT_CAUSE_ACCESS;
    return fault ? TGT_CAUSE_FAULT : TGT_CAUSE_KERNEL;
}

int tgt_event_is_fault(const struct tgt_event *ev)
{
    return ev->kind == TGT_EV_SIGNAL &&
           (ev->cause == TGT_CAUSE_FAULT || ev->cause == TGT_CAUSE_ACCESS);
}

pid_t tgt_pid(const struct tgt_proc *p) { return p->pid; }

int tgt_read_mem(struct tgt_proc *p, uint64_t addr, void *buf, size_t len, size_t *got)
{
    return p->ops->read_mem(p, addr, buf, len, got);
}

int tgt_write_mem(struct tgt_proc *p, uint64_t addr, const void *buf, size_t len,
                  struct lerr *e)
{
    return p->ops->write_mem(p, addr, buf, len, e);
}

int tgt_get_regs(struct tgt_proc *p, pid_t tid, struct user_regs_struct *r, struct lerr *e)
{
    return p->ops->get_regs(p, tid, r, e);
}

int tgt_set_regs(struct tgt_proc *p, pid_t tid, const struct user_regs_struct *r,
                 struct lerr *e)
{
    return p->ops->set_regs(p, tid, r, e);
}

int tgt_get_fpregs(struct tgt_proc *p, pid_t tid, struct user_fpregs_struct *r, struct lerr *e)
{
    return p->ops->get_fpregs(p, tid, r, e);
}

int tgt_set_fpregs(struct tgt_proc *p, pid_t tid, const struct user_fpregs_struct *r,
                   struct lerr *e)
{
    return p->ops->set_fpregs(p, tid, r, e);
}

int tgt_get_dreg(struct tgt_proc *p, pid_t tid, int idx, uint64_t *v, struct lerr *e)
{
    return p->ops->get_dreg(p, tid, idx, v, e);
}

int tgt_set_dreg(struct tgt_proc *p, pid_t tid, int idx, uint64_t v, struct lerr *e)
{
    return p->ops->set_dreg(p, tid, idx, v, e);
}

int tgt_get_sigmask(struct tgt_proc *p, pid_t tid, uint64_t *mask, struct lerr *e)
{
    return p->ops->get_sigmask(p, tid, mask, e);
}

int tgt_set_sigmask(struct tgt_proc *p, pid_t tid, uint64_t mask, struct lerr *e)
{
    return p->ops->set_sigmask(p, tid, mask, e);
}

int tgt_resume(struct tgt_proc *p, pid_t tid, enum tgt_resume how, int sig, struct lerr *e)
{
    return p->ops->resume(p, tid, how, sig, e);
}

int tgt_detach(struct tgt_proc *p, pid_t tid, int sig, struct lerr *e)
{
    return p->ops->detach(p, tid, sig, e);
}

int tgt_kill(struct tgt_proc *p) { return p->ops->kill(p); }
int tgt_reopen(struct tgt_proc *p, struct lerr *e) { return p->ops->reopen(p, e); }
void tgt_close(struct tgt_proc *p) { p->ops->close(p); }

int tgt_read_map(struct tgt_proc *p, struct tgt_map *out, struct lerr *e)
{
    return p->ops->read_map(p, out, e);
}

int tgt_exe_path(struct tgt_proc *p, char *buf, size_t size)
{
    return p->ops->exe_path(p, buf, size);
}

int tgt_thread_name(struct tgt_proc *p, pid_t tid, char *buf, size_t size)
{
    return p->ops->thread_name(p, tid, buf, size);
}

pid_t tgt_thread_group(struct tgt_proc *p, pid_t tid)
{
    return p->ops->thread_group(p, tid);
}

int tgt_thread_ended(struct tgt_proc *p, pid_t tid)
{
    return p->ops->thread_ended ? p->ops->thread_ended(p, tid) : 0;
}

int tgt_auxv_entry(struct tgt_proc *p, uint64_t type, uint64_t *val)
{
    return p->ops->auxv_entry(p, type, val);
}

int tgt_real_path(struct tgt_proc *p, const char *name, char *out, size_t size)
{
    return p->ops->real_path(p, name, out, size);
}

int tgt_watch_exit(struct tgt_proc *p, pid_t tid, struct lerr *e)
{
    if (!p->ops->watch_exit)
        return lerr_set(e, "The %s backend cannot stop threads on their way out", p->ops->name);
    return p->ops->watch_exit(p, tid, e);
}

int tgt_get_xstate(struct tgt_proc *p, pid_t tid, void *buf, size_t size, size_t *got,
                   struct lerr *e)
{
    *got = 0;
    if (!p->ops->get_xstate)
        return lerr_set_code(e, LERR_UNSUPPORTED, "The %s target cannot read the XSAVE area",
                             p->ops->name);
    return p->ops->get_xstate(p, tid, buf, size, got, e);
}

int tgt_read_auxv(struct tgt_proc *p, void *buf, size_t size, size_t *got, struct lerr *e)
{
    *got = 0;
    if (!p->ops->read_auxv)
        return lerr_set_code(e, LERR_UNSUPPORTED,
                             "The %s target cannot read the auxiliary vector", p->ops->name);
    if (p->ops->read_auxv(p, buf, size, got) < 0)
        return lerr_set(e, "Couldn't read the auxiliary vector of process %d", p->pid);
    return 0;
}

int tgt_read_cmdline(struct tgt_proc *p, char *buf, size_t size, size_t *got, struct lerr *e)
{
    *got = 0;
    if (!p->ops->read_cmdline)
        return lerr_set_code(e, LERR_UNSUPPORTED, "The %s target cannot read the command line",
                             p->ops->name);
    if (p->ops->read_cmdline(p, buf, size, got) < 0)
        return lerr_set(e, "Couldn't read the command line of process %d", p->pid);
    return 0;
}

int tgt_read_dump_map(struct tgt_proc *p, struct tgt_map *out, struct lerr *e)
{
    if (!p->ops->read_dump_map)
        return tgt_read_map(p, out, e);
    return p->ops->read_dump_map(p, out, e);
}

int tgt_pages_present(struct tgt_proc *p, uint64_t addr, size_t npages, unsigned char *out)
{
    return p->ops->pages_present ? p->ops->pages_present(p, addr, npages, out) : -1;
}

pid_t tgt_parent_pid(struct tgt_proc *p)
{
    return p->ops->parent_pid ? p->ops->parent_pid(p) : 0;
}

int tgt_proc_times(struct tgt_proc *p, struct tgt_proc_times *out, struct lerr *e)
{
    if (!p->ops->proc_times)
        return lerr_set_code(e, LERR_UNSUPPORTED, "The %s target cannot tell the process's times",
                             p->ops->name);
    if (p->ops->proc_times(p, out) < 0)
        return lerr_set(e, "Couldn't read the times of process %d", p->pid);
    return 0;
}
