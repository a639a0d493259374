/* The code of a breakpoint pad (engine/pads.c): what a thread runs when it
 * reaches a site that lindbg has made a `jmp` to the pad, instead of an
 * int3. The pad decides in the target what lindbg would decide after a
 * stop: a thread filter, a compiled condition (condcomp.h), a pass count
 * run down with an atomic compare-and-swap, and for a hit that does not
 * stop ("gc", a counting command) a hit counter. It then either runs the
 * program's displaced instructions (a relocated copy placed right after
 * the pad's code, see patchrange.h) or, with every register as the program
 * had it, executes an int3 that lindbg maps back to the breakpoint: an
 * ordinary hit, decided by lindbg.
 *
 * The way to the int3 changes nothing (no counter moves), so a thread
 * stopped on it can be put back on the site and decide again; the
 * counters move only on the way to the copy. A memory read of the
 * condition that faults leaves rbx pointing at the saved registers
 * (pad.h). */
#ifndef LINDBG_ARCH_X86_64_PADGEN_H
#define LINDBG_ARCH_X86_64_PADGEN_H

#include <stddef.h>
#include <stdint.h>

/* The counters of one breakpoint, shared by lindbg and the target. */
struct x86_pad_counters {
    int64_t passes;  /* passes left: the pad takes one while above 1 */
    uint64_t hits;   /* hits the pad took that did not stop */
    uint64_t tdelta; /* what the pad added to a $t register (counting command) */
    uint64_t spare;
};

enum x86_pad_action {
    X86_PAD_TRAP,  /* a hit that triggers stops: lindbg decides it */
    X86_PAD_GO,    /* it goes on ("gc"), counted in hits */
    X86_PAD_COUNT, /* it goes on, counted in hits and tdelta */
};

struct x86_pad_spec {
    uint64_t fs_filter;          /* nonzero: only the thread whose thread
                                  * pointer (fs:0) is this; others go on */
    const uint8_t *cond;         /* compiled condition, NULL: none */
    size_t cond_len;
    uint64_t counters;           /* target address of its x86_pad_counters */
    int passes;                  /* run the pass count down */
    enum x86_pad_action action;
};

struct x86_pad_layout {
    size_t len;      /* the pad's code; the relocated copy goes right after */
    size_t trap;     /* offset of the int3 (another follows it: a thread one
                      * past it has run it) */
    size_t cond;     /* the condition's code: [cond, cond_end) */
    size_t cond_end;
    size_t frame;    /* from here to `restore`, rbx points at the frame */
    size_t restore;  /* where the way to the int3 starts restoring */
};

/* Bytes the pad has pushed (pad.h's frame, and below the red zone) when a
 * thread stands at offset off, before `frame`: how far its rsp is from
 * the program's, minus the red zone (which is skipped from offset 5 on). */
size_t x86_pad_pushed(size_t off);

/* Writes the pad for base into out (cap bytes). 0, or -1 when it does not
 * fit. */
int x86_pad_build(const struct x86_pad_spec *spec, uint64_t base, uint8_t *out, size_t cap,
                  struct x86_pad_layout *lay);

/* The 5-byte `jmp rel32` from `from` to `to` (which must be in reach). */
int x86_pad_jump(uint64_t from, uint64_t to, uint8_t out[5]);

#endif
