#include "bp/site.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define TRAP 0xcc

void bp_sites_init(struct bp_site_table *t) { memset(t, 0, sizeof *t); }

void bp_sites_free(struct bp_site_table *t)
{
    free(t->sites);
    free(t->index);
    memset(t, 0, sizeof *t);
}

static size_t hash(uint64_t addr, size_t cap)
{
    addr ^= addr >> 33;
    addr *= 0xff51afd7ed558ccdULL;
    addr ^= addr >> 33;
    return (size_t)addr & (cap - 1);
}

static void index_put(struct bp_site_table *t, size_t site_no)
{
    size_t i = hash(t->sites[site_no].addr, t->index_cap);
    while (t->index[i])
        i = (i + 1) & (t->index_cap - 1);
    t->index[i] = (uint32_t)site_no + 1;
}

static void reindex(struct bp_site_table *t, size_t cap)
{
    free(t->index);
    t->index_cap = cap;
    t->index = xcalloc(cap, sizeof *t->index);
    for (size_t k = 0; k < t->n; k++)
        index_put(t, k);
}

/* Slot of addr in the index, or the empty slot where it would go. */
static size_t slot_of(const struct bp_site_table *t, uint64_t addr)
{
    size_t i = hash(addr, t->index_cap);
    while (t->index[i] && t->sites[t->index[i] - 1].addr != addr)
        i = (i + 1) & (t->index_cap - 1);
    return i;
}

struct bp_site *bp_site_find(const struct bp_site_table *t, uint64_t addr)
{
    if (!t->n)
        return NULL;
    size_t i = slot_of(t, addr);
    return t->index[i] ? &t->sites[t->index[i] - 1] : NULL;
}

int bp_site_ref(struct bp_site_table *t, struct tgt_proc *p, uint64_t addr, struct lerr *e)
{
    struct bp_site *s = bp_site_find(t, addr);
    if (s) {
        s->refs++;
        return 0;
    }
    uint8_t orig;
    if (tgt_read_mem(p, addr, &orig, 1, NULL) != 0)
        return lerr_set(e, "Memory access error at %08x`%08x: no code to patch there",
                        (unsigned)(addr >> 32), (unsigned)addr);
    uint8_t trap = TRAP;
    if (tgt_write_mem(p, addr, &trap, 1, e) < 0)
        return -1;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->sites = xrealloc(t->sites, t->cap * sizeof *t->sites);
    }
    t->sites[t->n++] = (struct bp_site){addr, orig, 1, 0};
    if (t->n * 2 > t->index_cap)
        reindex(t, t->index_cap ? t->index_cap * 2 : 64);
    else
        index_put(t, t->n - 1);
    return 0;
}

/* Removes site number k from the array and the index (backward-shift
 * deletion keeps linear probing correct without tombstones). */
static void erase(struct bp_site_table *t, size_t k)
{
    size_t i = slot_of(t, t->sites[k].addr);
    t->index[i] = 0;
    size_t j = i;
    for (;;) {
        j = (j + 1) & (t->index_cap - 1);
        if (!t->index[j])
            break;
        size_t home = hash(t->sites[t->index[j] - 1].addr, t->index_cap);
        /* move j back to i when its home is not in (i, j] */
        int in_range = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!in_range) {
            t->index[i] = t->index[j];
            t->index[j] = 0;
            i = j;
        }
    }
    size_t last = t->n - 1;
    if (k != last) {
        t->sites[k] = t->sites[last];
        t->index[slot_of(t, t->sites[k].addr)] = (uint32_t)k + 1;
    }
    t->n--;
}

int bp_site_unref(struct bp_site_table *t, struct tgt_proc *p, uint64_t addr, struct lerr *e)
{
    struct bp_site *s = bp_site_find(t, addr);
    if (!s)
        return 0;
    if (--s->refs > 0)
        return 0;
    int rc = tgt_write_mem(p, addr, &s->orig, 1, e);
    erase(t, (size_t)(s - t->sites));
    return rc;
}

void bp_sites_remove_all(struct bp_site_table *t, struct tgt_proc *p)
{
    for (size_t k = 0; k < t->n; k++)
        tgt_write_mem(p, t->sites[k].addr, &t->sites[k].orig, 1, NULL);
    bp_sites_forget(t);
}

void bp_sites_forget(struct bp_site_table *t)
{
    t->n = 0;
    if (t->index)
        memset(t->index, 0, t->index_cap * sizeof *t->index);
}

void bp_sites_hide(const struct bp_site_table *t, uint64_t addr, uint8_t *buf, size_t len)
{
    if (!t->n || !len)
        return;
    if (len <= t->n) {
        for (size_t i = 0; i < len; i++) {
            const struct bp_site *s = bp_site_find(t, addr + i);
            if (s)
                buf[i] = s->orig;
        }
        return;
    }
    for (size_t k = 0; k < t->n; k++) {
        uint64_t a = t->sites[k].addr;
        if (a >= addr && a - addr < len)
            buf[a - addr] = t->sites[k].orig;
    }
}

int bp_sites_write(struct bp_site_table *t, struct tgt_proc *p, uint64_t addr,
                   const uint8_t *buf, size_t len, struct lerr *e)
{
    uint8_t *copy = xmalloc(len ? len : 1);
    memcpy(copy, buf, len);
    /* the trap stays; the new byte becomes the one it hides */
    for (size_t i = 0; i < len && t->n; i++) {
        struct bp_site *s = bp_site_find(t, addr + i);
        if (s) {
            s->orig = buf[i];
            copy[i] = TRAP;
        }
    }
    /* an instruction is at most 15 bytes: one that starts up to 14 bytes
     * before the write may change, and its copy with it */
    for (uint64_t a = addr > 14 ? addr - 14 : 0; a < addr + len && t->n; a++) {
        struct bp_site *s = bp_site_find(t, a);
        if (s)
            s->slot = 0;
    }
    int rc = tgt_write_mem(p, addr, copy, len, e);
    free(copy);
    return rc;
}

int bp_site_lift(const struct bp_site *s, struct tgt_proc *p, struct lerr *e)
{
    return tgt_write_mem(p, s->addr, &s->orig, 1, e);
}

int bp_site_drop(const struct bp_site *s, struct tgt_proc *p, struct lerr *e)
{
    uint8_t trap = TRAP;
    return tgt_write_mem(p, s->addr, &trap, 1, e);
}
