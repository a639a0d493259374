#include "arch/x86_64/dr7.h"

static int len_bits(unsigned len)
{
    switch (len) {
    case 1: return 0;
    case 2: return 1;
    case 8: return 2;
    case 4: return 3;
    default: return -1;
    }
}

uint64_t dr7_clear(uint64_t dr7, int slot)
{
    dr7 &= ~(3ULL << (2 * slot));          /* L and G */
    dr7 &= ~(0xfULL << (16 + 4 * slot));   /* RW and LEN */
    return dr7;
}

uint64_t dr7_set(uint64_t dr7, int slot, enum dr_access access, unsigned len)
{
    int lb = len_bits(len);
    if (lb < 0 || slot < 0 || slot > 3)
        return dr7;
    dr7 = dr7_clear(dr7, slot);
    dr7 |= 1ULL << (2 * slot);
    dr7 |= (uint64_t)access << (16 + 4 * slot);
    dr7 |= (uint64_t)lb << (18 + 4 * slot);
    return dr7;
}

int dr7_enabled(uint64_t dr7, int slot) { return (int)((dr7 >> (2 * slot)) & 1); }

enum dr_access dr7_access(uint64_t dr7, int slot)
{
    return (enum dr_access)((dr7 >> (16 + 4 * slot)) & 3);
}

unsigned dr7_len(uint64_t dr7, int slot)
{
    static const unsigned lens[4] = {1, 2, 8, 4};
    return lens[(dr7 >> (18 + 4 * slot)) & 3];
}

int dr6_slot(uint64_t dr6)
{
    for (int i = 0; i < 4; i++)
        if (dr6 & (1ULL << i))
            return i;
    return -1;
}
