/* Instruction decoding and WinDbg-style text for one x86-64 instruction,
 * through Zydis. Targets of branches and RIP-relative operands are given to
 * an optional callback so the caller can add symbol names. */
#ifndef LINDBG_ARCH_X86_64_DISASM_H
#define LINDBG_ARCH_X86_64_DISASM_H

#include <stddef.h>
#include <stdint.h>

/* Writes a name for `addr` into buf (for example "demo!main+0x4"), returning
 * 0, or returns -1 when there is none. */
typedef int (*x86_symbolizer)(void *ctx, uint64_t addr, char *buf, size_t size);

struct x86_insn {
    unsigned length;        /* 0 when the bytes do not decode */
    char text[192];         /* "mov     rdi,rsp" */
    int is_call;            /* call instruction (for stepping over) */
    int is_ret;
    uint64_t branch_target; /* absolute target of a relative branch, or 0 */
};

/* Decodes the instruction at `addr` from `len` bytes at `code`. Returns 0, or
 * -1 (and insn->text "???") when the bytes are not an instruction. */
int x86_disasm(uint64_t addr, const uint8_t *code, size_t len, struct x86_insn *insn,
               x86_symbolizer sym, void *sym_ctx);

#endif
