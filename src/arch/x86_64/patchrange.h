/* Where a breakpoint site may become a 5-byte `jmp rel32` to a pad, and
 * the copy of the instructions the jump overwrites (so that the pad can run
 * them and jump back). Pure analysis of bytes: nothing here reads or writes
 * a process.
 *
 * The 5 bytes may cover several whole instructions. Writing the jump is
 * safe only if nothing can arrive strictly inside them: no direct branch
 * or call of the function targets the inside, no indirect jump of the
 * function can go anywhere (a switch table may target the inside), and no
 * `call` lies in the range (a thread would return into its middle), and
 * the range does not go on past a `ret` or `jmp` (what follows is entered
 * from elsewhere: g++ puts exception landing pads there). The
 * caller still has to check what the bytes cannot say: threads whose
 * instruction pointer (or system call's return address) is inside
 * (x86_patch_inside), other code that jumps into the function (a gcc
 * `.cold` part: x86_patch_check_code) and exception landing pads.
 *
 * Each covered instruction must run elsewhere by relocate.h's rules, but a
 * relative `jmp` or `jcc` may be the last one: its copy gets a rel32 or an
 * absolute form to the same target(s). `endbr64` is covered like any
 * instruction (the pad is entered by a direct jump, which needs none). */
#ifndef LINDBG_ARCH_X86_64_PATCHRANGE_H
#define LINDBG_ARCH_X86_64_PATCHRANGE_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define X86_PATCH_JMP_LEN 5
#define X86_PATCH_MAX_INSN 8
/* the most bytes a copy takes (x86_patch_relocate's cap): at most 16 bytes
 * of instructions, a jcc widened to 6, two 14-byte absolute jumps */
#define X86_PATCH_CODE_MAX 128
#define X86_PATCH_ORIG_MAX 16

struct x86_patch {
    uint64_t addr;                        /* where the jump goes */
    unsigned len;                         /* bytes covered, >= 5, whole instructions */
    unsigned ninsn;
    uint8_t insn_off[X86_PATCH_MAX_INSN]; /* each covered instruction's offset from addr */
    uint8_t orig[X86_PATCH_ORIG_MAX];     /* the program's bytes at addr (len of them) */
    int rip_relative; /* some operand is RIP-relative: the copy must be within +-2 GB */
};

/* Decides whether a jump may be written at addr inside the function whose
 * bytes (traps already hidden: the program's bytes) are func[0..flen) at
 * fstart. 0 and *out filled, or -1 with a one-line reason in e ("not
 * patchable: ..."; code LERR_UNSUPPORTED). */
int x86_patch_plan(const uint8_t *func, size_t flen, uint64_t fstart, uint64_t addr,
                   struct x86_patch *out, struct lerr *e);

/* Checks other code that may jump into pl's range (a function's `.cold`
 * part, code[0..len) at start) by the same rules as the function itself:
 * it decodes, has no indirect jump lindbg cannot follow, and no direct
 * branch or call into (pl->addr, pl->addr + pl->len). 0, or -1 (e). */
int x86_patch_check_code(const uint8_t *code, size_t len, uint64_t start,
                         const struct x86_patch *pl, struct lerr *e);

/* Whether a lies strictly inside the covered range, where no thread may be
 * (nor return to) while the jump is written. */
int x86_patch_inside(const struct x86_patch *pl, uint64_t a);

/* The covered instructions relocated to run at `to`, followed by a jump
 * back to addr+len (or the relocated branch's own targets):
 * code[0..*code_len), at most cap bytes (X86_PATCH_CODE_MAX is always
 * enough). copy_off[i] is where instruction i starts in the copy: a
 * widened branch makes the copy longer than the original. 0, or -1 (e)
 * when an operand cannot reach from `to`. */
int x86_patch_relocate(const struct x86_patch *pl, uint64_t to, uint8_t *code, size_t cap,
                       size_t *code_len, uint8_t copy_off[X86_PATCH_MAX_INSN], struct lerr *e);

/* Where a thread at ip in the copy at `to` (x86_patch_relocate's) is in
 * the program: an instruction's copy maps to the instruction, a jump out
 * of the copy to where it goes (addr+len after the last instruction ran,
 * or a relocated jcc's target). 0 and *addr, or -1 when ip is not the start
 * of one of them. For signals delivered in a pad and threads moved out of
 * one (detach). */
int x86_patch_program_addr(const struct x86_patch *pl, uint64_t to, uint64_t ip, uint64_t *addr);

#endif
