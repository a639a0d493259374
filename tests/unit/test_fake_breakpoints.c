/* Every breakpoint option, decided by the breakpoint manager over the real
 * run loop, on the fake target (support/fake_target.h): no process, the
 * threads follow scripts, and the target's memory is looked at after each
 * stop. The backend has none of the optional features here, and the code
 * is nops, which the engine emulates to get past a site. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/fake_world.h"

#define AT(n) (FAKE_CODE + 0x10 * (n))
#define S AT(8) /* the site most tests put breakpoints on */

static uint8_t peek(pid_t pid, uint64_t addr)
{
    uint8_t b = 0;
    assert_int_equal(fake_peek(pid, addr, &b), 0);
    return b;
}

/* The byte at addr as the program sees it through the engine. */
static uint8_t seen(struct fw *w, uint64_t addr)
{
    uint8_t b = 0;
    assert_int_equal(eng_read(w->s, addr, &b, 1, NULL), 0);
    return b;
}

static uint64_t rax(struct fw *w)
{
    struct user_regs_struct *r = eng_regs(w->s, eng_cur_thread(w->s), NULL);
    assert_non_null(r);
    return r->rax;
}

/* Stops at the site, counted once, and on the next pass again; the program
 * sees its own byte while the 0xCC is in memory. */
static void test_plain_hit(void **state)
{
    (void)state;
    static const struct fake_step script[] = {{AT(0)}, {S}, {AT(1)}, {S}, {AT(2)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    struct bp *b = fw_bp(&w, S);
    assert_int_equal(peek(FAKE_PID, S), 0xcc);
    assert_int_equal(seen(&w, S), 0x90);

    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(b->hits, 1);
    assert_int_equal(fw_nhits(&w), 1);
    assert_int_equal(fw_hit(&w, 0), b->id);
    assert_int_equal(fake_position(FAKE_PID), 1); /* on the site, not past it */
    assert_int_equal(eng_regs(w.s, eng_cur_thread(w.s), NULL)->rip, S);
    assert_int_equal(fw_stop_done(&w, NULL, 0), 0);

    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(b->hits, 2);
    assert_int_equal(fake_position(FAKE_PID), 3);
    assert_int_equal(seen(&w, S), 0x90);
    fw_stop_done(&w, NULL, 0);

    fw_assert_exited(&w);
    assert_int_equal(b->hits, 2);
    /* a nop under the site: emulated, never stepped */
    assert_int_equal(fake_stats.steps, 0);
    assert_int_equal(fake_stats.emulated, 2);
    fw_end(&w);
}

/* Passes 3: the first two hits go on, the third stops; the counter stays
 * at 1 from then on (WinDbg: every later hit stops). */
static void test_passes(void **state)
{
    (void)state;
    static const struct fake_step script[] = {
        {AT(0)}, {S}, {AT(1)}, {S}, {AT(2)}, {S}, {AT(3)}, {S}, {AT(4)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    struct bp *b = fw_bp(&w, S);
    b->passes_init = b->passes_left = 3;
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(fake_position(FAKE_PID), 5); /* the third pass */
    assert_int_equal(b->hits, 1);
    assert_int_equal(b->passes_left, 1);
    fw_stop_done(&w, NULL, 0);
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(fake_position(FAKE_PID), 7);
    assert_int_equal(b->hits, 2);
    fw_stop_done(&w, NULL, 0);
    fw_assert_exited(&w);
    fw_end(&w);
}

/* /w: evaluated in the thread that hit, with the registers it has there;
 * false goes on without a stop. */
static void test_condition(void **state)
{
    (void)state;
    static const struct fake_step script[] = {
        {AT(0)},
        {S, FAKE_SET_RAX, 1},
        {S, FAKE_SET_RAX, 5},
        {S, FAKE_SET_RAX, 7},
        {S, FAKE_SET_RAX, 5},
        {AT(1)},
        {0}};
    struct fw w;
    fw_start(&w, 0, script);
    struct bp *b = fw_bp(&w, S);
    b->condition = strdup("rax==5");
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(fake_position(FAKE_PID), 2);
    assert_int_equal(rax(&w), 5);
    assert_int_equal(b->hits, 1);
    fw_stop_done(&w, NULL, 0);
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(fake_position(FAKE_PID), 4);
    assert_int_equal(b->hits, 2);
    fw_stop_done(&w, NULL, 0);
    fw_assert_exited(&w);
    assert_int_equal(w.evals, 4); /* every hit asked, once */
    fw_end(&w);
}

/* A condition that cannot be evaluated stops rather than never breaking. */
static void test_condition_error_stops(void **state)
{
    (void)state;
    static const struct fake_step script[] = {{AT(0)}, {S}, {AT(1)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    struct bp *b = fw_bp(&w, S);
    b->condition = strdup("no such thing(");
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(b->hits, 1);
    fw_stop_done(&w, NULL, 0);
    fw_assert_exited(&w);
    fw_end(&w);
}

/* /1: one stop, then the breakpoint is gone from the table and its 0xCC
 * from memory; the next pass runs through. */
static void test_one_shot(void **state)
{
    (void)state;
    static const struct fake_step script[] = {{AT(0)}, {S}, {AT(1)}, {S}, {AT(2)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    struct bp *b = fw_bp(&w, S);
    unsigned id = b->id;
    b->one_shot = 1;
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(b->hits, 1);
    assert_non_null(bp_find(&w.m.bps, id)); /* until the stop was shown */
    fw_stop_done(&w, NULL, 0);
    assert_null(bp_find(&w.m.bps, id));
    assert_int_equal(peek(FAKE_PID, S), 0x90);
    assert_int_equal(fake_traps_in_code(FAKE_PID), 0);
    fw_assert_exited(&w);
    fw_end(&w);
}

/* A frame record on the fake stack: [next rbp, return address]. */
static void poke64(uint64_t addr, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        assert_int_equal(fake_poke(FAKE_PID, addr + (uint64_t)i, (uint8_t)(v >> (8 * i))), 0);
}

#define FP1 (FAKE_STACK + 0x100)
#define FP2 (FAKE_STACK + 0x200)

/* /c and /C: the call depth of the thread that hit, from its stack. With
 * no module (no CFI) the unwinder follows the frame-pointer chain: rbp
 * FP1 gives 3 frames, FP2 2, none 1. /c 3 breaks below 3, /C 2 above 2. */
static void test_call_depth(void **state)
{
    (void)state;
    static const struct fake_step script[] = {
        {AT(0)},
        {S, FAKE_SET_RBP, 0, FP2},
        {S, FAKE_SET_RBP, 0, FP1},
        {S, FAKE_SET_RBP, 0, 0},
        {AT(1)},
        {0}};
    struct fw w;
    fw_start(&w, 0, script);
    poke64(FP1, FP2);
    poke64(FP1 + 8, AT(20));
    poke64(FP2, 0);
    poke64(FP2 + 8, AT(21));
    struct bp *below = fw_bp(&w, S);
    below->max_depth = 3;
    struct bp *above = fw_bp_beside(&w, S);
    above->min_depth = 2;

    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID); /* depth 2 */
    assert_int_equal(fake_position(FAKE_PID), 1);
    assert_int_equal(fw_nhits(&w), 1);
    assert_int_equal(fw_hit(&w, 0), below->id);
    fw_stop_done(&w, NULL, 0);

    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID); /* depth 3 */
    assert_int_equal(fake_position(FAKE_PID), 2);
    assert_int_equal(fw_nhits(&w), 1);
    assert_int_equal(fw_hit(&w, 0), above->id);
    fw_stop_done(&w, NULL, 0);

    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID); /* depth 1: the frame only */
    assert_int_equal(fake_position(FAKE_PID), 3);
    assert_int_equal(fw_nhits(&w), 1);
    assert_int_equal(fw_hit(&w, 0), below->id);
    fw_stop_done(&w, NULL, 0);

    fw_assert_exited(&w);
    assert_int_equal(below->hits, 2);
    assert_int_equal(above->hits, 1);
    fw_end(&w);
}

/* A command string that is only `gc` counts the hit and goes on inside
 * the engine: no stop. Any other string stops and is handed back once the
 * stop was shown; a `gc` breakpoint beside a plain one stops (the plain
 * one wants the stop). */
static void test_command_strings(void **state)
{
    (void)state;
    static const struct fake_step script[] = {
        {AT(0)}, {S}, {AT(1)}, {AT(2)}, {S}, {AT(3)}, {AT(1)}, {AT(4)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    struct bp *gc = fw_bp(&w, S);
    gc->commands = strdup(" gc ;");
    struct bp *other = fw_bp(&w, AT(2));
    other->commands = strdup("r rax; gc");
    char first[64];

    const struct eng_stop *st = fw_go(&w);
    fw_assert_bp_stop(st, AT(2), FAKE_PID);
    assert_int_equal(gc->hits, 1); /* counted on the way */
    assert_int_equal(fw_nhits(&w), 1);
    assert_int_equal(fw_stop_done(&w, first, sizeof first), 1);
    assert_string_equal(first, "r rax; gc");

    struct bp *plain = fw_bp(&w, AT(1));
    struct bp *gc2 = fw_bp_beside(&w, AT(1));
    gc2->commands = strdup("gc");
    fw_assert_bp_stop(fw_go(&w), AT(1), FAKE_PID);
    assert_int_equal(fake_position(FAKE_PID), 6);
    assert_int_equal(gc->hits, 2);
    assert_int_equal(fw_nhits(&w), 2);
    assert_int_equal(plain->hits, 1);
    assert_int_equal(gc2->hits, 1);
    assert_int_equal(fw_stop_done(&w, first, sizeof first), 1);
    assert_string_equal(first, "gc");
    fw_assert_exited(&w);
    fw_end(&w);
}

/* A disabled breakpoint has no 0xCC and is not hit; enabled again, it is. */
static void test_disabled(void **state)
{
    (void)state;
    static const struct fake_step script[] = {{AT(0)}, {S}, {AT(1)}, {S}, {AT(2)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    struct bp *b = fw_bp(&w, S);
    fw_bp(&w, AT(1));
    struct lerr e = {0};
    assert_int_equal(bp_set_enabled(&w.m.bps, b, 0, &e), 0);
    assert_int_equal(peek(FAKE_PID, S), 0x90);
    fw_assert_bp_stop(fw_go(&w), AT(1), FAKE_PID);
    assert_int_equal(b->hits, 0);
    fw_stop_done(&w, NULL, 0);
    assert_int_equal(bp_set_enabled(&w.m.bps, b, 1, &e), 0);
    assert_int_equal(peek(FAKE_PID, S), 0xcc);
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(fake_position(FAKE_PID), 3);
    assert_int_equal(b->hits, 1);
    fw_stop_done(&w, NULL, 0);
    fw_assert_exited(&w);
    fw_end(&w);
}

/* A bu whose name is not known stays without a location (nothing in
 * memory); once the name appears and a load is reported, it is resolved
 * and hit. */
static void test_deferred_bu(void **state)
{
    (void)state;
    static const struct fake_step script[] = {{AT(0)}, {S}, {AT(1)}, {S}, {AT(2)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    w.names[w.nnames++] = (struct fw_name){"fx!later", S, 0};
    struct bp *b = fw_bu(&w, "fx!later");
    assert_int_equal(b->nlocs, 0);
    assert_int_equal(fake_traps_in_code(FAKE_PID), 0);
    fw_bp(&w, AT(1));
    fw_assert_bp_stop(fw_go(&w), AT(1), FAKE_PID); /* ran past S unseen */
    fw_stop_done(&w, NULL, 0);
    assert_int_equal(b->hits, 0);

    w.names[0].known = 1;
    bpm_on_load(&w.m, FAKE_PID, 0);
    assert_int_equal(b->nlocs, 1);
    assert_int_equal(w.notes[BPM_NOTE_RESOLVED], 1);
    assert_int_equal(peek(FAKE_PID, S), 0xcc);
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(fake_position(FAKE_PID), 3);
    assert_int_equal(b->hits, 1);
    fw_stop_done(&w, NULL, 0);
    /* a second load resolves nothing twice */
    bpm_on_load(&w.m, FAKE_PID, 0);
    assert_int_equal(b->nlocs, 1);
    assert_int_equal(w.notes[BPM_NOTE_RESOLVED], 1);
    fw_assert_exited(&w);
    fw_end(&w);
}

/* More breakpoints at one address than any fixed list held (there was a
 * cap of 64): one stop reports all of them, in id order, each counted. */
static void test_many_at_one_address(void **state)
{
    (void)state;
    enum { N = 100 };
    static const struct fake_step script[] = {{AT(0)}, {S}, {AT(1)}, {0}};
    struct fw w;
    fw_start(&w, 0, script);
    struct bp *bps[N];
    for (int i = 0; i < N; i++)
        bps[i] = fw_bp_beside(&w, S);
    fw_assert_bp_stop(fw_go(&w), S, FAKE_PID);
    assert_int_equal(fw_nhits(&w), N);
    for (int i = 0; i < N; i++) {
        assert_int_equal(fw_hit(&w, (size_t)i), bps[i]->id);
        assert_int_equal(bps[i]->hits, 1);
    }
    fw_stop_done(&w, NULL, 0);
    fw_assert_exited(&w);
    fw_end(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_hit),
        cmocka_unit_test(test_passes),
        cmocka_unit_test(test_condition),
        cmocka_unit_test(test_condition_error_stops),
        cmocka_unit_test(test_one_shot),
        cmocka_unit_test(test_call_depth),
        cmocka_unit_test(test_command_strings),
        cmocka_unit_test(test_disabled),
        cmocka_unit_test(test_deferred_bu),
        cmocka_unit_test(test_many_at_one_address),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
