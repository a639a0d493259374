/* Breakpoint pads run for real in this process: a pad is called like a
 * function; its "relocated copy" is `mov eax,7; ret` (the hit went on) and
 * its int3 lands in a SIGTRAP handler that returns 9 instead (the hit is
 * lindbg's). Passes, conditions, thread filters and counters, and eight
 * threads running one pass count down together. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <cmocka.h>

#include "arch/x86_64/pad.h"
#include "arch/x86_64/padgen.h"

static uint8_t *page;
static struct x86_pad_counters counters;
static const uint8_t trapped_stub[] = {0xb8, 9, 0, 0, 0, 0xc3}; /* mov eax,9; ret */
static const uint8_t went_on[] = {0xb8, 7, 0, 0, 0, 0xc3};      /* mov eax,7; ret */

static void on_trap(int sig, siginfo_t *si, void *uc_)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = uc_;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)(page + 2048);
}

static int setup(void **state)
{
    (void)state;
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return -1;
    memcpy(page + 2048, trapped_stub, sizeof trapped_stub);
    struct sigaction sa = {0};
    sa.sa_sigaction = on_trap;
    sa.sa_flags = SA_SIGINFO;
    return sigaction(SIGTRAP, &sa, NULL);
}

static int teardown(void **state)
{
    (void)state;
    munmap(page, 4096);
    return 0;
}

typedef long (*pad_fn)(long rdi);

static pad_fn build(const struct x86_pad_spec *spec_in)
{
    struct x86_pad_spec spec = *spec_in;
    spec.counters = (uint64_t)(uintptr_t)&counters;
    struct x86_pad_layout lay;
    assert_int_equal(x86_pad_build(&spec, (uint64_t)(uintptr_t)page, page, 2000, &lay), 0);
    assert_int_equal(page[lay.trap], 0xcc);
    memcpy(page + lay.len, went_on, sizeof went_on);
    return (pad_fn)(uintptr_t)page;
}

static void test_passes_then_trap(void **state)
{
    (void)state;
    memset(&counters, 0, sizeof counters);
    counters.passes = 3;
    struct x86_pad_spec spec = {.passes = 1, .action = X86_PAD_TRAP};
    pad_fn f = build(&spec);
    assert_int_equal(f(0), 7);
    assert_int_equal(counters.passes, 2);
    assert_int_equal(f(0), 7);
    assert_int_equal(counters.passes, 1);
    assert_int_equal(f(0), 9); /* the third: lindbg's, and nothing moved */
    assert_int_equal(counters.passes, 1);
    assert_int_equal(f(0), 9);
    assert_int_equal(counters.hits, 0);
}

/* condition: the program's rdi, from the frame */
static const uint8_t cond_rdi[] = {0x48, 0x8b, 0x43, 8 * X86_PAD_RDI, 0x31, 0xd2};
/* a condition that cannot decide: edx = 1 */
static const uint8_t cond_undecided[] = {0x31, 0xc0, 0xba, 1, 0, 0, 0};

static void test_condition_and_go(void **state)
{
    (void)state;
    memset(&counters, 0, sizeof counters);
    counters.passes = 1;
    struct x86_pad_spec spec = {.cond = cond_rdi, .cond_len = sizeof cond_rdi,
                                .action = X86_PAD_COUNT};
    pad_fn f = build(&spec);
    assert_int_equal(f(0), 7); /* false: goes on, not counted */
    assert_int_equal(counters.hits, 0);
    assert_int_equal(f(5), 7); /* true: "r $t0=@$t0+1; gc" */
    assert_int_equal(f(6), 7);
    assert_int_equal(counters.hits, 2);
    assert_int_equal(counters.tdelta, 2);
    spec.cond = cond_undecided;
    spec.cond_len = sizeof cond_undecided;
    f = build(&spec);
    assert_int_equal(f(5), 9);
    assert_int_equal(counters.hits, 2);
}

/* registers the program had are the ones it has after the pad */
static void test_registers_kept(void **state)
{
    (void)state;
    memset(&counters, 0, sizeof counters);
    counters.passes = 1;
    struct x86_pad_spec spec = {.cond = cond_rdi, .cond_len = sizeof cond_rdi,
                                .action = X86_PAD_GO};
    build(&spec);
    /* the copy returns rdi + CF + rbx + r12 + r15 instead of 7 */
    static const uint8_t sum[] = {0xb8, 0, 0, 0, 0,             /* mov eax,0 */
                                  0x48, 0x11, 0xf8,             /* adc rax,rdi */
                                  0x48, 0x8d, 0x04, 0x18,       /* lea rax,[rax+rbx] */
                                  0x4a, 0x8d, 0x04, 0x20,       /* lea rax,[rax+r12] */
                                  0x4a, 0x8d, 0x04, 0x38, 0xc3}; /* lea rax,[rax+r15]; ret */
    struct x86_pad_layout lay;
    struct x86_pad_spec s2 = spec;
    s2.counters = (uint64_t)(uintptr_t)&counters;
    x86_pad_build(&s2, (uint64_t)(uintptr_t)page, page, 2000, &lay);
    memcpy(page + lay.len, sum, sizeof sum);
    long out;
    __asm__ volatile("mov $100, %%rbx\n mov $20, %%r12\n mov $3, %%r15\n stc\n"
                     "mov $1000, %%rdi\n call *%1\n"
                     : "=a"(out)
                     : "r"(page)
                     : "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r15",
                       "memory", "cc");
    assert_int_equal(out, 1000 + 100 + 20 + 3 + 1);
    assert_int_equal(counters.hits, 1);
}

static void test_thread_filter(void **state)
{
    (void)state;
    memset(&counters, 0, sizeof counters);
    counters.passes = 1;
    struct x86_pad_spec spec = {.fs_filter = 0x1234, .action = X86_PAD_TRAP};
    pad_fn f = build(&spec);
    assert_int_equal(f(0), 7); /* another thread's: goes on */
    spec.fs_filter = (uint64_t)(uintptr_t)__builtin_thread_pointer();
    f = build(&spec);
    assert_int_equal(f(0), 9);
}

static pad_fn shared_pad;
static void *run_many(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100000; i++)
        if (shared_pad(0) != 7)
            return (void *)1;
    return NULL;
}

static void test_threads_lose_no_pass(void **state)
{
    (void)state;
    memset(&counters, 0, sizeof counters);
    counters.passes = 8 * 100000 + 1;
    struct x86_pad_spec spec = {.passes = 1, .action = X86_PAD_TRAP};
    shared_pad = build(&spec);
    pthread_t th[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&th[i], NULL, run_many, NULL);
    int bad = 0;
    for (int i = 0; i < 8; i++) {
        void *r;
        pthread_join(th[i], &r);
        bad |= r != NULL;
    }
    assert_false(bad);
    assert_int_equal(counters.passes, 1);
}

/* where a fault in the prologue leaves rsp: what was pushed so far */
static void test_pushed(void **state)
{
    (void)state;
    struct x86_pad_spec spec = {.passes = 1, .action = X86_PAD_TRAP};
    struct x86_pad_layout lay;
    uint8_t buf[512];
    assert_int_equal(x86_pad_build(&spec, 0x1000, buf, sizeof buf, &lay), 0);
    assert_int_equal(buf[5], 0x9c);           /* pushfq */
    assert_int_equal(x86_pad_pushed(5), 0);
    assert_int_equal(x86_pad_pushed(6), 8);   /* at push rax */
    assert_int_equal(buf[0xd], 0x41);         /* push r8 */
    assert_int_equal(x86_pad_pushed(0xd), 64);
    assert_int_equal(x86_pad_pushed(0xf), 72);
    assert_int_equal(lay.frame - 3, 0x1d);    /* mov rbx,rsp */
    assert_int_equal(x86_pad_pushed(lay.frame - 3), X86_PAD_FRAME_SIZE);
    assert_int_equal(buf[lay.restore], 0x41); /* pop r15 */
}

static void test_jump(void **state)
{
    (void)state;
    uint8_t j[5];
    assert_int_equal(x86_pad_jump(0x1000, 0x2000, j), 0);
    assert_int_equal(j[0], 0xe9);
    int32_t rel;
    memcpy(&rel, j + 1, 4);
    assert_int_equal(rel, 0x2000 - 0x1005);
    assert_int_equal(x86_pad_jump(0x1000, 0x1000 + (1ull << 32), j), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passes_then_trap),
        cmocka_unit_test(test_condition_and_go),
        cmocka_unit_test(test_registers_kept),
        cmocka_unit_test(test_thread_filter),
        cmocka_unit_test(test_threads_lose_no_pass),
        cmocka_unit_test(test_pushed),
        cmocka_unit_test(test_jump),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
