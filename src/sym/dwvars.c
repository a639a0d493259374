#include "sym/dwvars.h"

#include <ctype.h>
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

static Dwarf_Die *type_of(Dwarf_Die *die, Dwarf_Die *out)
{
    Dwarf_Attribute a;
    if (!dwarf_attr_integrate(die, DW_AT_type, &a))
        return NULL;
    return dwarf_formref_die(&a, out);
}

/* Through typedefs and qualifiers to the type that says how to print. */
static int peel(Dwarf_Die *t, Dwarf_Die *out)
{
    Dwarf_Die cur = *t;
    for (int guard = 0; guard < 64; guard++) {
        int tag = dwarf_tag(&cur);
        if (tag != DW_TAG_typedef && tag != DW_TAG_const_type && tag != DW_TAG_volatile_type &&
            tag != DW_TAG_restrict_type && tag != DW_TAG_atomic_type) {
            *out = cur;
            return 1;
        }
        Dwarf_Die next;
        if (!type_of(&cur, &next))
            return 0; /* const void */
        cur = next;
    }
    return 0;
}

static uint64_t array_count(Dwarf_Die *arr)
{
    Dwarf_Die sub;
    if (dwarf_child(arr, &sub) != 0)
        return 0;
    do {
        if (dwarf_tag(&sub) != DW_TAG_subrange_type)
            continue;
        Dwarf_Attribute a;
        Dwarf_Word w;
        if (dwarf_attr_integrate(&sub, DW_AT_count, &a) && dwarf_formudata(&a, &w) == 0)
            return w;
        if (dwarf_attr_integrate(&sub, DW_AT_upper_bound, &a) && dwarf_formudata(&a, &w) == 0)
            return w + 1;
        return 0;
    } while (dwarf_siblingof(&sub, &sub) == 0);
    return 0;
}

void dw_type_name(Dwarf_Die *type, struct strbuf *out)
{
    if (!type) {
        sb_adds(out, "void");
        return;
    }
    Dwarf_Die inner;
    const char *name = dwarf_diename(type);
    switch (dwarf_tag(type)) {
    case DW_TAG_pointer_type:
        dw_type_name(type_of(type, &inner), out);
        sb_adds(out, " *");
        return;
    case DW_TAG_const_type:
        sb_adds(out, "const ");
        dw_type_name(type_of(type, &inner), out);
        return;
    case DW_TAG_volatile_type:
        sb_adds(out, "volatile ");
        dw_type_name(type_of(type, &inner), out);
        return;
    case DW_TAG_array_type:
        dw_type_name(type_of(type, &inner), out);
        sb_addf(out, " [%llu]", (unsigned long long)array_count(type));
        return;
    case DW_TAG_structure_type:
        sb_addf(out, "struct %s", name ? name : "<anonymous>");
        return;
    case DW_TAG_union_type:
        sb_addf(out, "union %s", name ? name : "<anonymous>");
        return;
    case DW_TAG_enumeration_type:
        sb_addf(out, "enum %s", name ? name : "<anonymous>");
        return;
    case DW_TAG_subroutine_type:
        sb_adds(out, "<function>");
        return;
    default:
        sb_adds(out, name ? name : "?");
        return;
    }
}

static int read_bytes(const struct dw_frame *f, const struct dw_var *v, uint64_t off, void *buf,
                      size_t len)
{
    if (v->where == 2) {
        if (off + len > 8)
            return -1;
        memcpy(buf, (const char *)&v->reg_value + off, len);
        return 0;
    }
    if (v->where != 1)
        return -1;
    return f->read(f->ctx, v->addr + off, buf, len);
}

static void fmt_addr(struct strbuf *out, uint64_t a)
{
    sb_addf(out, "0x%08x`%08x", (unsigned)(a >> 32), (unsigned)a);
}

static void format_at(const struct dw_frame *f, Dwarf_Die *type, const struct dw_var *v,
                      uint64_t off, struct strbuf *out)
{
    Dwarf_Die t;
    if (!type || !peel(type, &t)) {
        sb_adds(out, "<no type>");
        return;
    }
    int tag = dwarf_tag(&t);
    Dwarf_Word size = 0;
    Dwarf_Attribute a;
    if (dwarf_attr_integrate(&t, DW_AT_byte_size, &a))
        dwarf_formudata(&a, &size);
    uint8_t buf[16] = {0};
    if (tag == DW_TAG_pointer_type) {
        uint64_t p;
        if (read_bytes(f, v, off, &p, 8) < 0) {
            sb_adds(out, "<memory unreadable>");
            return;
        }
        fmt_addr(out, p);
        return;
    }
    if (tag == DW_TAG_base_type || tag == DW_TAG_enumeration_type) {
        if (size == 0 || size > 16 || read_bytes(f, v, off, buf, size) < 0) {
            sb_adds(out, "<memory unreadable>");
            return;
        }
        Dwarf_Word enc = DW_ATE_signed;
        if (tag == DW_TAG_base_type && dwarf_attr_integrate(&t, DW_AT_encoding, &a))
            dwarf_formudata(&a, &enc);
        uint64_t u = 0;
        memcpy(&u, buf, size > 8 ? 8 : size);
        int64_t sv = size < 8 && (u >> (size * 8 - 1) & 1) ? (int64_t)(u | (~0ULL << (size * 8)))
                                                           : (int64_t)u;
        if (tag == DW_TAG_enumeration_type) {
            Dwarf_Die en;
            if (dwarf_child(&t, &en) == 0) {
                do {
                    Dwarf_Sword val;
                    if (dwarf_attr_integrate(&en, DW_AT_const_value, &a) &&
                        dwarf_formsdata(&a, &val) == 0 && val == sv) {
                        sb_addf(out, "%s (0n%lld)", dwarf_diename(&en), (long long)sv);
                        return;
                    }
                } while (dwarf_siblingof(&en, &en) == 0);
            }
            sb_addf(out, "0n%lld", (long long)sv);
            return;
        }
        switch (enc) {
        case DW_ATE_float:
            if (size == 4) {
                float fl;
                memcpy(&fl, buf, 4);
                sb_addf(out, "%g", (double)fl);
            } else if (size == 8) {
                double db;
                memcpy(&db, buf, 8);
                sb_addf(out, "%g", db);
            } else {
                sb_adds(out, "<long double>");
            }
            return;
        case DW_ATE_boolean:
            sb_adds(out, u ? "true" : "false");
            return;
        case DW_ATE_signed_char:
        case DW_ATE_unsigned_char:
            sb_addf(out, "0x%02x '%c'", (unsigned)(u & 0xff), isprint((int)(u & 0xff)) ? (int)u : '.');
            return;
        case DW_ATE_unsigned:
            sb_addf(out, "0x%llx", (unsigned long long)u);
            return;
        default:
            sb_addf(out, "0n%lld", (long long)sv);
            return;
        }
    }
    if (tag == DW_TAG_array_type) {
        Dwarf_Die elem, pe;
        uint64_t n = array_count(&t);
        if (!type_of(&t, &elem) || !peel(&elem, &pe)) {
            sb_adds(out, "<array>");
            return;
        }
        Dwarf_Word esize = 0;
        if (dwarf_attr_integrate(&pe, DW_AT_byte_size, &a))
            dwarf_formudata(&a, &esize);
        Dwarf_Word enc = 0;
        if (dwarf_tag(&pe) == DW_TAG_base_type && esize == 1 &&
            dwarf_attr_integrate(&pe, DW_AT_encoding, &a))
            dwarf_formudata(&a, &enc);
        if (enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char) {
            sb_addc(out, '"');
            for (uint64_t i = 0; i < n && i < 256; i++) {
                char c;
                if (read_bytes(f, v, off + i, &c, 1) < 0 || c == 0)
                    break;
                sb_addc(out, isprint((unsigned char)c) ? c : '.');
            }
            sb_addc(out, '"');
            return;
        }
        sb_addc(out, '{');
        for (uint64_t i = 0; i < n && i < 8 && esize; i++) {
            if (i)
                sb_adds(out, ", ");
            format_at(f, &elem, v, off + i * esize, out);
        }
        sb_adds(out, n > 8 ? ", ...}" : "}");
        return;
    }
    struct strbuf name;
    sb_init(&name);
    dw_type_name(&t, &name);
    if (v->where == 1) {
        sb_addf(out, "%s @ ", sb_str(&name));
        fmt_addr(out, v->addr + off);
    } else {
        sb_adds(out, sb_str(&name));
    }
    sb_free(&name);
}

void dw_format_value(const struct dw_frame *f, Dwarf_Die *type, const struct dw_var *v,
                     struct strbuf *out)
{
    if (v->where == 0) {
        sb_adds(out, "<value unavailable>");
        return;
    }
    format_at(f, type, v, 0, out);
}

void dw_dump_type(const struct dw_frame *f, Dwarf_Die *type, uint64_t addr, int indent,
                  int depth, struct strbuf *out)
{
    Dwarf_Die t;
    struct dw_var at = {.where = 1, .addr = addr};
    if (!peel(type, &t) ||
        (dwarf_tag(&t) != DW_TAG_structure_type && dwarf_tag(&t) != DW_TAG_union_type)) {
        sb_addf(out, "%*s", indent, "");
        format_at(f, type, &at, 0, out);
        sb_addc(out, '\n');
        return;
    }
    Dwarf_Die mem;
    if (dwarf_child(&t, &mem) != 0)
        return;
    do {
        if (dwarf_tag(&mem) != DW_TAG_member)
            continue;
        Dwarf_Attribute a;
        Dwarf_Word off = 0;
        if (dwarf_attr_integrate(&mem, DW_AT_data_member_location, &a))
            dwarf_formudata(&a, &off);
        const char *name = dwarf_diename(&mem);
        sb_addf(out, "%*s+0x%03llx %-16s : ", indent, "", (unsigned long long)off, name ? name : "");
        Dwarf_Die mt, pm;
        if (!type_of(&mem, &mt)) {
            sb_adds(out, "?\n");
            continue;
        }
        int tag = peel(&mt, &pm) ? dwarf_tag(&pm) : 0;
        if ((tag == DW_TAG_structure_type || tag == DW_TAG_union_type) && depth > 0) {
            struct strbuf tn;
            sb_init(&tn);
            dw_type_name(&pm, &tn);
            sb_addf(out, "%s\n", sb_str(&tn));
            sb_free(&tn);
            dw_dump_type(f, &mt, addr + off, indent + 3, depth - 1, out);
        } else {
            format_at(f, &mt, &at, off, out);
            sb_addc(out, '\n');
        }
    } while (dwarf_siblingof(&mem, &mem) == 0);
}

static int reg_of(const struct user_regs_struct *r, int n, uint64_t *v)
{
    if (!r)
        return -1;
    const unsigned long long vals[17] = {r->rax, r->rdx, r->rcx, r->rbx, r->rsi, r->rdi,
                                         r->rbp, r->rsp, r->r8,  r->r9,  r->r10, r->r11,
                                         r->r12, r->r13, r->r14, r->r15, r->rip};
    if (n < 0 || n > 16)
        return -1;
    *v = vals[n];
    return 0;
}

/* Evaluates the simple location forms into v. */
static void locate(const struct dw_frame *f, Dwarf_Die *die, Dwarf_Addr pc_rel, Dwarf_Addr bias,
                   uint64_t fb, int fb_known, struct dw_var *v)
{
    Dwarf_Attribute at;
    Dwarf_Op *ops;
    size_t n;
    v->where = 0;
    if (!dwarf_attr_integrate(die, DW_AT_location, &at) ||
        dwarf_getlocation_addr(&at, pc_rel, &ops, &n, 1) != 1 || n != 1)
        return;
    uint8_t op = ops[0].atom;
    uint64_t r;
    if (op == DW_OP_fbreg && fb_known) {
        v->where = 1;
        v->addr = fb + (uint64_t)(int64_t)ops[0].number;
    } else if (op == DW_OP_addr) {
        v->where = 1;
        v->addr = ops[0].number + bias;
    } else if (op >= DW_OP_breg0 && op <= DW_OP_breg16 && reg_of(f->regs, op - DW_OP_breg0, &r) == 0) {
        v->where = 1;
        v->addr = r + (uint64_t)(int64_t)ops[0].number;
    } else if (op >= DW_OP_reg0 && op <= DW_OP_reg16 && reg_of(f->regs, op - DW_OP_reg0, &r) == 0) {
        v->where = 2;
        v->reg_value = r;
    }
}

static int frame_base(const struct dw_frame *f, Dwarf_Die *func, Dwarf_Addr pc_rel, uint64_t *fb)
{
    Dwarf_Attribute at;
    Dwarf_Op *ops;
    size_t n;
    if (!dwarf_attr_integrate(func, DW_AT_frame_base, &at) ||
        dwarf_getlocation_addr(&at, pc_rel, &ops, &n, 1) != 1 || n != 1)
        return 0;
    uint64_t r;
    if (ops[0].atom == DW_OP_call_frame_cfa && f->cfa) {
        *fb = f->cfa;
        return 1;
    }
    if (ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg16 &&
        reg_of(f->regs, ops[0].atom - DW_OP_breg0, &r) == 0) {
        *fb = r + (uint64_t)(int64_t)ops[0].number;
        return 1;
    }
    return 0;
}

/* Integer-class per the System V ABI: passed in a general register. */
static int integer_class(Dwarf_Die *type)
{
    Dwarf_Die t;
    Dwarf_Attribute a;
    Dwarf_Word size = 0, enc = 0;
    if (!type || !peel(type, &t))
        return 0;
    int tag = dwarf_tag(&t);
    if (tag == DW_TAG_pointer_type)
        return 1;
    if (tag != DW_TAG_base_type && tag != DW_TAG_enumeration_type)
        return 0;
    if (!dwarf_attr_integrate(&t, DW_AT_byte_size, &a) || dwarf_formudata(&a, &size) || size > 8)
        return 0;
    if (tag == DW_TAG_base_type && dwarf_attr_integrate(&t, DW_AT_encoding, &a) &&
        dwarf_formudata(&a, &enc) == 0 && enc == DW_ATE_float)
        return 0;
    return 1;
}

/* At a function's first instruction its prologue has not stored the
 * parameters where DWARF says they live: they are still where the caller
 * put them. Integer and pointer parameters come in rdi rsi rdx rcx r8 r9,
 * as long as every earlier one is of that class too. */
static int entry_register(const struct dw_frame *f, int index, uint64_t *v)
{
    if (!f->regs || index >= 6)
        return 0;
    const unsigned long long regs[6] = {f->regs->rdi, f->regs->rsi, f->regs->rdx,
                                        f->regs->rcx, f->regs->r8,  f->regs->r9};
    *v = regs[index];
    return 1;
}

static int visit_children(const struct dw_frame *f, Dwarf_Die *scope, int tag, Dwarf_Addr pc_rel,
                          Dwarf_Addr bias, uint64_t fb, int fb_known, dw_var_fn fn, void *ctx)
{
    Dwarf_Addr low = 0;
    int at_entry = tag == DW_TAG_formal_parameter && dwarf_lowpc(scope, &low) == 0 && low == pc_rel;
    int int_index = 0, abi_ok = 1;
    Dwarf_Die c;
    if (dwarf_child(scope, &c) != 0)
        return 0;
    do {
        if (dwarf_tag(&c) != tag || !dwarf_diename(&c))
            continue;
        struct dw_var v = {.name = dwarf_diename(&c), .is_param = tag == DW_TAG_formal_parameter};
        v.has_type = type_of(&c, &v.type) != NULL;
        locate(f, &c, pc_rel, bias, fb, fb_known, &v);
        if (at_entry) {
            if (abi_ok && v.has_type && integer_class(&v.type) &&
                entry_register(f, int_index, &v.reg_value)) {
                v.where = 2;
                int_index++;
            } else {
                abi_ok = 0;
                v.where = 0; /* the stack slot is not written yet */
            }
        }
        int stop = fn(ctx, &v);
        if (stop)
            return stop;
    } while (dwarf_siblingof(&c, &c) == 0);
    return 0;
}

int dw_frame_vars(struct sym_space *sp, const struct dw_frame *f, dw_var_fn fn, void *ctx,
                  struct lerr *e)
{
    struct sym_module *m = sym_module_at(sp, f->pc);
    Dwarf_Addr bias;
    Dwarf_Die *cu = m && m->dw ? dwfl_module_addrdie(m->dw, f->pc, &bias) : NULL;
    if (!cu)
        return lerr_set(e, "No DWARF information for this frame's function");
    Dwarf_Die *scopes = NULL;
    int n = dwarf_getscopes(cu, f->pc - bias, &scopes);
    int func = -1;
    for (int i = 0; i < n && func < 0; i++)
        if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram)
            func = i;
    if (func < 0) {
        free(scopes);
        return lerr_set(e, "No DWARF information for this frame's function");
    }
    Dwarf_Addr pc_rel = f->pc - bias;
    uint64_t fb = 0;
    int fb_known = frame_base(f, &scopes[func], pc_rel, &fb);
    int stop = visit_children(f, &scopes[func], DW_TAG_formal_parameter, pc_rel, bias, fb,
                              fb_known, fn, ctx);
    for (int i = func; i >= 0 && !stop; i--)
        stop = visit_children(f, &scopes[i], DW_TAG_variable, pc_rel, bias, fb, fb_known, fn, ctx);
    free(scopes);
    return 0;
}

/* Calls fn on every top-level DIE of every CU of the module. */
static int each_top_die(struct sym_module *m, int (*fn)(Dwarf_Die *, Dwarf_Addr, void *), void *ctx)
{
    Dwarf_Addr bias;
    Dwarf *dw = m->dw ? dwfl_module_getdwarf(m->dw, &bias) : NULL;
    if (!dw)
        return 0;
    Dwarf_Off off = 0, next;
    size_t hsize;
    while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        Dwarf_Die cu, c;
        if (dwarf_offdie(dw, off + hsize, &cu) && dwarf_child(&cu, &c) == 0) {
            do {
                if (fn(&c, bias, ctx))
                    return 1;
            } while (dwarf_siblingof(&c, &c) == 0);
        }
        off = next;
    }
    return 0;
}

struct type_query {
    const char *name;
    int tag; /* 0: any type tag */
    Dwarf_Die *out;
    uint64_t addr;
};

static int match_type(Dwarf_Die *d, Dwarf_Addr bias, void *ctx)
{
    (void)bias;
    struct type_query *q = ctx;
    int tag = dwarf_tag(d);
    if (q->tag ? tag != q->tag
               : (tag != DW_TAG_structure_type && tag != DW_TAG_union_type &&
                  tag != DW_TAG_enumeration_type && tag != DW_TAG_typedef && tag != DW_TAG_base_type))
        return 0;
    const char *n = dwarf_diename(d);
    if (!n || strcmp(n, q->name) != 0 || dwarf_hasattr(d, DW_AT_declaration))
        return 0;
    *q->out = *d;
    return 1;
}

static struct sym_module *split_module(struct sym_space *sp, const char **name)
{
    const char *bang = strchr(*name, '!');
    if (!bang)
        return NULL;
    struct sym_module *m = sym_module_named(sp, *name, (size_t)(bang - *name));
    *name = bang + 1;
    return m;
}

int dw_find_type(struct sym_space *sp, const char *name, Dwarf_Die *out)
{
    struct type_query q = {name, 0, out, 0};
    struct sym_module *only = split_module(sp, &q.name);
    static const struct { const char *kw; int tag; } kinds[] = {
        {"struct ", DW_TAG_structure_type}, {"union ", DW_TAG_union_type}, {"enum ", DW_TAG_enumeration_type}};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(kinds[i].kw);
        if (!strncmp(q.name, kinds[i].kw, n)) {
            q.name += n;
            q.tag = kinds[i].tag;
        }
    }
    for (size_t i = 0; i < sp->n; i++) {
        if (only && sp->mods[i] != only)
            continue;
        if (each_top_die(sp->mods[i], match_type, &q))
            return 1;
    }
    return 0;
}

static int match_global(Dwarf_Die *d, Dwarf_Addr bias, void *ctx)
{
    struct type_query *q = ctx;
    const char *n = dwarf_diename(d);
    if (dwarf_tag(d) != DW_TAG_variable || !n || strcmp(n, q->name) != 0)
        return 0;
    Dwarf_Attribute at;
    Dwarf_Op *ops;
    size_t nops;
    if (!dwarf_attr_integrate(d, DW_AT_location, &at) || dwarf_getlocation(&at, &ops, &nops) != 0 ||
        nops != 1 || ops[0].atom != DW_OP_addr)
        return 0;
    q->addr = ops[0].number + bias;
    return type_of(d, q->out) != NULL;
}

int dw_find_global(struct sym_space *sp, const char *name, uint64_t *addr, Dwarf_Die *type)
{
    struct type_query q = {name, 0, type, 0};
    struct sym_module *only = split_module(sp, &q.name);
    for (size_t i = 0; i < sp->n; i++) {
        if (only && sp->mods[i] != only)
            continue;
        if (each_top_die(sp->mods[i], match_global, &q)) {
            *addr = q.addr;
            return 1;
        }
    }
    return 0;
}

const char *dw_function_name(struct sym_space *sp, uint64_t pc)
{
    struct sym_module *m = sym_module_at(sp, pc);
    Dwarf_Addr bias;
    Dwarf_Die *cu = m && m->dw ? dwfl_module_addrdie(m->dw, pc, &bias) : NULL;
    Dwarf_Die *scopes = NULL;
    int n = cu ? dwarf_getscopes(cu, pc - bias, &scopes) : 0;
    const char *name = NULL;
    for (int i = 0; i < n && !name; i++)
        if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram)
            name = dwarf_diename(&scopes[i]);
    free(scopes);
    return name;
}

int dw_var_scalar(const struct dw_frame *f, const struct dw_var *v, uint64_t *out)
{
    Dwarf_Die t;
    if (!v->has_type || !v->where || !peel((Dwarf_Die *)&v->type, &t))
        return -1;
    int tag = dwarf_tag(&t);
    Dwarf_Word size = 8;
    Dwarf_Attribute a;
    if (tag != DW_TAG_pointer_type) {
        if (tag != DW_TAG_base_type && tag != DW_TAG_enumeration_type)
            return -1;
        if (!dwarf_attr_integrate(&t, DW_AT_byte_size, &a) || dwarf_formudata(&a, &size) != 0 ||
            size == 0 || size > 8)
            return -1;
    }
    uint64_t val = 0;
    if (read_bytes(f, v, 0, &val, size) < 0)
        return -1;
    *out = val;
    return 0;
}

int dw_pointee_aggregate(Dwarf_Die *type, Dwarf_Die *out)
{
    Dwarf_Die t, target, pt;
    if (!peel(type, &t) || dwarf_tag(&t) != DW_TAG_pointer_type || !type_of(&t, &target) ||
        !peel(&target, &pt))
        return 0;
    if (dwarf_tag(&pt) != DW_TAG_structure_type && dwarf_tag(&pt) != DW_TAG_union_type)
        return 0;
    *out = target;
    return 1;
}
