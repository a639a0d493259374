/* dt: a variable (local, then global) with its members, or a type laid
 * over an address, from DWARF (sym/dwtypes.h). */
#include "cmd/dbg.h"
#include "sym/dwvars.h"
#include "ui/format.h"

#include <string.h>

struct find_ctx {
    const char *name;
    struct dw_var found;
    int ok;
};

static int find_var(void *ctx, const struct dw_var *v)
{
    struct find_ctx *c = ctx;
    if (strcmp(v->name, c->name) == 0) {
        c->found = *v;
        c->ok = 1; /* the innermost scope comes last: keep looking */
    }
    return 0;
}

/* dt name | dt type [addr] */
static int cmd_dt(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    if (!*args)
        return lerr_set(&d->err, "Syntax error: dt needs a variable or a type: dt name [address]");
    char name[256];
    size_t n = strcspn(args, " \t");
    if (!strncmp(args, "struct ", 7) || !strncmp(args, "union ", 6) || !strncmp(args, "enum ", 5))
        n += 1 + strcspn(args + n + 1, " \t");
    snprintf(name, sizeof name, "%.*s", (int)n, args);
    const char *rest = dbg_skip(args + n);
    struct sym_space *sp = eng_syms(d->s);
    struct dw_frame f;
    if (dbg_frame_context(d, d->frame, &f, NULL) < 0)
        return -1;
    struct strbuf out;
    sb_init(&out);
    Dwarf_Die type;
    char a[FMT_ADDR_LEN];
    if (!*rest) {
        struct find_ctx c = {name, {0}, 0};
        struct lerr ignore;
        dw_frame_vars(sp, &f, find_var, &c, &ignore);
        uint64_t gaddr;
        if (c.ok && c.found.has_type && c.found.where == DW_WHERE_MEMORY) {
            dw_type_name(&c.found.type, &out);
            fprintf(d->out, "Local var @ %s Type %s\n", fmt_addr(a, c.found.addr), sb_str(&out));
            sb_reset(&out);
            Dwarf_Die target;
            uint64_t ptr;
            if (dw_pointee_aggregate(&c.found.type, &target) && dw_var_scalar(&f, &c.found, &ptr) == 0) {
                /* a pointer to a struct: its members, as WinDbg shows */
                fprintf(d->out, "%s", sb_str(&out));
                sb_reset(&out);
                sb_addf(&out, "   -> %s\n", fmt_addr(a, ptr));
                dw_dump_type(&f, &target, ptr, 3, 2, &out);
            } else {
                dw_dump_type(&f, &c.found.type, c.found.addr, 3, 2, &out);
            }
        } else if (c.ok) {
            dw_format_value(&f, c.found.has_type ? &c.found.type : NULL, &c.found, &out);
            fprintf(d->out, "Local var (not in memory) %s = ", name);
            sb_addc(&out, '\n');
        } else if (dw_find_global(sp, name, &gaddr, &type)) {
            dw_type_name(&type, &out);
            fprintf(d->out, "Global var @ %s Type %s\n", fmt_addr(a, gaddr), sb_str(&out));
            sb_reset(&out);
            dw_dump_type(&f, &type, gaddr, 3, 2, &out);
        } else if (dw_find_type(sp, name, &type)) {
            return lerr_set(&d->err, "dt %s: a type needs an address: dt %s ADDRESS", name, name);
        } else {
            sb_free(&out);
            return lerr_set_code(&d->err, LERR_NOT_FOUND, "Couldn't resolve error at '%s': no such variable or type", name);
        }
    } else {
        uint64_t addr;
        if (!dw_find_type(sp, name, &type)) {
            sb_free(&out);
            return lerr_set_code(&d->err, LERR_NOT_FOUND, "Couldn't resolve error at '%s': no such type", name);
        }
        if (dbg_eval(d, &rest, &addr) < 0 || (*rest && lerr_set(&d->err, "Syntax error at '%s'", rest))) {
            sb_free(&out);
            return -1;
        }
        uint8_t probe;
        if (eng_read(d->s, addr, &probe, 1, NULL) != 0) {
            sb_free(&out);
            return lerr_set(&d->err, "Memory access error at %s", fmt_addr(a, addr));
        }
        dw_dump_type(&f, &type, addr, 3, 2, &out);
    }
    fputs(sb_str(&out), d->out);
    sb_free(&out);
    return 0;
}

const struct cmd_def cmd_dt_table[] = {
    {"dt", cmd_dt, "display a variable, or a type at an address: dt name | dt type addr"},
    {NULL, NULL, NULL},
};
