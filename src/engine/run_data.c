/* The run loop's data-breakpoint events: faults on pages protected for
 * emulated data breakpoints, and system-call stops (the kernel's writes
 * into watched memory, buffers on protected pages, the program's own
 * changes to its mappings). Split from run.c, whose state it shares
 * through runloop.h. */
#include "arch/x86_64/dr7.h"
#include "arch/x86_64/kwrites.h"
#include "engine/internal.h"
#include "engine/runloop.h"

#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

/* After an access to a watched page was performed (emulated or stepped):
 * a matching watch may stop; a thread that was single-stepping has done
 * its step. */
static void after_watch_access(struct session *s, struct run *r, struct eng_process *p,
                               struct eng_thread *t, const struct eng_hit *hits, int n,
                               int stepping, int resume_now, struct lerr *e)
{
    for (int i = 0; i < n; i++) {
        if (s->bp_hook && eng_user_hit(s, p, t, &hits[i])) {
            eng_run_decide(s, r, p, t, ENG_STOP_BREAKPOINT, 0, NULL);
            s->last_stop.addr = hits[i].addr;
            s->last_stop.step_ended = stepping;
            return;
        }
    }
    if (stepping)
        eng_run_decide(s, r, p, t, ENG_STOP_STEP, 0, NULL);
    else if (resume_now && !r->decided && !r->quiesce)
        eng_run_resume(p, t, TGT_CONT, 0, e);
}

/* A fault on a page protected for data breakpoints. Returns 0 when the
 * fault is the program's own. */
int eng_run_watch_fault(struct session *s, struct run *r, struct eng_process *p,
                          struct eng_thread *t, const struct tgt_event *ev, int stepping,
                          struct lerr *e)
{
    uint64_t fault = (uint64_t)(uintptr_t)ev->si.si_addr;
    if (!eng_watch_page(p, fault) || !eng_regs(s, t, e))
        return 0;
    if (r->decided)
        return 1; /* dropped: the instruction faults again when it runs */
    struct eng_hit hits[8];
    int n = 0;
    switch (eng_watch_fault(p, t, fault, hits, 8, &n)) {
    case ENG_WATCH_NOT_OURS:
    case ENG_WATCH_REAL_FAULT:
        return 0;
    case ENG_WATCH_NEEDS_STEP:
        t->watch_step = stepping ? 2 : 1;
        r->quiesce = 1;
        return 1;
    case ENG_WATCH_EMULATED:
        after_watch_access(s, r, p, t, hits, n, stepping, 1, e);
        return 1;
    }
    return 0;
}

/* Threads that faulted on a watched page with an instruction lindbg does
 * not emulate: stepped now that nothing runs. Returns 1 when one stops. */
int eng_run_watch_steps(struct session *s, struct run *r, struct lerr *e)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_process *p = s->procs[i];
        for (size_t j = 0; j < p->nthreads; j++) {
            struct eng_thread *t = p->threads[j];
            if (!t->watch_step || t->run == ENG_THREAD_RUNNING)
                continue;
            int stepping = t->watch_step == 2;
            t->watch_step = 0;
            struct eng_hit hits[8];
            int n = 0;
            siginfo_t si;
            int rc = eng_watch_step(s, p, t, hits, 8, &n, &si, e);
            if (rc < 0)
                continue;
            if (rc == ENG_WATCH_REAL_FAULT) {
                t->pending_sig = SIGSEGV;
                eng_run_decide(s, r, p, t, ENG_STOP_SIGNAL, SIGSEGV, &si);
            } else {
                after_watch_access(s, r, p, t, hits, n, stepping, 0, e);
            }
            if (r->decided)
                return 1;
        }
    }
    return 0;
}

static int kw_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct eng_process *p = ctx;
    return tgt_read_mem(p->tp, addr, buf, len, NULL);
}

static void describe_call(char *out, size_t size, const char *name, const uint64_t a[6],
                          int64_t ret)
{
    char args[3][32];
    for (int i = 0; i < 3; i++) {
        if (a[i] > 0xffff)
            snprintf(args[i], sizeof args[i], "%08x`%08x", (unsigned)(a[i] >> 32), (unsigned)a[i]);
        else
            snprintf(args[i], sizeof args[i], "%llu", (unsigned long long)a[i]);
    }
    snprintf(out, size, "%s(%s, %s, %s) = %lld", name, args[0], args[1], args[2], (long long)ret);
}

/* Did the kernel write into a watched range (at the call's exit)? */
int eng_run_kernel_write(struct session *s, struct run *r, struct eng_process *p,
                            struct eng_thread *t, const struct tgt_event *ev, struct lerr *e)
{
    struct user_regs_struct *regs = eng_regs(s, t, e);
    const char *name = regs ? kw_name((long)regs->orig_rax) : NULL;
    if (!name)
        return 0;
    uint64_t a[6] = {regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8, regs->r9};
    struct kw_range w[16];
    size_t n = kw_written((long)regs->orig_rax, a, ev->sc_ret, kw_read, p, w, 16);
    struct eng_hit hits[64];
    int nh = eng_data_watches(p, hits, 64);
    for (int i = 0; i < nh; i++) {
        const struct eng_hit *h = &hits[i];
        for (size_t k = 0; k < n; k++) {
            if (w[k].addr >= h->addr + h->len || h->addr >= w[k].addr + w[k].len)
                continue;
            if (eng_user_hit(s, p, t, h)) {
                eng_run_decide(s, r, p, t, ENG_STOP_BREAKPOINT, 0, NULL);
                s->last_stop.addr = h->addr;
                describe_call(s->last_stop.kernel, sizeof s->last_stop.kernel, name, a,
                              ev->sc_ret);
                return 1;
            }
            break;
        }
    }
    return 0;
}

static int changes_mappings(long nr)
{
    return nr == SYS_mprotect || nr == SYS_pkey_mprotect || nr == SYS_munmap || nr == SYS_mmap ||
           nr == SYS_mremap;
}

/* The program changed its own mappings: pages it covered keep what it
 * asked for, plus our protection. */
static void mappings_changed(struct session *s, struct eng_process *p, struct eng_thread *t,
                             const struct tgt_event *ev)
{
    struct user_regs_struct *regs = eng_regs(s, t, NULL);
    if (!regs)
        return;
    eng_watch_memory_changed(p, t, regs->rdi, regs->rsi);
    if (t->sc_nr == SYS_mmap || t->sc_nr == SYS_mremap)
        eng_watch_memory_changed(p, t, (uint64_t)ev->sc_ret,
                                 t->sc_nr == SYS_mmap ? regs->rsi : regs->rdx);
    t->regs_valid = 0; /* the calls made for us went through its registers */
}

void eng_run_syscall(struct session *s, struct run *r, struct eng_process *p,
                       struct eng_thread *t, const struct tgt_event *ev, struct lerr *e)
{
    if (!ev->sc_exit) {
        t->sc_nr = ev->sc_nr;
        t->sc_entry = 1;
        /* buffers on watched pages: opened for the call */
        if (p->nwpages)
            eng_watch_syscall_entry(p, t);
    } else if (p->nwpages || t->sc_opened) {
        if (eng_watch_syscall_exit(p, t, ev->sc_ret)) {
            if (!r->decided && !r->quiesce)
                eng_run_resume(p, t, TGT_SYSCALL, 0, e); /* runs the call again */
            return;
        }
        if (p->nwpages && ev->sc_ret >= 0 && changes_mappings(t->sc_nr))
            mappings_changed(s, p, t, ev);
    }
    /* only calls that write user memory are looked at (no register read
     * for the others); one that returns while everything is being stopped
     * is looked at when the target resumes (it stays at the exit) */
    if (ev->sc_exit && r->decided && s->bp_hook && (t->sc_nr < 0 || kw_name(t->sc_nr)))
        t->pending_kw = 1;
    if (ev->sc_exit && !r->decided && s->bp_hook && (t->sc_nr < 0 || kw_name(t->sc_nr)) &&
        eng_run_kernel_write(s, r, p, t, ev, e))
        return;
    if (!r->decided && !r->quiesce)
        eng_run_resume(p, t, TGT_CONT, 0, e);
}

