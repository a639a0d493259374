/* The run loop on the fake target (support/fake_target.h): how a thread
 * gets past a site (emulated, stepped with the trap lifted, or out of line
 * when the backend can map pages), steps that arrive on a breakpoint,
 * thread and process filters across threads and followed fork children,
 * and nothing of ours left behind on detach or in a child let go. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/fake_world.h"

#define AT(n) (FAKE_CODE + 0x10 * (n))
#define S AT(8)
/* cmc: an instruction the engine does not emulate, but can run from a
 * copy */
#define CMC 0xf5
#define OOL_CAPS (TGT_CAP_OOL_PAGES | TGT_CAP_INJECT | TGT_CAP_SIGMASK)
#define CHILD_PID (FAKE_PID + 1000)

static uint8_t peek(pid_t pid, uint64_t addr)
{
    uint8_t b = 0;
    assert_int_equal(fake_peek(pid, addr, &b), 0);
    return b;
}

/* A single step that arrives on a breakpoint is that breakpoint's stop
 * (step_ended set), counted once: going on from there does not hit it
 * again, the next pass does. */
static void test_step_onto_breakpoint(void **state)
{
    (void)state;
    static const struct fake_step script[] = {
        {AT(0)}, {AT(1)}, {S}, {AT(2)}, {S}, {AT(3)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    struct bp *b = fw_bp(&w, S);
    const struct eng_stop *st = fw_step(&w);
    assert_int_equal(st->kind, ENG_STOP_STEP);
    assert_int_equal(fake_position(FAKE_PID), 1);
    st = fw_step(&w);
    fw_assert_bp_stop(st, S, FAKE_PID);
    assert_int_equal(st->step_ended, 1);
    assert_int_equal(fake_position(FAKE_PID), 2);
    assert_int_equal(b->hits, 1);
    assert_int_equal(fw_nhits(&w), 1);
    fw_stop_done(&w, NULL, 0);
    assert_int_equal(fake_stats.steps, 2);

    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(fake_position(FAKE_PID), 4);
    assert_int_equal(b->hits, 2);
    fw_stop_done(&w, NULL, 0);

    /* stepping off a breakpoint it stands on: one step, the trap lifted
     * for it and planted again */
    st = fw_step(&w);
    assert_int_equal(st->kind, ENG_STOP_STEP);
    assert_int_equal(fake_position(FAKE_PID), 5);
    assert_int_equal(fake_stats.steps, 3);
    assert_int_equal(fake_stats.step_at[2], S);
    assert_int_equal(fake_stats.step_byte[2], 0x90);
    assert_int_equal(peek(FAKE_PID, S), 0xcc);
    assert_int_equal(b->hits, 2);
    fw_assert_exited(&w);
    fw_end(&w);
}

/* With no out-of-line pages and an instruction that cannot be emulated,
 * a site is passed the classic way, every other thread stopped: the 0xCC
 * lifted for one single-step and planted again. Both for a hit that does
 * not stop (false /w) and for going on after one that did. */
static void test_stepped_site(void **state)
{
    (void)state;
    static const struct fake_step script[] = {
        {AT(0)}, {S, FAKE_SET_RAX, 1}, {AT(1)}, {S, FAKE_SET_RAX, 5}, {AT(2)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    fake_poke(FAKE_PID, S, CMC);
    struct bp *b = fw_bp(&w, S);
    b->condition = strdup("rax==5");
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(fake_position(FAKE_PID), 3);
    assert_int_equal(fake_stats.steps, 1);
    assert_int_equal(fake_stats.step_at[0], S);
    assert_int_equal(fake_stats.step_byte[0], CMC); /* lifted during the step */
    assert_int_equal(peek(FAKE_PID, S), 0xcc);      /* and back after */
    fw_stop_done(&w, NULL, 0);
    fw_assert_exited(&w);
    assert_int_equal(fake_stats.steps, 2);
    assert_int_equal(fake_stats.step_byte[1], CMC);
    assert_int_equal(fake_stats.emulated, 0);
    assert_int_equal(fake_stats.injected, 0); /* nothing asked of the backend it lacks */
    assert_int_equal(b->hits, 1);
    fw_end(&w);
}

/* A backend that can map pages and run system calls: the instruction
 * under the site runs from a copy, never stepped, the trap never lifted;
 * detach unmaps the page and restores the program's bytes. */
static void test_out_of_line(void **state)
{
    (void)state;
    static const struct fake_step script[] = {
        {AT(0)}, {S}, {S}, {S}, {AT(1)}, {AT(2)}, {0}};
    struct fw w;
    fw_start(&w, OOL_CAPS, script);
    fake_poke(FAKE_PID, S, CMC);
    struct bp *b = fw_bp(&w, S);
    b->commands = strdup("gc");
    fw_bp(&w, AT(1));
    fw_assert_bp_stop(fw_go(&w), AT(1), FAKE_PID);
    assert_int_equal(b->hits, 3);
    assert_int_equal(fake_stats.ool_runs, 3);
    assert_int_equal(fake_stats.steps, 0);
    assert_int_equal(fake_stats.injected, 1); /* one mmap */
    assert_int_equal(fake_mapped_by_engine(FAKE_PID), 1);
    fw_stop_done(&w, NULL, 0);
    struct lerr e = {0};
    assert_int_equal(eng_detach_all(w.s, &e), 0);
    assert_int_equal(fake_mapped_by_engine(FAKE_PID), 0);
    assert_int_equal(fake_traps_in_code(FAKE_PID), 0);
    assert_int_equal(peek(FAKE_PID, S), CMC);
    assert_true(fake_exited(FAKE_PID)); /* let go */
    fw_end(&w);
}

/* The same backend when the page cannot be mapped: the engine says no
 * more and steps the site, trying the mapping once only. */
static void test_out_of_line_refused(void **state)
{
    (void)state;
    static const struct fake_step script[] = {
        {AT(0)}, {S}, {S}, {S}, {AT(1)}, {0}};
    struct fw w;
    fw_start(&w, OOL_CAPS, script);
    fake_refuse_mmap(1);
    fake_poke(FAKE_PID, S, CMC);
    struct bp *b = fw_bp(&w, S);
    b->commands = strdup("gc");
    fw_assert_exited(&w);
    assert_int_equal(b->hits, 3);
    assert_int_equal(fake_stats.injected, 1);
    assert_int_equal(fake_stats.steps, 3);
    assert_int_equal(fake_stats.ool_runs, 0);
    fw_end(&w);
}

/* ~1: two threads run through the same site; only thread index 1's hit
 * stops, and thread 0 went on past the site (stepped over it while the
 * other one was stopped). */
static void test_thread_filter(void **state)
{
    (void)state;
    static const struct fake_step worker[] = {{AT(5)}, {AT(6)}, {S}, {AT(7)}, {0}};
    static const struct fake_step script[] = {
        {.addr = AT(0), .effect = FAKE_CLONE, .script = worker},
        {AT(1)}, {S}, {AT(2)}, {AT(3)}, {AT(3)}, {AT(3)}, {AT(4)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    fake_poke(FAKE_PID, S, CMC);
    struct bp *b = fw_bp(&w, S);
    b->thread_index = 1;
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID + 1);
    assert_int_equal(w.events[ENG_EVT_THREAD_CREATE], 1);
    assert_int_equal(eng_thread_index(eng_cur_thread(w.s)), 1);
    assert_int_equal(b->hits, 1);
    assert_int_equal(fake_position(FAKE_PID + 1), 2);
    assert_true(fake_position(FAKE_PID) > 2); /* past the site */
    assert_int_equal(fake_stats.steps, 1);    /* thread 0's, over it */
    assert_int_equal(fake_stats.step_at[0], S);
    fw_stop_done(&w, NULL, 0);
    fw_assert_exited(&w);
    assert_int_equal(b->hits, 1);
    assert_int_equal(w.events[ENG_EVT_THREAD_EXIT], 1);
    fw_end(&w);
}

/* A /w condition is evaluated as the thread that hit sees it, whichever
 * thread the user has selected: thread 0 (selected) passes the site with
 * rax 0, thread 1 with rax 5; only thread 1's hit stops. */
static void test_condition_in_hitting_thread(void **state)
{
    (void)state;
    static const struct fake_step worker[] = {{AT(5)}, {S, FAKE_SET_RAX, 5}, {AT(7)}, {0}};
    static const struct fake_step script[] = {
        {.addr = AT(0), .effect = FAKE_CLONE, .script = worker},
        {AT(1)}, {S, FAKE_SET_RAX, 0}, {AT(2)}, {AT(3)}, {AT(3)}, {AT(4)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    struct bp *b = fw_bp(&w, S);
    b->condition = strdup("rax==5");
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID + 1);
    assert_int_equal(b->hits, 1);
    fw_stop_done(&w, NULL, 0);
    fw_assert_exited(&w);
    assert_int_equal(b->hits, 1);
    assert_int_equal(w.evals, 2); /* each thread's hit, once */
    fw_end(&w);
}

static const struct fake_step child_script[] = {{AT(3)}, {S}, {AT(4)}, {0}};
static const struct fake_step forking[] = {
    {.addr = AT(0), .effect = FAKE_FORK, .script = child_script},
    {AT(1)}, {S}, {AT(2)}, {AT(2)}, {AT(2)}, {0}};

/* Followed fork children get their parent's breakpoints (bpm_on_fork):
 * the child's copy of the 0xCC is the child's own site. /p 1 stops in the
 * child only; the parent runs through. */
static void test_fork_process_filter(void **state)
{
    (void)state;
    struct fw w;
    fw_start(&w, 0, forking);
    eng_set_follow_children(w.s, 1);
    struct bp *b = fw_bp(&w, S);
    b->proc_index = 1;
    const struct eng_stop *st = fw_go(&w);
    fw_assert_bp_stop(st, S, CHILD_PID);
    assert_int_equal(st->pid, CHILD_PID);
    assert_int_equal(w.events[ENG_EVT_PROCESS_CREATE], 1);
    assert_int_equal(eng_nprocs(w.s), 2);
    assert_int_equal(b->nlocs, 2);
    assert_int_equal(b->hits, 1);
    assert_int_equal(peek(CHILD_PID, S), 0xcc);
    assert_int_equal(peek(FAKE_PID, S), 0xcc);
    fw_stop_done(&w, NULL, 0);
    fw_assert_exited(&w); /* the parent ran through its hit */
    assert_int_equal(fake_position(FAKE_PID), 6);
    assert_int_equal(w.events[ENG_EVT_PROCESS_EXIT], 2);
    assert_int_equal(b->nlocs, 0); /* gone with the processes */
    assert_int_equal(b->hits, 1);
    fw_end(&w);
}

/* Without -o the child is let go clean: the program's bytes where the
 * parent has traps; the parent still stops at its own. */
static void test_fork_not_followed(void **state)
{
    (void)state;
    struct fw w;
    fw_start(&w, 0, forking);
    struct bp *b = fw_bp(&w, S);
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(fake_position(FAKE_PID), 2);
    assert_int_equal(eng_nprocs(w.s), 1);
    assert_int_equal(b->nlocs, 1);
    assert_int_equal(fake_traps_in_code(CHILD_PID), 0);
    assert_true(fake_exited(CHILD_PID)); /* detached */
    assert_int_equal(peek(FAKE_PID, S), 0xcc);
    fw_stop_done(&w, NULL, 0);
    fw_assert_exited(&w);
    fw_end(&w);
}

/* Detach at a breakpoint stop: no 0xCC stays in the program, the thread
 * standing on a site included. */
static void test_detach_leaves_nothing(void **state)
{
    (void)state;
    static const struct fake_step script[] = {{AT(0)}, {S}, {AT(1)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    fw_bp(&w, S);
    fw_bp(&w, AT(1));
    fw_bp(&w, AT(9));
    assert_int_equal(fake_traps_in_code(FAKE_PID), 3);
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    fw_stop_done(&w, NULL, 0);
    struct lerr e = {0};
    assert_int_equal(eng_detach_all(w.s, &e), 0);
    assert_int_equal(fake_traps_in_code(FAKE_PID), 0);
    assert_true(fake_exited(FAKE_PID));
    fw_end(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_step_onto_breakpoint),
        cmocka_unit_test(test_stepped_site),
        cmocka_unit_test(test_out_of_line),
        cmocka_unit_test(test_out_of_line_refused),
        cmocka_unit_test(test_thread_filter),
        cmocka_unit_test(test_condition_in_hitting_thread),
        cmocka_unit_test(test_fork_process_filter),
        cmocka_unit_test(test_fork_not_followed),
        cmocka_unit_test(test_detach_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
