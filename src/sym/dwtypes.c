#include "sym/dwtypes.h"

#include <ctype.h>
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

Dwarf_Die *dw_type_of(Dwarf_Die *die, Dwarf_Die *out)
{
    Dwarf_Attribute a;
    if (!dwarf_attr_integrate(die, DW_AT_type, &a))
        return NULL;
    return dwarf_formref_die(&a, out);
}

/* Through typedefs and qualifiers to the type that says how to print. */
int dw_peel(Dwarf_Die *t, Dwarf_Die *out)
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
        if (!dw_type_of(&cur, &next))
            return 0; /* const void */
        cur = next;
    }
    return 0;
}

size_t dw_array_dims(Dwarf_Die *arr, uint64_t *dims, size_t max)
{
    Dwarf_Die sub;
    size_t n = 0;
    if (dwarf_child(arr, &sub) != 0)
        return 0;
    do {
        if (dwarf_tag(&sub) != DW_TAG_subrange_type || n == max)
            continue;
        Dwarf_Attribute a;
        Dwarf_Word w;
        if (dwarf_attr_integrate(&sub, DW_AT_count, &a) && dwarf_formudata(&a, &w) == 0)
            dims[n++] = w;
        else if (dwarf_attr_integrate(&sub, DW_AT_upper_bound, &a) && dwarf_formudata(&a, &w) == 0)
            dims[n++] = w + 1;
        else
            dims[n++] = 0; /* no bound, or one computed at run time */
    } while (dwarf_siblingof(&sub, &sub) == 0);
    return n;
}

uint64_t dw_array_count(Dwarf_Die *arr)
{
    uint64_t d;
    return dw_array_dims(arr, &d, 1) ? d : 0;
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
        dw_type_name(dw_type_of(type, &inner), out);
        sb_adds(out, " *");
        return;
    case DW_TAG_const_type:
        sb_adds(out, "const ");
        dw_type_name(dw_type_of(type, &inner), out);
        return;
    case DW_TAG_volatile_type:
        sb_adds(out, "volatile ");
        dw_type_name(dw_type_of(type, &inner), out);
        return;
    case DW_TAG_array_type:
        dw_type_name(dw_type_of(type, &inner), out);
        sb_addf(out, " [%llu]", (unsigned long long)dw_array_count(type));
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

int dw_var_read(const struct dw_frame *f, const struct dw_var *v, uint64_t off, void *buf,
                size_t len)
{
    if (v->where == DW_WHERE_VALUE) {
        if (off > v->value_len || len > v->value_len - off)
            return -1;
        memcpy(buf, v->value + off, len);
        return 0;
    }
    if (v->where != DW_WHERE_MEMORY)
        return -1;
    return f->read(f->ctx, v->addr + off, buf, len);
}

static void fmt_addr(struct strbuf *out, uint64_t a)
{
    sb_addf(out, "0x%08x`%08x", (unsigned)(a >> 32), (unsigned)a);
}

static void format_at(const struct dw_frame *f, Dwarf_Die *type, const struct dw_var *v,
                      uint64_t off, struct strbuf *out);

/* A struct that is not in memory (in registers, pieced together) has no
 * address to show: its members are shown instead, as GDB does. */
static void format_members(const struct dw_frame *f, Dwarf_Die *t, const struct dw_var *v,
                           uint64_t off, struct strbuf *out)
{
    Dwarf_Die m, mt;
    Dwarf_Attribute a;
    int first = 1;
    sb_addc(out, '{');
    if (dwarf_child(t, &m) == 0) {
        do {
            Dwarf_Word loc = 0;
            if (dwarf_tag(&m) != DW_TAG_member || !dw_type_of(&m, &mt))
                continue;
            if (dwarf_attr_integrate(&m, DW_AT_data_member_location, &a))
                dwarf_formudata(&a, &loc);
            sb_addf(out, "%s%s = ", first ? "" : ", ", dwarf_diename(&m) ? dwarf_diename(&m) : "?");
            first = 0;
            if (dwarf_hasattr(&m, DW_AT_bit_size))
                sb_adds(out, "<bitfield>");
            else
                format_at(f, &mt, v, off + loc, out);
        } while (dwarf_siblingof(&m, &m) == 0);
    }
    sb_addc(out, '}');
}

static void format_at(const struct dw_frame *f, Dwarf_Die *type, const struct dw_var *v,
                      uint64_t off, struct strbuf *out)
{
    Dwarf_Die t;
    if (!type || !dw_peel(type, &t)) {
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
        if (dw_var_read(f, v, off, &p, 8) < 0) {
            sb_adds(out, "<memory unreadable>");
            return;
        }
        fmt_addr(out, p);
        return;
    }
    if (tag == DW_TAG_base_type || tag == DW_TAG_enumeration_type) {
        if (size == 0 || size > 16 || dw_var_read(f, v, off, buf, size) < 0) {
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
            } else if (size == 16 && sizeof(long double) == 16) {
                long double ld; /* x87 80-bit in 16 bytes: the host's own */
                memcpy(&ld, buf, sizeof ld);
                sb_addf(out, "%Lg", ld);
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
        uint64_t n = dw_array_count(&t);
        if (!dw_type_of(&t, &elem) || !dw_peel(&elem, &pe)) {
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
                if (dw_var_read(f, v, off + i, &c, 1) < 0 || c == 0)
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
    if (v->where == DW_WHERE_VALUE && (tag == DW_TAG_structure_type || tag == DW_TAG_union_type)) {
        format_members(f, &t, v, off, out);
        return;
    }
    struct strbuf name;
    sb_init(&name);
    dw_type_name(&t, &name);
    if (v->where == DW_WHERE_MEMORY) {
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
    if (v->where == DW_WHERE_NONE) {
        sb_adds(out, "<optimized out>"); /* GDB's words */
        return;
    }
    if (v->where == DW_WHERE_SYNTHETIC) {
        sb_adds(out, "<synthetic pointer>");
        return;
    }
    format_at(f, type, v, 0, out);
}

int dw_each_top_die(struct sym_module *m, int (*fn)(Dwarf_Die *, Dwarf_Addr, void *), void *ctx)
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

static int is_type_tag(int tag)
{
    return tag == DW_TAG_structure_type || tag == DW_TAG_class_type || tag == DW_TAG_union_type ||
           tag == DW_TAG_enumeration_type || tag == DW_TAG_typedef || tag == DW_TAG_base_type;
}

const char *dw_scope_sep(const char *name)
{
    int angle = 0;
    for (const char *p = name; *p; p++) {
        if (*p == '<' || *p == '(')
            angle++;
        else if ((*p == '>' || *p == ')') && angle > 0)
            angle--;
        else if (!angle && p[0] == ':' && p[1] == ':')
            return p;
    }
    return NULL;
}

/* name (maybe qualified, "ns::Outer::Type") from die down: a type named by
 * its last component inside namespaces and classes named by the others.
 * Anonymous and inline namespaces are looked through. */
static int match_scoped(Dwarf_Die *d, const char *name, struct type_query *q)
{
    int tag = dwarf_tag(d);
    const char *n = dwarf_diename(d);
    const char *sep = dw_scope_sep(name);
    Dwarf_Die c;
    if (!sep) {
        /* "struct X" finds a class too: C++ spells them either way */
        int kind_ok = !q->tag ? is_type_tag(tag)
                      : q->tag == DW_TAG_structure_type || q->tag == DW_TAG_class_type
                          ? tag == DW_TAG_structure_type || tag == DW_TAG_class_type
                          : tag == q->tag;
        if (kind_ok &&
            n && !strcmp(n, name) && !dwarf_hasattr(d, DW_AT_declaration)) {
            *q->out = *d;
            return 1;
        }
    }
    if (tag == DW_TAG_namespace && (!n || dwarf_hasattr(d, DW_AT_export_symbols))) {
        if (dwarf_child(d, &c) == 0)
            do {
                if (match_scoped(&c, name, q))
                    return 1;
            } while (dwarf_siblingof(&c, &c) == 0);
        return 0;
    }
    if (!sep || !n || strlen(n) != (size_t)(sep - name) || strncmp(n, name, (size_t)(sep - name)))
        return 0;
    if (tag != DW_TAG_namespace && tag != DW_TAG_structure_type && tag != DW_TAG_class_type &&
        tag != DW_TAG_union_type)
        return 0;
    if (dwarf_child(d, &c) == 0)
        do {
            if (match_scoped(&c, sep + 2, q))
                return 1;
        } while (dwarf_siblingof(&c, &c) == 0);
    return 0;
}

static int match_type(Dwarf_Die *d, Dwarf_Addr bias, void *ctx)
{
    (void)bias;
    struct type_query *q = ctx;
    return match_scoped(d, q->name, q);
}

struct sym_module *dw_module_prefix(struct sym_space *sp, const char **name)
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
    return dw_find_type_mod(sp, name, out, NULL);
}

int dw_find_type_mod(struct sym_space *sp, const char *name, Dwarf_Die *out,
                     struct sym_module **mod)
{
    struct type_query q = {name, 0, out, 0};
    struct sym_module *only = dw_module_prefix(sp, &q.name);
    static const struct { const char *kw; int tag; } kinds[] = {
        {"struct ", DW_TAG_structure_type}, {"class ", DW_TAG_class_type},
        {"union ", DW_TAG_union_type}, {"enum ", DW_TAG_enumeration_type}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t n = strlen(kinds[i].kw);
        if (!strncmp(q.name, kinds[i].kw, n)) {
            q.name += n;
            q.tag = kinds[i].tag;
        }
    }
    for (size_t i = 0; i < sp->n; i++) {
        if (only && sp->mods[i] != only)
            continue;
        if (dw_each_top_die(sp->mods[i], match_type, &q)) {
            if (mod)
                *mod = sp->mods[i];
            return 1;
        }
    }
    return 0;
}


int dw_var_scalar(const struct dw_frame *f, const struct dw_var *v, uint64_t *out)
{
    Dwarf_Die t;
    if (!v->has_type || v->where == DW_WHERE_NONE || !dw_peel((Dwarf_Die *)&v->type, &t))
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
    if (dw_var_read(f, v, 0, &val, size) < 0)
        return -1;
    *out = val;
    return 0;
}

int dw_pointee_aggregate(Dwarf_Die *type, Dwarf_Die *out)
{
    Dwarf_Die t, target, pt;
    if (!dw_peel(type, &t) || dwarf_tag(&t) != DW_TAG_pointer_type || !dw_type_of(&t, &target) ||
        !dw_peel(&target, &pt))
        return 0;
    if (dwarf_tag(&pt) != DW_TAG_structure_type && dwarf_tag(&pt) != DW_TAG_class_type &&
        dwarf_tag(&pt) != DW_TAG_union_type)
        return 0;
    *out = target;
    return 1;
}
