/* Breakpoints decided in the target (issue: passes, conditions and "gc"
 * hits without a stop). A site whose breakpoint lindbg can decide in the
 * target becomes, for one run, a 5-byte `jmp` to a pad (arch/x86_64/
 * padgen.h) in a page lindbg maps near it; the instructions the jump
 * covers run relocated at the pad's end. The counters live in a memfd
 * mapped both here and in the target, so that nothing stops to count.
 *
 * A pad is planted only when every thread is stopped (none may stand
 * inside the bytes the jump covers), at the resume of a run, and taken
 * out at its end: while the user looks, the site is the ordinary int3 and
 * every view and command sees the program as before. During a run a pad
 * is taken out (int3 first, so no thread can start the covered bytes
 * half-written) when anything else wants a trap in its bytes: a step's
 * return trap, a breakpoint set on load, a vfork sharing the memory.
 *
 * A thread can be seen inside a pad: interrupted, given a signal, or
 * faulting in the condition. It is then moved out before anything sees
 * it: before the pad's pushfq it is put back on the site; after it, it is
 * single-stepped (signals blocked) to the pad's int3, which also puts it
 * back on the site (nothing changed on that way), or through the
 * relocated copy back into the program; a condition that faults puts the
 * saved registers back and the thread on the site, as a hit lindbg
 * decides. No pad address is ever in a thread's rip or a signal frame
 * when the user or the program can see it. */
#include "arch/x86_64/pad.h"
#include "arch/x86_64/padgen.h"
#include "arch/x86_64/patchrange.h"
#include "engine/internal.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096ull
#define PAD_SLOT 512u
#define SLOTS_PER_PAGE (PAGE / PAD_SLOT)
#define COUNTERS_SIZE (64u * 1024)
#define NCOUNTERS (COUNTERS_SIZE / sizeof(struct x86_pad_counters))
/* a jump's reach, less a page of margin */
#define REACH ((1ll << 31) - (int64_t)PAGE)
/* the largest function read to check that nothing jumps into a pad's bytes */
#define FUNC_MAX (256u * 1024)

enum pad_state { PAD_FREE, PAD_READY, PAD_PLANTED };

struct pad {
    enum pad_state state;
    int wanted;          /* asked for in this run's plan */
    uint64_t base;       /* its slot in the target */
    struct x86_patch plan;
    size_t trap, cond, cond_end, copy, code_len;
    uint8_t copy_off[X86_PATCH_MAX_INSN];
    uint8_t code[PAD_SLOT]; /* as written: reused when the same again */
    uint64_t saved_slot; /* the site's out-of-line copy while planted */
};

struct eng_pads {
    uint64_t *pages;
    size_t npages;
    struct pad *slots; /* SLOTS_PER_PAGE per page */
    int memfd;         /* the counters, -1 none yet */
    struct x86_pad_counters *local;
    uint64_t remote;   /* where the target has them, 0 not mapped yet */
    size_t ncounters;  /* blocks given out for this run */
    int unusable;      /* a page or the counters could not be mapped */
};

static int64_t dist(uint64_t a, uint64_t b) { return a > b ? (int64_t)(a - b) : (int64_t)(b - a); }

static struct eng_pads *pads_of(struct eng_process *p)
{
    if (!p->pads) {
        p->pads = calloc(1, sizeof *p->pads);
        if (!p->pads)
            abort();
        p->pads->memfd = -1;
    }
    return p->pads;
}

static size_t nslots(const struct eng_pads *ps) { return ps->npages * SLOTS_PER_PAGE; }

static struct pad *pad_containing(struct eng_process *p, uint64_t addr)
{
    struct eng_pads *ps = p->pads;
    if (!ps)
        return NULL;
    for (size_t i = 0; i < ps->npages; i++) {
        if (addr < ps->pages[i] || addr >= ps->pages[i] + PAGE)
            continue;
        struct pad *pd = &ps->slots[i * SLOTS_PER_PAGE + (addr - ps->pages[i]) / PAD_SLOT];
        return pd->state == PAD_FREE ? NULL : pd;
    }
    return NULL;
}

/* Whether a thread of p stands in pd (one that could not be moved out:
 * it reported an event of its own first): pd is then not rewritten. */
static int thread_inside(struct eng_process *p, const struct pad *pd)
{
    for (size_t i = 0; i < p->nthreads; i++) {
        const struct user_regs_struct *r = eng_regs_of(p, p->threads[i], NULL);
        if (r && r->rip >= pd->base && r->rip < pd->base + PAD_SLOT)
            return 1;
    }
    return 0;
}

int eng_pads_contain(struct eng_process *p, uint64_t addr)
{
    struct eng_pads *ps = p->pads;
    if (!ps)
        return 0;
    for (size_t i = 0; i < ps->npages; i++)
        if (addr >= ps->pages[i] && addr < ps->pages[i] + PAGE)
            return 1;
    return 0;
}

struct x86_pad_counters *eng_pad_counters(struct session *s, pid_t pid, struct lerr *e)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    if (!p)
        return lerr_set(e, "No process %d", pid), NULL;
    struct eng_pads *ps = pads_of(p);
    if (ps->memfd < 0) {
        int fd = memfd_create("lindbg-counters", MFD_CLOEXEC);
        if (fd < 0 || ftruncate(fd, COUNTERS_SIZE) < 0) {
            if (fd >= 0)
                close(fd);
            return lerr_set(e, "Cannot create the shared counters: %m"), NULL;
        }
        void *m = mmap(NULL, COUNTERS_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (m == MAP_FAILED) {
            close(fd);
            return lerr_set(e, "Cannot map the shared counters: %m"), NULL;
        }
        ps->memfd = fd;
        ps->local = m;
    }
    if (ps->ncounters >= NCOUNTERS)
        return lerr_set(e, "Not planted: more than %zu in-target breakpoints", NCOUNTERS), NULL;
    struct x86_pad_counters *c = &ps->local[ps->ncounters++];
    memset(c, 0, sizeof *c);
    return c;
}

/* The target maps the counters: it opens lindbg's memfd through /proc,
 * the path written at the end of the page at `scratch` (not used yet). */
static int map_counters(struct eng_process *p, struct eng_thread *t, uint64_t scratch,
                        struct lerr *e)
{
    struct eng_pads *ps = p->pads;
    char path[64];
    int n = snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)getpid(), ps->memfd);
    uint64_t at = scratch + PAGE - sizeof path;
    if (tgt_write_mem(p->tp, at, path, (size_t)n + 1, e) < 0)
        return -1;
    uint64_t oa[6] = {(uint64_t)-100 /* AT_FDCWD */, at, O_RDWR | O_CLOEXEC, 0, 0, 0};
    int64_t fd = -1, addr = -1, ignore;
    if (eng_remote_syscall(p, t, SYS_openat, oa, &fd, e) < 0 || fd < 0)
        return lerr_set(e, "The target cannot open lindbg's counters (%lld)", (long long)fd);
    uint64_t ma[6] = {0, COUNTERS_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, (uint64_t)fd, 0};
    int rc = eng_remote_syscall(p, t, SYS_mmap, ma, &addr, e);
    uint64_t ca[6] = {(uint64_t)fd};
    eng_remote_syscall(p, t, SYS_close, ca, &ignore, NULL);
    if (rc < 0 || addr < 0 || (uint64_t)addr > -4096ull)
        return lerr_set(e, "The target cannot map lindbg's counters");
    ps->remote = (uint64_t)addr;
    return 0;
}

/* A free slot within a jump's reach of addr, on a new page if needed. */
static struct pad *free_slot(struct eng_process *p, struct eng_thread *t, uint64_t addr)
{
    struct eng_pads *ps = p->pads;
    for (size_t i = 0; i < nslots(ps); i++)
        if (ps->slots[i].state == PAD_FREE && dist(ps->slots[i].base, addr) < REACH)
            return &ps->slots[i];
    if (ps->unusable)
        return NULL;
    uint64_t at = eng_ool_map_near(p, t, addr);
    if (!at || dist(at, addr) >= REACH) {
        if (!at)
            ps->unusable = 1;
        else {
            uint64_t u[6] = {at, PAGE};
            int64_t ret;
            eng_remote_syscall(p, t, SYS_munmap, u, &ret, NULL);
        }
        return NULL;
    }
    ps->pages = realloc(ps->pages, (ps->npages + 1) * sizeof *ps->pages);
    ps->slots = realloc(ps->slots, (nslots(ps) + SLOTS_PER_PAGE) * sizeof *ps->slots);
    if (!ps->pages || !ps->slots)
        abort();
    ps->pages[ps->npages] = at;
    for (unsigned k = 0; k < SLOTS_PER_PAGE; k++)
        ps->slots[nslots(ps) + k] = (struct pad){.state = PAD_FREE, .base = at + k * PAD_SLOT};
    ps->npages++;
    return &ps->slots[nslots(ps) - SLOTS_PER_PAGE];
}

/* Why addr cannot take a jump over plan's bytes now, or NULL. */
static const char *range_busy(struct eng_process *p, const struct x86_patch *plan)
{
    uint64_t a = plan->addr, end = a + plan->len;
    for (uint64_t x = a + 1; x < end; x++)
        if (bp_site_find(&p->sites, x))
            return "another breakpoint lies in the bytes the jump covers";
    for (size_t i = 0; i < p->ntraps; i++)
        if (p->traps[i].addr >= a && p->traps[i].addr < end)
            return "the debugger has a trap of its own there";
    for (size_t i = 0; i < p->nthreads; i++) {
        struct eng_thread *t = p->threads[i];
        if (t->run != ENG_THREAD_STOPPED)
            return "a thread is running";
        const struct user_regs_struct *r = eng_regs_of(p, t, NULL);
        if (!r)
            return "a thread's registers cannot be read";
        /* a thread in a system call has its return address in rip */
        if (r->rip > a && r->rip < end)
            return "a thread stands inside the bytes the jump covers";
    }
    return NULL;
}

static void unplant(struct eng_process *p, struct pad *pd)
{
    if (pd->state != PAD_PLANTED)
        return;
    const struct x86_patch *pl = &pd->plan;
    /* the int3 first: a thread arriving meanwhile stops there rather than
     * run half of a jump */
    uint8_t cc = 0xcc;
    struct bp_site *site = bp_site_find(&p->sites, pl->addr);
    tgt_write_mem(p->tp, pl->addr, site ? &cc : pl->orig, 1, NULL);
    tgt_write_mem(p->tp, pl->addr + 1, pl->orig + 1, pl->len - 1, NULL);
    if (site)
        site->slot = pd->saved_slot;
    pd->state = PAD_READY;
}

int eng_pad_plant(struct session *s, pid_t pid, const struct eng_pad_request *rq,
                  struct x86_pad_counters *c, struct lerr *e)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    if (!p || !p->pads || !p->pads->local)
        return lerr_set(e, "Not planted: no counters");
    struct eng_pads *ps = p->pads;
    if (!eng_can(p, TGT_CAP_OOL_PAGES | TGT_CAP_INJECT | TGT_CAP_SIGMASK) || p->vfork_lifted ||
        p->vfork_parent)
        return lerr_set(e, "Not planted: the target cannot have pages of lindbg's");
    struct bp_site *site = bp_site_find(&p->sites, rq->addr);
    if (!site)
        return lerr_set(e, "Not planted: no breakpoint there");
    if (!rq->flen || rq->flen > FUNC_MAX || rq->addr < rq->fstart ||
        rq->addr >= rq->fstart + rq->flen)
        return lerr_set(e, "Not planted: the function around it is not known");
    uint8_t *func = malloc(rq->flen);
    size_t got = 0;
    if (!func)
        abort();
    int rc = eng_read_program(p, rq->fstart, func, rq->flen, &got);
    struct x86_patch plan;
    if (rc < 0 || got != rq->flen) {
        rc = lerr_set(e, "Not planted: the function's code cannot be read");
    } else {
        rc = x86_patch_plan(func, rq->flen, rq->fstart, rq->addr, &plan, e);
    }
    free(func);
    if (rc == 0 && rq->cold_len) {
        /* gcc's .cold part of the function jumps back into it */
        uint8_t *cold = rq->cold_len <= FUNC_MAX ? malloc(rq->cold_len) : NULL;
        got = 0;
        if (!cold || eng_read_program(p, rq->cold_start, cold, rq->cold_len, &got) < 0 ||
            got != rq->cold_len)
            rc = lerr_set(e, "Not planted: the function's cold part cannot be read");
        else
            rc = x86_patch_check_code(cold, rq->cold_len, rq->cold_start, &plan, e);
        free(cold);
    }
    if (rc < 0)
        return -1;
    const char *busy = range_busy(p, &plan);
    if (busy)
        return lerr_set(e, "Not planted: %s", busy);
    struct eng_thread *t = eng_syscall_thread(p);
    if (!t)
        return lerr_set(e, "Not planted: no thread can map a page");
    struct pad *pd = NULL;
    for (size_t i = 0; i < nslots(ps) && !pd; i++)
        if (ps->slots[i].state == PAD_READY && !ps->slots[i].wanted &&
            ps->slots[i].plan.addr == rq->addr && !thread_inside(p, &ps->slots[i]))
            pd = &ps->slots[i];
    if (!pd)
        pd = free_slot(p, t, rq->addr);
    if (!pd)
        return lerr_set(e, "Not planted: no page can be mapped within a jump's reach");
    if (!ps->remote && map_counters(p, t, pd->base - pd->base % PAGE, e) < 0) {
        ps->unusable = 1;
        return -1;
    }
    struct x86_pad_spec spec = {rq->fs_filter, rq->cond, rq->cond_len,
                                ps->remote + (uint64_t)((char *)c - (char *)ps->local),
                                rq->passes, (enum x86_pad_action)rq->action};
    uint8_t code[PAD_SLOT];
    struct x86_pad_layout lay;
    size_t clen = 0;
    uint8_t copy_off[X86_PATCH_MAX_INSN];
    if (x86_pad_build(&spec, pd->base, code, sizeof code, &lay) < 0)
        return lerr_set(e, "Not planted: the condition's code is too long");
    if (x86_patch_relocate(&plan, pd->base + lay.len, code + lay.len, sizeof code - lay.len,
                           &clen, copy_off, e) < 0)
        return -1;
    size_t total = lay.len + clen;
    int same = pd->state == PAD_READY && pd->code_len == total && !memcmp(pd->code, code, total);
    if (!same && tgt_write_mem(p->tp, pd->base, code, total, e) < 0)
        return -1;
    uint8_t jmp[5];
    if (x86_pad_jump(rq->addr, pd->base, jmp) < 0)
        return lerr_set(e, "Not planted: the pad is out of a jump's reach");
    pd->state = PAD_READY;
    pd->plan = plan;
    pd->trap = lay.trap;
    pd->cond = lay.cond;
    pd->cond_end = lay.cond_end;
    pd->copy = lay.len;
    pd->code_len = total;
    memcpy(pd->code, code, total);
    memcpy(pd->copy_off, copy_off, sizeof copy_off);
    pd->wanted = 1;
    if (tgt_write_mem(p->tp, rq->addr, jmp, sizeof jmp, e) < 0) {
        tgt_write_mem(p->tp, rq->addr, "\xcc", 1, NULL);
        return -1;
    }
    pd->saved_slot = site->slot;
    site->slot = pd->base + pd->copy; /* a hit lindbg lets go on runs the copy */
    pd->state = PAD_PLANTED;
    return 0;
}

void eng_pads_plan_begin(struct session *s)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_pads *ps = s->procs[i]->pads;
        if (!ps)
            continue;
        ps->ncounters = 0;
        for (size_t k = 0; k < nslots(ps); k++)
            ps->slots[k].wanted = 0;
    }
}

void eng_pads_plan_end(struct session *s)
{
    /* pads not asked for again are free: every one was taken out at the
     * last stop, and the threads moved out of them */
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_process *p = s->procs[i];
        struct eng_pads *ps = p->pads;
        for (size_t k = 0; ps && k < nslots(ps); k++)
            if (ps->slots[k].state == PAD_READY && !ps->slots[k].wanted &&
                !thread_inside(p, &ps->slots[k]))
                ps->slots[k].state = PAD_FREE;
    }
}

int eng_pads_planted(struct session *s, pid_t pid, uint64_t addr)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    if (!p || !p->pads)
        return 0;
    for (size_t k = 0; k < nslots(p->pads); k++)
        if (p->pads->slots[k].wanted && p->pads->slots[k].plan.addr == addr)
            return 1;
    return 0;
}

void eng_pads_unplant_at(struct eng_process *p, uint64_t addr)
{
    struct eng_pads *ps = p->pads;
    if (!ps)
        return;
    for (size_t k = 0; k < nslots(ps); k++) {
        struct pad *pd = &ps->slots[k];
        if (pd->state == PAD_PLANTED && addr >= pd->plan.addr && addr < pd->plan.addr + pd->plan.len)
            unplant(p, pd);
    }
}

void eng_pads_unplant_all(struct eng_process *p)
{
    struct eng_pads *ps = p->pads;
    for (size_t k = 0; ps && k < nslots(ps); k++)
        unplant(p, &ps->slots[k]);
}

uint64_t eng_pad_trap_site(struct eng_process *p, uint64_t addr)
{
    struct pad *pd = pad_containing(p, addr);
    return pd && addr == pd->base + pd->trap ? pd->plan.addr : 0;
}

/* t's registers as they were at the site, from the frame its pad pushed
 * (rbx points at it while the condition runs). */
static int roll_back(struct eng_process *p, struct eng_thread *t, const struct pad *pd)
{
    struct user_regs_struct *r = &t->regs;
    uint64_t f[X86_PAD_NREGS];
    size_t got = 0;
    if (tgt_read_mem(p->tp, r->rbx, f, sizeof f, &got) < 0 || got != sizeof f)
        return -1;
    r->r15 = f[X86_PAD_R15], r->r14 = f[X86_PAD_R14], r->r13 = f[X86_PAD_R13];
    r->r12 = f[X86_PAD_R12], r->r11 = f[X86_PAD_R11], r->r10 = f[X86_PAD_R10];
    r->r9 = f[X86_PAD_R9], r->r8 = f[X86_PAD_R8], r->rdi = f[X86_PAD_RDI];
    r->rsi = f[X86_PAD_RSI], r->rbp = f[X86_PAD_RBP], r->rdx = f[X86_PAD_RDX];
    r->rcx = f[X86_PAD_RCX], r->rax = f[X86_PAD_RAX], r->eflags = f[X86_PAD_RFLAGS];
    r->rsp = r->rbx + X86_PAD_FRAME_SIZE + X86_PAD_RED_ZONE;
    r->rbx = f[X86_PAD_RBX];
    r->rip = pd->plan.addr;
    t->regs_dirty = 1;
    return 0;
}

uint64_t eng_pad_fault(struct eng_process *p, struct eng_thread *t)
{
    if (!eng_regs_of(p, t, NULL))
        return 0;
    uint64_t rip = t->regs.rip;
    struct pad *pd = pad_containing(p, rip);
    if (!pd || pd->cond == pd->cond_end || rip < pd->base + pd->cond || rip >= pd->base + pd->cond_end)
        return 0;
    return roll_back(p, t, pd) == 0 ? pd->plan.addr : 0;
}

/* Which covered instruction's copy starts at offset off of pd, or -1. */
static int copied_insn(const struct pad *pd, uint64_t off)
{
    for (unsigned i = 0; i < pd->plan.ninsn; i++)
        if (off == pd->copy + pd->copy_off[i])
            return (int)i;
    return -1;
}

/* Where t stands in a pad, the way out without running anything: 1 when
 * it was put back on the site or into the program, 0 when it must be
 * stepped. */
static int put_out(struct eng_thread *t, const struct pad *pd)
{
    struct user_regs_struct *r = &t->regs;
    uint64_t off = r->rip - pd->base;
    int i = off >= pd->copy ? copied_insn(pd, off) : -1;
    if (off == 0 || off == pd->trap) {
        r->rip = pd->plan.addr; /* not started, or done and unchanged */
    } else if (off == 5) {
        r->rsp += X86_PAD_RED_ZONE; /* only the red zone skipped */
        r->rip = pd->plan.addr;
    } else if (i == 0 && pd->state != PAD_PLANTED) {
        /* about to run the copy: it passed the site, whose trap it must
         * not hit again (a signal's handler would return onto the jump
         * while it is there: the copy is stepped then) */
        r->rip = pd->plan.addr;
        t->site_done = pd->plan.addr;
    } else if (i > 0 && pd->state != PAD_PLANTED) {
        r->rip = pd->plan.addr + pd->plan.insn_off[i]; /* the program's bytes are back */
    } else {
        return 0; /* deciding, or inside the jump's bytes while it is there */
    }
    t->regs_dirty = 1;
    return 1;
}

/* One step of t, interrupts left over from a stop aside. */
static int step_once(struct eng_process *p, struct eng_thread *t, struct tgt_event *ev)
{
    if (eng_flush_regs(p, t, NULL) < 0)
        return -1;
    do {
        if (tgt_resume(p->tp, t->tid, TGT_STEP, 0, NULL) < 0 ||
            p->be->wait_thread(p->be, t->tid, ev, NULL) < 0)
            return -1;
    } while (ev->kind == TGT_EV_INTERRUPT);
    t->regs_valid = 0;
    return 0;
}

/* t ran the pad's int3 and was stopped (all-stop) before its SIGTRAP was
 * reported: the trap is taken now (a step reports a pending signal before
 * it runs anything), and t stands on the site with a hit to decide when
 * the target next runs, as a thread interrupted just after a site's int3.
 * Left at the int3's end, it would run on into the pad's restoring. */
static int take_pending_trap(struct session *s, struct eng_process *p, struct eng_thread *t,
                             const struct pad *pd)
{
    struct user_regs_struct before = t->regs;
    struct tgt_event ev;
    if (step_once(p, t, &ev) < 0)
        return -1;
    if (ev.kind != TGT_EV_SIGNAL || ev.sig != SIGTRAP) {
        eng_replay_later(s, &ev);
        return -1;
    }
    t->regs = before; /* the trap came before anything ran (else: undone) */
    t->regs.rip = pd->plan.addr;
    t->regs_valid = 1;
    t->regs_dirty = 1;
    t->site_done = pd->plan.addr;
    t->pending_hit = s->bp_hook != NULL;
    return 0;
}

/* Steps t (inside a pad, signals blocked) until it is out of it.
 * -1 when it ended or reported another event (replayed). */
static int step_out(struct session *s, struct eng_process *p, struct eng_thread *t)
{
    for (int n = 0; n < 4096; n++) {
        if (!eng_regs_of(p, t, NULL))
            return -1;
        if (n > 0) {
            /* a step over the pad's popfq leaves the kernel's trap flag
             * looking like the program's own: it would stay set */
            t->regs.eflags &= ~0x100ull;
            t->regs_dirty = 1;
        }
        struct pad *pd = pad_containing(p, t->regs.rip);
        if (!pd)
            return 0; /* back in the program */
        if (t->regs.rip == pd->base + pd->trap + 1)
            return take_pending_trap(s, p, t, pd);
        if (put_out(t, pd))
            return 0;
        struct tgt_event ev;
        if (step_once(p, t, &ev) < 0)
            return -1;
        if (ev.kind != TGT_EV_SIGNAL) {
            eng_replay_later(s, &ev);
            return -1;
        }
        if (ev.sig == SIGTRAP)
            continue;
        if (!eng_regs_of(p, t, NULL))
            return -1;
        uint64_t off = t->regs.rip - pd->base;
        if (off >= pd->cond && off < pd->cond_end)
            /* the condition's read faulted: back on the site as it was;
             * the hit is taken when it runs again and faults the same way */
            return roll_back(p, t, pd);
        int i = off >= pd->copy ? copied_insn(pd, off) : -1;
        if (i < 0)
            return -1;
        /* a displaced instruction of the program's faulted: with the
         * program's bytes back, it faults again where the program has it */
        unplant(p, pd);
        if (put_out(t, pd) && eng_flush_regs(p, t, NULL) == 0)
            return 0;
        return -1;
    }
    return -1;
}

int eng_pad_settle_thread(struct session *s, struct eng_process *p, struct eng_thread *t)
{
    if (!eng_regs_of(p, t, NULL) || !eng_pads_contain(p, t->regs.rip))
        return 0;
    uint64_t mask;
    if (tgt_get_sigmask(p->tp, t->tid, &mask, NULL) < 0 || tgt_set_sigmask(p->tp, t->tid, ~0ull, NULL) < 0)
        return -1;
    t->ool_active = 0;
    int rc = step_out(s, p, t);
    tgt_set_sigmask(p->tp, t->tid, mask, NULL);
    return rc;
}

void eng_pads_suspend(struct session *s, struct eng_process *p)
{
    struct eng_pads *ps = p->pads;
    if (!ps || !ps->npages)
        return;
    /* the program's bytes first: a thread in a copy is then where the
     * program has that instruction */
    eng_pads_unplant_all(p);
    for (size_t i = 0; i < p->nthreads; i++) {
        struct eng_thread *t = p->threads[i];
        if (t->run == ENG_THREAD_STOPPED && !t->exiting)
            eng_pad_settle_thread(s, p, t);
    }
}

static void unmap_remote(struct eng_process *p, struct eng_thread *t, const struct eng_pads *ps)
{
    int64_t ret;
    for (size_t i = 0; i < ps->npages; i++) {
        uint64_t a[6] = {ps->pages[i], PAGE};
        eng_remote_syscall(p, t, SYS_munmap, a, &ret, NULL);
    }
    if (ps->remote) {
        uint64_t a[6] = {ps->remote, COUNTERS_SIZE};
        eng_remote_syscall(p, t, SYS_munmap, a, &ret, NULL);
    }
}

void eng_pads_forget(struct eng_process *p)
{
    struct eng_pads *ps = p->pads;
    if (!ps)
        return;
    if (ps->local)
        munmap(ps->local, COUNTERS_SIZE);
    if (ps->memfd >= 0)
        close(ps->memfd);
    free(ps->pages);
    free(ps->slots);
    free(ps);
    p->pads = NULL;
}

void eng_pads_release(struct session *s, struct eng_process *p)
{
    if (!p->pads)
        return;
    eng_pads_suspend(s, p);
    struct eng_thread *t = eng_syscall_thread(p);
    if (t)
        unmap_remote(p, t, p->pads);
    eng_pads_forget(p);
}

void eng_pads_release_child(struct eng_process *p, struct tgt_proc *child, int *pending_sig)
{
    struct eng_pads *ps = p->pads;
    if (!ps)
        return;
    for (size_t k = 0; k < nslots(ps); k++)
        if (ps->slots[k].state == PAD_PLANTED)
            tgt_write_mem(child, ps->slots[k].plan.addr, ps->slots[k].plan.orig,
                          ps->slots[k].plan.len, NULL);
    struct eng_process cp = {.tp = child, .be = p->be, .pid = tgt_pid(child),
                             .sc_gadget = p->sc_gadget};
    struct eng_thread ct = {.tid = tgt_pid(child)};
    unmap_remote(&cp, &ct, ps);
    if (ct.pending_sig && !*pending_sig)
        *pending_sig = ct.pending_sig;
}

void eng_pads_hide(const struct eng_process *p, uint64_t addr, uint8_t *buf, size_t len)
{
    const struct eng_pads *ps = p->pads;
    for (size_t k = 0; ps && k < nslots(ps); k++) {
        const struct pad *pd = &ps->slots[k];
        if (pd->state != PAD_PLANTED)
            continue;
        for (unsigned i = 0; i < pd->plan.len; i++) {
            uint64_t x = pd->plan.addr + i;
            if (x >= addr && x - addr < len)
                buf[x - addr] = pd->plan.orig[i];
        }
    }
}

uint64_t eng_thread_pointer(struct session *s, pid_t pid, int index)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    struct eng_thread *t = p ? eng_thread_by_index(p, index) : NULL;
    const struct user_regs_struct *r = t ? eng_regs_of(p, t, NULL) : NULL;
    return r ? r->fs_base : 0;
}
