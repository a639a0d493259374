/* bm: breakpoints on every symbol that matches a pattern (seed 002): one
 * per address, overloads left out unless /( gives parameter lists, /d for
 * bp instead of bu; glibc's indirect functions on their implementation. A
 * pattern that matches nothing because its module is not loaded yet is
 * kept (a deferred bm, listed by bl, written by .bpcmds) and applied to
 * each matching module as it loads, once per symbol. */
#include "bp/patterns.h"
#include "cmd/bp_spec.h"
#include "ui/format.h"
#include "util/xalloc.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

/* Nothing matched because the module is not loaded yet: the pattern is
 * kept, with the options, as a deferred bm. */
static void keep_pattern(struct dbg *d, const struct bp_spec *s)
{
    struct bp *b = bp_new(BP_PATTERN, s->location);
    bpspec_apply(s, b);
    b->bm_all = (unsigned char)s->all_syms;
    b->bm_address = (unsigned char)s->as_address;
    b->bm_params = (unsigned char)s->with_params;
    b->id = bp_free_id(&d->bpm.bps);
    struct bp *none;
    bp_insert(&d->bpm.bps, b, &none);
    if (strchr(s->location, '!'))
        fprintf(d->out, "No module matching '%s' is loaded: kept as breakpoint %u, a deferred bm "
                        "applied as matching modules load\n", s->location, b->id);
    else
        fprintf(d->out, "No symbol matches '%s' yet: kept as breakpoint %u, a deferred bm applied "
                        "as modules load\n", s->location, b->id);
}

/* bm: x + bu on each match (bp with /d) */
int dbg_cmd_bm(struct dbg *d, const char *args)
{
    struct bp_spec s;
    if (bpspec_parse(d, args, SPEC_BM, &s) < 0)
        return -1;
    int rc = -1;
    struct bpm_matches c = {s.all_syms, s.with_params, NULL, 0, 0};
    if (bpspec_thread_from_prefix(d, &s) < 0)
        goto out;
    if (!s.location) {
        lerr_set(&d->err, "Syntax error: bm needs a symbol pattern: bm mod!name*");
        goto out;
    }
    if (s.have_id) {
        lerr_set(&d->err, "Syntax error: bm numbers its breakpoints itself");
        goto out;
    }
    if (dbg_need_process(d) < 0)
        goto out;
    struct eng_process *p = eng_cur_process(d->s);
    int loaded;
    if (bpm_pattern_matches(&d->bpm, eng_proc_pid(p), s.location, s.with_params || s.as_address,
                            &c, &loaded, &d->err) < 0)
        goto out;
    if (c.n == 0) {
        rc = 0;
        if (!loaded) {
            keep_pattern(d, &s);
            goto out;
        }
        fprintf(d->out, "No matching %ssymbols found, no breakpoints set.\n", s.all_syms ? "" : "code ");
        goto out;
    }
    /* plant everything first: on any failure, nothing is added */
    struct bp **made = xcalloc(c.n, sizeof *made);
    unsigned id = bp_free_id(&d->bpm.bps);
    size_t k;
    for (k = 0; k < c.n; k++) {
        char text[64];
        int as_address = s.as_address && c.v[k].addr;
        if (as_address)
            snprintf(text, sizeof text, "0x%016llx", (unsigned long long)c.v[k].addr);
        made[k] = bp_new(as_address ? BP_ADDRESS : BP_SYMBOLIC, as_address ? text : c.v[k].name);
        bpspec_apply(&s, made[k]);
        if (c.v[k].addr && bp_add_location(&d->bpm.bps, made[k], eng_proc_pid(p), c.v[k].addr, &d->err) < 0)
            break;
        if (!as_address) /* a function's inlined copies are its places too */
            bpm_add_inline_copies(&d->bpm, made[k], eng_proc_pid(p), c.v[k].name);
    }
    if (k < c.n) {
        for (size_t j = 0; j <= k; j++) {
            bp_drop_locations(&d->bpm.bps, made[j], 0, 0, 0, 0);
            bp_free(made[j]);
        }
        free(made);
        goto out;
    }
    char a[FMT_ADDR_LEN];
    for (k = 0; k < c.n; k++) {
        int same = bpm_install_numbered(&d->bpm, made[k], &id);
        char impl[512] = "";
        if (c.v[k].ifunc && c.v[k].addr &&
            sym_describe(eng_syms(d->s), c.v[k].addr, impl, sizeof impl) < 0)
            impl[0] = '\0';
        fprintf(d->out, "%3u: %s %s%s%s%s%s\n", made[k]->id,
                c.v[k].addr ? fmt_addr(a, c.v[k].addr) : "                 ", c.v[k].name,
                c.v[k].ifunc ? " (indirect function: " : "",
                c.v[k].ifunc ? (impl[0] ? impl : "implementation not chosen yet") : "",
                c.v[k].ifunc ? ")" : "", same ? " (redefined)" : "");
        if (c.v[k].data) /* a symbol's start: only data needs saying */
            bpspec_warn_if_data(d, made[k]);
    }
    free(made);
    rc = 0;
out:
    free(c.v);
    bpspec_free(&s);
    return rc;
}

