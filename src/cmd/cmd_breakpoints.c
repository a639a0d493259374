/* Setting software breakpoints: bp bu bm (with IDs, options, passes and
 * command strings, as the seed page gives them), and what module loads,
 * unloads and exits do to breakpoints. Every command checks all its input
 * before it changes anything: a failing command leaves the list as it was. */
#include "arch/x86_64/disasm.h"
#include "cmd/bp_spec.h"
#include "sym/linebp.h"
#include "sym/wildcard.h"
#include "ui/format.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

static int has_location_in(const struct bp *b, pid_t pid)
{
    for (size_t i = 0; i < b->nlocs; i++)
        if (b->locs[i].pid == pid)
            return 1;
    return 0;
}

/* Resolves b's expression in process p (as if it were current) and adds
 * the location; 1 when added. */
static int resolve_in(struct dbg *d, struct bp *b, struct eng_process *p)
{
    if (b->proc_index >= 0 && b->proc_index != p->index)
        return 0;
    int saved = dbg_view_process(d, p);
    uint64_t addrs[SYM_LINE_PLACES];
    char note[256];
    struct lerr keep = d->err;
    int n = resolve_places(d, b->expr, addrs, note, sizeof note), added = 0;
    for (int i = 0; i < n; i++)
        added |= bp_add_location(&d->bps, b, p->pid, addrs[i], NULL) == 0;
    if (added && note[0])
        fprintf(d->out, "Breakpoint %u: %s\n", b->id, note);
    d->err = keep;
    d->s->cur_proc = saved;
    return added;
}

static int set_one(struct dbg *d, struct bp_spec *s, enum bp_kind kind, const char *expr,
                   unsigned id)
{
    /* s->have_id: the id was given (else it is the first free one) */
    struct eng_process *p = eng_cur_process(d->s);
    uint64_t addrs[SYM_LINE_PLACES], addr;
    char note[256] = "";
    int r = 0, known = 0;
    if (p) {
        r = resolve(d, expr, &addr);
        if (r < 0)
            return -1;
        known = r == 1; /* a name; it may still wait (an indirect function) */
        if (known && (r = resolve_places(d, expr, addrs, note, sizeof note)) < 0)
            return -1;
    }
    if (kind == BP_ADDRESS && r == 0) {
        if (!known) /* an indirect function that waits has said so */
            fprintf(d->out, "Bp expression '%s' could not be resolved, adding deferred bp\n", expr);
        kind = BP_SYMBOLIC;
    }
    /* a bp is its address, or, on a line with several places, the line */
    char text[64];
    if (kind == BP_ADDRESS && r == 1) {
        snprintf(text, sizeof text, "0x%016llx", (unsigned long long)addrs[0]);
        expr = text;
    }
    struct bp *b = bp_new(kind, expr);
    b->id = id;
    apply_spec(s, b);
    for (int i = 0; i < r; i++) {
        if (bp_add_location(&d->bps, b, p->pid, addrs[i], &d->err) < 0) {
            bp_drop_locations(&d->bps, b, 0, 0, 0, 0);
            bp_free(b);
            return -1;
        }
    }
    /* a bu applies to every process where its symbol resolves */
    for (size_t i = 0; kind == BP_SYMBOLIC && i < d->s->nprocs; i++)
        if (d->s->procs[i] != p)
            resolve_in(d, b, d->s->procs[i]);
    install(d, b, s->have_id);
    if (note[0])
        fprintf(d->out, "Breakpoint %u: %s\n", b->id, note);
    return 0;
}

static int do_bp(struct dbg *d, const char *args, enum bp_kind kind)
{
    struct bp_spec s;
    if (parse_spec(d, args, SPEC_BP, &s) < 0)
        return -1;
    if (thread_from_prefix(d, &s) < 0) {
        spec_free(&s);
        return -1;
    }
    char ip[32];
    const char *expr = s.location;
    if (!expr) {
        uint64_t rip;
        if (dbg_need_process(d) < 0 || dbg_current_ip(d, &rip) < 0) {
            spec_free(&s);
            return -1;
        }
        snprintf(ip, sizeof ip, "0x%llx", (unsigned long long)rip);
        expr = ip;
    }
    unsigned id = s.have_id ? s.id : bp_free_id(&d->bps);
    int rc = set_one(d, &s, kind, expr, id);
    spec_free(&s);
    return rc;
}

static int cmd_bp(struct dbg *d, const char *args) { return do_bp(d, args, BP_ADDRESS); }
static int cmd_bu(struct dbg *d, const char *args) { return do_bp(d, args, BP_SYMBOLIC); }

void dbg_bps_on_load(struct dbg *d, pid_t pid, uint64_t start)
{
    struct eng_process *p = eng_process_by_pid(d->s, pid);
    if (!p)
        return;
    /* the warning looks at the code of the process that loaded */
    int saved = dbg_view_process(d, p);
    for (size_t i = 0; i < d->bps.n; i++) {
        struct bp *b = d->bps.v[i];
        if (b->kind == BP_SYMBOLIC && !has_location_in(b, pid) && resolve_in(d, b, p))
            warn_if_data(d, b);
    }
    /* bm patterns kept for modules not loaded yet: the one that loaded */
    const struct sym_module *m = start ? sym_module_at(p->syms, start) : NULL;
    if (m)
        bm_apply_patterns(d, p, m);
    d->s->cur_proc = saved;
}

void dbg_bps_on_fork(struct dbg *d, pid_t parent, pid_t child)
{
    struct eng_process *cp = eng_process_by_pid(d->s, child);
    if (!cp || cp->vfork_parent)
        return; /* a vfork child gets its breakpoints when it execs */
    for (size_t i = 0; i < d->bps.n; i++) {
        struct bp *b = d->bps.v[i];
        for (size_t k = 0; k < b->nlocs; k++)
            if (b->locs[k].pid == parent)
                bp_add_location(&d->bps, b, child, b->locs[k].addr, NULL);
    }
}

void dbg_bps_on_unload(struct dbg *d, pid_t pid, uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < d->bps.n;) {
        struct bp *b = d->bps.v[i];
        size_t before = b->nlocs;
        bp_drop_locations(&d->bps, b, pid, start, end, 0);
        if (b->kind != BP_SYMBOLIC && before && !b->nlocs) {
            /* a bp (or ba) goes with its module */
            bp_remove(&d->bps, b);
            bp_free(b);
            continue;
        }
        i++;
    }
}

void dbg_bps_on_exit(struct dbg *d, pid_t pid)
{
    for (size_t i = 0; i < d->bps.n; i++)
        bp_drop_locations(&d->bps, d->bps.v[i], pid, 0, 0, 1);
}


const struct cmd_def cmd_breakpoint_table[] = {
    {"bp", cmd_bp, "set a breakpoint: [~t] bp[ID] [/1 /c n /C n /p n /t n /w \"cond\"] [addr [passes]] [\"cmds\"]", 1},
    {"bu", cmd_bu, "set a deferred breakpoint on a symbolic location, resolved on every load", 1},
    {"bm", dbg_cmd_bm, "set breakpoints on every symbol matching a pattern: bm [/a /d /( ...] mod!pat*", 1},
    {NULL, NULL, NULL},
};
