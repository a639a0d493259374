/* Resolving breakpoint locations in a process (see manager.h): names
 * through the front end's evaluator, indirect functions to the
 * implementation the process chose, source lines to each place that has
 * them. */
#include "bp/manager.h"
#include "sym/ifunc.h"
#include "sym/inline.h"
#include "sym/linebp.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int bpm_resolve(struct bpm *m, pid_t pid, const char *expr, uint64_t *addr, struct lerr *e)
{
    struct lerr mine;
    if (m->client.eval(m->client.ctx, pid, 0, expr, addr, &mine) == 0)
        return 1;
    if (mine.code == LERR_NOT_FOUND)
        return 0;
    if (e)
        *e = mine;
    return -1;
}

struct reader {
    struct session *s;
    pid_t pid;
};

static int read_target(void *ctx, uint64_t addr, void *buf, size_t len)
{
    const struct reader *r = ctx;
    return eng_read_in(r->s, r->pid, addr, buf, len, NULL);
}

int bpm_ifunc_target(struct bpm *m, pid_t pid, uint64_t resolver, uint64_t *target)
{
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    struct reader r = {m->s, pid};
    return p ? sym_ifunc_target(eng_proc_syms(p), resolver, read_target, &r, target) : -1;
}

int bpm_resolve_code(struct bpm *m, pid_t pid, const char *expr, uint64_t *addr, struct lerr *e)
{
    int r = bpm_resolve(m, pid, expr, addr, e);
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    char name[512], impl[512];
    if (r != 1 || !p || !sym_is_ifunc(eng_proc_syms(p), *addr, name, sizeof name))
        return r;
    uint64_t target;
    struct bpm_note n = {.pid = pid, .name = name};
    if (bpm_ifunc_target(m, pid, *addr, &target) != 1) {
        /* the resolver is watched: the breakpoint is resolved again once
         * the process has called it (ifunc_chosen, manager.c) */
        n.kind = eng_ifunc_watch(m->s, pid, *addr, NULL) == 0 ? BPM_NOTE_IFUNC_WAITS
                                                                : BPM_NOTE_IFUNC_LOST;
        m->client.note(m->client.ctx, &n);
        return 0;
    }
    if (sym_describe(eng_proc_syms(p), target, impl, sizeof impl) < 0)
        snprintf(impl, sizeof impl, "%016llx", (unsigned long long)target);
    n.kind = BPM_NOTE_IFUNC_IMPL;
    n.addr = target;
    n.text = impl;
    m->client.note(m->client.ctx, &n);
    *addr = target;
    return 1;
}

/* A name like "f", "mod!f" or "ns::f": nothing an expression adds to. */
static int plain_name(const char *s)
{
    if (!*s || isdigit((unsigned char)*s))
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr("_!:~.$", *s))
            return 0;
    return 1;
}

/* A function: its out-of-line code (through the evaluator) and, as GDB's
 * several locations of `break f`, each inlined copy of it (from DWARF:
 * a static function inlined everywhere has no symbol at all). */
static int resolve_function(struct bpm *m, pid_t pid, struct eng_process *p, const char *expr,
                            uint64_t *addrs, char *note, size_t size, struct lerr *e)
{
    if (!p) /* no such process (yet): only the evaluator can say */
        return bpm_resolve_code(m, pid, expr, &addrs[0], e);
    struct lerr mine;
    int r = bpm_resolve_code(m, pid, expr, &addrs[0], &mine);
    size_t had = r == 1;
    size_t n = !plain_name(expr) ? 0
                                 : sym_inline_copies(eng_proc_syms(p), expr, addrs + had,
                                                     SYM_LINE_PLACES - had);
    if (n == 0) {
        if (r < 0 && e)
            *e = mine;
        return r;
    }
    if (had + n == 1)
        snprintf(note, size, "at the inlined copy of %s (no out-of-line code)", expr);
    else
        snprintf(note, size, "%zu places (%sinlined copies of %s)", had + n,
                 had ? "the function and its " : "", expr);
    return (int)(had + n);
}

void bpm_add_inline_copies(struct bpm *m, struct bp *b, pid_t pid, const char *name)
{
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    uint64_t addrs[SYM_LINE_PLACES];
    size_t n = p ? sym_inline_copies(eng_proc_syms(p), name, addrs, SYM_LINE_PLACES) : 0;
    for (size_t i = 0; i < n; i++)
        bp_add_location(&m->bps, b, pid, addrs[i], NULL);
}

int bpm_resolve_places(struct bpm *m, pid_t pid, const char *expr, uint64_t *addrs, char *note,
                       size_t size, struct lerr *e)
{
    note[0] = '\0';
    size_t len = strlen(expr);
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    if (!p || len < 3 || expr[0] != '`' || expr[len - 1] != '`' || memchr(expr + 1, '`', len - 2))
        return resolve_function(m, pid, p, expr, addrs, note, size, e);
    /* a source line: each place that has it (inlined copies), or the next
     * line with code in its function */
    struct sym_line_places pl;
    int r = sym_line_places(eng_proc_syms(p), expr + 1, len - 2, &pl, e);
    if (r <= 0)
        return r;
    memcpy(addrs, pl.addr, pl.n * sizeof *addrs);
    if (pl.line != pl.asked)
        snprintf(note, size, "line %d has no code: set at line %d, the next in %s%s", pl.asked,
                 pl.line, pl.func, pl.n > 1 ? "," : "");
    if (pl.n > 1) {
        size_t used = strlen(note);
        snprintf(note + used, size - used, "%s%zu places (inlined or split copies of the line)",
                 used ? " " : "", pl.n);
    }
    return (int)pl.n;
}

void bpm_resolve_elsewhere(struct bpm *m, struct bp *b, pid_t except)
{
    for (size_t i = 0; i < eng_nprocs(m->s); i++) {
        pid_t pid = eng_proc_pid(eng_proc_at(m->s, i));
        if (pid != except)
            bpm_resolve_in(m, b, pid);
    }
}

int bpm_resolve_in(struct bpm *m, struct bp *b, pid_t pid)
{
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    if (!p || (b->proc_index >= 0 && b->proc_index != eng_proc_index(p)))
        return 0;
    uint64_t addrs[SYM_LINE_PLACES];
    char text[256];
    int n = bpm_resolve_places(m, pid, b->expr, addrs, text, sizeof text, NULL), added = 0;
    for (int i = 0; i < n; i++)
        added |= bp_add_location(&m->bps, b, pid, addrs[i], NULL) == 0;
    if (added && text[0]) {
        struct bpm_note note = {.kind = BPM_NOTE_PLACED, .id = b->id, .pid = pid, .text = text};
        m->client.note(m->client.ctx, &note);
    }
    return added;
}

int bpm_add_places(struct bpm *m, struct bp *b, pid_t pid, const uint64_t *addrs, int n,
                   struct lerr *e)
{
    for (int i = 0; i < n; i++) {
        if (bp_add_location(&m->bps, b, pid, addrs[i], e) < 0) {
            bp_drop_locations(&m->bps, b, 0, 0, 0, 0);
            return -1;
        }
    }
    if (b->kind == BP_SYMBOLIC)
        bpm_resolve_elsewhere(m, b, pid);
    return 0;
}
