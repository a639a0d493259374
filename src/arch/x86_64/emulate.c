#include "arch/x86_64/emulate.h"

#include <string.h>

static unsigned long long *gpr(struct user_regs_struct *r, unsigned n)
{
    switch (n) {
    case 0: return &r->rax;
    case 1: return &r->rcx;
    case 2: return &r->rdx;
    case 3: return &r->rbx;
    case 4: return &r->rsp;
    case 5: return &r->rbp;
    case 6: return &r->rsi;
    case 7: return &r->rdi;
    case 8: return &r->r8;
    case 9: return &r->r9;
    case 10: return &r->r10;
    case 11: return &r->r11;
    case 12: return &r->r12;
    case 13: return &r->r13;
    case 14: return &r->r14;
    default: return &r->r15;
    }
}

/* Condition code cc (the low nibble of jcc) against rflags. */
static int condition(unsigned cc, uint64_t fl)
{
    int cf = !!(fl & 0x1), pf = !!(fl & 0x4), zf = !!(fl & 0x40), sf = !!(fl & 0x80),
        of = !!(fl & 0x800);
    int v;
    switch (cc >> 1) {
    case 0: v = of; break;
    case 1: v = cf; break;
    case 2: v = zf; break;
    case 3: v = cf || zf; break;
    case 4: v = sf; break;
    case 5: v = pf; break;
    case 6: v = sf != of; break;
    default: v = zf || sf != of; break;
    }
    return (cc & 1) ? !v : v;
}

static int32_t rel32(const uint8_t *c)
{
    int32_t v;
    memcpy(&v, c, 4);
    return v;
}

/* Relative jumps and calls: where they lead depends on where they are, so
 * they cannot run out of line; they are simple to do here. */
static int branch(const uint8_t *c, size_t len, struct user_regs_struct *r,
                  const struct x86_mem *mem)
{
    if (len >= 5 && c[0] == 0xe8) {
        uint64_t ret = r->rip + 5, sp = r->rsp - 8;
        if (mem->write(mem->ctx, sp, &ret, 8) != 0)
            return 0;
        r->rsp = sp;
        r->rip = ret + (uint64_t)(int64_t)rel32(c + 1);
        return 1;
    }
    if (len >= 5 && c[0] == 0xe9) {
        r->rip += 5 + (uint64_t)(int64_t)rel32(c + 1);
        return 1;
    }
    if (len >= 2 && c[0] == 0xeb) {
        r->rip += 2 + (uint64_t)(int64_t)(int8_t)c[1];
        return 1;
    }
    if (len >= 2 && c[0] >= 0x70 && c[0] <= 0x7f) {
        r->rip += 2 + (condition(c[0] & 0xf, r->eflags) ? (uint64_t)(int64_t)(int8_t)c[1] : 0);
        return 1;
    }
    if (len >= 6 && c[0] == 0x0f && c[1] >= 0x80 && c[1] <= 0x8f) {
        r->rip += 6 + (condition(c[1] & 0xf, r->eflags) ? (uint64_t)(int64_t)rel32(c + 2) : 0);
        return 1;
    }
    return 0;
}

int x86_emulate(const uint8_t *c, size_t len, struct user_regs_struct *r, const struct x86_mem *mem)
{
    if (branch(c, len, r, mem))
        return 1;
    if (len >= 4 && c[0] == 0xf3 && c[1] == 0x0f && c[2] == 0x1e && c[3] == 0xfa) {
        r->rip += 4; /* endbr64 */
        return 1;
    }
    if (len >= 1 && c[0] == 0x90) {
        r->rip += 1;
        return 1;
    }
    unsigned rex_b = 0, off = 0;
    if (len >= 2 && c[0] == 0x41 && c[1] >= 0x50 && c[1] <= 0x57) {
        rex_b = 8;
        off = 1;
    }
    if (len > off && c[off] >= 0x50 && c[off] <= 0x57) {
        /* push reg */
        uint64_t v = *gpr(r, rex_b + (c[off] - 0x50u));
        uint64_t sp = r->rsp - 8;
        if (mem->write(mem->ctx, sp, &v, 8) != 0)
            return 0;
        r->rsp = sp;
        r->rip += off + 1;
        return 1;
    }
    if (len >= 3 && c[0] == 0x48 && c[1] == 0x89 && c[2] == 0xe5) {
        r->rbp = r->rsp; /* mov rbp,rsp */
        r->rip += 3;
        return 1;
    }
    if (len >= 1 && c[0] == 0xc3) {
        uint64_t ra;
        if (mem->read(mem->ctx, r->rsp, &ra, 8) != 0)
            return 0;
        r->rsp += 8;
        r->rip = ra;
        return 1;
    }
    return 0;
}
