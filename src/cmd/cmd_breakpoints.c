/* Setting software breakpoints: bp bu bm (with IDs, options, passes and
 * command strings, as the seed page gives them). What module loads,
 * unloads and exits do to them is the breakpoint manager's (bp/manager.c).
 * Every command checks all its input before it changes anything: a failing
 * command leaves the list as it was. */
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

static int set_one(struct dbg *d, struct bp_spec *s, enum bp_kind kind, const char *expr,
                   unsigned id)
{
    /* s->have_id: the id was given (else it is the first free one) */
    struct eng_process *p = eng_cur_process(d->s);
    uint64_t addrs[SYM_LINE_PLACES], addr;
    char note[256] = "";
    int r = 0, known = 0;
    if (p) {
        r = bpm_resolve(&d->bpm, eng_proc_pid(p), expr, &addr, &d->err);
        if (r < 0)
            return -1;
        known = r == 1; /* a name; it may still wait (an indirect function) */
        /* (a function inlined everywhere is known from DWARF only) */
        if ((r = bpm_resolve_places(&d->bpm, eng_proc_pid(p), expr, addrs, note, sizeof note, &d->err)) < 0)
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
    bpspec_apply(s, b);
    if (bpm_add_places(&d->bpm, b, p ? eng_proc_pid(p) : 0, addrs, r, &d->err) < 0) {
        bp_free(b);
        return -1;
    }
    bpspec_install(d, b, s->have_id);
    if (note[0])
        fprintf(d->out, "Breakpoint %u: %s\n", b->id, note);
    return 0;
}

static int do_bp(struct dbg *d, const char *args, enum bp_kind kind)
{
    struct bp_spec s;
    if (bpspec_parse(d, args, SPEC_BP, &s) < 0)
        return -1;
    if (bpspec_thread_from_prefix(d, &s) < 0) {
        bpspec_free(&s);
        return -1;
    }
    char ip[32];
    const char *expr = s.location;
    if (!expr) {
        uint64_t rip;
        if (dbg_need_process(d) < 0 || dbg_current_ip(d, &rip) < 0) {
            bpspec_free(&s);
            return -1;
        }
        snprintf(ip, sizeof ip, "0x%llx", (unsigned long long)rip);
        expr = ip;
    }
    unsigned id = s.have_id ? s.id : bp_free_id(&d->bpm.bps);
    int rc = set_one(d, &s, kind, expr, id);
    bpspec_free(&s);
    return rc;
}

static int cmd_bp(struct dbg *d, const char *args) { return do_bp(d, args, BP_ADDRESS); }
static int cmd_bu(struct dbg *d, const char *args) { return do_bp(d, args, BP_SYMBOLIC); }

const struct cmd_def cmd_breakpoint_table[] = {
    {"bp", cmd_bp, "set a breakpoint: [~t] bp[ID] [/1 /c n /C n /p n /t n /w \"cond\"] [addr [passes]] [\"cmds\"]", 1},
    {"bu", cmd_bu, "set a deferred breakpoint on a symbolic location, resolved on every load", 1},
    {"bm", dbg_cmd_bm, "set breakpoints on every symbol matching a pattern: bm [/a /d /( ...] mod!pat*", 1},
    {NULL, NULL, NULL},
};
