/* Breakpoints decided in the target: passes, conditions and "gc" hits
 * without a stop. A site whose breakpoint lindbg can decide in the
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
 * Threads found inside a pad are moved out of it before anything sees
 * them (padthreads.c); where a jump may not go is padsafety.c's. */
#include "arch/x86_64/padgen.h"
#include "arch/x86_64/patchrange.h"
#include "engine/internal.h"
#include "engine/pads_int.h"

#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

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

/* The slot of p's pad pages that holds addr, or NULL. */
static struct pad *slot_at(struct eng_process *p, uint64_t addr)
{
    struct eng_pads *ps = p->pads;
    for (size_t i = 0; ps && i < ps->npages; i++)
        if (addr >= ps->pages[i] && addr < ps->pages[i] + PAGE)
            return &ps->slots[i * SLOTS_PER_PAGE + (addr - ps->pages[i]) / PAD_SLOT];
    return NULL;
}

struct pad *eng_pad_containing(struct eng_process *p, uint64_t addr)
{
    struct pad *pd = slot_at(p, addr);
    return pd && pd->state != PAD_FREE ? pd : NULL;
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

int eng_pads_contain(struct eng_process *p, uint64_t addr) { return slot_at(p, addr) != NULL; }

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
    if (ps->ncounters >= NCOUNTERS - 1) /* the last one is the mapping's check */
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
    /* the same memory on both sides? (another PID namespace would have
     * named another process's descriptor) */
    uint64_t cookie = ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)ps->local ^ 0x5eed, seen = 0;
    size_t got = 0;
    ps->local[NCOUNTERS - 1].spare = cookie;
    uint64_t last = (uint64_t)addr + (NCOUNTERS - 1) * sizeof *ps->local +
                    offsetof(struct x86_pad_counters, spare);
    if (tgt_read_mem(p->tp, last, &seen, sizeof seen, &got) < 0 || seen != cookie) {
        uint64_t ua[6] = {(uint64_t)addr, COUNTERS_SIZE};
        eng_remote_syscall(p, t, SYS_munmap, ua, &ignore, NULL);
        return lerr_set(e, "The target's view of lindbg's counters is not lindbg's");
    }
    ps->remote = (uint64_t)addr;
    return 0;
}

/* A free slot within a jump's reach of addr, on a new page if needed. */
static struct pad *free_slot(struct eng_process *p, struct eng_thread *t, uint64_t addr)
{
    struct eng_pads *ps = p->pads;
    for (size_t i = 0; i < eng_pads_nslots(ps); i++)
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
    ps->slots = realloc(ps->slots, (eng_pads_nslots(ps) + SLOTS_PER_PAGE) * sizeof *ps->slots);
    if (!ps->pages || !ps->slots)
        abort();
    ps->pages[ps->npages] = at;
    for (unsigned k = 0; k < SLOTS_PER_PAGE; k++)
        ps->slots[eng_pads_nslots(ps) + k] = (struct pad){.state = PAD_FREE, .base = at + k * PAD_SLOT};
    ps->npages++;
    return &ps->slots[eng_pads_nslots(ps) - SLOTS_PER_PAGE];
}

void eng_pad_take_out(struct eng_process *p, struct pad *pd)
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

/* The program's code at [start, start+len) (malloc'd), or NULL. */
static uint8_t *read_code(struct eng_process *p, uint64_t start, uint64_t len)
{
    uint8_t *code = len && len <= FUNC_MAX ? malloc(len) : NULL;
    size_t got = 0;
    if (code && (eng_read_program(p, start, code, len, &got) < 0 || got != len)) {
        free(code);
        code = NULL;
    }
    return code;
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
    if (rq->addr < rq->fstart || rq->addr >= rq->fstart + rq->flen)
        return lerr_set(e, "Not planted: the function around it is not known");
    uint8_t *func = read_code(p, rq->fstart, rq->flen);
    struct x86_patch plan;
    int rc = func ? x86_patch_plan(func, rq->flen, rq->fstart, rq->addr, &plan, e)
                  : lerr_set(e, "Not planted: the function's code cannot be read");
    free(func);
    if (rc == 0 && rq->cold_len) {
        /* gcc's .cold part of the function jumps back into it */
        uint8_t *cold = read_code(p, rq->cold_start, rq->cold_len);
        rc = cold ? x86_patch_check_code(cold, rq->cold_len, rq->cold_start, &plan, e)
                  : lerr_set(e, "Not planted: the function's cold part cannot be read");
        free(cold);
    }
    if (rc < 0)
        return -1;
    const char *busy = eng_pad_range_busy(p, &plan);
    if (busy)
        return lerr_set(e, "Not planted: %s", busy);
    int into = eng_pad_jumped_into(p, &plan);
    if (into)
        return lerr_set(e, "Not planted: %s", into < 0 ? "the code around it cannot be read"
                                                     : "code elsewhere jumps into the bytes the jump covers");
    struct eng_thread *t = eng_syscall_thread(p);
    if (!t)
        return lerr_set(e, "Not planted: no thread can map a page");
    struct pad *pd = NULL;
    for (size_t i = 0; i < eng_pads_nslots(ps) && !pd; i++)
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
    pd->frame = lay.frame;
    pd->restore = lay.restore;
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

void eng_pads_plan_begin(struct session *s, struct eng_process *only)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_pads *ps = s->procs[i]->pads;
        if (!ps || (only && s->procs[i] != only))
            continue;
        ps->ncounters = 0;
        for (size_t k = 0; k < eng_pads_nslots(ps); k++)
            ps->slots[k].wanted = 0;
        free(ps->stack_words);
        ps->stack_words = NULL;
        ps->nstack_words = 0;
        ps->stacks_read = 0;
    }
}

void eng_pads_plan_end(struct session *s, struct eng_process *only)
{
    /* pads not asked for again are free: every one was taken out at the
     * last stop, and the threads moved out of them */
    for (size_t i = 0; i < s->nprocs; i++) {
        struct eng_process *p = s->procs[i];
        struct eng_pads *ps = only && p != only ? NULL : p->pads;
        for (size_t k = 0; ps && k < eng_pads_nslots(ps); k++)
            if (ps->slots[k].state == PAD_READY && !ps->slots[k].wanted &&
                !thread_inside(p, &ps->slots[k]))
                ps->slots[k].state = PAD_FREE;
    }
}

void eng_pads_replan(struct session *s, struct eng_process *p)
{
    if (!s->pads_plan || p->nthreads != 1 || p->threads[0]->run != ENG_THREAD_STOPPED)
        return;
    /* its only thread stands at the loader's trap: nothing else runs in
     * this address space, as at a full stop */
    eng_pads_suspend(s, p);
    if (s->pads_sync)
        s->pads_sync(s->bp_hook_ctx, p->pid);
    eng_pads_plan_begin(s, p);
    s->pads_plan(s->bp_hook_ctx, p->pid);
    eng_pads_plan_end(s, p);
}

int eng_pads_planted(struct session *s, pid_t pid, uint64_t addr)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    if (!p || !p->pads)
        return 0;
    for (size_t k = 0; k < eng_pads_nslots(p->pads); k++)
        if (p->pads->slots[k].wanted && p->pads->slots[k].plan.addr == addr)
            return 1;
    return 0;
}

void eng_pad_unplant(struct session *s, pid_t pid, uint64_t addr)
{
    struct eng_process *p = eng_process_by_pid(s, pid);
    if (p)
        eng_pads_unplant_at(p, addr);
}

void eng_pads_unplant_at(struct eng_process *p, uint64_t addr)
{
    struct eng_pads *ps = p->pads;
    if (!ps)
        return;
    for (size_t k = 0; k < eng_pads_nslots(ps); k++) {
        struct pad *pd = &ps->slots[k];
        if (pd->state == PAD_PLANTED && addr >= pd->plan.addr && addr < pd->plan.addr + pd->plan.len)
            eng_pad_take_out(p, pd);
    }
}

void eng_pads_unplant_all(struct eng_process *p)
{
    struct eng_pads *ps = p->pads;
    for (size_t k = 0; ps && k < eng_pads_nslots(ps); k++)
        eng_pad_take_out(p, &ps->slots[k]);
}

uint64_t eng_pad_trap_site(struct eng_process *p, uint64_t addr)
{
    struct pad *pd = eng_pad_containing(p, addr);
    return pd && addr == pd->base + pd->trap ? pd->plan.addr : 0;
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
    for (size_t i = 0; i < ps->nscans; i++) {
        free(ps->scans[i].path);
        free(ps->scans[i].t);
    }
    free(ps->scans);
    free(ps->stack_words);
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
    for (size_t k = 0; k < eng_pads_nslots(ps); k++)
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
    for (size_t k = 0; ps && k < eng_pads_nslots(ps); k++) {
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
    uint64_t self = 0;
    size_t got = 0;
    /* the x86-64 ABI's thread pointer points at itself: the pad reads fs:0
     * (a runtime without it, or no TLS yet: no filter in the target) */
    if (!r || !r->fs_base || tgt_read_mem(p->tp, r->fs_base, &self, sizeof self, &got) < 0 ||
        got != sizeof self || self != r->fs_base)
        return 0;
    return r->fs_base;
}
