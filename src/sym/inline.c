#include "sym/inline.h"
#include "sym/dwtypes.h"
#include "util/xalloc.h"

#include <dwarf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dw_is_function_scope(Dwarf_Die *d)
{
    int tag = dwarf_tag(d);
    return tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine;
}

int dw_concrete_scopes(Dwarf_Die *cu, Dwarf_Addr pc_rel, Dwarf_Die **out)
{
    Dwarf_Die *s = NULL;
    *out = NULL;
    int n = dwarf_getscopes(cu, pc_rel, &s);
    if (n <= 0) {
        free(s);
        return n;
    }
    int inl = -1;
    for (int i = 0; i < n && inl < 0; i++)
        if (dwarf_tag(&s[i]) == DW_TAG_inlined_subroutine)
            inl = i;
    if (inl < 0) {
        *out = s;
        return n;
    }
    /* from the innermost inlined call outwards, its concrete parents */
    Dwarf_Die *up = NULL;
    int m = dwarf_getscopes_die(&s[inl], &up);
    if (m <= 0) {
        free(up);
        *out = s;
        return n;
    }
    Dwarf_Die *all = malloc(((size_t)inl + (size_t)m) * sizeof *all);
    if (!all) {
        free(up);
        *out = s;
        return n;
    }
    memcpy(all, s, (size_t)inl * sizeof *all);
    memcpy(all + inl, up, (size_t)m * sizeof *all);
    free(s);
    free(up);
    *out = all;
    return inl + m;
}

/* The file of the call, joined to the compilation directory as line
 * numbers are (sym/lines.h), into buf ("" when unknown). */
static void call_file_of(Dwarf_Die *inl, char *buf, size_t size)
{
    buf[0] = '\0';
    Dwarf_Attribute a;
    Dwarf_Word idx;
    Dwarf_Die cu;
    Dwarf_Files *files;
    size_t nfiles;
    if (!dwarf_attr(inl, DW_AT_call_file, &a) || dwarf_formudata(&a, &idx) != 0 ||
        !dwarf_diecu(inl, &cu, NULL, NULL) || dwarf_getsrcfiles(&cu, &files, &nfiles) != 0 ||
        idx >= nfiles)
        return;
    const char *f = dwarf_filesrc(files, idx, NULL, NULL);
    Dwarf_Attribute ca;
    const char *dir = dwarf_formstring(dwarf_attr(&cu, DW_AT_comp_dir, &ca));
    if (!f)
        return;
    if (f[0] != '/' && dir)
        snprintf(buf, size, "%s/%s", dir, f);
    else
        snprintf(buf, size, "%s", f);
}

int sym_inline_at(struct sym_space *sp, uint64_t pc, struct sym_inline *out, int max)
{
    struct sym_module *m = sym_module_at(sp, pc);
    Dwarf_Addr bias;
    Dwarf_Die *cu = m && m->dw ? dwfl_module_addrdie(m->dw, pc, &bias) : NULL;
    Dwarf_Die *s = NULL;
    int n = cu ? dw_concrete_scopes(cu, pc - bias, &s) : 0, k = 0;
    for (int i = 0; i < n && k < max; i++) {
        if (dwarf_tag(&s[i]) == DW_TAG_subprogram)
            break;
        if (dwarf_tag(&s[i]) != DW_TAG_inlined_subroutine)
            continue;
        Dwarf_Attribute a;
        Dwarf_Word line = 0;
        const char *name = dwarf_diename(&s[i]);
        out[k].name = name ? name : "<inlined>";
        call_file_of(&s[i], out[k].call_file, sizeof out[k].call_file);
        out[k].call_line = dwarf_attr(&s[i], DW_AT_call_line, &a) && dwarf_formudata(&a, &line) == 0
                               ? (int)line
                               : 0;
        k++;
    }
    free(s);
    return k;
}

/* The entry of an inlined copy: DW_AT_entry_pc, else its lowest address.
 * GCC's entry_pc can name a point between two instructions (a location
 * view) whose address is the next instruction, outside the copy's ranges:
 * a stop there would not be in the inlined function. Then the lowest
 * address, as GDB takes. */
static int entry_of(Dwarf_Die *d, Dwarf_Addr *at)
{
    if (dwarf_entrypc(d, at) == 0 && dwarf_haspc(d, *at) == 1)
        return 0;
    Dwarf_Addr base, start, end;
    ptrdiff_t off = 0;
    Dwarf_Addr low = (Dwarf_Addr)-1;
    while ((off = dwarf_ranges(d, off, &base, &start, &end)) > 0)
        if (start < low)
            low = start;
    if (low == (Dwarf_Addr)-1)
        return -1;
    *at = low;
    return 0;
}

struct copies {
    const char *name;  /* NULL: every inlined function (names) */
    void (*fn)(void *ctx, const char *name, uint64_t entry);
    void *ctx;
    const char **seen; /* names given to fn already */
    size_t nseen, capseen;
    uint64_t *addrs;
    size_t n, max;
    Dwarf_Addr bias;
};

static void add_copy(struct copies *c, uint64_t a)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->addrs[i] == a)
            return;
    if (c->n < c->max)
        c->addrs[c->n++] = a;
}

static void add_name(struct copies *c, const char *name, uint64_t at)
{
    for (size_t i = 0; i < c->nseen; i++)
        if (c->seen[i] == name || !strcmp(c->seen[i], name))
            return;
    if (c->nseen == c->capseen) {
        c->capseen = c->capseen ? c->capseen * 2 : 64;
        c->seen = xrealloc(c->seen, c->capseen * sizeof *c->seen);
    }
    c->seen[c->nseen++] = name;
    c->fn(c->ctx, name, at);
}

/* Walks the DIEs that can hold code (functions, blocks, inlined calls,
 * namespaces and classes for C++ methods) for inlined calls of c->name. */
static void walk(Dwarf_Die *parent, struct copies *c)
{
    Dwarf_Die d;
    if (dwarf_child(parent, &d) != 0)
        return;
    do {
        int tag = dwarf_tag(&d);
        if (tag == DW_TAG_inlined_subroutine) {
            const char *n = dwarf_diename(&d);
            Dwarf_Addr at;
            if (n && c->name && !strcmp(n, c->name) && entry_of(&d, &at) == 0)
                add_copy(c, at + c->bias);
            else if (n && !c->name && entry_of(&d, &at) == 0)
                add_name(c, n, at + c->bias);
        }
        if (tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine ||
            tag == DW_TAG_lexical_block || tag == DW_TAG_namespace ||
            tag == DW_TAG_class_type || tag == DW_TAG_structure_type)
            walk(&d, c);
    } while (dwarf_siblingof(&d, &d) == 0);
}

static void walk_module(struct sym_module *m, struct copies *c)
{
    Dwarf *dw = m->dw ? dwfl_module_getdwarf(m->dw, &c->bias) : NULL;
    Dwarf_Off off = 0, next;
    size_t hsize;
    while (dw && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        Dwarf_Die cu;
        if (dwarf_offdie(dw, off + hsize, &cu))
            walk(&cu, c);
        off = next;
    }
}

void sym_inlined_functions(struct sym_module *m,
                           void (*fn)(void *ctx, const char *name, uint64_t entry), void *ctx)
{
    struct copies c = {.fn = fn, .ctx = ctx};
    walk_module(m, &c);
    free(c.seen);
}

size_t sym_inline_copies(struct sym_space *sp, const char *name, uint64_t *addrs, size_t max)
{
    struct copies c = {.name = name, .addrs = addrs, .max = max};
    struct sym_module *only = dw_module_prefix(sp, &c.name);
    if (strchr(name, '!') && !only)
        return 0;
    for (size_t i = 0; i < sp->n; i++)
        if (!only || sp->mods[i] == only)
            walk_module(sp->mods[i], &c);
    return c.n;
}
