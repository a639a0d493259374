/* A session on the fake target with a breakpoint manager, as a front end
 * would set them up: its evaluator knows a few names (which a test makes
 * appear or disappear) and conditions of the form `rax==N` over the
 * registers of the thread that hit; notes and engine events are counted.
 * The helpers assert (cmocka) that the engine used the target correctly. */
#ifndef LINDBG_TESTS_FAKE_WORLD_H
#define LINDBG_TESTS_FAKE_WORLD_H

#include "bp/manager.h"
#include "engine/session.h"
#include "fake_target.h"

struct fw_name {
    const char *name;
    uint64_t addr;
    int known; /* 0: LERR_NOT_FOUND, as a symbol not loaded yet */
};

struct fw {
    struct session *s;
    struct bpm m;
    struct fw_name names[8];
    size_t nnames;
    unsigned notes[8];   /* by enum bpm_note_kind */
    unsigned events[16]; /* by enum eng_event_kind */
    unsigned evals;      /* conditions evaluated */
};

/* A session on the fake target running `script`, launched and stopped at
 * its initial break. */
void fw_start(struct fw *w, unsigned caps, const struct fake_step *script);
/* Ends the session (the launched processes are killed) and checks that
 * the target was never used wrongly. */
void fw_end(struct fw *w);

/* A `bp addr` in process pid (0: the launched one), in the table. */
struct bp *fw_bp_in(struct fw *w, pid_t pid, uint64_t addr);
struct bp *fw_bp(struct fw *w, uint64_t addr);
/* A `bp addr` that redefines none already there (as bm builds them), so
 * that any number of breakpoints can share one address. */
struct bp *fw_bp_beside(struct fw *w, uint64_t addr);
/* A `bu name`: resolved now when the name is known, else deferred. */
struct bp *fw_bu(struct fw *w, const char *name);

/* g, t: must succeed; the stop is returned. */
const struct eng_stop *fw_go(struct fw *w);
const struct eng_stop *fw_step(struct fw *w);
/* The breakpoints of the last stop: how many, and the id at index i. */
size_t fw_nhits(struct fw *w);
unsigned fw_hit(struct fw *w, size_t i);
/* After a stop was shown: bpm_stop_done's command strings, freed; the
 * number of them, the first one copied into first (when not NULL). */
size_t fw_stop_done(struct fw *w, char *first, size_t size);

/* The stop is breakpoint addr's, in thread tid. */
void fw_assert_bp_stop(const struct eng_stop *st, uint64_t addr, pid_t tid);
/* Going on, the program runs to its end (exit code 0). */
void fw_assert_exited(struct fw *w);

#endif
