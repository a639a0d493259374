/* The fake target's session and breakpoint manager (fake_world.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_world.h"

static void on_event(void *ctx, const struct eng_event *ev)
{
    struct fw *w = ctx;
    if ((unsigned)ev->kind < sizeof w->events / sizeof w->events[0])
        w->events[ev->kind]++;
}

static void on_note(void *ctx, const struct bpm_note *n)
{
    struct fw *w = ctx;
    if ((unsigned)n->kind < sizeof w->notes / sizeof w->notes[0])
        w->notes[n->kind]++;
}

/* Names, and `rax==N` as thread tid of pid sees it (the condition of the
 * thread that hit, not of the one the user looks at). */
static int eval(void *ctx, pid_t pid, pid_t tid, const char *expr, uint64_t *v, struct lerr *e)
{
    struct fw *w = ctx;
    for (size_t i = 0; i < w->nnames; i++) {
        if (strcmp(w->names[i].name, expr) != 0)
            continue;
        if (!w->names[i].known)
            return lerr_set_code(e, LERR_NOT_FOUND, "Couldn't resolve error at '%s'", expr);
        *v = w->names[i].addr;
        return 0;
    }
    if (strncmp(expr, "rax==", 5) != 0)
        return lerr_set(e, "Syntax error in '%s'", expr);
    w->evals++;
    struct eng_view saved = eng_view_begin(w->s, pid, tid);
    struct user_regs_struct *r = eng_regs(w->s, eng_cur_thread(w->s), e);
    int rc = -1;
    if (r) {
        *v = r->rax == strtoull(expr + 5, NULL, 0);
        rc = 0;
    }
    eng_view_end(w->s, saved);
    return rc;
}

void fw_start(struct fw *w, unsigned caps, const struct fake_step *script)
{
    memset(w, 0, sizeof *w);
    fake_reset(caps, script);
    w->s = eng_create(on_event, w);
    assert_int_equal(eng_set_backend(w->s, &fake_backend, NULL), 0);
    struct lerr e = {0};
    char *argv[] = {"fake", NULL};
    assert_int_equal(eng_launch(w->s, argv, NULL, &e), 0);
    struct bpm_client client = {w, eval, on_note};
    bpm_init(&w->m, w->s, &client);
}

void fw_end(struct fw *w)
{
    eng_destroy(w->s); /* first, as main does: its hooks point at the manager */
    bpm_free(&w->m);
    if (fake_stats.misuse)
        fail_msg("the engine misused the target: %s", fake_stats.misuse_msg);
    fake_reset(0, NULL);
}

static void install(struct fw *w, struct bp *b)
{
    struct bpm_installed r;
    bpm_install(&w->m, b, 0, &r);
}

struct bp *fw_bp_in(struct fw *w, pid_t pid, uint64_t addr)
{
    char text[32];
    snprintf(text, sizeof text, "0x%llx", (unsigned long long)addr);
    struct bp *b = bp_new(BP_ADDRESS, text);
    b->id = bp_free_id(&w->m.bps);
    struct lerr e = {0};
    assert_int_equal(bp_add_location(&w->m.bps, b, pid ? pid : FAKE_PID, addr, &e), 0);
    install(w, b);
    return b;
}

struct bp *fw_bp(struct fw *w, uint64_t addr) { return fw_bp_in(w, 0, addr); }

struct bp *fw_bp_beside(struct fw *w, uint64_t addr)
{
    struct bp *b = bp_new(BP_ADDRESS, "beside");
    struct lerr e = {0};
    assert_int_equal(bp_add_location(&w->m.bps, b, FAKE_PID, addr, &e), 0);
    bp_set_id(&w->m.bps, b, bp_free_id(&w->m.bps));
    struct bp *old = NULL;
    bp_insert(&w->m.bps, b, &old);
    assert_null(old);
    return b;
}

struct bp *fw_bu(struct fw *w, const char *name)
{
    struct bp *b = bp_new(BP_SYMBOLIC, name);
    b->id = bp_free_id(&w->m.bps);
    for (size_t i = 0; i < eng_nprocs(w->s); i++)
        bpm_resolve_in(&w->m, b, eng_proc_pid(eng_proc_at(w->s, i)));
    install(w, b);
    return b;
}

const struct eng_stop *fw_go(struct fw *w)
{
    struct lerr e = {0};
    if (eng_go(w->s, ENG_GO, &e) != 0)
        fail_msg("g failed: %s", e.msg);
    return eng_last_stop(w->s);
}

const struct eng_stop *fw_step(struct fw *w)
{
    struct lerr e = {0};
    if (eng_step(w->s, &e) != 0)
        fail_msg("t failed: %s", e.msg);
    return eng_last_stop(w->s);
}

size_t fw_nhits(struct fw *w)
{
    const unsigned *ids;
    return bpm_stop_hits(&w->m, &ids);
}

unsigned fw_hit(struct fw *w, size_t i)
{
    const unsigned *ids;
    size_t n = bpm_stop_hits(&w->m, &ids);
    assert_true(i < n);
    return ids[i];
}

size_t fw_stop_done(struct fw *w, char *first, size_t size)
{
    size_t n = 0;
    char **cmds = bpm_stop_done(&w->m, &n);
    if (first && size)
        snprintf(first, size, "%s", n ? cmds[0] : "");
    for (size_t i = 0; i < n; i++)
        free(cmds[i]);
    free(cmds);
    return n;
}

void fw_assert_bp_stop(const struct eng_stop *st, uint64_t addr, pid_t tid)
{
    assert_int_equal(st->kind, ENG_STOP_BREAKPOINT);
    assert_int_equal(st->addr, addr);
    assert_int_equal(st->tid, tid);
}

void fw_assert_exited(struct fw *w)
{
    const struct eng_stop *st = fw_go(w);
    assert_int_equal(st->kind, ENG_STOP_EXITED);
    assert_int_equal(st->code, 0);
}
