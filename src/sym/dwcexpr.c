#include "sym/dwcexpr.h"

#include <dwarf.h>
#include <elf.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

#include "sym/dwlayout.h"
#include "sym/dwvars.h"

static const char *arena_str(struct cx_arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = cx_alloc(a, n);
    memcpy(p, s, n);
    return p;
}

static uint64_t udata(Dwarf_Die *d, int attr, uint64_t dflt)
{
    Dwarf_Attribute a;
    Dwarf_Word w;
    if (dwarf_attr_integrate(d, attr, &a) && dwarf_formudata(&a, &w) == 0)
        return w;
    return dflt;
}

/* ---- scoped names (ns::Type, ns::var) ------------------------------------ */

typedef int (*die_pred)(Dwarf_Die *d);

static int is_scope_tag(int tag)
{
    return tag == DW_TAG_namespace || tag == DW_TAG_structure_type || tag == DW_TAG_class_type ||
           tag == DW_TAG_union_type;
}

static int is_type_def(Dwarf_Die *d)
{
    int tag = dwarf_tag(d);
    return (tag == DW_TAG_structure_type || tag == DW_TAG_class_type || tag == DW_TAG_union_type ||
            tag == DW_TAG_enumeration_type || tag == DW_TAG_typedef || tag == DW_TAG_base_type) &&
           !dwarf_hasattr(d, DW_AT_declaration);
}

static int is_variable(Dwarf_Die *d)
{
    int tag = dwarf_tag(d);
    return tag == DW_TAG_variable || (tag == DW_TAG_member && dwarf_hasattr(d, DW_AT_external));
}

/* Looks for the path of names (parts separated by "::") among the
 * children of parent. */
static int find_path(Dwarf_Die *parent, const char *path, die_pred pred, Dwarf_Die *out)
{
    const char *sep = strstr(path, "::");
    size_t len = sep ? (size_t)(sep - path) : strlen(path);
    Dwarf_Die c;
    if (dwarf_child(parent, &c) != 0)
        return 0;
    do {
        const char *n = dwarf_diename(&c);
        if (!n || strlen(n) != len || strncmp(n, path, len) != 0)
            continue;
        if (!sep && pred(&c)) {
            *out = c;
            return 1;
        }
        if (sep && is_scope_tag(dwarf_tag(&c)) && find_path(&c, sep + 2, pred, out))
            return 1;
    } while (dwarf_siblingof(&c, &c) == 0);
    return 0;
}

struct path_query {
    const char *path;
    die_pred pred;
    Dwarf_Die *out;
    Dwarf_Addr bias;
};

static int match_path(Dwarf_Die *d, Dwarf_Addr bias, void *ctx)
{
    /* each top-level DIE is tried as the first part */
    struct path_query *q = ctx;
    const char *sep = strstr(q->path, "::");
    const char *n = dwarf_diename(d);
    if (!sep && n && !strcmp(n, q->path) && q->pred(d)) {
        *q->out = *d;
        q->bias = bias;
        return 1;
    }
    if (!sep || !n || strlen(n) != (size_t)(sep - q->path) || strncmp(n, q->path, (size_t)(sep - q->path)) ||
        !is_scope_tag(dwarf_tag(d)))
        return 0;
    if (find_path(d, sep + 2, q->pred, q->out)) {
        q->bias = bias;
        return 1;
    }
    return 0;
}

static int find_scoped(struct sym_space *sp, const char *name, die_pred pred, Dwarf_Die *out,
                       Dwarf_Addr *bias, struct sym_module **mod)
{
    if (name[0] == ':' && name[1] == ':')
        name += 2;
    struct path_query q = {name, pred, out, 0};
    struct sym_module *only = dw_module_prefix(sp, &q.path);
    for (size_t i = 0; i < sp->n; i++) {
        if (only && sp->mods[i] != only)
            continue;
        if (dw_each_top_die(sp->mods[i], match_path, &q)) {
            if (bias)
                *bias = q.bias;
            if (mod)
                *mod = sp->mods[i];
            return 1;
        }
    }
    return 0;
}

/* A variable declared in a namespace or class is defined by a top-level
 * DIE whose DW_AT_specification points at the declaration. */
struct spec_query {
    Dwarf_Off decl;
    uint64_t addr;
};

static int match_spec(Dwarf_Die *d, Dwarf_Addr bias, void *ctx)
{
    struct spec_query *q = ctx;
    Dwarf_Attribute at;
    Dwarf_Die decl;
    if (dwarf_tag(d) != DW_TAG_variable || !dwarf_attr(d, DW_AT_specification, &at) ||
        !dwarf_formref_die(&at, &decl) || dwarf_dieoffset(&decl) != q->decl)
        return 0;
    return dw_var_static_addr(d, bias, &q->addr);
}

/* ---- types ---------------------------------------------------------------- */

struct cx_type *dw_cx_type(struct dw_cx *c, struct cx_arena *a, Dwarf_Die *die)
{
    struct cx_type *t = cx_alloc(a, sizeof *t);
    t->kind = CX_VOID;
    if (!die) {
        t->name = "void";
        return t;
    }
    struct strbuf sb;
    sb_init(&sb);
    Dwarf_Die pt, target;
    int qual = dwarf_tag(die);
    if ((qual == DW_TAG_const_type || qual == DW_TAG_volatile_type) && dw_type_of(die, &target)) {
        /* the qualified type's own name: "const store::Item" */
        *t = *dw_cx_type(c, a, &target);
        const char *q = qual == DW_TAG_const_type ? "const" : "volatile";
        if (t->kind == CX_PTR) { /* the pointer itself: "char * const" */
            cx_type_name(t, &sb);
            sb_addf(&sb, " %s", q);
        } else {
            sb_addf(&sb, "%s ", q);
            cx_type_name(t, &sb);
        }
        t->name = arena_str(a, sb_str(&sb));
        sb_free(&sb);
        return t;
    }
    dw_type_name(die, &sb);
    t->name = arena_str(a, sb_str(&sb));
    sb_free(&sb);
    if (!dw_peel(die, &pt))
        return t;
    int tag = dwarf_tag(&pt);
    t->size = udata(&pt, DW_AT_byte_size, 0);
    if (tag == DW_TAG_pointer_type || tag == DW_TAG_array_type)
        t->name = NULL; /* built from the target's name: "geometry::Counter *" */
    int own = dwarf_dieoffset(die) == dwarf_dieoffset(&pt);
    if (own && (tag == DW_TAG_structure_type || tag == DW_TAG_class_type ||
                tag == DW_TAG_union_type || tag == DW_TAG_enumeration_type)) {
        /* C++: by its qualified name, as GDB and WinDbg show it
         * ("geometry::Counter"); C keeps "struct point" */
        if (dwarf_diename(&pt) && dw_is_cplusplus(&pt)) {
            sb_init(&sb);
            dw_type_qualname(&pt, &sb);
            t->name = arena_str(a, sb_str(&sb));
            sb_free(&sb);
        }
    }
    switch (tag) {
    case DW_TAG_base_type: {
        uint64_t enc = udata(&pt, DW_AT_encoding, DW_ATE_signed);
        t->kind = enc == DW_ATE_float ? CX_FLOAT : CX_INT;
        t->is_bool = enc == DW_ATE_boolean;
        t->is_char = enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char;
        t->is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char || enc == DW_ATE_float;
        break;
    }
    case DW_TAG_enumeration_type: {
        t->kind = CX_ENUM;
        t->is_signed = 1;
        Dwarf_Die under, pu;
        if (dw_type_of(&pt, &under) && dw_peel(&under, &pu)) {
            uint64_t enc = udata(&pu, DW_AT_encoding, DW_ATE_signed);
            t->is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
        }
        Dwarf_Die *h = cx_alloc(a, sizeof *h);
        *h = pt;
        t->handle = h;
        break;
    }
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type:
        t->kind = CX_PTR;
        t->size = 8;
        if (dw_type_of(&pt, &target)) {
            t->target = dw_cx_type(c, a, &target);
            if (t->target->kind == CX_VOID)
                t->target = NULL;
        }
        break;
    case DW_TAG_array_type: {
        uint64_t dims[8];
        int nd = (int)dw_array_dims(&pt, dims, 8);
        struct cx_type *elem = dw_type_of(&pt, &target) ? dw_cx_type(c, a, &target) : NULL;
        if (!elem || !nd)
            return t;
        for (int i = nd - 1; i > 0; i--) {
            struct cx_type *in = cx_alloc(a, sizeof *in);
            in->kind = CX_ARRAY;
            in->target = elem;
            in->count = dims[i];
            in->size = dims[i] * elem->size;
            elem = in;
        }
        t->kind = CX_ARRAY;
        t->target = elem;
        t->count = dims[0];
        t->size = dims[0] * elem->size;
        break;
    }
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
    case DW_TAG_union_type: {
        t->kind = CX_STRUCT;
        Dwarf_Die *h = cx_alloc(a, sizeof *h);
        *h = pt;
        const char *n = dwarf_diename(&pt);
        /* a declaration only (the struct is defined in another unit) */
        if (dwarf_hasattr(&pt, DW_AT_declaration) && n && c && c->sp) {
            Dwarf_Die def;
            if (dw_find_type(c->sp, n, &def) || find_scoped(c->sp, n, is_type_def, &def, NULL, NULL)) {
                *h = def;
                t->size = udata(&def, DW_AT_byte_size, 0);
            }
        }
        t->handle = h;
        break;
    }
    case DW_TAG_subroutine_type:
    case DW_TAG_subprogram:
        t->kind = CX_FUNC;
        t->size = 1;
        break;
    default:
        break;
    }
    return t;
}

int dw_cx_struct_die(const struct cx_type *t, Dwarf_Die *out)
{
    if (t && t->kind == CX_PTR)
        t = t->target;
    if (!t || t->kind != CX_STRUCT || !t->handle)
        return 0;
    *out = *(Dwarf_Die *)t->handle;
    return 1;
}

/* obj.name: a member in the object (static members are not), also in
 * anonymous members and base classes; a bitfield by its bits from the
 * start of the aggregate that holds it. */
static int find_member(struct dw_cx *c, struct cx_arena *a, Dwarf_Die *agg, const char *name,
                       struct cx_member *out)
{
    Dwarf_Die m, mt;
    uint64_t off;
    struct dw_bits b;
    if (!dw_member_find(agg, name, strlen(name), DW_MEMBER_IN_OBJECT, &m, &off) ||
        !dw_type_of(&m, &mt))
        return 0;
    memset(out, 0, sizeof *out);
    out->type = dw_cx_type(c, a, &mt);
    out->off = off;
    if (dw_member_bits(&m, &b)) {
        out->off = off - udata(&m, DW_AT_data_member_location, 0);
        out->bit_off = (unsigned)b.first_bit;
        out->bit_size = b.width;
    }
    return 1;
}

static int env_member(void *ctx, struct cx_arena *a, const struct cx_type *agg, const char *name,
                      struct cx_member *out)
{
    Dwarf_Die d;
    if (!dw_cx_struct_die(agg, &d))
        return 0;
    return find_member(ctx, a, &d, name, out);
}

static int env_find_type(void *ctx, struct cx_arena *a, const char *name, struct cx_type **out)
{
    struct dw_cx *c = ctx;
    Dwarf_Die d;
    if (!c->sp)
        return 0;
    const char *plain = name;
    static const char *const kws[] = {"struct ", "union ", "enum ", "class ", NULL};
    for (int i = 0; kws[i]; i++)
        if (!strncmp(name, kws[i], strlen(kws[i])))
            plain = name + strlen(kws[i]);
    /* dw_find_type knows the struct/union/enum keywords, not class, nor
     * names in a namespace */
    int found = !strstr(plain, "::") && dw_find_type(c->sp, !strncmp(name, "class ", 6) ? plain : name, &d);
    if (!found)
        found = find_scoped(c->sp, plain, is_type_def, &d, NULL, NULL);
    if (!found)
        return 0;
    *out = dw_cx_type(c, a, &d);
    return 1;
}

/* ---- variables ------------------------------------------------------------ */

struct var_query {
    const char *name;
    struct dw_var found, self;
    int ok, have_self;
};

static int match_var(void *ctx, const struct dw_var *v)
{
    struct var_query *q = ctx;
    /* the innermost scope comes last: the last match wins */
    if (!strcmp(v->name, q->name)) {
        q->found = *v;
        q->ok = 1;
    }
    if (!strcmp(v->name, "this")) {
        q->self = *v;
        q->have_self = 1;
    }
    return 0;
}

int dw_cx_var_value(struct dw_cx *c, struct cx_arena *a, const struct dw_var *v,
                    struct cx_value *out, struct lerr *e)
{
    memset(out, 0, sizeof *out);
    out->type = dw_cx_type(c, a, v->has_type ? (Dwarf_Die *)&v->type : NULL);
    if (v->where == DW_WHERE_MEMORY) {
        out->lval = 1;
        out->addr = v->addr;
    } else if (v->where == DW_WHERE_VALUE) {
        memcpy(out->bytes, v->value, v->value_len < CX_VALUE_MAX ? v->value_len : CX_VALUE_MAX);
    } else {
        return lerr_set(e, "Memory access error at '%s': <optimized out>", v->name);
    }
    /* a C++ reference is the object it refers to */
    Dwarf_Die pt;
    if (v->has_type && dw_peel((Dwarf_Die *)&v->type, &pt) &&
        (dwarf_tag(&pt) == DW_TAG_reference_type || dwarf_tag(&pt) == DW_TAG_rvalue_reference_type) &&
        out->type->target) {
        uint64_t p = 0;
        if (out->lval) {
            if (!c->f || c->f->read(c->f->ctx, out->addr, &p, 8) != 0)
                return lerr_set_code(e, LERR_MEMORY, "Memory access error at %08x`%08x",
                                     (unsigned)(out->addr >> 32), (unsigned)out->addr);
        } else {
            memcpy(&p, out->bytes, 8);
        }
        struct cx_type *t = out->type->target;
        memset(out, 0, sizeof *out);
        out->type = t;
        out->lval = 1;
        out->addr = p;
    }
    return 1;
}

/* An enumerator by name (`MODE_ON`) among the top-level enumerations. */
struct enumerator_query {
    const char *name;
    Dwarf_Die type;
    int64_t value;
};

static int match_enumerator(Dwarf_Die *d, Dwarf_Addr bias, void *ctx)
{
    (void)bias;
    struct enumerator_query *q = ctx;
    Dwarf_Die en;
    if (dwarf_tag(d) != DW_TAG_enumeration_type || dwarf_child(d, &en) != 0)
        return 0;
    do {
        const char *n = dwarf_diename(&en);
        Dwarf_Attribute a;
        Dwarf_Sword val;
        if (n && !strcmp(n, q->name) && dwarf_attr_integrate(&en, DW_AT_const_value, &a) &&
            dwarf_formsdata(&a, &val) == 0) {
            q->type = *d;
            q->value = val;
            return 1;
        }
    } while (dwarf_siblingof(&en, &en) == 0);
    return 0;
}

static int find_enumerator(struct dw_cx *c, struct cx_arena *a, const char *name,
                           struct cx_value *out)
{
    struct enumerator_query q = {name, {0}, 0};
    struct sym_module *only = dw_module_prefix(c->sp, &q.name);
    for (size_t i = 0; i < c->sp->n; i++) {
        if ((only && c->sp->mods[i] != only) || !dw_each_top_die(c->sp->mods[i], match_enumerator, &q))
            continue;
        memset(out, 0, sizeof *out);
        out->type = dw_cx_type(c, a, &q.type);
        memcpy(out->bytes, &q.value, 8);
        return 1;
    }
    return 0;
}

/* A name only the symbol table knows: a function is a value of function
 * type at its address (`@@c++(p->cb == &handler)`); data has no type to
 * read it by. */
static int elf_symbol(struct dw_cx *c, struct cx_arena *a, const char *name, struct cx_value *out,
                      struct lerr *e)
{
    uint64_t addr;
    struct lerr mine = {0};
    int r = sym_lookup(c->sp, name, strlen(name), &addr, &mine);
    if (r < 0) {
        *e = mine;
        return -1;
    }
    struct sym_entry s;
    char buf[256];
    if (r == 0 || sym_symbol_at(c->sp, addr, &s, buf, sizeof buf) < 0)
        return 0;
    if (s.type != STT_FUNC && s.type != STT_GNU_IFUNC)
        return lerr_set(e, "Type error at '%s': no type information for it (read it as *(int *)@@masm(%s))",
                        name, name);
    struct cx_type *t = cx_alloc(a, sizeof *t);
    t->kind = CX_FUNC;
    t->size = 1;
    t->name = "<function>";
    memset(out, 0, sizeof *out);
    out->type = t;
    out->lval = 1;
    out->addr = addr;
    return 1;
}

static int env_lookup(void *ctx, struct cx_arena *a, const char *name, struct cx_value *out,
                      struct lerr *e)
{
    struct dw_cx *c = ctx;
    if (!c->sp)
        return 0;
    struct var_query q = {name, {0}, {0}, 0, 0};
    struct lerr ignore;
    if (c->f && !strchr(name, '!') && !strstr(name, "::"))
        dw_frame_vars(c->sp, c->f, match_var, &q, &ignore);
    if (q.ok)
        return dw_cx_var_value(c, a, &q.found, out, e);
    if (q.have_self) {
        /* in a method, a member's bare name is this->name (members hide
         * globals, as in C++) */
        struct cx_value self;
        struct cx_member m;
        uint64_t p = 0;
        if (dw_cx_var_value(c, a, &q.self, &self, &ignore) > 0 && self.type->kind == CX_PTR &&
            env_member(c, a, self.type, name, &m) > 0) {
            if (self.lval ? c->f->read(c->f->ctx, self.addr, &p, 8) != 0 : (memcpy(&p, self.bytes, 8), 0))
                return lerr_set_code(e, LERR_MEMORY, "Memory access error at 'this'");
            memset(out, 0, sizeof *out);
            out->type = m.type;
            out->lval = 1;
            out->addr = p + m.off;
            out->bit_off = m.bit_off;
            out->bit_size = m.bit_size;
            return 1;
        }
    }
    uint64_t addr;
    Dwarf_Die type, d;
    Dwarf_Addr bias;
    struct sym_module *mod;
    if (!strstr(name, "::") && dw_find_global(c->sp, name, &addr, &type)) {
        memset(out, 0, sizeof *out);
        out->type = dw_cx_type(c, a, &type);
        out->lval = 1;
        out->addr = addr;
        return 1;
    }
    if (strstr(name, "::") && find_scoped(c->sp, name, is_variable, &d, &bias, &mod)) {
        struct spec_query sq = {dwarf_dieoffset(&d), 0};
        if (!dw_var_static_addr(&d, bias, &addr)) {
            if (!dw_each_top_die(mod, match_spec, &sq))
                return lerr_set(e, "Memory access error at '%s': <optimized out>", name);
            addr = sq.addr;
        }
        memset(out, 0, sizeof *out);
        out->type = dw_cx_type(c, a, dw_type_of(&d, &type));
        out->lval = 1;
        out->addr = addr;
        return 1;
    }
    if (!strstr(name, "::") && find_enumerator(c, a, name, out))
        return 1;
    return elf_symbol(c, a, name, out, e);
}

static const char *env_enum_name(void *ctx, const struct cx_type *t, int64_t v)
{
    (void)ctx;
    if (t->kind != CX_ENUM || !t->handle)
        return NULL;
    Dwarf_Die en;
    if (dwarf_child((Dwarf_Die *)t->handle, &en) != 0)
        return NULL;
    do {
        Dwarf_Attribute a;
        Dwarf_Sword val;
        if (dwarf_tag(&en) == DW_TAG_enumerator && dwarf_attr_integrate(&en, DW_AT_const_value, &a) &&
            dwarf_formsdata(&a, &val) == 0 && val == v)
            return dwarf_diename(&en);
    } while (dwarf_siblingof(&en, &en) == 0);
    return NULL;
}

static int env_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
    struct dw_cx *c = ctx;
    return c->f ? c->f->read(c->f->ctx, addr, buf, len) : -1;
}

void dw_cx_env(struct dw_cx *c, struct cx_env *env)
{
    memset(env, 0, sizeof *env);
    env->ctx = c;
    env->lookup = env_lookup;
    env->find_type = env_find_type;
    env->member = env_member;
    env->enum_name = env_enum_name;
    env->read = env_read;
}
