#include "arch/x86_64/relocate.h"

#include <Zydis/Zydis.h>
#include <string.h>

static int refused(const ZydisDecodedInstruction *in)
{
    switch (in->meta.category) {
    case ZYDIS_CATEGORY_COND_BR:
    case ZYDIS_CATEGORY_CALL:
    case ZYDIS_CATEGORY_SYSCALL:
    case ZYDIS_CATEGORY_INTERRUPT:
    case ZYDIS_CATEGORY_SYSTEM:
        return 1;
    default:
        break;
    }
    switch (in->mnemonic) {
    case ZYDIS_MNEMONIC_UD0:
    case ZYDIS_MNEMONIC_UD1:
    case ZYDIS_MNEMONIC_UD2:
    case ZYDIS_MNEMONIC_INT3:
    case ZYDIS_MNEMONIC_INT1:
    case ZYDIS_MNEMONIC_INT:
    case ZYDIS_MNEMONIC_INTO:
    case ZYDIS_MNEMONIC_HLT:
    case ZYDIS_MNEMONIC_SYSCALL:
    case ZYDIS_MNEMONIC_SYSENTER:
    case ZYDIS_MNEMONIC_XBEGIN:
        return 1;
    default:
        return 0;
    }
}

enum x86_reloc_result x86_relocate(const uint8_t *code, size_t len, uint64_t from, uint64_t to,
                                   uint8_t slot[X86_SLOT_SIZE], unsigned *insn_len,
                                   int *rip_relative)
{
    ZydisDecoder dec;
    ZydisDecodedInstruction in;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    if (rip_relative)
        *rip_relative = 0;
    if (ZYAN_FAILED(ZydisDecoderInit(&dec, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64)) ||
        ZYAN_FAILED(ZydisDecoderDecodeFull(&dec, code, len, &in, ops)))
        return X86_RELOC_REFUSED;
    *insn_len = in.length;
    if (refused(&in))
        return X86_RELOC_REFUSED;
    int riprel = 0;
    for (unsigned i = 0; i < in.operand_count; i++) {
        if (ops[i].type == ZYDIS_OPERAND_TYPE_IMMEDIATE && ops[i].imm.is_relative)
            return X86_RELOC_REFUSED; /* a relative jump */
        if (ops[i].type == ZYDIS_OPERAND_TYPE_MEMORY &&
            (ops[i].mem.base == ZYDIS_REGISTER_RIP || ops[i].mem.base == ZYDIS_REGISTER_EIP))
            riprel = 1;
    }
    if (rip_relative)
        *rip_relative = riprel;
    memset(slot, 0xcc, X86_SLOT_SIZE);
    memcpy(slot, code, in.length);
    if (riprel) {
        if (in.raw.disp.size != 32)
            return X86_RELOC_REFUSED;
        /* the operand is relative to the next instruction; both copies
         * have the same length, so only the start moves */
        int64_t disp = in.raw.disp.value + (int64_t)(from - to);
        if (disp < INT32_MIN || disp > INT32_MAX)
            return X86_RELOC_TOO_FAR;
        int32_t d32 = (int32_t)disp;
        memcpy(slot + in.raw.disp.offset, &d32, 4);
    }
    /* jmp [rip+0], then the address of the instruction after the original */
    static const uint8_t jmp_abs[6] = {0xff, 0x25, 0, 0, 0, 0};
    uint64_t back = from + in.length;
    memcpy(slot + in.length, jmp_abs, sizeof jmp_abs);
    memcpy(slot + in.length + sizeof jmp_abs, &back, 8);
    return X86_RELOC_OK;
}
