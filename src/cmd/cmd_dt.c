/* dt (Display Type), as WinDbg shows it: a variable (local, then global)
 * or a type laid over an address, member by member with offsets; a type
 * alone prints its layout. Options -r[N] (nested aggregates), -a[N]
 * (array elements), -b (everything, pointers of the top level followed);
 * member paths after the name show only those members. The formatting is
 * sym/dwlayout.h's. */
#include "cmd/dbg.h"
#include "sym/dwlayout.h"
#include "sym/dwvars.h"
#include "ui/format.h"

#include <ctype.h>
#include <dwarf.h>
#include <stdlib.h>
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

/* -r[N] -a[N] -b before the name. Returns the rest, or NULL on an
 * unknown option (d->err set). */
static const char *parse_opts(struct dbg *d, const char *p, struct dw_dt_opts *o)
{
    while (*p == '-') {
        char c = p[1];
        const char *q = p + 2;
        if (c == 'r' || c == 'a') {
            long n = -1;
            if (isdigit((unsigned char)*q))
                n = strtol(q, (char **)&q, 10);
            if (c == 'r')
                o->depth = n < 0 || n > 9 ? 9 : (int)n; /* WinDbg: depth 1 to 9 */
            else
                o->array_n = (int)n;
        } else if (c == 'b') {
            o->blocks = 1;
            o->depth = 9;
            if (!o->array_n)
                o->array_n = -1;
        } else {
            q = p + 1;
        }
        if (q == p + 1 || (*q && *q != ' ' && *q != '\t')) {
            lerr_set(&d->err, "Syntax error at '%s': dt [-r[N]] [-a[N]] [-b] name [field] [address]", p);
            return NULL;
        }
        p = dbg_skip(q);
    }
    return p;
}

/* Whether the next word of *p is a member path of type; moves *p past it. */
static int next_field(Dwarf_Die *type, const char **p, char *field, size_t size)
{
    size_t n = strcspn(*p, " \t");
    Dwarf_Die m, cur = *type;
    uint64_t off;
    if (!n || n >= size || !dw_is_aggregate(type))
        return 0;
    snprintf(field, size, "%.*s", (int)n, *p);
    for (const char *c = field; *c;) {
        size_t len = strcspn(c, ".");
        if (!len || !dw_is_aggregate(&cur) || !dw_member_find(&cur, c, len, 0, &m, &off) ||
            !dw_type_of(&m, &cur))
            return 0;
        c += len + (c[len] == '.');
    }
    *p = dbg_skip(*p + n);
    return 1;
}

/* The body under the header: members (or only the fields named in
 * fields), an array element by element, or one value. */
static void show(const struct dw_frame *f, Dwarf_Die *type, int has_addr,
                 uint64_t addr, char fields[][128], int nfields, const struct dw_dt_opts *o,
                 struct strbuf *out)
{
    Dwarf_Die t, elem;
    char a[FMT_ADDR_LEN];
    if (!dw_peel(type, &t)) {
        sb_adds(out, "   Void\n");
        return;
    }
    int tag = dwarf_tag(&t);
    if (nfields) {
        for (int i = 0; i < nfields; i++)
            dw_dt_path(f, &t, fields[i], has_addr, addr, o, 3, out);
    } else if (dw_is_aggregate(&t)) {
        dw_dt_members(f, &t, has_addr, addr, o, 3, out);
    } else if (tag == DW_TAG_enumeration_type && !has_addr) {
        dw_dt_enumerators(&t, out);
    } else if (tag == DW_TAG_array_type && has_addr && o->array_n && dw_type_of(&t, &elem)) {
        /* each element under its index and address, as WinDbg's dt -a */
        uint64_t esize = dw_type_size(&elem), n = esize ? dw_type_size(&t) / esize : 0;
        if (o->array_n > 0 && (uint64_t)o->array_n < n)
            n = (uint64_t)o->array_n;
        if (n > 4096)
            n = 4096; /* as dt shows arrays in place: a huge bound must not hang the session */
        for (uint64_t i = 0; i < n && esize; i++) {
            sb_addf(out, "[%llu] @ %s \n---------------------------------------------\n",
                    (unsigned long long)i, fmt_addr(a, addr + i * esize));
            if (dw_is_aggregate(&elem)) {
                dw_dt_members(f, &elem, 1, addr + i * esize, o, 3, out);
            } else {
                dw_dt_value(f, &elem, addr + i * esize, o, 0, out);
            }
            sb_addc(out, '\n');
        }
    } else if (!has_addr) {
        sb_adds(out, "   ");
        dw_type_word(&t, out);
        sb_addc(out, '\n');
    } else {
        sb_adds(out, "   ");
        dw_dt_value(f, &t, addr, o, 3, out);
    }
}

/* dt [-r[N]] [-a[N]] [-b] name [field ...] [address] */
static int cmd_dt(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct sym_space *sp = eng_syms(d->s);
    struct dw_dt_opts o = {.sp = sp};
    if (!(args = parse_opts(d, args, &o)))
        return -1;
    if (!*args)
        return lerr_set(&d->err, "Syntax error: dt needs a variable or a type: dt name [address]");
    char name[256];
    size_t n = strcspn(args, " \t");
    if (!strncmp(args, "struct ", 7) || !strncmp(args, "union ", 6) || !strncmp(args, "enum ", 5) ||
        !strncmp(args, "class ", 6))
        n += 1 + strcspn(args + n + 1, " \t");
    snprintf(name, sizeof name, "%.*s", (int)n, args);
    const char *rest = dbg_skip(args + n);
    struct dw_frame f;
    if (dbg_frame_context(d, d->frame, &f, NULL) < 0)
        return -1;
    struct strbuf out, tn;
    sb_init(&out);
    sb_init(&tn);
    Dwarf_Die type;
    char a[FMT_ADDR_LEN];
    char fields[8][128];
    int nfields = 0, has_addr = 1, rc = 0;
    uint64_t addr = 0;
    struct find_ctx c = {name, {0}, 0};
    struct lerr ignore;
    struct sym_module *mod = NULL;
    if (!strchr(name, '!'))
        dw_frame_vars(sp, &f, find_var, &c, &ignore);
    Dwarf_Die target;
    uint64_t ptr;
    int is_var = c.ok;
    if (c.ok && c.found.where == DW_WHERE_VALUE && c.found.has_type &&
        dw_pointee_aggregate(&c.found.type, &target) && dw_var_scalar(&f, &c.found, &ptr) == 0) {
        /* a pointer held in a register (optimised code): followed all the same */
        dw_type_qualname(&c.found.type, &tn);
        sb_addf(&out, "Local var (not in memory) Type %s\n", sb_str(&tn));
        goto follow;
    }
    if (c.ok && !(c.found.has_type && c.found.where == DW_WHERE_MEMORY)) {
        if (*rest) {
            rc = lerr_set(&d->err, "Syntax error at '%s': %s is not in memory", rest, name);
            goto done;
        }
        dw_format_value(&f, c.found.has_type ? &c.found.type : NULL, &c.found, &out);
        fprintf(d->out, "Local var (not in memory) %s = ", name);
        sb_addc(&out, '\n');
        goto done;
    }
    if (c.ok) {
        type = c.found.type;
        addr = c.found.addr;
    } else {
        is_var = dw_find_global(sp, name, &addr, &type) ||
                 (dw_scope_sep(name) && dw_find_scoped_global(sp, name, &addr, &type));
    }
    if (is_var) {
        dw_type_qualname(&type, &tn);
        sb_addf(&out, "%s var @ %s Type %s\n", c.ok ? "Local" : "Global", fmt_addr(a, addr),
                sb_str(&tn));
        if (dw_pointee_aggregate(&type, &target)) {
            /* a pointer to a struct: its members at the pointee (WinDbg) */
            if (f.read(f.ctx, addr, &ptr, 8) != 0) {
                rc = lerr_set(&d->err, "Memory access error at %s", fmt_addr(a, addr));
                goto done;
            }
        follow:
            sb_addf(&out, "0x%s \n", fmt_addr(a, ptr));
            uint8_t probe;
            if (f.read(f.ctx, ptr, &probe, 1) != 0) {
                rc = lerr_set(&d->err, "Memory access error at %s", fmt_addr(a, ptr));
                goto done;
            }
            type = target;
            addr = ptr;
        }
        while (nfields < 8 && next_field(&type, &rest, fields[nfields], sizeof fields[0]))
            nfields++;
        if (*rest) {
            rc = lerr_set(&d->err, "Syntax error at '%s': no such member of %s", rest, name);
            goto done;
        }
    } else if (dw_find_type_mod(sp, name, &type, &mod)) {
        while (nfields < 8 && next_field(&type, &rest, fields[nfields], sizeof fields[0]))
            nfields++;
        has_addr = *rest != 0;
        if (has_addr) {
            if (dbg_eval(d, &rest, &addr) < 0 ||
                (*rest && lerr_set(&d->err, "Syntax error at '%s'", rest))) {
                rc = -1;
                goto done;
            }
            uint8_t probe;
            if (eng_read(d->s, addr, &probe, 1, NULL) != 0) {
                rc = lerr_set(&d->err, "Memory access error at %s", fmt_addr(a, addr));
                goto done;
            }
        }
        dw_type_qualname(&type, &tn);
        sb_addf(&out, "%s!%s\n", mod->name, sb_str(&tn));
    } else {
        rc = lerr_set_code(&d->err, LERR_NOT_FOUND,
                           "Couldn't resolve error at '%s': no such variable or type", name);
        goto done;
    }
    show(&f, &type, has_addr, addr, fields, nfields, &o, &out);
done:
    if (rc == 0)
        fputs(sb_str(&out), d->out);
    sb_free(&out);
    sb_free(&tn);
    return rc;
}

const struct cmd_def cmd_dt_table[] = {
    {"dt", cmd_dt,
     "display a variable, or a type (at an address): dt [-r[N]] [-a[N]] [-b] name [field] [address]"},
    {NULL, NULL, NULL},
};
