#include "arch/x86_64/regs.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define R(name, field, width, shift) \
    { name, X86_REG_GPR, offsetof(struct user_regs_struct, field), width, shift, 0 }
#define F(name, bit) \
    { name, X86_REG_FLAG, offsetof(struct user_regs_struct, eflags), bit, 0, 0 }
#define D(name, idx) { name, X86_REG_DR, 0, 8, 0, idx }

static const struct x86_reg regs[] = {
    R("rax", rax, 8, 0), R("eax", rax, 4, 0), R("ax", rax, 2, 0), R("al", rax, 1, 0), R("ah", rax, 1, 8),
    R("rbx", rbx, 8, 0), R("ebx", rbx, 4, 0), R("bx", rbx, 2, 0), R("bl", rbx, 1, 0), R("bh", rbx, 1, 8),
    R("rcx", rcx, 8, 0), R("ecx", rcx, 4, 0), R("cx", rcx, 2, 0), R("cl", rcx, 1, 0), R("ch", rcx, 1, 8),
    R("rdx", rdx, 8, 0), R("edx", rdx, 4, 0), R("dx", rdx, 2, 0), R("dl", rdx, 1, 0), R("dh", rdx, 1, 8),
    R("rsi", rsi, 8, 0), R("esi", rsi, 4, 0), R("si", rsi, 2, 0), R("sil", rsi, 1, 0),
    R("rdi", rdi, 8, 0), R("edi", rdi, 4, 0), R("di", rdi, 2, 0), R("dil", rdi, 1, 0),
    R("rbp", rbp, 8, 0), R("ebp", rbp, 4, 0), R("bp", rbp, 2, 0), R("bpl", rbp, 1, 0),
    R("rsp", rsp, 8, 0), R("esp", rsp, 4, 0), R("sp", rsp, 2, 0), R("spl", rsp, 1, 0),
    R("r8", r8, 8, 0), R("r8d", r8, 4, 0), R("r8w", r8, 2, 0), R("r8b", r8, 1, 0),
    R("r9", r9, 8, 0), R("r9d", r9, 4, 0), R("r9w", r9, 2, 0), R("r9b", r9, 1, 0),
    R("r10", r10, 8, 0), R("r10d", r10, 4, 0), R("r10w", r10, 2, 0), R("r10b", r10, 1, 0),
    R("r11", r11, 8, 0), R("r11d", r11, 4, 0), R("r11w", r11, 2, 0), R("r11b", r11, 1, 0),
    R("r12", r12, 8, 0), R("r12d", r12, 4, 0), R("r12w", r12, 2, 0), R("r12b", r12, 1, 0),
    R("r13", r13, 8, 0), R("r13d", r13, 4, 0), R("r13w", r13, 2, 0), R("r13b", r13, 1, 0),
    R("r14", r14, 8, 0), R("r14d", r14, 4, 0), R("r14w", r14, 2, 0), R("r14b", r14, 1, 0),
    R("r15", r15, 8, 0), R("r15d", r15, 4, 0), R("r15w", r15, 2, 0), R("r15b", r15, 1, 0),
    R("rip", rip, 8, 0), R("eip", rip, 4, 0), R("ip", rip, 2, 0),
    R("efl", eflags, 4, 0), R("rflags", eflags, 8, 0),
    R("cs", cs, 2, 0), R("ss", ss, 2, 0), R("ds", ds, 2, 0),
    R("es", es, 2, 0), R("fs", fs, 2, 0), R("gs", gs, 2, 0),
    R("fs_base", fs_base, 8, 0), R("gs_base", gs_base, 8, 0),
    F("cf", 0), F("pf", 2), F("af", 4), F("zf", 6), F("sf", 7),
    F("tf", 8), F("if", 9), F("df", 10), F("of", 11),
    D("dr0", 0), D("dr1", 1), D("dr2", 2), D("dr3", 3),
    D("dr6", 6), D("dr7", 7),
};

const struct x86_reg *x86_reg_lookupn(const char *name, size_t len)
{
    if (len && name[0] == '@') {
        name++;
        len--;
    }
    for (size_t i = 0; i < sizeof regs / sizeof regs[0]; i++) {
        if (strlen(regs[i].name) == len && strncasecmp(regs[i].name, name, len) == 0)
            return &regs[i];
    }
    return NULL;
}

const struct x86_reg *x86_reg_at(size_t i)
{
    return i < sizeof regs / sizeof regs[0] ? &regs[i] : NULL;
}

const struct x86_reg *x86_reg_lookup(const char *name)
{
    return x86_reg_lookupn(name, strlen(name));
}

static uint64_t width_mask(unsigned width)
{
    return width >= 8 ? ~0ULL : ((1ULL << (width * 8)) - 1);
}

uint64_t x86_reg_get(const struct x86_reg *reg, const struct user_regs_struct *r)
{
    uint64_t full;
    if (reg->kind == X86_REG_DR)
        return 0;
    memcpy(&full, (const char *)r + reg->offset, sizeof full);
    if (reg->kind == X86_REG_FLAG)
        return (full >> reg->width) & 1;
    return (full >> reg->shift) & width_mask(reg->width);
}

void x86_reg_set(const struct x86_reg *reg, struct user_regs_struct *r, uint64_t v)
{
    uint64_t full;
    if (reg->kind == X86_REG_DR)
        return;
    memcpy(&full, (char *)r + reg->offset, sizeof full);
    if (reg->kind == X86_REG_FLAG) {
        full = (full & ~(1ULL << reg->width)) | ((v & 1) << reg->width);
    } else {
        uint64_t m = width_mask(reg->width) << reg->shift;
        full = (full & ~m) | ((v << reg->shift) & m);
    }
    memcpy((char *)r + reg->offset, &full, sizeof full);
}

void x86_flags_text(uint64_t efl, char out[32])
{
    snprintf(out, 32, "%s %s %s %s %s %s %s %s",
             efl & (1u << 11) ? "ov" : "nv", efl & (1u << 10) ? "dn" : "up",
             efl & (1u << 9) ? "ei" : "di", efl & (1u << 7) ? "ng" : "pl",
             efl & (1u << 6) ? "zr" : "nz", efl & (1u << 4) ? "ac" : "na",
             efl & (1u << 2) ? "pe" : "po", efl & (1u << 0) ? "cy" : "nc");
}
