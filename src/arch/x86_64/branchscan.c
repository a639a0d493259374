/* Direct branch targets of a stretch of code (see branchscan.h). */
#include "arch/x86_64/branchscan.h"

#include <Zydis/Zydis.h>
#include <stdlib.h>

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

size_t x86_branch_targets(const uint8_t *code, size_t len, uint64_t start, uint64_t **out)
{
    ZydisDecoder dec;
    *out = NULL;
    if (ZYAN_FAILED(ZydisDecoderInit(&dec, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64)))
        return 0;
    uint64_t *t = NULL;
    size_t n = 0, cap = 0;
    for (size_t off = 0; off < len;) {
        ZydisDecodedInstruction in;
        ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
        if (ZYAN_FAILED(ZydisDecoderDecodeFull(&dec, code + off, len - off, &in, ops))) {
            off++;
            continue;
        }
        uint64_t at = start + off;
        off += in.length;
        if (!(in.attributes & ZYDIS_ATTRIB_IS_RELATIVE) || in.operand_count_visible < 1 ||
            ops[0].type != ZYDIS_OPERAND_TYPE_IMMEDIATE)
            continue;
        if (in.meta.category != ZYDIS_CATEGORY_COND_BR &&
            in.meta.category != ZYDIS_CATEGORY_UNCOND_BR && in.meta.category != ZYDIS_CATEGORY_CALL)
            continue;
        ZyanU64 target;
        if (ZYAN_FAILED(ZydisCalcAbsoluteAddress(&in, &ops[0], at, &target)) || target < start ||
            target - start >= len)
            continue;
        if (n == cap && !(t = realloc(t, (cap = cap ? 2 * cap : 1024) * sizeof *t)))
            abort();
        t[n++] = target;
    }
    if (!n) {
        free(t);
        return 0;
    }
    *out = t;
    return x86_addrs_sort(t, n);
}

size_t x86_addrs_sort(uint64_t *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, cmp_u64);
    size_t u = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[u - 1])
            v[u++] = v[i];
    return u;
}

int x86_targets_between(const uint64_t *t, size_t n, uint64_t lo, uint64_t hi)
{
    size_t a = 0, b = n; /* the first target above lo */
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (t[m] <= lo)
            a = m + 1;
        else
            b = m;
    }
    return a < n && t[a] < hi;
}
