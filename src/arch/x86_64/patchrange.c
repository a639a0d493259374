#include "arch/x86_64/patchrange.h"

#include <Zydis/Zydis.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arch/x86_64/relocate.h"

/* every reason starts the same way, so that the caller can show it as is */
#define refuse(e, ...) lerr_set_code((e), LERR_UNSUPPORTED, "not patchable: " __VA_ARGS__)

/* "`jmp rax` at 0x401000 ...": Zydis' own text, whose branch targets
 * read as plain hex (WinDbg's 00000000`00401000 would clash with the
 * quotes) */
static int refuse_insn(struct lerr *e, const uint8_t *code, size_t len, uint64_t at,
                       const char *why)
{
    ZydisDecoder dec;
    ZydisFormatter fmt;
    ZydisDecodedInstruction in;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    char text[96] = "?";
    if (ZYAN_SUCCESS(ZydisDecoderInit(&dec, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64)) &&
        ZYAN_SUCCESS(ZydisDecoderDecodeFull(&dec, code, len, &in, ops)) &&
        ZYAN_SUCCESS(ZydisFormatterInit(&fmt, ZYDIS_FORMATTER_STYLE_INTEL)) &&
        ZYAN_SUCCESS(ZydisFormatterSetProperty(&fmt, ZYDIS_FORMATTER_PROP_ADDR_PADDING_ABSOLUTE,
                                               ZYDIS_PADDING_DISABLED)) &&
        ZYAN_SUCCESS(ZydisFormatterSetProperty(&fmt, ZYDIS_FORMATTER_PROP_HEX_UPPERCASE, 0)))
        ZydisFormatterFormatInstruction(&fmt, &in, ops, in.operand_count_visible, text,
                                        sizeof text, at, NULL);
    return refuse(e, "`%s` at %#" PRIx64 " %s", text, at, why);
}

static int decode(const uint8_t *code, size_t len, ZydisDecodedInstruction *in,
                  ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT])
{
    ZydisDecoder dec;
    if (ZYAN_FAILED(ZydisDecoderInit(&dec, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64)) ||
        ZYAN_FAILED(ZydisDecoderDecodeFull(&dec, code, len, in, ops)))
        return -1;
    return 0;
}

/* The target of a relative branch or call (jmp, jcc, loop, call, xbegin):
 * 1 and *target, or 0. */
static int relative_target(const ZydisDecodedInstruction *in, const ZydisDecodedOperand *ops,
                           uint64_t at, uint64_t *target)
{
    for (unsigned i = 0; i < in->operand_count_visible; i++) {
        if (ops[i].type == ZYDIS_OPERAND_TYPE_IMMEDIATE && ops[i].imm.is_relative)
            return ZYAN_SUCCESS(ZydisCalcAbsoluteAddress(in, &ops[i], at, target));
    }
    return 0;
}

/* A jump whose target lindbg cannot know from the bytes: `jmp rax`, `jmp
 * [rax+rdx*8]` (a switch table, which may target any instruction). A
 * RIP-relative `jmp [rip+x]` reads a fixed slot (a tail call through the
 * GOT) and leaves the function. */
static int unknown_jump(const ZydisDecodedInstruction *in, const ZydisDecodedOperand *ops)
{
    if (in->mnemonic != ZYDIS_MNEMONIC_JMP || in->operand_count_visible < 1)
        return 0;
    if (ops[0].type == ZYDIS_OPERAND_TYPE_REGISTER)
        return 1;
    if (ops[0].type == ZYDIS_OPERAND_TYPE_MEMORY)
        return ops[0].mem.base != ZYDIS_REGISTER_RIP;
    return 0;
}

/* jcc rel8 (70-7f) and jcc rel32 (0f 80-8f): the condition is the low
 * nibble of the opcode in both */
static int is_jcc(const ZydisDecodedInstruction *in)
{
    if (in->opcode_map == ZYDIS_OPCODE_MAP_DEFAULT)
        return in->opcode >= 0x70 && in->opcode <= 0x7f;
    if (in->opcode_map == ZYDIS_OPCODE_MAP_0F)
        return in->opcode >= 0x80 && in->opcode <= 0x8f;
    return 0;
}

static int is_rel_jmp(const ZydisDecodedInstruction *in)
{
    return in->opcode_map == ZYDIS_OPCODE_MAP_DEFAULT &&
           (in->opcode == 0xeb || in->opcode == 0xe9);
}

/* Decodes code[0..len) at start from its first byte to its end: -1 (e) when
 * some bytes do not decode, an indirect jump may go anywhere, or a direct
 * branch or call lands strictly inside (lo, hi). *boundary (may be NULL)
 * says whether some instruction starts at `lo`. */
static int scan(const uint8_t *code, size_t len, uint64_t start, uint64_t lo, uint64_t hi,
                int *boundary, struct lerr *e)
{
    ZydisDecodedInstruction in;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    if (boundary)
        *boundary = 0;
    for (size_t off = 0; off < len; off += in.length) {
        uint64_t at = start + off;
        if (at == lo && boundary)
            *boundary = 1;
        if (decode(code + off, len - off, &in, ops) < 0)
            return refuse(e, "the bytes at %#" PRIx64 " do not decode as an instruction", at);
        if (unknown_jump(&in, ops))
            return refuse_insn(e, code + off, len - off, at,
                               "may jump anywhere in the function");
        uint64_t target;
        if (relative_target(&in, ops, at, &target) && target > lo && target < hi)
            return refuse(e, "the branch at %#" PRIx64 " goes to %#" PRIx64
                             ", inside the bytes the jump would replace",
                          at, target);
    }
    return 0;
}

int x86_patch_inside(const struct x86_patch *pl, uint64_t a)
{
    return a > pl->addr && a < pl->addr + pl->len;
}

int x86_patch_check_code(const uint8_t *code, size_t len, uint64_t start,
                         const struct x86_patch *pl, struct lerr *e)
{
    return scan(code, len, start, pl->addr, pl->addr + pl->len, NULL, e);
}

/* Adds the instruction at off (from addr) to the range, or refuses it. */
static int cover_one(const uint8_t *func, size_t end, uint64_t fstart, size_t off,
                     struct x86_patch *pl, struct lerr *e)
{
    ZydisDecodedInstruction in;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    uint64_t at = fstart + off;
    if (pl->ninsn == X86_PATCH_MAX_INSN)
        return refuse(e, "more than %d instructions at %#" PRIx64, X86_PATCH_MAX_INSN, pl->addr);
    /* the whole function decoded already (scan), but maybe not from here
     * to its end in one go: the same bytes, so the same result */
    if (decode(func + off, end - off, &in, ops) < 0)
        return refuse(e, "the bytes at %#" PRIx64 " do not decode as an instruction", at);
    size_t ilen = in.length;
    if (pl->len + ilen > X86_PATCH_ORIG_MAX)
        return refuse(e, "the instructions at %#" PRIx64 " cover more than %d"
                         " bytes before reaching 5",
                      pl->addr, X86_PATCH_ORIG_MAX);
    int last = pl->len + ilen >= X86_PATCH_JMP_LEN;
    uint64_t target;
    if (in.meta.category == ZYDIS_CATEGORY_CALL)
        return refuse_insn(e, func + off, end - off, at,
                           "is a call: a thread would return inside the jump");
    if (relative_target(&in, ops, at, &target)) {
        if (!is_jcc(&in) && !is_rel_jmp(&in))
            return refuse_insn(e, func + off, end - off, at, "cannot run elsewhere");
        if (!last)
            return refuse_insn(e, func + off, end - off, at,
                               "is a branch before the end of the 5 bytes");
    } else {
        uint8_t slot[X86_SLOT_SIZE];
        unsigned l = 0;
        int riprel = 0;
        if (x86_relocate(func + off, ilen, at, at, slot, &l, &riprel) == X86_RELOC_REFUSED)
            return refuse_insn(e, func + off, end - off, at, "cannot run elsewhere");
        if (riprel)
            pl->rip_relative = 1;
        /* what follows a ret or an indirect jmp is entered only from
         * elsewhere, maybe from what the bytes do not show: an exception
         * landing pad (g++ -O2 puts one right after the ret) */
        if (!last && (in.meta.category == ZYDIS_CATEGORY_RET ||
                      in.meta.category == ZYDIS_CATEGORY_UNCOND_BR))
            return refuse_insn(e, func + off, end - off, at,
                               "ends a block before the end of the 5 bytes");
    }
    pl->insn_off[pl->ninsn++] = (uint8_t)pl->len;
    memcpy(pl->orig + pl->len, func + off, ilen);
    pl->len += (unsigned)ilen;
    return 0;
}

int x86_patch_plan(const uint8_t *func, size_t flen, uint64_t fstart, uint64_t addr,
                   struct x86_patch *out, struct lerr *e)
{
    memset(out, 0, sizeof *out);
    out->addr = addr;
    if (addr < fstart || addr - fstart >= flen)
        return refuse(e, "%#" PRIx64 " is outside the function at %#" PRIx64, addr, fstart);
    /* first the whole function: where the instructions start, and whether
     * some jump may go anywhere; the branch targets once the range is known */
    int boundary = 0;
    if (scan(func, flen, fstart, addr, addr, &boundary, e) < 0)
        return -1;
    if (!boundary)
        return refuse(e, "%#" PRIx64 " is not the start of an instruction of the function at %#"
                      PRIx64, addr, fstart);
    size_t off = addr - fstart;
    if (flen - off < X86_PATCH_JMP_LEN)
        return refuse(e, "the function has %u byte%s from %#" PRIx64 ", fewer than the jump's 5",
                      (unsigned)(flen - off), flen - off == 1 ? "" : "s", addr);
    /* the function decodes to its end, so whole instructions reach 5 bytes */
    while (out->len < X86_PATCH_JMP_LEN)
        if (cover_one(func, flen, fstart, off + out->len, out, e) < 0)
            return -1;
    return scan(func, flen, fstart, addr, addr + out->len, NULL, e);
}

/* The copy being written: code[0..o) of cap bytes, to run at `to`; each
 * jump out of it (at most a jcc's two) with the program address it goes
 * to, so that a thread found on one can be put back in the program. */
struct copy_exit {
    size_t off;
    uint64_t addr;
};
struct copy {
    uint8_t *code;
    size_t cap, o;
    uint64_t to;
    struct copy_exit exit[2];
    unsigned nexit;
};

/* Appends n bytes, or says the copy does not fit. */
static int put(struct copy *c, const void *bytes, size_t n, struct lerr *e)
{
    if (c->o + n > c->cap)
        return refuse(e, "the copy of the instructions needs more than %zu bytes", c->cap);
    memcpy(c->code + c->o, bytes, n);
    c->o += n;
    return 0;
}

static int fits_rel32(uint64_t next, uint64_t target)
{
    int64_t d = (int64_t)(target - next);
    return d >= INT32_MIN && d <= INT32_MAX;
}

/* The bytes of a jump from `at` to target: 5 (rel32) when in reach, else
 * 14 (`jmp [rip+0]` and the address). */
static size_t jump_len(uint64_t at, uint64_t target)
{
    return fits_rel32(at + 5, target) ? 5 : 14;
}

static int put_jump(struct copy *c, uint64_t target, struct lerr *e)
{
    uint64_t at = c->to + c->o;
    if (c->nexit < sizeof c->exit / sizeof c->exit[0])
        c->exit[c->nexit++] = (struct copy_exit){c->o, target};
    if (jump_len(at, target) == 5) {
        uint8_t b[5] = {0xe9};
        int32_t d = (int32_t)(target - (at + 5));
        memcpy(b + 1, &d, 4);
        return put(c, b, sizeof b, e);
    }
    uint8_t b[14] = {0xff, 0x25};
    memcpy(b + 6, &target, 8);
    return put(c, b, sizeof b, e);
}

/* The relocated last branch: jmp becomes a jump to its target; jcc becomes
 * `jcc rel32` to its target when in reach, else to an absolute jump placed
 * after the fall-through's jump back. */
static int put_branch(struct copy *c, const ZydisDecodedInstruction *in, uint64_t target,
                      uint64_t back, struct lerr *e)
{
    if (!is_jcc(in))
        return put_jump(c, target, e);
    uint8_t jcc[6] = {0x0f, (uint8_t)(0x80 | (in->opcode & 0x0f))};
    uint64_t next = c->to + c->o + sizeof jcc;
    int near = fits_rel32(next, target);
    int32_t d = near ? (int32_t)(target - next) : (int32_t)jump_len(next, back);
    memcpy(jcc + 2, &d, 4);
    if (put(c, jcc, sizeof jcc, e) < 0 || put_jump(c, back, e) < 0)
        return -1;
    return near ? 0 : put_jump(c, target, e);
}

static int relocate(const struct x86_patch *pl, struct copy *c,
                    uint8_t copy_off[X86_PATCH_MAX_INSN], struct lerr *e)
{
    uint64_t back = pl->addr + pl->len;
    for (unsigned i = 0; i < pl->ninsn; i++) {
        unsigned off = pl->insn_off[i];
        unsigned end = i + 1 < pl->ninsn ? pl->insn_off[i + 1] : pl->len;
        uint64_t from = pl->addr + off;
        copy_off[i] = (uint8_t)c->o;
        ZydisDecodedInstruction in;
        ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
        uint64_t target;
        if (decode(pl->orig + off, end - off, &in, ops) < 0 || in.length != end - off)
            return refuse(e, "the bytes at %#" PRIx64 " do not decode as planned", from);
        /* the plan allows a branch only as the last instruction */
        if (relative_target(&in, ops, from, &target))
            return put_branch(c, &in, target, back, e);
        uint8_t slot[X86_SLOT_SIZE];
        unsigned l = 0;
        switch (x86_relocate(pl->orig + off, end - off, from, c->to + c->o, slot, &l, NULL)) {
        case X86_RELOC_OK:
            break;
        case X86_RELOC_TOO_FAR:
            return refuse(e, "the RIP-relative operand at %#" PRIx64 " cannot reach from %#" PRIx64,
                          from, c->to + c->o);
        default:
            return refuse_insn(e, pl->orig + off, end - off, from, "cannot run elsewhere");
        }
        if (put(c, slot, l, e) < 0)
            return -1;
    }
    return put_jump(c, back, e);
}

int x86_patch_relocate(const struct x86_patch *pl, uint64_t to, uint8_t *code, size_t cap,
                       size_t *code_len, uint8_t copy_off[X86_PATCH_MAX_INSN], struct lerr *e)
{
    struct copy c = {.code = code, .cap = cap, .to = to};
    *code_len = 0;
    if (relocate(pl, &c, copy_off, e) < 0)
        return -1;
    *code_len = c.o;
    return 0;
}

int x86_patch_program_addr(const struct x86_patch *pl, uint64_t to, uint64_t ip, uint64_t *addr)
{
    uint8_t code[X86_PATCH_CODE_MAX], copy_off[X86_PATCH_MAX_INSN];
    struct copy c = {.code = code, .cap = sizeof code, .to = to};
    /* the same plan and address give the same copy */
    if (ip < to || relocate(pl, &c, copy_off, NULL) < 0 || ip - to >= c.o)
        return -1;
    for (unsigned i = 0; i < pl->ninsn; i++)
        if (ip - to == copy_off[i]) {
            *addr = pl->addr + pl->insn_off[i];
            return 0;
        }
    for (unsigned i = 0; i < c.nexit; i++)
        if (ip - to == c.exit[i].off) {
            *addr = c.exit[i].addr;
            return 0;
        }
    return -1;
}
