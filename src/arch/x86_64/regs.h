/* x86-64 register names as WinDbg spells them: full registers, their 32-,
 * 16- and 8-bit parts, segment registers, efl and its flag bits (`zf`), and
 * the debug registers. Pure data and arithmetic on a register file; reading
 * the debug registers needs the target and is left to the engine. */
#ifndef LINDBG_ARCH_X86_64_REGS_H
#define LINDBG_ARCH_X86_64_REGS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

enum x86_reg_kind {
    X86_REG_GPR,  /* a slice of a user_regs_struct field */
    X86_REG_FLAG, /* one bit of eflags */
    X86_REG_DR,   /* debug register, `index` is 0..7 */
};

struct x86_reg {
    const char *name;
    enum x86_reg_kind kind;
    unsigned offset; /* byte offset in struct user_regs_struct (GPR, FLAG) */
    unsigned width;  /* bytes: 8, 4, 2 or 1; FLAG: bit number */
    unsigned shift;  /* 8 for ah/bh/ch/dh, else 0 */
    unsigned index;  /* DR number */
};

/* Finds a register by name, case-insensitive, with or without a leading
 * '@'. Returns NULL when the name is not a register. */
const struct x86_reg *x86_reg_lookup(const char *name);
const struct x86_reg *x86_reg_lookupn(const char *name, size_t len);
/* The i-th register of the table (completion lists them), NULL past the
 * last. */
const struct x86_reg *x86_reg_at(size_t i);

/* Value of a GPR or FLAG register in `r` (DR registers: 0). */
uint64_t x86_reg_get(const struct x86_reg *reg, const struct user_regs_struct *r);
/* Stores `v` into the bits the register covers, leaving the others. */
void x86_reg_set(const struct x86_reg *reg, struct user_regs_struct *r, uint64_t v);

/* WinDbg's flag mnemonics for efl: "nv up ei pl zr na po nc". */
void x86_flags_text(uint64_t efl, char out[32]);

#endif
