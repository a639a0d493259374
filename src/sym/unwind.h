/* Call stacks through libdwfl's unwinder (DWARF CFI, eh_frame), as
 * eu-stack does, but on a thread lindbg already traces: the caller gives
 * the registers and a memory reader instead of libdwfl attaching itself.
 * Where CFI is missing, libdwfl's own fallbacks apply; the frame-pointer
 * chain is the last resort. */
#ifndef LINDBG_SYM_UNWIND_H
#define LINDBG_SYM_UNWIND_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "sym/symbols.h"

/* General registers of one frame in DWARF numbering (rax rdx rcx rbx rsi
 * rdi rbp rsp r8..r15 rip = 0..16), with the set of those known: all of
 * them in frame 0; above it only what the unwinder recovered (callee-saved
 * ones, rsp = the CFA, rip), never a caller-saved register, whose value
 * in the frame is lost. */
#define SYM_NREGS 17
struct sym_regs {
    uint64_t r[SYM_NREGS];
    uint32_t known; /* bit n: r[n] is the frame's value */
};

/* rax..rip of a register file as struct sym_regs, all known. */
void sym_regs_from_user(struct sym_regs *out, const struct user_regs_struct *r);

struct sym_frame {
    uint64_t pc;      /* the frame's instruction (return address - 1 is looked up) */
    uint64_t sp;      /* its stack pointer ("Child-SP") */
    int activation;   /* pc is exact (frame 0, signal frames), not a return address */
    struct sym_regs regs;
};

/* Where a frame's code is looked up: its pc, or for a return address the
 * call before it (so a call that ends a function names that function). */
static inline uint64_t sym_frame_code(const struct sym_frame *f)
{
    return f->activation ? f->pc : f->pc - 1;
}

struct sym_unwind_source {
    void *ctx;
    int (*read)(void *ctx, uint64_t addr, uint64_t *value); /* 0 ok */
    pid_t tid;
    struct user_regs_struct regs;
};

/* Fills up to `max` frames of the thread, innermost first. Returns the
 * number of frames (at least 1: the current instruction). */
size_t sym_unwind(struct sym_space *sp, const struct sym_unwind_source *src,
                  struct sym_frame *frames, size_t max);

#endif
