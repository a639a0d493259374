#include "sym/plt.h"
#include "util/xalloc.h"

#include <elf.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sym_plt_free(struct sym_plt *plt)
{
    if (!plt)
        return;
    free(plt->e);
    free(plt->names);
    free(plt);
}

/* A GOT slot and the name its relocation binds it to. */
struct slot {
    uint64_t got;
    const char *name; /* in the ELF's string table */
};

static int by_got(const void *a, const void *b)
{
    const struct slot *x = a, *y = b;
    return x->got < y->got ? -1 : x->got > y->got;
}

static int by_entry_addr(const void *a, const void *b)
{
    const struct sym_entry *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Every JUMP_SLOT and GLOB_DAT relocation with a symbol, by GOT slot
 * (link-time addresses). */
static struct slot *read_slots(Elf *elf, size_t *count)
{
    struct slot *s = NULL;
    size_t n = 0, cap = 0;
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA || !sh.sh_entsize)
            continue;
        Elf_Scn *symscn = elf_getscn(elf, sh.sh_link);
        GElf_Shdr symsh;
        Elf_Data *rd = elf_getdata(scn, NULL), *sd = symscn ? elf_getdata(symscn, NULL) : NULL;
        if (!rd || !sd || !gelf_getshdr(symscn, &symsh))
            continue;
        size_t nr = sh.sh_size / sh.sh_entsize;
        for (size_t i = 0; i < nr; i++) {
            GElf_Rela r;
            GElf_Sym sym;
            if (!gelf_getrela(rd, (int)i, &r))
                break;
            unsigned type = (unsigned)GELF_R_TYPE(r.r_info);
            size_t si = GELF_R_SYM(r.r_info);
            if ((type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT) || si == 0 ||
                !gelf_getsym(sd, (int)si, &sym))
                continue;
            const char *name = elf_strptr(elf, symsh.sh_link, sym.st_name);
            if (!name || !name[0])
                continue;
            if (n == cap)
                s = xrealloc(s, (cap = cap ? cap * 2 : 32) * sizeof *s);
            s[n].got = r.r_offset;
            s[n].name = name;
            n++;
        }
    }
    if (n)
        qsort(s, n, sizeof *s, by_got);
    *count = n;
    return s;
}

/* The GOT slot an entry jumps through: `[endbr64] [bnd] jmp *d(%rip)` at
 * its start. PLT0 (push; jmp *GOT+16) and lazy entries of an IBT .plt
 * (push; jmp PLT0) do not match, so they get no name. */
static int entry_slot(const unsigned char *code, size_t len, uint64_t addr, uint64_t *got)
{
    size_t i = 0;
    if (len >= 4 && code[0] == 0xf3 && code[1] == 0x0f && code[2] == 0x1e && code[3] == 0xfa)
        i = 4;
    if (i < len && code[i] == 0xf2)
        i++;
    if (i + 6 > len || code[i] != 0xff || code[i + 1] != 0x25)
        return -1;
    int32_t disp;
    memcpy(&disp, code + i + 2, 4);
    *got = addr + i + 6 + (uint64_t)(int64_t)disp;
    return 0;
}

static const char *slot_name(const struct slot *s, size_t n, uint64_t got)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s[mid].got < got)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && s[lo].got == got ? s[lo].name : NULL;
}

static void read_plt(struct sym_plt *plt, Dwfl_Module *dw)
{
    GElf_Addr bias = 0;
    Elf *elf = dw ? dwfl_module_getelf(dw, &bias) : NULL;
    size_t shstrndx, nslots = 0;
    if (!elf || elf_getshdrstrndx(elf, &shstrndx) != 0)
        return;
    struct slot *slots = read_slots(elf, &nslots);
    size_t cap = 0, used = 0, ncap = 0;
    size_t *offsets = NULL;
    Elf_Scn *scn = NULL;
    while (nslots && (scn = elf_nextscn(elf, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR))
            continue;
        const char *sname = elf_strptr(elf, shstrndx, sh.sh_name);
        if (!sname || (strcmp(sname, ".plt") && strcmp(sname, ".plt.sec") && strcmp(sname, ".plt.got")))
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        uint64_t stride = sh.sh_entsize ? sh.sh_entsize : 16;
        if (!d || !d->d_buf || d->d_size < sh.sh_size)
            continue;
        for (uint64_t off = 0; off + stride <= sh.sh_size; off += stride) {
            uint64_t got;
            const unsigned char *code = (const unsigned char *)d->d_buf + off;
            if (entry_slot(code, stride, sh.sh_addr + off, &got) < 0)
                continue;
            const char *name = slot_name(slots, nslots, got);
            if (!name)
                continue;
            size_t len = strlen(name) + sizeof "@plt";
            while (used + len > cap)
                plt->names = xrealloc(plt->names, cap = cap ? cap * 2 : 1024);
            strcpy(plt->names + used, name);
            strcat(plt->names + used, "@plt");
            if (plt->n == ncap) {
                ncap = ncap ? ncap * 2 : 32;
                plt->e = xrealloc(plt->e, ncap * sizeof *plt->e);
                offsets = xrealloc(offsets, ncap * sizeof *offsets);
            }
            offsets[plt->n] = used;
            plt->e[plt->n] = (struct sym_entry){.addr = sh.sh_addr + off + bias, .size = stride,
                                                .type = STT_FUNC, .bind = STB_LOCAL};
            plt->n++;
            used += len;
        }
    }
    /* names moved while the storage grew: point at the final copy */
    for (size_t i = 0; i < plt->n; i++)
        plt->e[i].name = plt->names + offsets[i];
    free(offsets);
    free(slots);
    if (plt->n)
        qsort(plt->e, plt->n, sizeof *plt->e, by_entry_addr);
}

const struct sym_plt *sym_plt_of(struct sym_module *m)
{
    if (!m->plt) {
        m->plt = xcalloc(1, sizeof *m->plt);
        read_plt(m->plt, m->dw);
    }
    return m->plt;
}

const struct sym_entry *sym_plt_at(struct sym_module *m, uint64_t addr)
{
    const struct sym_plt *plt = sym_plt_of(m);
    size_t lo = 0, hi = plt->n;
    while (lo < hi) { /* the first entry above addr */
        size_t mid = (lo + hi) / 2;
        if (plt->e[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const struct sym_entry *e = &plt->e[lo - 1];
    return addr < e->addr + e->size ? e : NULL;
}

int sym_plt_is_name(const char *name, size_t len)
{
    return len > 4 && !memcmp(name + len - 4, "@plt", 4);
}

const struct sym_entry *sym_plt_named(struct sym_module *m, const char *name, size_t len)
{
    const struct sym_plt *plt = sym_plt_of(m);
    for (size_t i = 0; i < plt->n; i++)
        if (!strncmp(plt->e[i].name, name, len) && !plt->e[i].name[len])
            return &plt->e[i];
    return NULL;
}

int sym_plt_lookup(struct sym_space *sp, const char *name, size_t len, uint64_t *addr,
                   struct lerr *e)
{
    const char *bang = memchr(name, '!', len);
    if (bang) {
        size_t mlen = (size_t)(bang - name);
        struct sym_module *m = sym_module_named(sp, name, mlen);
        if (!m)
            return lerr_set_code(e, LERR_NOT_FOUND, "Couldn't resolve error at '%.*s': no module '%.*s'",
                                 (int)len, name, (int)mlen, name);
        const struct sym_entry *s = sym_plt_named(m, bang + 1, len - mlen - 1);
        if (s)
            *addr = s->addr;
        return s != NULL;
    }
    /* every module that calls the function has an entry: one is the name */
    const struct sym_entry *found = NULL;
    const struct sym_module *where = NULL;
    for (size_t i = 0; i < sp->n; i++) {
        const struct sym_entry *s = sym_plt_named(sp->mods[i], name, len);
        if (s && found)
            return lerr_set(e, "Ambiguous symbol '%.*s': %s!%s and %s!%s (name the module)",
                            (int)len, name, where->name, found->name, sp->mods[i]->name, s->name);
        if (s) {
            found = s;
            where = sp->mods[i];
        }
    }
    if (found)
        *addr = found->addr;
    return found != NULL;
}

int sym_plt_describe(struct sym_module *m, uint64_t addr, char *buf, size_t size)
{
    const struct sym_entry *s = sym_plt_at(m, addr);
    if (!s)
        return -1;
    if (addr != s->addr)
        snprintf(buf, size, "%s!%s+0x%llx", m->name, s->name, (unsigned long long)(addr - s->addr));
    else
        snprintf(buf, size, "%s!%s", m->name, s->name);
    return 0;
}

void sym_plt_nearest(struct sym_module *m, uint64_t addr, struct sym_entry *before,
                     struct sym_entry *after)
{
    const struct sym_plt *plt = sym_plt_of(m);
    for (size_t i = 0; i < plt->n; i++) {
        const struct sym_entry *s = &plt->e[i];
        if (s->addr <= addr && addr < s->addr + s->size &&
            (!before->name || s->addr > before->addr))
            *before = *s;
        if (s->addr > addr && (!after->name || s->addr < after->addr))
            *after = *s;
    }
}
