#include "arch/x86_64/memaccess.h"

#include <Zydis/Zydis.h>
#include <string.h>

#define MODE ZYDIS_MACHINE_MODE_LONG_64

static int decode(const uint8_t *code, size_t len, ZydisDecodedInstruction *in,
                  ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT])
{
    ZydisDecoder dec;
    if (ZYAN_FAILED(ZydisDecoderInit(&dec, MODE, ZYDIS_STACK_WIDTH_64)))
        return -1;
    return ZYAN_SUCCESS(ZydisDecoderDecodeFull(&dec, code, len, in, ops)) ? 0 : -1;
}

/* The 64-bit register that holds reg, NULL for ones we do not model. */
static unsigned long long *gpr64(struct user_regs_struct *r, ZydisRegister reg)
{
    switch (ZydisRegisterGetLargestEnclosing(MODE, reg)) {
    case ZYDIS_REGISTER_RAX: return &r->rax;
    case ZYDIS_REGISTER_RBX: return &r->rbx;
    case ZYDIS_REGISTER_RCX: return &r->rcx;
    case ZYDIS_REGISTER_RDX: return &r->rdx;
    case ZYDIS_REGISTER_RSI: return &r->rsi;
    case ZYDIS_REGISTER_RDI: return &r->rdi;
    case ZYDIS_REGISTER_RBP: return &r->rbp;
    case ZYDIS_REGISTER_RSP: return &r->rsp;
    case ZYDIS_REGISTER_R8: return &r->r8;
    case ZYDIS_REGISTER_R9: return &r->r9;
    case ZYDIS_REGISTER_R10: return &r->r10;
    case ZYDIS_REGISTER_R11: return &r->r11;
    case ZYDIS_REGISTER_R12: return &r->r12;
    case ZYDIS_REGISTER_R13: return &r->r13;
    case ZYDIS_REGISTER_R14: return &r->r14;
    case ZYDIS_REGISTER_R15: return &r->r15;
    default: return NULL;
    }
}

static int high_byte(ZydisRegister reg)
{
    return reg == ZYDIS_REGISTER_AH || reg == ZYDIS_REGISTER_BH || reg == ZYDIS_REGISTER_CH ||
           reg == ZYDIS_REGISTER_DH;
}

static uint64_t mask_of(unsigned bytes)
{
    return bytes >= 8 ? ~0ull : (1ull << (bytes * 8)) - 1;
}

/* Value of an address register (rip: the next instruction). */
static int addr_reg(const struct user_regs_struct *r, ZydisRegister reg, uint64_t next_rip,
                    uint64_t *v)
{
    if (reg == ZYDIS_REGISTER_NONE) {
        *v = 0;
        return 0;
    }
    if (reg == ZYDIS_REGISTER_RIP || reg == ZYDIS_REGISTER_EIP) {
        *v = next_rip;
        return 0;
    }
    unsigned long long *p = gpr64((struct user_regs_struct *)r, reg);
    if (!p || high_byte(reg))
        return -1;
    *v = *p & mask_of(ZydisRegisterGetWidth(MODE, reg) / 8);
    return 0;
}

static int effective_address(const ZydisDecodedInstruction *in, const ZydisDecodedOperand *op,
                             const struct user_regs_struct *r, uint64_t *ea)
{
    uint64_t next = r->rip + in->length, base, index;
    if (addr_reg(r, op->mem.base, next, &base) < 0 || addr_reg(r, op->mem.index, next, &index) < 0)
        return -1;
    uint64_t a = base + index * (op->mem.scale ? op->mem.scale : 1);
    if (op->mem.disp.has_displacement)
        a += (uint64_t)op->mem.disp.value;
    if (in->address_width == 32)
        a &= 0xffffffffu;
    if (op->mem.segment == ZYDIS_REGISTER_FS)
        a += r->fs_base;
    else if (op->mem.segment == ZYDIS_REGISTER_GS)
        a += r->gs_base;
    *ea = a;
    return 0;
}

/* Stack instructions: Zydis names rsp as the base; the slot is below it
 * for a push and at it for a pop. */
static int stack_access(const ZydisDecodedInstruction *in, const struct user_regs_struct *r,
                        struct x86_access *a)
{
    switch (in->mnemonic) {
    case ZYDIS_MNEMONIC_PUSH:
    case ZYDIS_MNEMONIC_PUSHFQ:
    case ZYDIS_MNEMONIC_CALL:
        *a = (struct x86_access){r->rsp - 8, 8, 0, 1};
        return 1;
    case ZYDIS_MNEMONIC_POP:
    case ZYDIS_MNEMONIC_POPFQ:
    case ZYDIS_MNEMONIC_RET:
        *a = (struct x86_access){r->rsp, 8, 1, 0};
        return 1;
    case ZYDIS_MNEMONIC_LEAVE:
        *a = (struct x86_access){r->rbp, 8, 1, 0};
        return 1;
    default:
        return 0;
    }
}

int x86_mem_accesses(const uint8_t *code, size_t len, const struct user_regs_struct *r,
                     struct x86_access *out, int max, unsigned *insn_len)
{
    ZydisDecodedInstruction in;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    if (decode(code, len, &in, ops) < 0)
        return -1;
    *insn_len = in.length;
    int n = 0;
    struct x86_access st;
    if (stack_access(&in, r, &st) && n < max)
        out[n++] = st;
    int rep = (in.attributes & (ZYDIS_ATTRIB_HAS_REP | ZYDIS_ATTRIB_HAS_REPE |
                                ZYDIS_ATTRIB_HAS_REPNE)) != 0;
    for (unsigned i = 0; i < in.operand_count && n < max; i++) {
        const ZydisDecodedOperand *op = &ops[i];
        if (op->type != ZYDIS_OPERAND_TYPE_MEMORY || op->mem.type != ZYDIS_MEMOP_TYPE_MEM)
            continue;
        if (op->mem.base == ZYDIS_REGISTER_RSP && stack_access(&in, r, &st))
            continue; /* counted above */
        uint64_t ea;
        if (effective_address(&in, op, r, &ea) < 0)
            continue;
        uint64_t size = op->size ? op->size / 8 : 1;
        if (rep && r->rcx > 1) {
            uint64_t total = size * r->rcx;
            if (r->eflags & 0x400) /* DF: downwards */
                ea = ea + size - total;
            size = total;
        }
        out[n++] = (struct x86_access){ea, size, (op->actions & ZYDIS_OPERAND_ACTION_MASK_READ) != 0,
                                       (op->actions & ZYDIS_OPERAND_ACTION_MASK_WRITE) != 0};
    }
    return n;
}

/* ---- emulation ---------------------------------------------------------- */

enum { CF = 1u << 0, PF = 1u << 2, AF = 1u << 4, ZF = 1u << 6, SF = 1u << 7, OF = 1u << 11 };

static int parity_even(uint64_t v)
{
    return !__builtin_parity((unsigned)(v & 0xff));
}

/* Result and flags of an arithmetic or logical operation of `bytes` width. */
static uint64_t alu(ZydisMnemonic m, uint64_t a, uint64_t b, unsigned bytes, uint64_t *flags)
{
    uint64_t mask = mask_of(bytes), sign = 1ull << (bytes * 8 - 1), res;
    uint64_t f = *flags & ~(uint64_t)(CF | PF | AF | ZF | SF | OF);
    a &= mask;
    b &= mask;
    switch (m) {
    case ZYDIS_MNEMONIC_ADD:
    case ZYDIS_MNEMONIC_INC:
        res = (a + b) & mask;
        if (m == ZYDIS_MNEMONIC_ADD ? res < a : (*flags & CF))
            f |= CF;
        if ((a ^ res) & (b ^ res) & sign)
            f |= OF;
        if ((a ^ b ^ res) & 0x10)
            f |= AF;
        break;
    case ZYDIS_MNEMONIC_SUB:
    case ZYDIS_MNEMONIC_CMP:
    case ZYDIS_MNEMONIC_DEC:
        res = (a - b) & mask;
        if (m == ZYDIS_MNEMONIC_DEC ? (*flags & CF) : a < b)
            f |= CF;
        if ((a ^ b) & (a ^ res) & sign)
            f |= OF;
        if ((a ^ b ^ res) & 0x10)
            f |= AF;
        break;
    case ZYDIS_MNEMONIC_AND: res = a & b; break;
    case ZYDIS_MNEMONIC_OR: res = a | b; break;
    default: res = a ^ b; break; /* XOR */
    }
    if (!res)
        f |= ZF;
    if (res & sign)
        f |= SF;
    if (parity_even(res))
        f |= PF;
    *flags = f;
    return res;
}

/* Writes v into a register of the given width as the CPU does: 32-bit
 * writes clear the upper half, 8- and 16-bit ones merge. */
static void set_reg(unsigned long long *p, uint64_t v, unsigned bytes)
{
    if (bytes >= 4)
        *p = bytes == 4 ? (uint32_t)v : v;
    else
        *p = (*p & ~mask_of(bytes)) | (v & mask_of(bytes));
}

static int operand_value(const ZydisDecodedOperand *op, const struct user_regs_struct *r,
                         uint64_t *v)
{
    if (op->type == ZYDIS_OPERAND_TYPE_IMMEDIATE) {
        *v = op->imm.is_signed ? (uint64_t)op->imm.value.s : op->imm.value.u;
        return 0;
    }
    if (op->type != ZYDIS_OPERAND_TYPE_REGISTER || high_byte(op->reg.value))
        return -1;
    unsigned long long *p = gpr64((struct user_regs_struct *)r, op->reg.value);
    if (!p)
        return -1;
    *v = *p;
    return 0;
}

static uint64_t sign_extend(uint64_t v, unsigned bytes)
{
    if (bytes >= 8)
        return v;
    uint64_t sign = 1ull << (bytes * 8 - 1);
    return ((v & mask_of(bytes)) ^ sign) - sign;
}

/* movs and stos without rep: one element, rsi/rdi moved by its size (down
 * when DF is set). Returns -1 when the instruction is not one of them. */
static int string_op(const ZydisDecodedInstruction *in, struct user_regs_struct *r,
                     const struct x86_mem *mem)
{
    if (in->opcode_map != ZYDIS_OPCODE_MAP_DEFAULT || in->address_width != 64)
        return -1;
    int movs = in->opcode == 0xa4 || in->opcode == 0xa5;
    int stos = in->opcode == 0xaa || in->opcode == 0xab;
    if (!movs && !stos)
        return -1;
    unsigned size = (in->opcode & 1) ? in->operand_width / 8 : 1;
    uint64_t v = r->rax, step = r->eflags & 0x400 ? -(uint64_t)size : size;
    if (movs && mem->read(mem->ctx, r->rsi, &v, size) != 0)
        return 0;
    if (mem->write(mem->ctx, r->rdi, &v, size) != 0)
        return 0;
    if (movs)
        r->rsi += step;
    r->rdi += step;
    r->rip += in->length;
    return 1;
}

int x86_emulate_mem(const uint8_t *code, size_t len, struct user_regs_struct *r,
                    const struct x86_mem *mem)
{
    ZydisDecodedInstruction in;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    if (decode(code, len, &in, ops) < 0)
        return 0;
    if (in.attributes & (ZYDIS_ATTRIB_HAS_LOCK | ZYDIS_ATTRIB_HAS_REP | ZYDIS_ATTRIB_HAS_REPE |
                         ZYDIS_ATTRIB_HAS_REPNE))
        return 0; /* atomic or repeated: leave it to the processor */
    int str = string_op(&in, r, mem);
    if (str >= 0)
        return str;
    if (in.operand_count_visible < 1 || in.operand_count_visible > 2)
        return 0;
    ZydisMnemonic m = in.mnemonic;
    int alu_op = m == ZYDIS_MNEMONIC_ADD || m == ZYDIS_MNEMONIC_SUB || m == ZYDIS_MNEMONIC_AND ||
                 m == ZYDIS_MNEMONIC_OR || m == ZYDIS_MNEMONIC_XOR || m == ZYDIS_MNEMONIC_CMP;
    int incdec = m == ZYDIS_MNEMONIC_INC || m == ZYDIS_MNEMONIC_DEC;
    int ext = m == ZYDIS_MNEMONIC_MOVZX || m == ZYDIS_MNEMONIC_MOVSX || m == ZYDIS_MNEMONIC_MOVSXD;
    if (m != ZYDIS_MNEMONIC_MOV && !alu_op && !incdec && !ext)
        return 0;
    const ZydisDecodedOperand *dst = &ops[0], *src = incdec ? NULL : &ops[1];
    if (!incdec && in.operand_count_visible != 2)
        return 0;
    struct user_regs_struct nr = *r;
    uint64_t a = 0, b = incdec ? 1 : 0, res;
    unsigned dbytes = dst->size / 8, sbytes = src ? src->size / 8 : dbytes;
    if (dbytes < 1 || dbytes > 8 || sbytes < 1 || sbytes > 8)
        return 0;
    uint64_t dst_ea = 0;
    int dst_mem = dst->type == ZYDIS_OPERAND_TYPE_MEMORY;
    if (dst_mem) {
        if (dst->mem.type != ZYDIS_MEMOP_TYPE_MEM || effective_address(&in, dst, r, &dst_ea) < 0)
            return 0;
        if (m != ZYDIS_MNEMONIC_MOV && mem->read(mem->ctx, dst_ea, &a, dbytes) != 0)
            return 0;
    } else if (operand_value(dst, r, &a) < 0) {
        return 0;
    }
    if (src && src->type == ZYDIS_OPERAND_TYPE_MEMORY) {
        uint64_t ea;
        if (src->mem.type != ZYDIS_MEMOP_TYPE_MEM || effective_address(&in, src, r, &ea) < 0 ||
            mem->read(mem->ctx, ea, &b, sbytes) != 0)
            return 0;
    } else if (src && operand_value(src, r, &b) < 0) {
        return 0;
    }
    if (ext)
        b = m == ZYDIS_MNEMONIC_MOVZX ? b & mask_of(sbytes) : sign_extend(b, sbytes);
    if (m == ZYDIS_MNEMONIC_MOV || ext) {
        res = b;
    } else {
        uint64_t flags = nr.eflags;
        res = alu(m, a, b, dbytes, &flags);
        nr.eflags = flags;
    }
    if (m != ZYDIS_MNEMONIC_CMP) {
        if (dst_mem) {
            if (mem->write(mem->ctx, dst_ea, &res, dbytes) != 0)
                return 0;
        } else {
            unsigned long long *p = gpr64(&nr, dst->reg.value);
            if (!p || high_byte(dst->reg.value))
                return 0;
            set_reg(p, res, dbytes);
        }
    }
    nr.rip += in.length;
    *r = nr;
    return 1;
}
