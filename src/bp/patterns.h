/* bm's symbol matching (seed 002): the symbols of a process that match a
 * pattern, one per address under the name a user knows best, overloads
 * left out unless /( gives parameter lists, .cold parts never, indirect
 * functions on the implementation the process uses. Used by the bm command
 * and by deferred bm patterns as modules load (manager.h). */
#ifndef LINDBG_BP_PATTERNS_H
#define LINDBG_BP_PATTERNS_H

#include "bp/manager.h"
#include "sym/symbols.h"
#include "sym/wildcard.h"

struct bpm_match {
    struct sym_module *mod;
    uint64_t addr;
    int data;
    int ifunc; /* an indirect function: addr becomes its implementation */
    unsigned char bind;
    char name[512];
};

struct bpm_matches {
    int all;  /* /a: data symbols too */
    int full; /* /(: names with their parameter lists */
    struct bpm_match *v; /* malloc'd: free(v) */
    size_t n, cap;
};

/* The symbols of process pid that match mw!sw (mw NULL: any module). */
void bpm_match_symbols(struct bpm *m, pid_t pid, const struct wildcard *mw,
                       const struct wildcard *sw, struct bpm_matches *c);
/* Overloads share a name, so a bu on it could not say which: they are
 * left out, and said once each (BPM_NOTE_BM_OVERLOADS). */
void bpm_drop_overloads(struct bpm *m, struct bpm_matches *c);
/* Matches that ended on one address (memcpy and memmove choose the same
 * implementation): the first stays. */
void bpm_one_per_address(struct bpm_matches *c);
/* An indirect function's implementation in pid (1, *addr becomes it), or
 * 0: not chosen yet, and its resolver is watched so that the breakpoint
 * follows. */
int bpm_chosen_or_watched(struct bpm *m, pid_t pid, uint64_t *addr);
/* Whether a loaded module matches the module part of a pattern. */
int bpm_any_module(const struct sym_space *sp, const struct wildcard *mw);

/* bm's matching of pattern ("mod!name*" or "name*") in process pid, as a
 * front end sets breakpoints from it: the matches (c->all, c->full: bm's
 * /a and /( ), overloads left out unless keep_overloads, indirect
 * functions on the implementation pid uses (addr 0: not chosen yet, the
 * resolver watched), one per address. 0, with *loaded saying whether a
 * module the pattern can match is loaded (when none matched, the pattern
 * waits for one), or -1 (a bad pattern, in e). */
int bpm_pattern_matches(struct bpm *m, pid_t pid, const char *pattern, int keep_overloads,
                        struct bpm_matches *c, int *loaded, struct lerr *e);

#endif
