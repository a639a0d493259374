/* The register frame a breakpoint pad builds in the target (see
 * engine/pads.c): the pad steps over the red zone, pushes the flags and
 * the general registers, and points rbx at what it pushed. Compiled
 * conditions read the program's registers from this frame, and lindbg
 * reads it back to put a thread where it was when a pad's memory read
 * faults.
 *
 * Pushed in this order: pushfq, rax, rcx, rdx, rbx, rbp, rsi, rdi, r8 ..
 * r15; so r15 is at rbx+0 and the flags at rbx+8*X86_PAD_RFLAGS. The
 * program's rsp is not pushed: it is rbx + X86_PAD_FRAME_SIZE +
 * X86_PAD_RED_ZONE. */
#ifndef LINDBG_ARCH_X86_64_PAD_H
#define LINDBG_ARCH_X86_64_PAD_H

enum x86_pad_reg {
    X86_PAD_R15,
    X86_PAD_R14,
    X86_PAD_R13,
    X86_PAD_R12,
    X86_PAD_R11,
    X86_PAD_R10,
    X86_PAD_R9,
    X86_PAD_R8,
    X86_PAD_RDI,
    X86_PAD_RSI,
    X86_PAD_RBP,
    X86_PAD_RBX,
    X86_PAD_RDX,
    X86_PAD_RCX,
    X86_PAD_RAX,
    X86_PAD_RFLAGS,
    X86_PAD_NREGS
};

#define X86_PAD_FRAME_SIZE (8 * X86_PAD_NREGS)
/* the System V red zone under rsp, which a leaf function may use */
#define X86_PAD_RED_ZONE 128

#endif
