/* Sites: the physical side of software breakpoints in one address space.
 * A site is a patched 0xCC with the original byte saved, shared (reference
 * counted) by every user breakpoint location and internal trap at its
 * address. Sites stay inserted while the target runs; every read and write
 * of target memory through the debugger goes through the table, so a user
 * always sees and edits the original bytes.
 *
 * The table is a dense array with a hash index by address: lookup is O(1)
 * whatever the number of breakpoints, and a read of `len` bytes costs
 * min(len, number of sites) probes to hide the traps in it. */
#ifndef LINDBG_BP_SITE_H
#define LINDBG_BP_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "target/target.h"
#include "util/err.h"

struct bp_site {
    uint64_t addr;
    uint8_t orig;   /* the program's byte at addr */
    unsigned refs;
    uint64_t slot;  /* where the engine runs a copy of the instruction at
                     * addr (out of line): 0 none yet, BP_SLOT_NONE when it
                     * cannot be copied */
};

#define BP_SLOT_NONE (~0ull)

struct bp_site_table {
    struct bp_site *sites;
    size_t n, cap;
    uint32_t *index;   /* open addressing: slot -> site number + 1, 0 empty */
    size_t index_cap;  /* a power of two, at least 2 * cap */
};

void bp_sites_init(struct bp_site_table *t);
void bp_sites_free(struct bp_site_table *t);

struct bp_site *bp_site_find(const struct bp_site_table *t, uint64_t addr);

/* Takes a reference on the site at addr, inserting the 0xCC when it is
 * new. Fails (and changes nothing) when the byte cannot be read or
 * written. */
int bp_site_ref(struct bp_site_table *t, struct tgt_proc *p, uint64_t addr, struct lerr *e);
/* Drops a reference; the last one restores the original byte. */
int bp_site_unref(struct bp_site_table *t, struct tgt_proc *p, uint64_t addr, struct lerr *e);

/* Restores every original byte and empties the table (detach, kill). */
void bp_sites_remove_all(struct bp_site_table *t, struct tgt_proc *p);
/* Forgets every site without touching memory (after exec: the address
 * space they were in is gone). */
void bp_sites_forget(struct bp_site_table *t);

/* Replaces the traps in buf (target bytes read from `addr`) with the
 * original bytes. */
void bp_sites_hide(const struct bp_site_table *t, uint64_t addr, uint8_t *buf, size_t len);
/* Writes user data to target memory around the sites: bytes that fall on
 * a site update its saved byte and the trap stays in place; a site whose
 * instruction the bytes may change forgets its out-of-line copy. */
int bp_sites_write(struct bp_site_table *t, struct tgt_proc *p, uint64_t addr,
                   const uint8_t *buf, size_t len, struct lerr *e);

/* Temporarily puts the original byte back (to step over it), and puts the
 * trap back afterwards. */
int bp_site_lift(const struct bp_site *s, struct tgt_proc *p, struct lerr *e);
int bp_site_drop(const struct bp_site *s, struct tgt_proc *p, struct lerr *e);

#endif
