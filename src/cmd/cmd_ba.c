/* Processor breakpoints: ba, .dbgregs (the probe and the choice), and
 * .apply_dbp. */
#include "arch/x86_64/disasm.h"
#include "cmd/bp_spec.h"
#include "sym/wildcard.h"
#include "ui/format.h"
#include "util/strbuf.h"

#include <ctype.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

int dbg_registers_usable(struct dbg *d)
{
    if (d->dr_emulate)
        return 0;
    if (!d->dr_probe) {
        struct lerr e;
        int r = eng_probe_debug_registers(d->s, &e);
        d->dr_probe = r == 0 ? -1 : 1; /* could not tell: try them */
        if (d->dr_probe < 0)
            fprintf(d->out, "Hardware debug registers do not trigger on this machine: "
                            "processor breakpoints are emulated\n");
    }
    return d->dr_probe > 0;
}

/* .dbgregs [emulate|auto]: what the probe found, and the choice */
static int cmd_dbgregs(struct dbg *d, const char *args)
{
    if (!strcmp(args, "emulate"))
        d->dr_emulate = 1;
    else if (!strcmp(args, "auto"))
        d->dr_emulate = 0;
    else if (*args)
        return lerr_set(&d->err, "Syntax error: .dbgregs [emulate|auto]");
    if (!d->dr_probe && !d->dr_emulate)
        dbg_registers_usable(d);
    fprintf(d->out, "Debug registers: %s; processor breakpoints %s\n",
            d->dr_probe > 0 ? "they trigger on this machine"
            : d->dr_probe < 0 ? "they do not trigger on this machine"
                              : "not probed",
            d->dr_emulate ? "are emulated (.dbgregs emulate)"
            : d->dr_probe < 0 ? "are emulated" : "use them");
    return 0;
}

/* ba[ID] [options] Access Size Address [Passes] ["CommandString"] */
static int cmd_ba(struct dbg *d, const char *args)
{
    struct bp_spec s;
    if (bpspec_parse(d, args, SPEC_BA, &s) < 0)
        return -1;
    int rc = -1;
    uint64_t addr;
    char a[FMT_ADDR_LEN];
    uint8_t probe;
    struct eng_process *p = eng_cur_process(d->s);
    if (bpspec_thread_from_prefix(d, &s) < 0 || dbg_need_process(d) < 0 ||
        eng_check_live(d->s, "have breakpoints", &d->err) < 0)
        goto out;
    if (!s.location) {
        lerr_set(&d->err, "Syntax error: ba needs an address: ba w4 address");
        goto out;
    }
    if (bpm_resolve(&d->bpm, eng_proc_pid(p), s.location, &addr, &d->err) != 1) {
        if (!d->err.msg[0])
            lerr_set_code(&d->err, LERR_NOT_FOUND, "Couldn't resolve error at '%s'", s.location);
        goto out;
    }
    if (addr % s.size) {
        lerr_set(&d->err, "Alignment error: a %u-byte processor breakpoint needs an address that is a multiple of %u (%s is not)",
                 s.size, s.size, fmt_addr(a, addr));
        goto out;
    }
    if (eng_read(d->s, addr, &probe, 1, NULL) != 0) {
        lerr_set(&d->err, "Memory access error at %s: nothing is mapped there", fmt_addr(a, addr));
        goto out;
    }
    char text[64];
    snprintf(text, sizeof text, "0x%016llx", (unsigned long long)addr);
    struct bp *b = bp_new(BP_ACCESS, text);
    b->id = s.have_id ? s.id : bp_free_id(&d->bpm.bps);
    b->access = s.access;
    b->size = s.size;
    bpspec_apply(&s, b);
    if (bpm_add_access(&d->bpm, b, eng_proc_pid(p), addr, dbg_registers_usable(d), &d->err) < 0) {
        bp_free(b);
        goto out;
    }
    bpspec_install(d, b, s.have_id);
    rc = 0;
out:
    bpspec_free(&s);
    return rc;
}

/* .apply_dbp: writes the process's data breakpoints into a thread again
 * (~N .apply_dbp), for one whose registers were changed by hand. */
static int cmd_apply_dbp(struct dbg *d, const char *args)
{
    if (*args)
        return lerr_set(&d->err, "Syntax error: .apply_dbp takes no arguments (~N .apply_dbp for thread N)");
    if (dbg_need_process(d) < 0)
        return -1;
    return eng_hw_apply(d->s, eng_cur_thread(d->s), &d->err);
}


const struct cmd_def cmd_ba_table[] = {
    {"ba", cmd_ba, "processor breakpoint: [~t] ba[ID] [opts] e1|r1..8|w1..8 addr [passes] [\"cmds\"]", 1},
    {".dbgregs", cmd_dbgregs, "debug registers: the probe's result; .dbgregs emulate | auto"},
    {".apply_dbp", cmd_apply_dbp, "write the data breakpoints into a thread again: ~N .apply_dbp"},
    {NULL, NULL, NULL},
};
