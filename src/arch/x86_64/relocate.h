/* Copies one instruction to another address so that it can run there
 * ("out of line") with the same effect, then jump back: how a thread
 * passes a software breakpoint in one stop, without lifting the trap and
 * single-stepping (which needs every other thread stopped). The copy is
 * the instruction, its RIP-relative displacement adjusted to the new
 * address, followed by `jmp [rip+0]` to the instruction after the
 * original. Instructions whose effect depends on where they run in ways a
 * displacement cannot fix are refused: relative branches and calls (a
 * call would push the copy's address), system calls (a thread may sit in
 * one for long, and fork copies it), interrupts and traps. */
#ifndef LINDBG_ARCH_X86_64_RELOCATE_H
#define LINDBG_ARCH_X86_64_RELOCATE_H

#include <stddef.h>
#include <stdint.h>

/* Bytes one copy takes: 15 for the instruction, 14 for the jump back. */
#define X86_SLOT_SIZE 32

enum x86_reloc_result {
    X86_RELOC_OK = 0,
    X86_RELOC_REFUSED = -1,  /* cannot run anywhere but where it is */
    X86_RELOC_TOO_FAR = -2,  /* RIP-relative, and `to` is beyond its reach */
};

/* Decodes the instruction in code[0..len) (at address `from`) and writes
 * its copy for address `to` into slot; *insn_len receives the length of
 * the instruction. *rip_relative (may be NULL) says whether `to` must lie
 * within reach of the operand (+-2 GiB), whatever the result. */
enum x86_reloc_result x86_relocate(const uint8_t *code, size_t len, uint64_t from, uint64_t to,
                                   uint8_t slot[X86_SLOT_SIZE], unsigned *insn_len,
                                   int *rip_relative);

#endif
