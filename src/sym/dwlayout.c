#include "sym/dwlayout.h"

#include <ctype.h>
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

#include "sym/dwvars.h"

static int udata(Dwarf_Die *d, int at, Dwarf_Word *out)
{
    Dwarf_Attribute a;
    return dwarf_attr_integrate(d, at, &a) && dwarf_formudata(&a, out) == 0;
}

/* Elements of an array counted over all its dimensions (flattened). */
static uint64_t array_elements(Dwarf_Die *arr)
{
    uint64_t dims[8], total = 1;
    size_t nd = dw_array_dims(arr, dims, 8);
    for (size_t i = 0; i < nd; i++)
        if (__builtin_mul_overflow(total, dims[i], &total))
            return UINT64_MAX; /* corrupt DWARF: callers cap what they show */
    return nd ? total : 0;
}

uint64_t dw_type_size(Dwarf_Die *type)
{
    Dwarf_Die t;
    Dwarf_Word size = 0;
    if (!type || !dw_peel(type, &t))
        return 0;
    if (dwarf_tag(&t) == DW_TAG_pointer_type || dwarf_tag(&t) == DW_TAG_reference_type ||
        dwarf_tag(&t) == DW_TAG_rvalue_reference_type)
        return udata(&t, DW_AT_byte_size, &size) ? size : 8;
    if (dwarf_tag(&t) == DW_TAG_array_type && !udata(&t, DW_AT_byte_size, &size)) {
        Dwarf_Die e;
        return dw_type_of(&t, &e) ? array_elements(&t) * dw_type_size(&e) : 0;
    }
    udata(&t, DW_AT_byte_size, &size);
    return size;
}

static int is_aggregate_tag(int tag)
{
    return tag == DW_TAG_structure_type || tag == DW_TAG_union_type || tag == DW_TAG_class_type;
}

int dw_is_aggregate(Dwarf_Die *type)
{
    Dwarf_Die t;
    return type && dw_peel(type, &t) && is_aggregate_tag(dwarf_tag(&t));
}

/* 1-byte character types, shown as text. */
static int is_char_type(Dwarf_Die *type)
{
    Dwarf_Die t;
    Dwarf_Word enc = 0, size = 0;
    if (!type || !dw_peel(type, &t) || dwarf_tag(&t) != DW_TAG_base_type)
        return 0;
    udata(&t, DW_AT_encoding, &enc);
    udata(&t, DW_AT_byte_size, &size);
    return size == 1 && (enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char);
}

int dw_is_cplusplus(Dwarf_Die *die)
{
    Dwarf_Die cu;
    if (!dwarf_diecu(die, &cu, NULL, NULL))
        return 0;
    int lang = dwarf_srclang(&cu);
    return lang == DW_LANG_C_plus_plus || lang == DW_LANG_C_plus_plus_03 ||
           lang == DW_LANG_C_plus_plus_11 || lang == DW_LANG_C_plus_plus_14;
}

/* C++ scopes (namespaces, classes) around an aggregate or enum, "a::b::". */
static void add_scope(Dwarf_Die *die, struct strbuf *out)
{
    if (!dw_is_cplusplus(die))
        return;
    Dwarf_Die *scopes = NULL;
    int n = dwarf_getscopes_die(die, &scopes);
    for (int i = n - 1; i >= 1; i--) {
        int tag = dwarf_tag(&scopes[i]);
        if (tag != DW_TAG_namespace && !is_aggregate_tag(tag))
            continue;
        const char *name = dwarf_diename(&scopes[i]);
        sb_addf(out, "%s::", name ? name : "(anonymous namespace)");
    }
    free(scopes);
}

void dw_type_qualname(Dwarf_Die *type, struct strbuf *out)
{
    Dwarf_Die inner;
    if (!type) {
        sb_adds(out, "void");
        return;
    }
    const char *name = dwarf_diename(type);
    switch (dwarf_tag(type)) {
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type:
        dw_type_qualname(dw_type_of(type, &inner), out);
        sb_adds(out, dwarf_tag(type) == DW_TAG_pointer_type ? "*" : "&");
        return;
    case DW_TAG_const_type:
    case DW_TAG_volatile_type:
    {
        /* kept on what is pointed to or held (a volatile global says
         * something), dropped on pointers themselves (this: T *const) */
        Dwarf_Die *q = dw_type_of(type, &inner), pq;
        if (q && dw_peel(q, &pq) && dwarf_tag(&pq) != DW_TAG_pointer_type)
            sb_adds(out, dwarf_tag(type) == DW_TAG_const_type ? "const " : "volatile ");
        dw_type_qualname(q, out);
        return;
    }
    case DW_TAG_restrict_type:
    case DW_TAG_atomic_type:
        dw_type_qualname(dw_type_of(type, &inner), out);
        return;
    case DW_TAG_array_type:
        dw_type_qualname(dw_type_of(type, &inner), out);
        sb_addf(out, "[%llu]", (unsigned long long)dw_array_count(type));
        return;
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
    case DW_TAG_union_type:
    case DW_TAG_enumeration_type:
    case DW_TAG_typedef:
        if (!name) {
            sb_adds(out, "<unnamed-tag>");
            return;
        }
        add_scope(type, out);
        sb_adds(out, name);
        return;
    case DW_TAG_subroutine_type:
        sb_adds(out, "<function>");
        return;
    default:
        sb_adds(out, name ? name : "?");
        return;
    }
}

static void base_word(Dwarf_Die *t, struct strbuf *out)
{
    Dwarf_Word enc = DW_ATE_signed, size = 0;
    udata(t, DW_AT_encoding, &enc);
    udata(t, DW_AT_byte_size, &size);
    int is_unsigned = enc == DW_ATE_unsigned || enc == DW_ATE_unsigned_char;
    switch (enc) {
    case DW_ATE_boolean:
        sb_adds(out, "Bool");
        return;
    case DW_ATE_float:
        sb_adds(out, size == 4 ? "Float" : size == 8 ? "Double" : "Float10");
        return;
    case DW_ATE_signed_char:
    case DW_ATE_unsigned_char:
        if (size == 1) {
            sb_adds(out, is_unsigned ? "UChar" : "Char");
            return;
        }
        break;
    case DW_ATE_UTF:
        if (size == 2) {
            sb_adds(out, "Wchar");
            return;
        }
        is_unsigned = 1;
        break;
    default:
        break;
    }
    sb_addf(out, "%s%lluB", is_unsigned ? "Uint" : "Int", (unsigned long long)size);
}

void dw_type_word(Dwarf_Die *type, struct strbuf *out)
{
    Dwarf_Die t, inner;
    if (!type || !dw_peel(type, &t)) {
        sb_adds(out, "Void");
        return;
    }
    switch (dwarf_tag(&t)) {
    case DW_TAG_base_type:
        base_word(&t, out);
        return;
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type: {
        Dwarf_Die *to = dw_type_of(&t, &inner), pt;
        if (to && dw_peel(to, &pt) && dwarf_tag(&pt) == DW_TAG_subroutine_type) {
            Dwarf_Die ret;
            struct strbuf r;
            sb_init(&r);
            dw_type_qualname(dw_type_of(&pt, &ret), &r);
            sb_addf(out, "Ptr64     %s ", sb_str(&r)); /* WinDbg's way with function pointers */
            sb_free(&r);
            return;
        }
        sb_adds(out, "Ptr64 ");
        dw_type_word(to, out);
        return;
    }
    case DW_TAG_array_type: {
        uint64_t dims[8];
        size_t nd = dw_array_dims(&t, dims, 8);
        for (size_t i = 0; i < nd; i++)
            sb_addf(out, "[%llu] ", (unsigned long long)dims[i]);
        if (!nd)
            sb_adds(out, "[0] ");
        dw_type_word(dw_type_of(&t, &inner), out);
        return;
    }
    case DW_TAG_subroutine_type:
        sb_adds(out, "Function");
        return;
    default:
        dw_type_qualname(&t, out);
        return;
    }
}

/* ---- members ---------------------------------------------------------- */

static uint64_t member_offset(Dwarf_Die *mem)
{
    Dwarf_Word off = 0;
    udata(mem, DW_AT_data_member_location, &off);
    return off;
}

/* A C++ static data member: DW_TAG_variable in the class (DWARF 5) or a
 * DW_TAG_member declared external without a place in the object. */
static int is_static_member(Dwarf_Die *mem)
{
    if (dwarf_tag(mem) == DW_TAG_variable)
        return 1;
    return dwarf_tag(mem) == DW_TAG_member && !dwarf_hasattr(mem, DW_AT_data_member_location) &&
           !dwarf_hasattr(mem, DW_AT_data_bit_offset) && dwarf_hasattr(mem, DW_AT_external);
}

int dw_member_bits(Dwarf_Die *mem, struct dw_bits *b)
{
    Dwarf_Word width, total;
    Dwarf_Die mt;
    if (!udata(mem, DW_AT_bit_size, &width) || width == 0 || width > 64)
        return 0;
    uint64_t tsize = dw_type_size(dw_type_of(mem, &mt));
    if (tsize == 0 || tsize > 8)
        tsize = 4;
    if (!udata(mem, DW_AT_data_bit_offset, &total)) {
        /* DWARF 2-4: bits counted from the most significant bit of a
         * storage unit of DW_AT_byte_size at DW_AT_data_member_location */
        Dwarf_Word bo = 0, bs = tsize;
        udata(mem, DW_AT_bit_offset, &bo);
        udata(mem, DW_AT_byte_size, &bs);
        total = member_offset(mem) * 8 + bs * 8 - bo - width;
    }
    b->width = (unsigned)width;
    b->first_bit = total;
    b->unit_off = total / (tsize * 8) * tsize;
    b->pos = (unsigned)(total - b->unit_off * 8);
    return 1;
}

int dw_bits_read(const struct dw_frame *f, const struct dw_bits *b, uint64_t agg_addr,
                 uint64_t *val)
{
    uint8_t buf[9] = {0};
    size_t n = (b->first_bit % 8 + b->width + 7) / 8;
    if (f->read(f->ctx, agg_addr + b->first_bit / 8, buf, n) != 0)
        return -1;
    unsigned __int128 all = 0;
    for (size_t i = n; i-- > 0;)
        all = all << 8 | buf[i];
    all >>= b->first_bit % 8;
    *val = (uint64_t)all & (b->width == 64 ? ~0ULL : (1ULL << b->width) - 1);
    return 0;
}

/* Not part of the object: a static member, or a member only declared. */
static int not_in_object(Dwarf_Die *mem)
{
    return dwarf_tag(mem) == DW_TAG_variable || dwarf_hasattr(mem, DW_AT_external) ||
           dwarf_hasattr(mem, DW_AT_declaration);
}

int dw_member_find(Dwarf_Die *agg, const char *name, size_t len, unsigned flags,
                   Dwarf_Die *member, uint64_t *off)
{
    Dwarf_Die t, mem;
    if (!dw_peel(agg, &t) || dwarf_child(&t, &mem) != 0)
        return 0;
    do {
        int tag = dwarf_tag(&mem);
        const char *n = dwarf_diename(&mem);
        if ((flags & DW_MEMBER_IN_OBJECT) && not_in_object(&mem))
            continue;
        if ((tag == DW_TAG_member || tag == DW_TAG_variable) && n && strlen(n) == len &&
            !strncmp(n, name, len)) {
            *member = mem;
            *off = is_static_member(&mem) ? 0 : member_offset(&mem);
            return 1;
        }
    } while (dwarf_siblingof(&mem, &mem) == 0);
    /* then inside anonymous members and base classes */
    dwarf_child(&t, &mem);
    do {
        int tag = dwarf_tag(&mem);
        Dwarf_Die mt;
        uint64_t sub;
        if ((flags & DW_MEMBER_IN_OBJECT) && not_in_object(&mem))
            continue;
        if ((tag == DW_TAG_inheritance || (tag == DW_TAG_member && !dwarf_diename(&mem))) &&
            dw_type_of(&mem, &mt) && dw_member_find(&mt, name, len, flags, member, &sub)) {
            *off = member_offset(&mem) + sub;
            return 1;
        }
    } while (dwarf_siblingof(&mem, &mem) == 0);
    return 0;
}

/* ---- static members: where the definition put them --------------------- */

struct static_query {
    Dwarf_Off decl;
    Dwarf *dw;
    uint64_t addr;
};

static int find_static_def(Dwarf_Die *d, Dwarf_Addr bias, void *ctx)
{
    struct static_query *q = ctx;
    if (dwarf_tag(d) == DW_TAG_namespace) {
        Dwarf_Die c;
        if (dwarf_child(d, &c) == 0)
            do {
                if (find_static_def(&c, bias, ctx))
                    return 1;
            } while (dwarf_siblingof(&c, &c) == 0);
        return 0;
    }
    Dwarf_Attribute a;
    Dwarf_Die spec;
    if (dwarf_tag(d) != DW_TAG_variable || !dwarf_attr(d, DW_AT_specification, &a) ||
        !dwarf_formref_die(&a, &spec) || dwarf_dieoffset(&spec) != q->decl ||
        dwarf_cu_getdwarf(spec.cu) != q->dw)
        return 0;
    return dw_var_static_addr(d, bias, &q->addr);
}

static int static_addr(struct sym_space *sp, Dwarf_Die *decl, uint64_t *addr)
{
    if (!sp)
        return 0;
    struct static_query q = {dwarf_dieoffset(decl), dwarf_cu_getdwarf(decl->cu), 0};
    for (size_t i = 0; i < sp->n; i++) {
        Dwarf_Addr bias;
        if (!sp->mods[i]->dw || dwfl_module_getdwarf(sp->mods[i]->dw, &bias) != q.dw)
            continue;
        if (dw_each_top_die(sp->mods[i], find_static_def, &q)) {
            *addr = q.addr;
            return 1;
        }
    }
    return 0;
}

struct scoped_query {
    const char *name; /* what is left of the qualified name */
    Dwarf_Die found;
    int ok;
};

/* name's components from d down: namespaces by name, then a variable. */
static int find_scoped_var(Dwarf_Die *d, Dwarf_Addr bias, void *ctx)
{
    struct scoped_query *q = ctx;
    const char *sep = dw_scope_sep(q->name), *n = dwarf_diename(d);
    if (dwarf_tag(d) != DW_TAG_namespace) {
        if (!sep && dwarf_tag(d) == DW_TAG_variable && n && !strcmp(n, q->name)) {
            q->found = *d;
            q->ok = 1;
        }
        return q->ok;
    }
    size_t len = sep ? (size_t)(sep - q->name) : 0;
    int transparent = !n || dwarf_hasattr(d, DW_AT_export_symbols);
    if (!transparent && (!sep || !n || strlen(n) != len || strncmp(n, q->name, len)))
        return 0;
    const char *saved = q->name;
    if (!transparent)
        q->name = sep + 2;
    Dwarf_Die c;
    if (dwarf_child(d, &c) == 0)
        do {
            if (find_scoped_var(&c, bias, ctx))
                break;
        } while (dwarf_siblingof(&c, &c) == 0);
    q->name = saved;
    return q->ok;
}

int dw_find_scoped_global(struct sym_space *sp, const char *name, uint64_t *addr,
                          Dwarf_Die *type)
{
    struct sym_module *only = dw_module_prefix(sp, &name);
    const char *last = NULL;
    for (const char *p = name; (p = dw_scope_sep(p)); p += 2)
        last = p;
    if (!last)
        return 0;
    Dwarf_Die decl, cls;
    uint64_t off;
    char scope[256];
    snprintf(scope, sizeof scope, "%.*s", (int)(last - name), name);
    /* Class::member: a static data member of a class */
    if (dw_find_type(sp, scope, &cls) && dw_is_aggregate(&cls) &&
        dw_member_find(&cls, last + 2, strlen(last + 2), 0, &decl, &off) &&
        is_static_member(&decl) && static_addr(sp, &decl, addr))
        return dw_type_of(&decl, type) != NULL;
    /* ns::var: a variable inside namespaces */
    for (size_t i = 0; i < sp->n; i++) {
        if (only && sp->mods[i] != only)
            continue;
        struct scoped_query q = {name, {0}, 0};
        if (!dw_each_top_die(sp->mods[i], find_scoped_var, &q))
            continue;
        Dwarf_Addr bias;
        dwfl_module_getdwarf(sp->mods[i]->dw, &bias);
        if (!dw_var_static_addr(&q.found, bias, addr) &&
            !static_addr(sp, &q.found, addr)) /* declared here, defined elsewhere */
            continue;
        return dw_type_of(&q.found, type) != NULL;
    }
    return 0;
}

/* ---- values ------------------------------------------------------------ */

static void add_addr(struct strbuf *out, uint64_t a)
{
    sb_addf(out, "0x%08x`%08x", (unsigned)(a >> 32), (unsigned)a);
}

/* as dv and ?? show strings: at most 256 characters */
#define TEXT_MAX 256

static void add_text(const struct dw_frame *f, uint64_t addr, uint64_t max, struct strbuf *out)
{
    if (max > TEXT_MAX)
        max = TEXT_MAX;
    sb_addc(out, '"');
    for (uint64_t i = 0; i < max; i++) {
        char c;
        if (f->read(f->ctx, addr + i, &c, 1) != 0 || c == 0)
            break;
        sb_addc(out, isprint((unsigned char)c) ? c : '.');
    }
    sb_addc(out, '"');
}

/* dt -a without a count shows every element, up to this many */
#define ARRAY_SHOWN_MAX 4096

struct dt_state {
    const struct dw_frame *f;
    const struct dw_dt_opts *o;
    int has_addr;
    struct strbuf *out;
};

static void members(struct dt_state *s, Dwarf_Die *agg, uint64_t addr, uint64_t shown,
                    int indent, int depth, int top);

/* The rest of a line after "name : ", for a value at addr, and what
 * follows it. depth: nested aggregates left to expand. */
static void value(struct dt_state *s, Dwarf_Die *type, uint64_t addr, int indent, int depth,
                  int top)
{
    const struct dw_frame *f = s->f;
    struct strbuf *out = s->out;
    Dwarf_Die t, inner;
    if (!type || !dw_peel(type, &t)) {
        sb_adds(out, "Void\n");
        return;
    }
    int tag = dwarf_tag(&t);
    if (!s->has_addr) {
        dw_type_word(&t, out);
        sb_addc(out, '\n');
        if (is_aggregate_tag(tag) && depth > 0)
            members(s, &t, 0, 0, indent + 3, depth - 1, 0);
        return;
    }
    if (is_aggregate_tag(tag)) {
        dw_type_qualname(&t, out);
        sb_addc(out, '\n');
        if (depth > 0)
            members(s, &t, addr, 0, indent + 3, depth - 1, 0);
        return;
    }
    if (tag == DW_TAG_pointer_type || tag == DW_TAG_reference_type ||
        tag == DW_TAG_rvalue_reference_type) {
        uint64_t p;
        if (f->read(f->ctx, addr, &p, 8) != 0) {
            sb_adds(out, "<memory unreadable>\n");
            return;
        }
        add_addr(out, p);
        Dwarf_Die *to = dw_type_of(&t, &inner), pt;
        if (!to || !dw_peel(to, &pt)) {
            sb_adds(out, " Void\n");
        } else if (is_char_type(&pt) && p) {
            sb_adds(out, "  ");
            add_text(f, p, 256, out);
            sb_addc(out, '\n');
        } else if (is_aggregate_tag(dwarf_tag(&pt))) {
            sb_addc(out, ' ');
            dw_type_qualname(&pt, out);
            sb_addc(out, '\n');
            uint8_t probe;
            /* -b: pointers of the structure asked for are followed */
            if (s->o->blocks && top && p && f->read(f->ctx, p, &probe, 1) == 0)
                members(s, &pt, p, 0, indent + 3, depth, 0);
        } else {
            sb_addc(out, '\n');
        }
        return;
    }
    if (tag == DW_TAG_array_type) {
        uint64_t dims[8], n = array_elements(&t);
        size_t nd = dw_array_dims(&t, dims, 8);
        Dwarf_Die *elem = dw_type_of(&t, &inner);
        uint64_t esize = dw_type_size(elem);
        for (size_t i = 0; i < nd; i++)
            sb_addf(out, "[%llu] ", (unsigned long long)dims[i]);
        if (is_char_type(elem)) {
            sb_addc(out, ' ');
            add_text(f, addr, n, out);
            sb_addc(out, '\n');
            return;
        }
        if (!s->o->array_n || !esize || !elem) {
            if (n && elem)
                value(s, elem, addr, indent, 0, 0); /* WinDbg shows the first */
            else
                sb_addc(out, '\n');
            return;
        }
        sb_addc(out, '\n');
        uint64_t shown = s->o->array_n < 0 || (uint64_t)s->o->array_n > n ? n : (uint64_t)s->o->array_n;
        if (shown > ARRAY_SHOWN_MAX)
            shown = ARRAY_SHOWN_MAX; /* a corrupt or huge bound must not hang dt */
        for (uint64_t i = 0; i < shown; i++) {
            sb_addf(out, "%*s[%llu] ", indent + 3, "", (unsigned long long)i);
            value(s, elem, addr + i * esize, indent + 3, depth, 0);
        }
        return;
    }
    struct dw_var at = {.where = DW_WHERE_MEMORY, .addr = addr, .has_type = 1, .type = t};
    dw_format_value(f, &t, &at, out);
    sb_addc(out, '\n');
}

static void member_line(struct dt_state *s, Dwarf_Die *mem, uint64_t addr, uint64_t shown,
                        int indent, int depth, int top)
{
    struct strbuf *out = s->out;
    const char *name = dwarf_diename(mem);
    Dwarf_Die mt;
    Dwarf_Die *type = dw_type_of(mem, &mt);
    if (is_static_member(mem)) {
        uint64_t sa;
        int known = static_addr(s->o->sp, mem, &sa);
        sb_addf(out, "%*s=", indent, "");
        if (known)
            sb_addf(out, "%08x`%08x", (unsigned)(sa >> 32), (unsigned)sa);
        else
            sb_adds(out, "????????`????????");
        sb_addf(out, " %-16s : ", name ? name : "");
        if (s->has_addr && known)
            value(s, type, sa, indent, depth, 0);
        else {
            dw_type_word(type, out);
            sb_addc(out, '\n');
        }
        return;
    }
    struct dw_bits b;
    if (dw_member_bits(mem, &b)) {
        sb_addf(out, "%*s+0x%03llx %-16s : ", indent, "", (unsigned long long)(shown + b.unit_off),
                name ? name : "");
        uint64_t v;
        if (!s->has_addr) {
            sb_addf(out, "Pos %u, %u Bit%s\n", b.pos, b.width, b.width == 1 ? "" : "s");
        } else if (dw_bits_read(s->f, &b, addr, &v) < 0) {
            sb_adds(out, "<memory unreadable>\n");
        } else {
            sb_adds(out, "0y");
            for (unsigned i = b.width; i-- > 0;)
                sb_addc(out, (v >> i & 1) ? '1' : '0');
            sb_addc(out, '\n');
        }
        return;
    }
    uint64_t off = member_offset(mem);
    if (name && !strncmp(name, "_vptr.", 6)) {
        /* the vtable pointer, under WinDbg's name for it */
        sb_addf(out, "%*s+0x%03llx __VFN_table : ", indent, "", (unsigned long long)(shown + off));
        uint64_t p;
        if (!s->has_addr)
            sb_adds(out, "Ptr64 \n");
        else if (s->f->read(s->f->ctx, addr + off, &p, 8) != 0)
            sb_adds(out, "<memory unreadable>\n");
        else {
            add_addr(out, p);
            sb_addc(out, '\n');
        }
        return;
    }
    sb_addf(out, "%*s+0x%03llx %-16s : ", indent, "", (unsigned long long)(shown + off),
            name ? name : "");
    value(s, type, addr + off, indent, depth, top);
}

/* shown: added to the offsets printed, for base classes flattened into
 * the class that derives from them. */
static void members(struct dt_state *s, Dwarf_Die *agg, uint64_t addr, uint64_t shown,
                    int indent, int depth, int top)
{
    Dwarf_Die t, mem;
    if (!dw_peel(agg, &t) || dwarf_child(&t, &mem) != 0)
        return;
    do {
        int tag = dwarf_tag(&mem);
        if (tag == DW_TAG_inheritance) {
            Dwarf_Die bt;
            uint64_t off = member_offset(&mem);
            if (dw_type_of(&mem, &bt))
                members(s, &bt, addr + off, shown + off, indent, depth, top);
        } else if (tag == DW_TAG_member || (tag == DW_TAG_variable && is_aggregate_tag(dwarf_tag(&t)))) {
            member_line(s, &mem, addr, shown, indent, depth, top);
        }
    } while (dwarf_siblingof(&mem, &mem) == 0);
}

void dw_dt_members(const struct dw_frame *f, Dwarf_Die *agg, int has_addr, uint64_t addr,
                   const struct dw_dt_opts *o, int indent, struct strbuf *out)
{
    struct dt_state s = {f, o, has_addr, out};
    members(&s, agg, addr, 0, indent, o->depth, 1);
}

void dw_dt_value(const struct dw_frame *f, Dwarf_Die *type, uint64_t addr,
                 const struct dw_dt_opts *o, int indent, struct strbuf *out)
{
    struct dt_state s = {f, o, 1, out};
    value(&s, type, addr, indent, o->depth, 1);
}

int dw_dt_path(const struct dw_frame *f, Dwarf_Die *agg, const char *path, int has_addr,
               uint64_t addr, const struct dw_dt_opts *o, int indent, struct strbuf *out)
{
    /* check the whole path first, so that nothing is printed for a bad one */
    Dwarf_Die cur = *agg, mem;
    uint64_t off;
    for (const char *p = path; *p;) {
        size_t len = strcspn(p, ".");
        if (!dw_is_aggregate(&cur) || !dw_member_find(&cur, p, len, 0, &mem, &off) ||
            !dw_type_of(&mem, &cur))
            return 0;
        p += len;
        if (*p == '.')
            p++;
    }
    struct dt_state s = {f, o, has_addr, out};
    cur = *agg;
    for (const char *p = path; *p; indent += 3) {
        size_t len = strcspn(p, ".");
        dw_member_find(&cur, p, len, 0, &mem, &off);
        p += len;
        if (*p == '.')
            p++;
        if (!*p) {
            /* the member itself, shown from the aggregate that holds it
             * (a base class or an anonymous member of cur) */
            uint64_t base = is_static_member(&mem) ? 0 : off - member_offset(&mem);
            member_line(&s, &mem, addr + base, base, indent, o->depth, 1);
            break;
        }
        sb_addf(out, "%*s+0x%03llx %-16s : \n", indent, "", (unsigned long long)off,
                dwarf_diename(&mem));
        addr += off;
        dw_type_of(&mem, &cur);
    }
    return 1;
}

void dw_dt_enumerators(Dwarf_Die *en, struct strbuf *out)
{
    Dwarf_Die t, c;
    if (!dw_peel(en, &t) || dwarf_child(&t, &c) != 0)
        return;
    do {
        Dwarf_Attribute a;
        Dwarf_Sword v;
        if (dwarf_tag(&c) == DW_TAG_enumerator && dwarf_attr(&c, DW_AT_const_value, &a) &&
            dwarf_formsdata(&a, &v) == 0)
            sb_addf(out, "   %s = 0n%lld\n", dwarf_diename(&c), (long long)v);
    } while (dwarf_siblingof(&c, &c) == 0);
}
