/* Passing a trap out of line: the instruction under a site is copied once
 * into a page lindbg maps in the target (near it, so that RIP-relative
 * operands reach), followed by a jump back; a thread that hits the trap
 * and is not to stop is sent to the copy. One stop per hit, no
 * single-step, no other thread stopped, the trap never lifted.
 *
 * A thread can be seen inside a copy only at its start (the instruction
 * not run yet: a signal or an interrupt came first) or at the jump back
 * (it ran). Before anything the user sees, and before detach, such a
 * thread is put back where the program has that instruction, so no
 * address of ours shows in `r` or `k`, and the pages go with the session:
 * unmapped on detach, out of a fork child before it runs, forgotten on
 * exec. A slot whose site goes away is reused only after every thread
 * stopped, so that none can still be inside it. */
#include "arch/x86_64/relocate.h"
#include "engine/internal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define PAGE 4096ull
/* what a RIP-relative operand reaches, with room for the page itself */
#define REACH ((1ull << 31) - 2 * PAGE)

/* the kernel keeps at least this between the stack and mmap_base (its
 * guard gap is 1 MB; mmap_base sits the stack's size limit lower still) */
#define STACK_GAP_MIN (1ull << 20)

static uint64_t distance(uint64_t a, uint64_t b) { return a > b ? a - b : b - a; }

/* The page for slots near `near`. First choice: the lowest page of the gap
 * under the stack, just above the highest mapping (the loader, with ASLR
 * off). The kernel's own mmaps go below mmap_base, which is that
 * mapping's end, and the stack never grows as far down (the gap is at
 * least its size limit), so the program's layout stays what it is without
 * a debugger: GDB's addresses are lindbg's. Else the highest page of the
 * free gap nearest to `near`, just below a mapping (never the gap under
 * the stack, which grows into it). 0: none. */
static uint64_t free_page_near(struct eng_process *p, uint64_t near)
{
    struct tgt_map map;
    if (tgt_read_map(p->tp, &map, NULL) < 0) {
        tgt_map_free(&map);
        return 0;
    }
    uint64_t prev_end = 0x10000, best = 0, under_stack = 0; /* below: mmap_min_addr */
    for (size_t i = 0; i < map.n; i++) {
        uint64_t start = map.r[i].start, end = map.r[i].end;
        int stack = strstr(map.r[i].path, "[stack]") != NULL;
        if (stack && start > prev_end + STACK_GAP_MIN && distance(prev_end, near) <= REACH)
            under_stack = prev_end;
        if (start >= prev_end + PAGE && !stack) {
            uint64_t cand = start - PAGE;
            if (!best || distance(cand, near) < distance(best, near))
                best = cand;
        }
        if (end > prev_end)
            prev_end = end;
    }
    tgt_map_free(&map);
    return under_stack ? under_stack : best;
}

uint64_t eng_ool_map_near(struct eng_process *p, struct eng_thread *t, uint64_t near)
{
    uint64_t at = free_page_near(p, near);
    if (!at)
        return 0;
    uint64_t a[6] = {at, PAGE, PROT_READ | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, ~0ull, 0};
    int64_t ret = -1;
    if (eng_remote_syscall(p, t, SYS_mmap, a, &ret, NULL) < 0 || ret < 0 ||
        (uint64_t)ret != at) {
        if (ret > 0) {
            uint64_t u[6] = {(uint64_t)ret, PAGE};
            eng_remote_syscall(p, t, SYS_munmap, u, &ret, NULL);
        }
        return 0;
    }
    return at;
}

/* A new page of slots near `near`, mapped by t. */
static struct eng_ool_page *map_page(struct eng_process *p, struct eng_thread *t, uint64_t near)
{
    uint64_t at = eng_ool_map_near(p, t, near);
    if (!at)
        return NULL;
    p->ool = realloc(p->ool, (p->nool + 1) * sizeof *p->ool);
    if (!p->ool)
        abort();
    struct eng_ool_page *pg = &p->ool[p->nool++];
    memset(pg, 0, sizeof *pg);
    pg->base = at;
    return pg;
}

/* A free slot, within reach of `from` when `near` is set. */
static uint64_t find_slot(struct eng_process *p, uint64_t from, int near,
                          struct eng_ool_slot **out)
{
    for (size_t i = 0; i < p->nool; i++) {
        struct eng_ool_page *pg = &p->ool[i];
        if (near && distance(pg->base, from) > REACH)
            continue;
        for (unsigned k = 0; k < ENG_OOL_SLOTS; k++) {
            if (pg->slot[k].state == ENG_OOL_FREE) {
                *out = &pg->slot[k];
                return pg->base + k * X86_SLOT_SIZE;
            }
        }
    }
    return 0;
}

/* Gives the site a copy of its instruction: site->slot set (or
 * BP_SLOT_NONE when it cannot have one). t stands on the site. */
static void make_slot(struct eng_process *p, struct eng_thread *t, struct bp_site *site)
{
    uint64_t from = site->addr;
    uint8_t code[16], copy[X86_SLOT_SIZE];
    size_t got = 0;
    tgt_read_mem(p->tp, from, code, sizeof code, &got);
    bp_sites_hide(&p->sites, from, code, got);
    unsigned len = 0;
    int near = 0;
    /* first only to learn whether it can be copied, and how far */
    if (x86_relocate(code, got, from, from, copy, &len, &near) != X86_RELOC_OK) {
        site->slot = BP_SLOT_NONE;
        return;
    }
    struct eng_ool_slot *slot = NULL;
    uint64_t at = find_slot(p, from, near, &slot);
    /* copies need a page mapped by a system call run in the target, and
     * signals held back while a thread steps out of one */
    if (!at && !p->ool_unusable &&
        eng_can(p, TGT_CAP_OOL_PAGES | TGT_CAP_INJECT | TGT_CAP_SIGMASK)) {
        struct eng_ool_page *pg = map_page(p, t, from);
        if (!pg)
            p->ool_unusable = 1; /* not tried again: sites are stepped */
        else if (!near || distance(pg->base, from) <= REACH)
            at = find_slot(p, from, near, &slot);
    }
    if (!at || x86_relocate(code, got, from, at, copy, &len, NULL) != X86_RELOC_OK ||
        tgt_write_mem(p->tp, at, copy, sizeof copy, NULL) < 0) {
        site->slot = BP_SLOT_NONE;
        return;
    }
    *slot = (struct eng_ool_slot){from, (uint8_t)len, ENG_OOL_USED};
    site->slot = at;
}

int eng_ool_enter(struct eng_process *p, struct eng_thread *t)
{
    if (!t->regs_valid)
        return 0;
    uint64_t addr = t->regs.rip;
    struct bp_site *site = bp_site_find(&p->sites, addr);
    if (!site || site->slot == BP_SLOT_NONE)
        return 0;
    if (!site->slot) {
        /* mapping a page runs a system call in t: its registers are put
         * back, and read again here */
        struct user_regs_struct keep = t->regs;
        int dirty = t->regs_dirty;
        make_slot(p, t, site);
        t->regs = keep;
        t->regs_valid = 1;
        t->regs_dirty = dirty;
        site = bp_site_find(&p->sites, addr);
        if (!site || site->slot == BP_SLOT_NONE || site->slot == 0)
            return 0;
    }
    t->regs.rip = site->slot;
    t->regs_dirty = 1;
    t->ool_active = 1;
    return 1;
}

static struct eng_ool_slot *slot_of(struct eng_process *p, uint64_t addr, uint64_t *start)
{
    for (size_t i = 0; i < p->nool; i++) {
        struct eng_ool_page *pg = &p->ool[i];
        if (addr >= pg->base && addr < pg->base + PAGE) {
            unsigned k = (unsigned)((addr - pg->base) / X86_SLOT_SIZE);
            *start = pg->base + k * X86_SLOT_SIZE;
            return pg->slot[k].state == ENG_OOL_FREE ? NULL : &pg->slot[k];
        }
    }
    return NULL;
}

int eng_ool_translate(struct eng_process *p, struct eng_thread *t, int before_too)
{
    if (!t->ool_active || !t->regs_valid)
        return 0;
    uint64_t start;
    struct eng_ool_slot *sl = slot_of(p, t->regs.rip, &start);
    if (!sl) {
        t->ool_active = 0; /* out of the copy: it jumped back */
        return 0;
    }
    if (t->regs.rip == start + sl->len) {
        t->regs.rip = sl->from + sl->len; /* it ran: where it would be */
    } else if (t->regs.rip == start && before_too) {
        t->regs.rip = sl->from; /* not run yet: back on the site, */
        t->site_done = sl->from;  /* whose hit it took before */
    } else {
        return 0;
    }
    t->regs_dirty = 1;
    t->ool_active = 0;
    return 1;
}

int eng_ool_before_signal(struct session *s, struct eng_process *p, struct eng_thread *t)
{
    if (p->pads && eng_regs_of(p, t, NULL) && eng_pads_contain(p, t->regs.rip))
        return eng_pad_settle_thread(s, p, t); /* its frame holds the program's address */
    if (!eng_regs_of(p, t, NULL) || !t->ool_active)
        return 0; /* out of the copy, or translated when it had run */
    uint64_t start;
    struct eng_ool_slot *sl = slot_of(p, t->regs.rip, &start);
    if (!sl || t->regs.rip != start)
        return 0;
    /* every signal blocked for the step, or the next one (a timer's)
     * would come first, again and again */
    uint64_t mask;
    if (tgt_get_sigmask(p->tp, t->tid, &mask, NULL) < 0 || tgt_set_sigmask(p->tp, t->tid, ~0ull, NULL) < 0)
        return 0; /* delivered in the copy: it returns there */
    int rc = eng_flush_regs(p, t, NULL) < 0 ? -1 : 0;
    struct tgt_event ev;
    /* an interrupt left over from an earlier stop may come first */
    do {
        if (rc == 0 && (tgt_resume(p->tp, t->tid, TGT_STEP, 0, NULL) < 0 ||
                        p->be->wait_thread(p->be, t->tid, &ev, NULL) < 0))
            rc = -1;
    } while (rc == 0 && ev.kind == TGT_EV_INTERRUPT);
    if (rc == 0 && ev.kind != TGT_EV_SIGNAL) {
        eng_replay_later(s, &ev); /* gone, or an event of its own */
        rc = -1;
    } else if (rc == 0 && !eng_regs_of(p, t, NULL)) {
        rc = -1;
    } else if (rc == 0 && (ev.sig != SIGTRAP || t->ool_active)) {
        /* the instruction faults (a signal no mask holds back): the
         * handler returns to the site, and the instruction runs again */
        eng_ool_translate(p, t, 1);
    }
    tgt_set_sigmask(p->tp, t->tid, mask, NULL); /* fails only when it is gone */
    return rc;
}

void eng_ool_site_gone(struct eng_process *p, uint64_t slot)
{
    uint64_t start;
    struct eng_ool_slot *sl = slot && slot != BP_SLOT_NONE ? slot_of(p, slot, &start) : NULL;
    if (sl)
        sl->state = ENG_OOL_RELEASED;
}

void eng_ool_settle(struct session *s, struct eng_process *p)
{
    if (!p->nool)
        return;
    for (size_t i = 0; i < p->nthreads; i++) {
        struct eng_thread *t = p->threads[i];
        if (t->ool_active && eng_regs(s, t, NULL))
            eng_ool_translate(p, t, 1);
        t->ool_active = 0;
    }
    for (size_t i = 0; i < p->nool; i++)
        for (unsigned k = 0; k < ENG_OOL_SLOTS; k++)
            if (p->ool[i].slot[k].state == ENG_OOL_RELEASED)
                p->ool[i].slot[k].state = ENG_OOL_FREE;
}

/* Unmaps every page through thread t of process p (which may be a fork
 * child's handle on the same addresses). */
static void unmap_all(struct eng_process *p, struct eng_thread *t,
                      const struct eng_ool_page *pages, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t a[6] = {pages[i].base, PAGE};
        int64_t ret;
        eng_remote_syscall(p, t, SYS_munmap, a, &ret, NULL);
    }
}

void eng_ool_release(struct session *s, struct eng_process *p)
{
    if (!p->nool)
        return;
    eng_ool_settle(s, p);
    struct eng_thread *t = eng_syscall_thread(p);
    if (t)
        unmap_all(p, t, p->ool, p->nool);
    eng_ool_forget(p);
}

void eng_ool_release_child(struct eng_process *p, struct tgt_proc *child, int *pending_sig)
{
    if (!p->nool)
        return;
    struct eng_process cp = {.tp = child, .be = p->be, .pid = tgt_pid(child),
                             .sc_gadget = p->sc_gadget};
    struct eng_thread ct = {.tid = tgt_pid(child)};
    unmap_all(&cp, &ct, p->ool, p->nool);
    if (ct.pending_sig && !*pending_sig)
        *pending_sig = ct.pending_sig;
}

void eng_ool_forget(struct eng_process *p)
{
    free(p->ool);
    p->ool = NULL;
    p->nool = 0;
    p->ool_unusable = 0;
    for (size_t i = 0; i < p->sites.n; i++)
        p->sites.sites[i].slot = 0;
}
