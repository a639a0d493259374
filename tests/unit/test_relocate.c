/* Out-of-line copies of instructions: the bytes, what is refused, and the
 * copies run for real (in this process) against the originals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "arch/x86_64/relocate.h"

/* Two executable pages a megabyte apart: the original instruction at the
 * start of one, followed by `ret`; its copy in the other. */
static uint8_t *orig_page, *copy_page;
#define GAP (1u << 20)

static int setup(void **state)
{
    (void)state;
    uint8_t *m = mmap(NULL, GAP + 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return -1;
    orig_page = m;
    copy_page = m + GAP;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    munmap(orig_page, GAP + 4096);
    return 0;
}

typedef uint64_t (*fn)(void);

/* Runs insn at orig_page (then ret) and its copy in copy_page (which jumps
 * back to the ret): both results in rax. */
static void run_both(const uint8_t *insn, size_t len, uint64_t *at_orig, uint64_t *at_copy)
{
    memset(orig_page, 0xcc, 64);
    memcpy(orig_page, insn, len);
    orig_page[len] = 0xc3;
    unsigned ilen = 0;
    uint8_t slot[X86_SLOT_SIZE];
    assert_int_equal(x86_relocate(orig_page, 16, (uint64_t)orig_page, (uint64_t)copy_page, slot,
                                  &ilen, NULL),
                     X86_RELOC_OK);
    assert_int_equal(ilen, len);
    memcpy(copy_page, slot, sizeof slot);
    __builtin___clear_cache((char *)orig_page, (char *)copy_page + 64);
    *at_orig = ((fn)(void *)orig_page)();
    *at_copy = ((fn)(void *)copy_page)();
}

static void test_rip_relative_runs_the_same(void **state)
{
    (void)state;
    uint64_t a, b;
    /* lea rax, [rip+0x100] */
    const uint8_t lea[] = {0x48, 0x8d, 0x05, 0x00, 0x01, 0x00, 0x00};
    run_both(lea, sizeof lea, &a, &b);
    assert_int_equal(a, (uint64_t)orig_page + 7 + 0x100);
    assert_int_equal(b, a);
    /* mov rax, [rip+0x100]: reads the original's neighbourhood, not the copy's */
    const uint64_t marker = 0x1122334455667788ull;
    memcpy(orig_page + 7 + 0x100, &marker, 8);
    const uint8_t ld[] = {0x48, 0x8b, 0x05, 0x00, 0x01, 0x00, 0x00};
    memset(copy_page + 7 + 0x100, 0, 8);
    run_both(ld, sizeof ld, &a, &b);
    assert_int_equal(a, marker);
    assert_int_equal(b, marker);
    /* a negative displacement: lea rax, [rip-0x10] */
    const uint8_t back[] = {0x48, 0x8d, 0x05, 0xf0, 0xff, 0xff, 0xff};
    run_both(back, sizeof back, &a, &b);
    assert_int_equal(b, (uint64_t)orig_page + 7 - 0x10);
}

static void test_plain_runs_the_same(void **state)
{
    (void)state;
    uint64_t a, b;
    /* mov eax, 0x2a */
    const uint8_t mov[] = {0xb8, 0x2a, 0x00, 0x00, 0x00};
    run_both(mov, sizeof mov, &a, &b);
    assert_int_equal(a, 42);
    assert_int_equal(b, 42);
    /* lea rax, [rsp+8]: the stack is the same in both */
    const uint8_t sp[] = {0x48, 0x8d, 0x44, 0x24, 0x08};
    run_both(sp, sizeof sp, &a, &b);
    assert_int_equal(a, b);
}

static void test_bytes(void **state)
{
    (void)state;
    uint8_t slot[X86_SLOT_SIZE];
    unsigned len = 0;
    int riprel = -1;
    /* push rbp at 0x401000, copied to 0x7000: 55, jmp [rip+0], 0x401001 */
    const uint8_t push[] = {0x55, 0x48, 0x89, 0xe5};
    assert_int_equal(x86_relocate(push, sizeof push, 0x401000, 0x7000, slot, &len, &riprel),
                     X86_RELOC_OK);
    assert_int_equal(len, 1);
    assert_int_equal(riprel, 0);
    const uint8_t want[] = {0x55, 0xff, 0x25, 0, 0, 0, 0, 0x01, 0x10, 0x40, 0, 0, 0, 0, 0};
    assert_memory_equal(slot, want, sizeof want);
}

static void test_refused(void **state)
{
    (void)state;
    uint8_t slot[X86_SLOT_SIZE];
    unsigned len = 0;
    const struct {
        uint8_t b[8];
        size_t n;
    } no[] = {
        {{0xe8, 0, 0, 0, 0}, 5},          /* call rel32 */
        {{0xff, 0xd0}, 2},                /* call rax: would push the copy's address */
        {{0xe9, 0, 0, 0, 0}, 5},          /* jmp rel32 */
        {{0xeb, 0x05}, 2},                /* jmp rel8 */
        {{0x74, 0x05}, 2},                /* je rel8 */
        {{0x0f, 0x85, 0, 0, 0, 0}, 6},    /* jne rel32 */
        {{0xe3, 0x02}, 2},                /* jrcxz */
        {{0xe2, 0x02}, 2},                /* loop */
        {{0x0f, 0x05}, 2},                /* syscall */
        {{0xcc}, 1},                      /* int3 */
        {{0xcd, 0x80}, 2},                /* int 0x80 */
        {{0x0f, 0x0b}, 2},                /* ud2 */
        {{0xf4}, 1},                      /* hlt */
        {{0x0f, 0xff}, 2},                /* does not decode */
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_int_equal(x86_relocate(no[i].b, no[i].n, 0x401000, 0x7000, slot, &len, NULL),
                         X86_RELOC_REFUSED);
}

static void test_too_far(void **state)
{
    (void)state;
    uint8_t slot[X86_SLOT_SIZE];
    unsigned len = 0;
    int riprel = 0;
    const uint8_t lea[] = {0x48, 0x8d, 0x05, 0x00, 0x01, 0x00, 0x00};
    assert_int_equal(x86_relocate(lea, sizeof lea, 0x555555554000ull, 0x7ffff7000000ull, slot,
                                  &len, &riprel),
                     X86_RELOC_TOO_FAR);
    assert_int_equal(riprel, 1);
    /* 2 GiB - 1 page away still fits */
    assert_int_equal(x86_relocate(lea, sizeof lea, 0x100000000ull, 0x100000000ull - 0x7ffff000ull,
                                  slot, &len, NULL),
                     X86_RELOC_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rip_relative_runs_the_same),
        cmocka_unit_test(test_plain_runs_the_same),
        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_too_far),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
