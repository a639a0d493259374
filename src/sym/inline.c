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

/* Direct-mapped by pc: the places a program stops at again and again are
 * few (a breakpoint and the return addresses above it). */
#define INLINE_CACHE_SIZE 64
struct sym_inline_cache {
    struct {
        uint64_t pc; /* 0: empty */
        int n;
        struct sym_inline *chain; /* n entries, malloc'd */
    } e[INLINE_CACHE_SIZE];
};

void sym_inline_cache_free(struct sym_inline_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < INLINE_CACHE_SIZE; i++)
        free(c->e[i].chain);
    free(c);
}

static int inline_at(struct sym_module *m, uint64_t pc, struct sym_inline *out, int max);

int sym_inline_at(struct sym_space *sp, uint64_t pc, struct sym_inline *out, int max)
{
    struct sym_module *m = sym_module_at(sp, pc);
    if (!m || !m->dw)
        return 0;
    if (!m->inline_at)
        m->inline_at = xcalloc(1, sizeof *m->inline_at);
    size_t slot = (size_t)(pc ^ (pc >> 6)) % INLINE_CACHE_SIZE;
    __typeof__(m->inline_at->e[0]) *c = &m->inline_at->e[slot];
    if (c->pc != pc) {
        struct sym_inline chain[SYM_INLINE_MAX];
        int n = inline_at(m, pc, chain, SYM_INLINE_MAX);
        free(c->chain);
        c->pc = pc;
        c->n = n;
        c->chain = n ? xmalloc((size_t)n * sizeof *chain) : NULL;
        if (n)
            memcpy(c->chain, chain, (size_t)n * sizeof *chain);
    }
    int n = c->n < max ? c->n : max;
    if (n)
        memcpy(out, c->chain, (size_t)n * sizeof *out);
    return n;
}

static int inline_at(struct sym_module *m, uint64_t pc, struct sym_inline *out, int max)
{
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

/* A module's inlined calls, sorted by name then address: one walk of its
 * DWARF, then each breakpoint on a name (and each bu again at every
 * module load) is a binary search. */
struct inl_entry {
    const char *name;
    uint64_t addr; /* module-relative entry */
    Dwarf_Off die; /* the inlined call */
};

struct inl_index {
    size_t n;
    struct inl_entry v[];
};

struct inl_build {
    struct inl_entry *v;
    size_t n, cap;
};

/* Walks the DIEs that can hold code (functions, blocks, inlined calls,
 * namespaces and classes for C++ methods) for inlined calls. */
static void walk(Dwarf_Die *parent, struct inl_build *b)
{
    Dwarf_Die d;
    if (dwarf_child(parent, &d) != 0)
        return;
    do {
        int tag = dwarf_tag(&d);
        if (tag == DW_TAG_inlined_subroutine) {
            const char *n = dwarf_diename(&d);
            Dwarf_Addr at;
            if (n && entry_of(&d, &at) == 0) {
                if (b->n == b->cap) {
                    b->cap = b->cap ? b->cap * 2 : 256;
                    b->v = xrealloc(b->v, b->cap * sizeof *b->v);
                }
                b->v[b->n++] = (struct inl_entry){n, at, dwarf_dieoffset(&d)};
            }
        }
        if (tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine ||
            tag == DW_TAG_lexical_block || tag == DW_TAG_namespace ||
            tag == DW_TAG_class_type || tag == DW_TAG_structure_type)
            walk(&d, b);
    } while (dwarf_siblingof(&d, &d) == 0);
}

static int by_name_addr(const void *a, const void *b)
{
    const struct inl_entry *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->addr > y->addr) - (x->addr < y->addr);
}

static struct inl_index *index_of(struct sym_module *m, Dwarf_Addr *bias)
{
    /* the vDSO, an image from memory, never has DWARF: asking for it would
     * only start a search for a debug file (and load the debuginfod
     * client, some thirty libraries) */
    if (m->image_fd > 0)
        return NULL;
    Dwarf *dw = m->dw ? dwfl_module_getdwarf(m->dw, bias) : NULL;
    if (m->inlined || !dw)
        return m->inlined;
    struct inl_build b = {NULL, 0, 0};
    Dwarf_Off off = 0, next;
    size_t hsize;
    while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        Dwarf_Die cu;
        if (dwarf_offdie(dw, off + hsize, &cu))
            walk(&cu, &b);
        off = next;
    }
    if (b.n)
        qsort(b.v, b.n, sizeof *b.v, by_name_addr);
    struct inl_index *ix = xmalloc(sizeof *ix + b.n * sizeof *b.v);
    ix->n = b.n;
    if (b.n)
        memcpy(ix->v, b.v, b.n * sizeof *b.v);
    free(b.v);
    m->inlined = ix;
    return ix;
}

void sym_inlined_functions(struct sym_module *m,
                           void (*fn)(void *ctx, const char *name, uint64_t entry), void *ctx)
{
    Dwarf_Addr bias = 0;
    struct inl_index *ix = index_of(m, &bias);
    for (size_t i = 0; ix && i < ix->n; i++)
        if (i == 0 || strcmp(ix->v[i - 1].name, ix->v[i].name))
            fn(ctx, ix->v[i].name, ix->v[i].addr + bias);
}

/* Whether the code at pc_rel is in the inlined call die: the innermost
 * scopes there include it. */
static int inside(Dwarf_Die *die, Dwarf_Addr pc_rel)
{
    Dwarf_Die cu, *s = NULL;
    int n = dwarf_diecu(die, &cu, NULL, NULL) ? dw_concrete_scopes(&cu, pc_rel, &s) : 0, yes = 0;
    for (int i = 0; i < n && !yes; i++)
        yes = dwarf_dieoffset(&s[i]) == dwarf_dieoffset(die);
    free(s);
    return yes;
}

/* Where a breakpoint on one copy goes: its entry, unless the code there is
 * another inlined call's (copies overlap in -O2 code: a stop there would
 * not be in the function); then the lowest start of its ranges that is
 * its own. 0 when no code is its own (GDB has no place there either). */
static int placed_entry(Dwarf *dw, const struct inl_entry *e, uint64_t *at)
{
    Dwarf_Die d;
    *at = e->addr;
    if (!dw || !dwarf_offdie(dw, e->die, &d) || inside(&d, e->addr))
        return 1;
    Dwarf_Addr base, start, end;
    ptrdiff_t off = 0;
    int found = 0;
    while ((off = dwarf_ranges(&d, off, &base, &start, &end)) > 0) {
        if ((!found || start < *at) && inside(&d, start)) {
            *at = start;
            found = 1;
        }
    }
    return found;
}

size_t sym_inline_copies(struct sym_space *sp, const char *name, uint64_t *addrs, size_t max)
{
    int prefixed = strchr(name, '!') != NULL;
    struct sym_module *only = dw_module_prefix(sp, &name);
    size_t n = 0;
    if (prefixed && !only)
        return 0;
    for (size_t i = 0; i < sp->n; i++) {
        if (only && sp->mods[i] != only)
            continue;
        Dwarf_Addr bias = 0;
        struct inl_index *ix = index_of(sp->mods[i], &bias);
        if (!ix)
            continue;
        size_t lo = 0, hi = ix->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(ix->v[mid].name, name) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        Dwarf *dw = dwfl_module_getdwarf(sp->mods[i]->dw, &bias);
        for (; lo < ix->n && !strcmp(ix->v[lo].name, name) && n < max; lo++) {
            uint64_t a;
            if (!placed_entry(dw, &ix->v[lo], &a))
                continue;
            a += bias;
            size_t k = 0;
            while (k < n && addrs[k] != a)
                k++;
            if (k == n)
                addrs[n++] = a;
        }
    }
    return n;
}
