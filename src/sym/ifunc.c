#include "sym/ifunc.h"
#include "util/xalloc.h"

#include <elf.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The indirect function that starts at addr in its module's index (an
 * address may have other names too: the lookup by address could give one
 * of those). */
static const struct sym_entry *ifunc_at(struct sym_space *sp, uint64_t addr,
                                        struct sym_module **mod)
{
    struct sym_module *m = sym_module_at(sp, addr);
    if (!m)
        return NULL;
    sym_module_load(m);
    const struct sym_entry *best = NULL;
    for (size_t i = 0; i < m->nsyms; i++)
        if (m->syms[i].addr == addr && m->syms[i].type == STT_GNU_IFUNC &&
            (!best || sym_better_name(&m->syms[i], best->bind, best->name)))
            best = &m->syms[i];
    *mod = m;
    return best;
}

int sym_is_ifunc(struct sym_space *sp, uint64_t addr, char *name, size_t size)
{
    struct sym_module *m;
    const struct sym_entry *e = ifunc_at(sp, addr, &m);
    if (e && name)
        snprintf(name, size, "%s!%s", m->name, e->name);
    return e != NULL;
}

/* Whether v lies in one of m's PLT sections (a slot not bound yet points
 * back into its module's PLT). */
static int in_plt(struct sym_module *m, uint64_t v)
{
    GElf_Addr bias;
    Elf *elf = m->dw ? dwfl_module_getelf(m->dw, &bias) : NULL;
    size_t shstrndx;
    if (!elf || elf_getshdrstrndx(elf, &shstrndx) != 0)
        return 0;
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn))) {
        GElf_Shdr sh;
        const char *n;
        if (gelf_getshdr(scn, &sh) && (n = elf_strptr(elf, shstrndx, sh.sh_name)) &&
            !strncmp(n, ".plt", 4) && v >= sh.sh_addr + bias && v < sh.sh_addr + bias + sh.sh_size)
            return 1;
    }
    return 0;
}

/* A value the loader wrote for the function: code of the module that
 * defines it, not the resolver itself, not a PLT entry. */
static int chosen(struct sym_module *def, uint64_t resolver, uint64_t v)
{
    return v != resolver && v >= def->start && v < def->end && !in_plt(def, v);
}

/* Calls fn for every relocation of m's ELF image (bias added to the slot),
 * with the name of the symbol it binds (NULL when none). Stops when fn
 * returns nonzero, and returns that. */
typedef int (*reloc_fn)(void *ctx, const GElf_Rela *r, uint64_t slot, const char *sym);
static int each_reloc(struct sym_module *m, reloc_fn fn, void *ctx)
{
    GElf_Addr bias;
    Elf *elf = m->dw ? dwfl_module_getelf(m->dw, &bias) : NULL;
    Elf_Scn *scn = NULL;
    while (elf && (scn = elf_nextscn(elf, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA || !sh.sh_entsize)
            continue;
        Elf_Data *data = elf_getdata(scn, NULL);
        Elf_Scn *symscn = sh.sh_link ? elf_getscn(elf, sh.sh_link) : NULL;
        Elf_Data *syms = symscn ? elf_getdata(symscn, NULL) : NULL;
        GElf_Shdr symsh;
        size_t strndx = symscn && gelf_getshdr(symscn, &symsh) ? symsh.sh_link : 0;
        for (size_t i = 0; data && i < sh.sh_size / sh.sh_entsize; i++) {
            GElf_Rela r;
            if (!gelf_getrela(data, (int)i, &r))
                break;
            const char *name = NULL;
            GElf_Sym s;
            if (GELF_R_SYM(r.r_info) && syms && gelf_getsym(syms, (int)GELF_R_SYM(r.r_info), &s))
                name = elf_strptr(elf, strndx, s.st_name);
            int rc = fn(ctx, &r, r.r_offset + bias, name);
            if (rc)
                return rc;
        }
    }
    return 0;
}

struct search {
    struct sym_module *def;
    uint64_t resolver, file_resolver;
    const char *name; /* the function's name, without a version */
    size_t name_len;
    sym_read_fn read;
    void *read_ctx;
    uint64_t target;
};

static int read_slot(struct search *q, uint64_t slot)
{
    uint64_t v;
    if (q->read(q->read_ctx, slot, &v, sizeof v) != 0 || !chosen(q->def, q->resolver, v))
        return 0;
    q->target = v;
    return 1;
}

static int own_slot(void *ctx, const GElf_Rela *r, uint64_t slot, const char *sym)
{
    struct search *q = ctx;
    (void)sym;
    if (GELF_R_TYPE(r->r_info) != R_X86_64_IRELATIVE || (uint64_t)r->r_addend != q->file_resolver)
        return 0;
    return read_slot(q, slot);
}

static int bound_slot(void *ctx, const GElf_Rela *r, uint64_t slot, const char *sym)
{
    struct search *q = ctx;
    unsigned type = (unsigned)GELF_R_TYPE(r->r_info);
    if ((type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT) || !sym ||
        strncmp(sym, q->name, q->name_len) != 0 || (sym[q->name_len] && sym[q->name_len] != '@'))
        return 0;
    return read_slot(q, slot);
}

int sym_ifunc_target(struct sym_space *sp, uint64_t resolver, sym_read_fn read, void *ctx,
                     uint64_t *target)
{
    struct sym_module *def;
    const struct sym_entry *e = ifunc_at(sp, resolver, &def);
    if (!e)
        return -1;
    for (size_t i = 0; i < sp->nifuncs; i++) {
        if (sp->ifuncs[i][0] == resolver) {
            *target = sp->ifuncs[i][1];
            return 1;
        }
    }
    struct search q = {def, resolver, resolver - def->bias, e->name, strcspn(e->name, "@"),
                       read, ctx, 0};
    int found = each_reloc(def, own_slot, &q);
    for (size_t i = 0; !found && i < sp->n; i++)
        if (sp->mods[i] != def)
            found = each_reloc(sp->mods[i], bound_slot, &q);
    if (found)
        *target = q.target;
    return found;
}

void sym_ifunc_learn(struct sym_space *sp, uint64_t resolver, uint64_t target)
{
    for (size_t i = 0; i < sp->nifuncs; i++)
        if (sp->ifuncs[i][0] == resolver)
            return;
    sp->ifuncs = xrealloc(sp->ifuncs, (sp->nifuncs + 1) * sizeof *sp->ifuncs);
    sp->ifuncs[sp->nifuncs][0] = resolver;
    sp->ifuncs[sp->nifuncs++][1] = target;
}
