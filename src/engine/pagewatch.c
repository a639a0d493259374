/* Data breakpoints emulated by page protection, for when the four debug
 * registers are taken or do not fire. A page that holds a watched range
 * loses PROT_WRITE (for `w`) or every access (for `r`); each access to it
 * then faults. The faulting instruction is decoded: accesses to other data
 * on the page go on without a stop for the user, matching ones are hits.
 * Plain loads and stores are performed from here (one stop per access);
 * other instructions are single-stepped with the pages open while every
 * other thread is stopped. System calls whose buffers lie on a protected
 * page get the page opened for the call, so they neither fail with EFAULT
 * nor see anything else. The program's own protection is kept per page and
 * put back on detach and in fork children; a fault the program's own
 * protection would have raised stays the program's. */
#include "arch/x86_64/dr7.h"
#include "arch/x86_64/memaccess.h"
#include "engine/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PAGE 4096ull

static int page_index(const struct eng_process *p, uint64_t page)
{
    for (size_t i = 0; i < p->nwpages; i++)
        if (p->wpages[i].page == page)
            return (int)i;
    return -1;
}

/* The program's protection of the mapping that holds page, from the
 * target's map; -1 (and a message) when it cannot be watched this way. */
static int mapping_prot(struct eng_process *p, uint64_t page, struct lerr *e)
{
    struct tgt_map map;
    if (tgt_read_map(p->tp, &map, e) < 0) {
        tgt_map_free(&map);
        return -1;
    }
    const struct tgt_region *r = tgt_map_find(&map, page);
    int prot = !r ? -2 : r->shared ? -3 : r->prot;
    tgt_map_free(&map);
    if (prot == -2)
        return lerr_set(e, "Memory access error: nothing is mapped at %#lx", (unsigned long)page);
    if (prot == -3)
        return lerr_set(e, "Data breakpoints emulated by page protection cannot watch a shared mapping");
    if (prot & PROT_EXEC)
        return lerr_set(e, "Data breakpoints emulated by page protection cannot watch a page of code");
    return prot;
}

static int overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

/* What the page must be now: the program's protection less what the
 * watches on it must see. */
static int wanted(const struct eng_process *p, const struct eng_wpage *pg)
{
    int prot = pg->orig;
    if (pg->open || p->open_all)
        return prot; /* a system call in some thread writes or reads it */
    for (size_t i = 0; i < p->nwatches; i++) {
        const struct eng_watch *w = &p->watches[i];
        if (!overlaps(w->addr, w->len, pg->page, PAGE))
            continue;
        prot &= w->access == DR_WRITE ? ~PROT_WRITE : ~(PROT_READ | PROT_WRITE);
    }
    return prot;
}

static int watched(const struct eng_process *p, uint64_t page)
{
    for (size_t i = 0; i < p->nwatches; i++)
        if (overlaps(p->watches[i].addr, p->watches[i].len, page, PAGE))
            return 1;
    return 0;
}

static int set_prot(struct eng_process *p, struct eng_thread *t, struct eng_wpage *pg, int prot,
                    struct lerr *e)
{
    uint64_t a[6] = {pg->page, PAGE, (uint64_t)prot};
    int64_t ret = 0;
    if (eng_remote_syscall(p, t, SYS_mprotect, a, &ret, e) < 0)
        return -1;
    if (ret < 0)
        return lerr_set(e, "mprotect in the target failed: %s", strerror((int)-ret));
    pg->prot = prot;
    return 0;
}

/* Every page as the watches want it; pages no watch needs any more are
 * dropped once they are back to the program's protection. */
static int apply(struct eng_process *p, struct eng_thread *t, struct lerr *e)
{
    int rc = 0;
    for (size_t i = 0; i < p->nwpages; i++) {
        struct eng_wpage *pg = &p->wpages[i];
        int want = wanted(p, pg);
        if (want != pg->prot && set_prot(p, t, pg, want, e) < 0)
            rc = -1;
    }
    for (size_t i = 0; i < p->nwpages;) {
        if (p->wpages[i].prot == p->wpages[i].orig && !watched(p, p->wpages[i].page)) {
            p->released[p->nreleased++ % 16] = p->wpages[i].page;
            p->wpages[i] = p->wpages[--p->nwpages];
        } else {
            i++;
        }
    }
    if (!p->nwpages) {
        /* no page left: calls that held some (whose exit may not be seen
         * now that system calls are not stopped at) hold nothing */
        p->open_all = 0;
        for (size_t i = 0; i < p->nthreads; i++) {
            p->threads[i]->sc_opened = 0;
            p->threads[i]->sc_npages = 0;
        }
    }
    return rc;
}

int eng_watch_stale_fault(struct eng_process *p, uint64_t addr)
{
    uint64_t page = addr & ~(PAGE - 1);
    for (unsigned i = 0; i < 16 && i < p->nreleased; i++) {
        if (p->released[i] != page)
            continue;
        /* no access faults on a page that is readable and writable now */
        int prot = mapping_prot(p, page, NULL);
        return prot >= 0 && (prot & (PROT_READ | PROT_WRITE)) == (PROT_READ | PROT_WRITE);
    }
    return 0;
}


int eng_watch_add(struct session *s, struct eng_process *p, uint64_t addr, int access,
                  unsigned len, struct lerr *e)
{
    (void)s;
    for (size_t i = 0; i < p->nwatches; i++) {
        struct eng_watch *w = &p->watches[i];
        if (w->addr == addr && w->access == access && w->len == len) {
            w->refs++;
            return 0;
        }
    }
    /* mprotect runs in the target, and system calls on watched pages (seen
     * at their stops) get them opened */
    if (!eng_can(p, TGT_CAP_INJECT | TGT_CAP_SYSCALL_STOPS | TGT_CAP_KERNEL_WRITE_WATCH))
        return lerr_set(e, "Data breakpoints cannot be emulated by page protection with the %s "
                           "backend", p->be->name);
    if (p->vfork_parent)
        return lerr_set(e, "Process %d shares its parent's memory until it execs (vfork)",
                        p->index);
    struct eng_thread *t = eng_syscall_thread(p);
    if (!t && p->dying_sig)
        return lerr_set(e, "Process %d is on its way out (second chance): no page can be "
                           "protected for a data breakpoint", p->index);
    if (!t)
        return lerr_set(e, "No stopped thread to protect the page with");
    size_t old_npages = p->nwpages;
    for (uint64_t pg = addr & ~(PAGE - 1); pg < addr + len; pg += PAGE) {
        if (page_index(p, pg) >= 0)
            continue;
        int prot = mapping_prot(p, pg, e);
        if (prot < 0) {
            p->nwpages = old_npages;
            return -1;
        }
        p->wpages = realloc(p->wpages, (p->nwpages + 1) * sizeof *p->wpages);
        if (!p->wpages)
            abort();
        p->wpages[p->nwpages++] = (struct eng_wpage){pg, prot, prot};
    }
    p->watches = realloc(p->watches, (p->nwatches + 1) * sizeof *p->watches);
    if (!p->watches)
        abort();
    p->watches[p->nwatches++] = (struct eng_watch){addr, access, len, 1};
    if (apply(p, t, e) < 0) {
        p->nwatches--;
        apply(p, t, NULL);
        return -1;
    }
    return 0;
}

int eng_watch_remove(struct session *s, struct eng_process *p, uint64_t addr, int access,
                     unsigned len)
{
    (void)s;
    for (size_t i = 0; i < p->nwatches; i++) {
        struct eng_watch *w = &p->watches[i];
        if (w->addr != addr || w->access != access || w->len != len)
            continue;
        if (--w->refs == 0) {
            p->watches[i] = p->watches[--p->nwatches];
            struct eng_thread *t = eng_syscall_thread(p);
            if (t)
                apply(p, t, NULL);
        }
        return 1;
    }
    return 0;
}

/* The instruction at t's rip and the watches its accesses match. Returns
 * the number of accesses (-1: does not decode), or -2 when one of them the
 * program's own protection forbids. */
static int classify(struct eng_process *p, struct eng_thread *t, uint8_t code[16], size_t *got,
                    struct eng_hit *hits, int max, int *nhits)
{
    *got = 0;
    tgt_read_mem(p->tp, t->regs.rip, code, 16, got);
    bp_sites_hide(&p->sites, t->regs.rip, code, *got);
    struct x86_access acc[4];
    unsigned ilen = 0;
    int n = x86_mem_accesses(code, *got, &t->regs, acc, 4, &ilen);
    *nhits = 0;
    for (int k = 0; k < n; k++) {
        for (uint64_t pg = acc[k].addr & ~(PAGE - 1); pg < acc[k].addr + acc[k].len; pg += PAGE) {
            int i = page_index(p, pg);
            if (i < 0)
                continue;
            int orig = p->wpages[i].orig;
            if ((acc[k].write && !(orig & PROT_WRITE)) || (acc[k].read && !(orig & PROT_READ)))
                return -2;
        }
    }
    /* the debug registers' data breakpoints too: an access performed
     * here, or stepped, is not seen by them */
    struct eng_hit all[64];
    int nall = eng_data_watches(p, all, 64);
    for (int w = 0; w < nall; w++) {
        const struct eng_hit *wa = &all[w];
        for (int k = 0; k < n; k++) {
            if (!overlaps(acc[k].addr, acc[k].len, wa->addr, wa->len))
                continue;
            if (!acc[k].write && wa->access == DR_WRITE)
                continue;
            if (*nhits < max)
                hits[(*nhits)++] = *wa;
            break;
        }
    }
    return n;
}

enum eng_watch_fault_result eng_watch_fault(struct eng_process *p, struct eng_thread *t,
                                            uint64_t fault, struct eng_hit *hits, int max,
                                            int *nhits)
{
    *nhits = 0;
    if (page_index(p, fault & ~(PAGE - 1)) < 0 || !t->regs_valid)
        return ENG_WATCH_NOT_OURS;
    uint8_t code[16];
    size_t got;
    int n = classify(p, t, code, &got, hits, max, nhits);
    if (n == -2)
        return ENG_WATCH_NOT_OURS;
    /* through the debugger, which ignores the protection */
    struct x86_mem mem = eng_program_memory(p);
    if (n > 0 && x86_emulate_mem(code, got, &t->regs, &mem)) {
        t->regs_dirty = 1;
        return ENG_WATCH_EMULATED;
    }
    return ENG_WATCH_NEEDS_STEP;
}

static void open_all(struct eng_process *p, struct eng_thread *t)
{
    for (size_t i = 0; i < p->nwpages; i++)
        if (p->wpages[i].prot != p->wpages[i].orig)
            set_prot(p, t, &p->wpages[i], p->wpages[i].orig, NULL);
}

int eng_watch_page(const struct eng_process *p, uint64_t addr)
{
    return page_index(p, addr & ~(PAGE - 1)) >= 0;
}

int eng_watch_step(struct session *s, struct eng_process *p, struct eng_thread *t,
                   struct eng_hit *hits, int max, int *nhits, siginfo_t *si, struct lerr *e)
{
    if (eng_flush_regs(p, t, e) < 0 || tgt_get_regs(p->tp, t->tid, &t->regs, e) < 0)
        return -1;
    t->regs_valid = 1;
    uint8_t code[16];
    size_t got;
    memset(si, 0, sizeof *si);
    si->si_signo = SIGSEGV;
    si->si_code = SEGV_ACCERR;
    if (classify(p, t, code, &got, hits, max, nhits) == -2) {
        *nhits = 0;
        return ENG_WATCH_REAL_FAULT;
    }
    open_all(p, t);
    int rc = ENG_WATCH_EMULATED;
    struct tgt_event ev;
    for (;;) {
        if (tgt_resume(p->tp, t->tid, TGT_STEP, 0, e) < 0 || p->be->wait_thread(p->be, t->tid, &ev, e) < 0)
            return -1;
        if (ev.kind == TGT_EV_EXITED || ev.kind == TGT_EV_KILLED || ev.kind == TGT_EV_EXEC ||
            ev.kind == TGT_EV_EXITING) {
            eng_replay_later(s, &ev);
            return -1;
        }
        if (ev.kind != TGT_EV_SIGNAL)
            continue;
        if (ev.sig == SIGTRAP)
            break;
        if (ev.sig == SIGSEGV || ev.sig == SIGBUS) {
            rc = ENG_WATCH_REAL_FAULT; /* faults with the program's own protection */
            *si = ev.si;
            *nhits = 0;
            break;
        }
        if (!t->pending_sig)
            t->pending_sig = ev.sig;
    }
    t->regs_valid = 0;
    if (p->dr7)
        tgt_set_dreg(p->tp, t->tid, 6, 0, NULL); /* its data hits are in hits[] */
    if (apply(p, t, e) < 0)
        return -1;
    return rc;
}

/* Buffers a system call reads or writes, from its arguments: enough for the
 * common calls; any other one that fails with EFAULT on a watched page is
 * run again with the pages open (eng_watch_syscall_exit). */
static size_t call_buffers(long nr, const uint64_t a[6], uint64_t out[][2], size_t max)
{
    size_t n = 0;
#define BUF(ptr, len)                                                                             \
    do {                                                                                          \
        if (n < max && (ptr))                                                                     \
            out[n][0] = (ptr), out[n][1] = (len), n++;                                            \
    } while (0)
    switch (nr) {
    case SYS_read: case SYS_write: case SYS_pread64: case SYS_pwrite64:
    case SYS_recvfrom: case SYS_sendto: case SYS_getdents64:
        BUF(a[1], a[2]);
        break;
    case SYS_getrandom: BUF(a[0], a[1]); break;
    case SYS_fstat: case SYS_stat: case SYS_lstat: BUF(a[1], 144); break;
    case SYS_newfstatat: BUF(a[2], 144); break;
    case SYS_statx: BUF(a[4], 256); break;
    case SYS_pipe: case SYS_pipe2: BUF(a[0], 8); break;
    case SYS_wait4: BUF(a[1], 4); BUF(a[3], 144); break;
    case SYS_futex: BUF(a[0], 4); break;
    case SYS_clock_gettime: case SYS_clock_nanosleep: BUF(a[1], 16); break;
    case SYS_nanosleep: BUF(a[0], 16); BUF(a[1], 16); break;
    case SYS_gettimeofday: BUF(a[0], 16); break;
    case SYS_poll: BUF(a[0], a[1] * 8); break;
    default: break;
    }
#undef BUF
    return n;
}

/* The pages t holds open for its system call are let go: protected again
 * once no other thread's call needs them. */
static void release(struct eng_process *p, struct eng_thread *t)
{
    for (unsigned k = 0; k < t->sc_npages; k++) {
        int i = page_index(p, t->sc_pages[k]);
        if (i >= 0 && p->wpages[i].open)
            p->wpages[i].open--;
    }
    if (t->sc_opened == 2 && p->open_all)
        p->open_all--;
    t->sc_npages = 0;
    t->sc_opened = 0;
}

/* Calls that only read their buffers: a page protected against writes
 * only need not be opened for them (a thread waiting in futex beside a
 * watched counter would blind the watch as long as it waits). */
static int only_reads(long nr, const uint64_t a[6])
{
    if (nr == SYS_write || nr == SYS_pwrite64 || nr == SYS_sendto)
        return 1;
    int op = (int)(a[1] & 0x7f); /* FUTEX_PRIVATE_FLAG and the clock aside */
    return nr == SYS_futex && (op == 0 || op == 1 || op == 9 || op == 10);
}

void eng_watch_syscall_entry(struct eng_process *p, struct eng_thread *t)
{
    if (t->sc_opened || !p->nwpages)
        return;
    struct user_regs_struct r;
    if (eng_flush_regs(p, t, NULL) < 0 || tgt_get_regs(p->tp, t->tid, &r, NULL) < 0)
        return;
    uint64_t a[6] = {r.rdi, r.rsi, r.rdx, r.r10, r.r8, r.r9}, bufs[4][2];
    size_t nb = call_buffers((long)r.orig_rax, a, bufs, 4);
    int reads = only_reads((long)r.orig_rax, a);
    /* the pages under its buffers are held open until it returns, also
     * those another thread's call opened already (it would protect them
     * again when its own call returns) */
    for (size_t b = 0; b < nb; b++) {
        uint64_t len = bufs[b][1] > (1ull << 40) ? (1ull << 40) : bufs[b][1];
        for (size_t i = 0; i < p->nwpages; i++) {
            struct eng_wpage *pg = &p->wpages[i];
            if (!overlaps(bufs[b][0], len, pg->page, PAGE) || (reads && (wanted(p, pg) & PROT_READ)) ||
                t->sc_npages == sizeof t->sc_pages / sizeof t->sc_pages[0])
                continue;
            pg->open++;
            t->sc_pages[t->sc_npages++] = pg->page;
            t->sc_opened = 1;
        }
    }
    if (t->sc_opened)
        apply(p, t, NULL);
}

int eng_watch_syscall_exit(struct eng_process *p, struct eng_thread *t, int64_t ret)
{
    int opened = t->sc_opened;
    release(p, t);
    /* a call that failed on a watched page runs again with every page
     * open, once: its buffers were not known to lindbg */
    if (ret != -EFAULT || !p->nwpages || opened == 2) {
        if (opened)
            apply(p, t, NULL);
        return 0;
    }
    struct user_regs_struct r;
    if (eng_flush_regs(p, t, NULL) < 0 || tgt_get_regs(p->tp, t->tid, &r, NULL) < 0)
        return 0;
    p->open_all++;
    t->sc_opened = 2; /* open for the call run again */
    apply(p, t, NULL);
    r.rip -= 2;
    r.rax = r.orig_rax;
    t->regs = r;
    t->regs_valid = t->regs_dirty = 1;
    return 1;
}

void eng_watch_thread_gone(struct eng_process *p, struct eng_thread *t)
{
    if (t->sc_opened)
        release(p, t);
}

void eng_watch_memory_changed(struct eng_process *p, struct eng_thread *t, uint64_t start,
                              uint64_t len)
{
    int changed = 0;
    for (size_t i = 0; i < p->nwpages;) {
        struct eng_wpage *pg = &p->wpages[i];
        if (!overlaps(start, len, pg->page, PAGE)) {
            i++;
            continue;
        }
        /* the program's call set its own protection (or unmapped it) */
        int prot = mapping_prot(p, pg->page, NULL);
        changed = 1;
        if (prot < 0) {
            p->wpages[i] = p->wpages[--p->nwpages];
            continue;
        }
        pg->orig = pg->prot = prot;
        i++;
    }
    if (changed)
        apply(p, t, NULL);
}

void eng_watch_release(struct eng_process *p)
{
    struct eng_thread *t = eng_syscall_thread(p);
    if (t)
        open_all(p, t);
    eng_watch_forget(p);
}

void eng_watch_release_child(struct eng_process *p, struct tgt_proc *child, int shared,
                             int *pending_sig)
{
    struct eng_process cp = {.tp = child, .be = p->be, .pid = tgt_pid(child),
                             .sc_gadget = p->sc_gadget};
    struct eng_thread ct = {.tid = tgt_pid(child)};
    for (size_t i = 0; i < p->nwpages; i++) {
        struct eng_wpage pg = p->wpages[i];
        if (pg.prot != pg.orig && set_prot(&cp, &ct, &pg, pg.orig, NULL) == 0 && shared)
            p->wpages[i].prot = pg.orig; /* vfork: the parent's pages too */
    }
    *pending_sig = ct.pending_sig;
}

void eng_watch_reapply(struct eng_process *p)
{
    struct eng_thread *t = eng_syscall_thread(p);
    if (t)
        apply(p, t, NULL);
}

void eng_watch_forget(struct eng_process *p)
{
    p->nreleased = 0;
    p->open_all = 0; /* the threads that held pages are gone already */
    free(p->watches);
    free(p->wpages);
    p->watches = NULL;
    p->wpages = NULL;
    p->nwatches = p->nwpages = 0;
    p->sc_gadget = 0;
}
