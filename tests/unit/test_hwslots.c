/* Debug-register slot allocation of the engine, on a fake backend that
 * records what each thread's DR0-DR7 would hold: four slots shared by
 * equal breakpoints, mirrored into every thread, freed and reused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arch/x86_64/dr7.h"
#include "engine/internal.h"
#include "target/backend.h"

#define NTHREADS 2
static uint64_t dregs[NTHREADS][8]; /* threads 100 and 101 */

static int fake_set_dreg(struct tgt_proc *p, pid_t tid, int idx, uint64_t v, struct lerr *e)
{
    (void)e;
    dregs[tid - 100][idx] = v;
    return 0;
}

static int fake_get_dreg(struct tgt_proc *p, pid_t tid, int idx, uint64_t *v, struct lerr *e)
{
    (void)e;
    *v = dregs[tid - 100][idx];
    return 0;
}

static void fake_close(struct tgt_proc *p) { (void)p; }

static const struct tgt_ops fake_ops = {
    .name = "fake", .set_dreg = fake_set_dreg, .get_dreg = fake_get_dreg, .close = fake_close,
};

/* A backend that has none of the optional features (a core file, a
 * remote stub without breakpoint packets). */
static const struct tgt_backend bare_backend = {.name = "bare", .caps = TGT_CAP_LIVE, .ops = &fake_ops};

static struct session *setup_on(const struct tgt_backend *be)
{
    memset(dregs, 0, sizeof dregs);
    static struct tgt_proc tp;
    tp = (struct tgt_proc){&fake_ops, 42, -1};
    struct session *s = eng_create(NULL, NULL);
    if (be)
        assert_int_equal(eng_set_backend(s, be, NULL), 0);
    struct eng_process *p = eng_new_process(s, &tp, 1);
    eng_add_thread(p, 100);
    eng_add_thread(p, 101);
    return s;
}

static struct session *setup(void) { return setup_on(NULL); }

static void teardown(struct session *s)
{
    while (s->nprocs)
        eng_remove_process(s, s->procs[0]);
    free(s->procs);
    free(s);
}

static void test_four_slots(void **state)
{
    (void)state;
    struct session *s = setup();
    struct lerr e;
    assert_int_equal(eng_hw_add(s, 42, 0x1000, DR_WRITE, 8, &e), 0);
    assert_int_equal(eng_hw_add(s, 42, 0x2000, DR_READWRITE, 4, &e), 0);
    assert_int_equal(eng_hw_add(s, 42, 0x3000, DR_EXECUTE, 1, &e), 0);
    assert_int_equal(eng_hw_add(s, 42, 0x4000, DR_WRITE, 1, &e), 0);
    for (int t = 0; t < NTHREADS; t++) {
        assert_int_equal(dregs[t][0], 0x1000);
        assert_int_equal(dregs[t][1], 0x2000);
        assert_int_equal(dregs[t][2], 0x3000);
        assert_int_equal(dregs[t][3], 0x4000);
        uint64_t dr7 = dregs[t][7];
        assert_true(dr7_enabled(dr7, 0) && dr7_enabled(dr7, 3));
        assert_int_equal(dr7_access(dr7, 1), DR_READWRITE);
        assert_int_equal(dr7_len(dr7, 1), 4);
        assert_int_equal(dr7_access(dr7, 2), DR_EXECUTE);
    }
    /* a fifth execute breakpoint finds no slot (the caller makes it a
     * software breakpoint); nothing changed */
    assert_int_not_equal(eng_hw_add(s, 42, 0x5000, DR_EXECUTE, 1, &e), 0);
    assert_non_null(strstr(e.msg, "No free debug register"));
    assert_int_equal(dregs[1][3], 0x4000);
    teardown(s);
}

static void test_shared_and_reused(void **state)
{
    (void)state;
    struct session *s = setup();
    struct lerr e;
    assert_int_equal(eng_hw_add(s, 42, 0x1000, DR_WRITE, 8, &e), 0);
    assert_int_equal(eng_hw_add(s, 42, 0x1000, DR_WRITE, 8, &e), 0); /* shares slot 0 */
    assert_int_equal(eng_hw_add(s, 42, 0x1000, DR_WRITE, 4, &e), 0); /* another length */
    assert_int_equal(dregs[0][1], 0x1000);
    assert_false(dr7_enabled(dregs[0][7], 2));
    eng_hw_remove(s, 42, 0x1000, DR_WRITE, 8);
    assert_true(dr7_enabled(dregs[0][7], 0)); /* one reference left */
    eng_hw_remove(s, 42, 0x1000, DR_WRITE, 8);
    assert_false(dr7_enabled(dregs[0][7], 0));
    assert_true(dr7_enabled(dregs[1][7], 1));
    /* the freed slot is the next one used */
    assert_int_equal(eng_hw_add(s, 42, 0x6000, DR_READWRITE, 2, &e), 0);
    assert_int_equal(dregs[1][0], 0x6000);
    assert_int_equal(dr7_len(dregs[1][7], 0), 2);
    assert_false(eng_hw_emulated(s, 42, 0x6000, DR_READWRITE, 2));
    /* a thread that starts later gets the same registers */
    struct eng_process *p = eng_process_by_pid(s, 42);
    memset(dregs[1], 0, sizeof dregs[1]);
    eng_hw_thread_started(p, p->threads[1]);
    assert_int_equal(dregs[1][0], 0x6000);
    assert_int_equal(dregs[1][7], dregs[0][7]);
    /* detach clears DR7 everywhere */
    eng_hw_clear_for_detach(p);
    assert_int_equal(dregs[0][7], 0);
    assert_int_equal(dregs[1][7], 0);
    teardown(s);
}

/* Without debug registers nothing is written to them: data breakpoints go
 * to page protection (which this backend cannot do either: a clear
 * error), execute breakpoints are refused, the probe says "silent". */
static void test_backend_without_debug_registers(void **state)
{
    (void)state;
    struct session *s = setup_on(&bare_backend);
    struct lerr e;
    assert_int_equal(eng_probe_debug_registers(s, &e), 0);
    assert_int_not_equal(eng_hw_add(s, 42, 0x1000, DR_WRITE, 8, &e), 0);
    assert_non_null(strstr(e.msg, "with the bare backend"));
    assert_int_not_equal(eng_hw_add(s, 42, 0x3000, DR_EXECUTE, 1, &e), 0);
    assert_non_null(strstr(e.msg, "not emulated"));
    eng_hw_clear_for_detach(eng_process_by_pid(s, 42));
    for (int t = 0; t < NTHREADS; t++)
        for (int i = 0; i < 8; i++)
            assert_int_equal(dregs[t][i], 0);
    teardown(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_four_slots),
        cmocka_unit_test(test_shared_and_reused),
        cmocka_unit_test(test_backend_without_debug_registers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
