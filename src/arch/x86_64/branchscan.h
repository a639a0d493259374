/* Every direct branch and call target in a stretch of code: what may jump
 * into the bytes a breakpoint pad's jump covers from outside the function
 * (glibc's hand-written string functions jump into each other's middles:
 * `__mempcpy_*_erms` into `__memmove_*_erms` after its first instruction).
 * A linear sweep with Zydis; a byte that does not decode is skipped, so
 * data in the code only adds targets, which only refuses more. */
#ifndef LINDBG_ARCH_X86_64_BRANCHSCAN_H
#define LINDBG_ARCH_X86_64_BRANCHSCAN_H

#include <stddef.h>
#include <stdint.h>

/* The targets of the direct jumps, conditional jumps and calls in
 * code[0..len) at address start that land inside it: sorted, unique, in
 * *out (malloc'd, the caller frees; NULL when none); their count. */
size_t x86_branch_targets(const uint8_t *code, size_t len, uint64_t start, uint64_t **out);

/* Sorts v[0..n) and drops repeats: the new count. The form
 * x86_targets_between searches (any set of addresses). */
size_t x86_addrs_sort(uint64_t *v, size_t n);

/* Whether a sorted target list has one in (lo, hi). */
int x86_targets_between(const uint64_t *t, size_t n, uint64_t lo, uint64_t hi);

#endif
