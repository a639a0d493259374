/* Executes one instruction on a register file instead of in the target, so
 * that a thread can go on past a software breakpoint without lifting the
 * trap and single-stepping (which would need every other thread stopped).
 * Only instructions whose effect is simple and exact are taken: the common
 * function-entry ones (endbr64, push reg, mov rbp,rsp, nop), ret, and the
 * relative jumps, conditional jumps and calls (which cannot run out of
 * line, see relocate.h). */
#ifndef LINDBG_ARCH_X86_64_EMULATE_H
#define LINDBG_ARCH_X86_64_EMULATE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

struct x86_mem {
    void *ctx;
    int (*read)(void *ctx, uint64_t addr, void *buf, size_t len);        /* 0 ok */
    int (*write)(void *ctx, uint64_t addr, const void *buf, size_t len); /* 0 ok */
};

/* Returns 1 when the instruction in `code` (at r->rip) was emulated and r
 * (and memory) updated, 0 when it is not one of ours or memory failed
 * (nothing changed then). */
int x86_emulate(const uint8_t *code, size_t len, struct user_regs_struct *r,
                const struct x86_mem *mem);

#endif
