/* The memory one x86-64 instruction touches, and its effect performed from
 * outside for the simple loads and stores: the heart of data breakpoints
 * emulated by page protection. When a watched page faults, the faulting
 * instruction is decoded (Zydis) for the addresses and sizes it reads and
 * writes; a plain `mov`, `movzx`/`movsx`, an `add sub and or xor cmp
 * inc dec` on memory, or a single `movs`/`stos` is then executed here on the thread's registers and
 * through the debugger's memory access (which ignores page protection), so
 * the access costs one stop; anything else is left to the caller (open the
 * page, single-step, protect again). */
#ifndef LINDBG_ARCH_X86_64_MEMACCESS_H
#define LINDBG_ARCH_X86_64_MEMACCESS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

#include "arch/x86_64/emulate.h"

struct x86_access {
    uint64_t addr;
    uint64_t len;
    int read, write;
};

/* Decodes the instruction in code[0..len) (at r->rip) and fills up to max
 * memory accesses it makes with the registers in r. Returns how many, or -1
 * when the bytes do not decode; *insn_len receives the length. A `rep`
 * string instruction covers every iteration still to run. */
int x86_mem_accesses(const uint8_t *code, size_t len, const struct user_regs_struct *r,
                     struct x86_access *out, int max, unsigned *insn_len);

/* Executes the instruction if it is one of the simple loads and stores
 * named above (no lock, no rep): registers, flags and rip in r are updated and memory is
 * read and written through mem. Returns 1 when done, 0 when it is not
 * emulated (nothing changed). */
int x86_emulate_mem(const uint8_t *code, size_t len, struct user_regs_struct *r,
                    const struct x86_mem *mem);

#endif
