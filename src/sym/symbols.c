#include "sym/symbols.h"
#include "sym/inline.h"
#include "sym/debugpaths.h"
#include "sym/lines.h"
#include "sym/plt.h"
#include "sym/wildcard.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libiberty/demangle.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Generations of the Dwfl handles of every symbol space, never reused:
 * a new space or a new handle may sit where an old one was freed. */
static unsigned sym_next_generation(void)
{
    static unsigned next;
    return ++next;
}

struct sym_space *sym_space_new(void)
{
    struct sym_space *sp = xcalloc(1, sizeof *sp);
    sp->dwfl = dwfl_begin(sym_debug_callbacks());
    sp->generation = sym_next_generation();
    sym_debug_attach(sp->dwfl);
    return sp;
}

static void free_module(struct sym_module *m)
{
    free(m->path);
    free(m->name);
    free(m->syms);
    free(m->names);
    sym_plt_free(m->plt);
    if (m->image_fd > 0)
        close(m->image_fd);
    free(m->inlined);
    sym_inline_cache_free(m->inline_at);
    free(m->debug_file);
    free(m);
}

void sym_space_free(struct sym_space *sp)
{
    if (!sp)
        return;
    for (size_t i = 0; i < sp->n; i++)
        free_module(sp->mods[i]);
    free(sp->mods);
    free(sp->ifuncs);
    if (sp->dwfl)
        dwfl_end(sp->dwfl);
    free(sp->unwind_state);
    free(sp);
}

char *sym_module_name_for(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strcspn(base, ".");
    if (n == 0)
        n = strlen(base);
    char *name = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        name[i] = isalnum((unsigned char)base[i]) || base[i] == '_' ? base[i] : '_';
    name[n] = '\0';
    return name;
}

/* libdwfl takes the descriptor it is given: an image's is lent a copy. */
static Dwfl_Module *report_module(struct sym_space *sp, struct sym_module *m)
{
    int fd = m->image_fd > 0 ? fcntl(m->image_fd, F_DUPFD_CLOEXEC, 3) : -1;
    return dwfl_report_elf(sp->dwfl, m->name, m->path, fd, m->bias, false);
}

/* After a removal: a new Dwfl with the modules that remain (re-reporting
 * them into the old one leaves them without symbols). Our name indexes
 * stay (they own their strings); libdwfl's tables, the unwinder's state,
 * the index of inlined calls and sym_inline_at's cache (whose names
 * point into the old DWARF) are made again. */
static void report_all(struct sym_space *sp)
{
    sp->nifuncs = 0; /* a module went: what was learnt of it with it */
    for (size_t i = 0; i < sp->n; i++) {
        free(sp->mods[i]->inlined);
        sp->mods[i]->inlined = NULL;
        sym_inline_cache_free(sp->mods[i]->inline_at);
        sp->mods[i]->inline_at = NULL;
    }
    dwfl_end(sp->dwfl);
    sp->dwfl = dwfl_begin(sym_debug_callbacks());
    sp->generation = sym_next_generation();
    sym_debug_attach(sp->dwfl);
    sp->unwind_attached = 0;
    dwfl_report_begin(sp->dwfl);
    for (size_t i = 0; i < sp->n; i++) {
        struct sym_module *m = sp->mods[i];
        m->dw = report_module(sp, m);
    }
    dwfl_report_end(sp->dwfl, NULL, NULL);
}

struct sym_module *sym_add_module(struct sym_space *sp, const char *path, uint64_t bias,
                                  struct lerr *e)
{
    return sym_add_module_fd(sp, path, -1, bias, e);
}

struct sym_module *sym_add_module_fd(struct sym_space *sp, const char *path, int fd,
                                     uint64_t bias, struct lerr *e)
{
    struct sym_module *m = xcalloc(1, sizeof *m);
    m->path = xstrdup(path);
    m->image_fd = fd > 0 ? fd : 0;
    m->name = sym_module_name_for(path);
    m->bias = bias;
    if (sym_module_named(sp, m->name, strlen(m->name))) {
        /* two files with one name: the later one carries its address */
        char *n = xmalloc(strlen(m->name) + 20);
        sprintf(n, "%s_%llx", m->name, (unsigned long long)bias);
        free(m->name);
        m->name = n;
    }
    dwfl_report_begin_add(sp->dwfl);
    m->dw = report_module(sp, m);
    dwfl_report_end(sp->dwfl, NULL, NULL);
    if (!m->dw) {
        lerr_set(e, "Couldn't load module '%s': %s", path, dwfl_errmsg(-1));
        free_module(m);
        return NULL;
    }
    Dwarf_Addr lo, hi;
    dwfl_module_info(m->dw, NULL, &lo, &hi, NULL, NULL, NULL, NULL);
    m->start = lo & ~0xfffULL;
    m->end = (hi + 0xfff) & ~0xfffULL;
    sp->mods = xrealloc(sp->mods, (sp->n + 1) * sizeof *sp->mods);
    sp->mods[sp->n++] = m;
    return m;
}

void sym_remove_module(struct sym_space *sp, struct sym_module *m)
{
    for (size_t i = 0; i < sp->n; i++) {
        if (sp->mods[i] == m) {
            memmove(&sp->mods[i], &sp->mods[i + 1], (sp->n - i - 1) * sizeof *sp->mods);
            sp->n--;
            break;
        }
    }
    free_module(m);
    report_all(sp);
}

void sym_reload(struct sym_space *sp)
{
    /* libdwfl remembers a debug file it did not find: only a new Dwfl
     * searches again */
    for (size_t i = 0; i < sp->n; i++) {
        struct sym_module *m = sp->mods[i];
        free(m->syms);
        free(m->names);
        free(m->debug_file);
        m->syms = NULL;
        m->names = NULL;
        m->nsyms = 0;
        m->indexed = 0;
        m->has_symtab = m->has_dwarf = 0;
        m->debug_file = NULL;
    }
    report_all(sp);
}

void sym_remove_all(struct sym_space *sp)
{
    for (size_t i = 0; i < sp->n; i++)
        free_module(sp->mods[i]);
    sp->n = 0;
    report_all(sp);
}

struct sym_module *sym_module_named(const struct sym_space *sp, const char *name, size_t len)
{
    for (size_t i = 0; i < sp->n; i++)
        if (strlen(sp->mods[i]->name) == len && strncasecmp(sp->mods[i]->name, name, len) == 0)
            return sp->mods[i];
    return NULL;
}

struct sym_module *sym_module_at(const struct sym_space *sp, uint64_t addr)
{
    for (size_t i = 0; i < sp->n; i++)
        if (addr >= sp->mods[i]->start && addr < sp->mods[i]->end)
            return sp->mods[i];
    return NULL;
}

struct sym_module *sym_module_by_path(const struct sym_space *sp, const char *path)
{
    for (size_t i = 0; i < sp->n; i++)
        if (strcmp(sp->mods[i]->path, path) == 0)
            return sp->mods[i];
    return NULL;
}

/* The version of a symbol that is not the default one ("@GLIBC_2.2.5" of
 * memcpy@GLIBC_2.2.5), or "": the default version (@@) is the plain name,
 * as the linker binds it; an older one keeps its version, so that the
 * plain name is not ambiguous. */
static const char *old_version(const char *raw)
{
    const char *at = strchr(raw, '@');
    return at && at[1] != '@' ? at : "";
}

/* The name as shown: C++ demangled (without the parameter list, or with
 * it when `params`), the default version's suffix dropped. Writes into
 * buf and returns it, or NULL when a demangling with parameters fails. */
static const char *shown_name(const char *raw, int params, char *buf, size_t size)
{
    size_t n = strcspn(raw, "@");
    if (n >= size)
        n = size - 1;
    memcpy(buf, raw, n);
    buf[n] = '\0';
    if (buf[0] == '_' && buf[1] == 'Z') {
        char *d = cplus_demangle(buf, DMGL_ANSI | (params ? DMGL_PARAMS : 0));
        if (d) {
            snprintf(buf, size, "%s", d);
            free(d);
        } else if (params) {
            return NULL;
        }
    }
    size_t used = strlen(buf);
    snprintf(buf + used, size - used, "%s", old_version(raw));
    return buf;
}

static const char *clean_name(const char *raw, char *buf, size_t size)
{
    return shown_name(raw, 0, buf, size);
}

static int by_name(const void *a, const void *b)
{
    const struct sym_entry *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Whether an ELF has a section of this type (and, when name is given,
 * this name). */
static int has_section(Elf *elf, unsigned type, const char *name)
{
    size_t shstrndx;
    Elf_Scn *scn = NULL;
    if (!elf || elf_getshdrstrndx(elf, &shstrndx) != 0)
        return 0;
    while ((scn = elf_nextscn(elf, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != type)
            continue;
        const char *n = elf_strptr(elf, shstrndx, sh.sh_name);
        if (!name || (n && !strcmp(n, name)))
            return 1;
    }
    return 0;
}

/* What the symbols came from: a separate debug file (found the standard
 * way: build-id under /usr/lib/debug, .gnu_debuglink) or the image. */
static void note_sources(struct sym_module *m)
{
    GElf_Addr bias;
    Elf *main_elf = dwfl_module_getelf(m->dw, &bias);
    const char *debugfile = NULL;
    dwfl_module_info(m->dw, NULL, NULL, NULL, NULL, NULL, NULL, &debugfile);
    free(m->debug_file);
    m->debug_file = debugfile ? xstrdup(debugfile) : NULL; /* outlives the Dwfl */
    m->has_symtab = has_section(main_elf, SHT_SYMTAB, NULL) || debugfile;
    m->has_dwarf = has_section(main_elf, SHT_PROGBITS, ".debug_info") || debugfile;
}

void sym_module_load(struct sym_module *m)
{
    if (m->indexed || !m->dw)
        return;
    m->indexed = 1;
    int n = dwfl_module_getsymtab(m->dw);
    if (n <= 0)
        return;
    m->syms = xcalloc((size_t)n, sizeof *m->syms);
    size_t cap = 4096, used = 0;
    m->names = xmalloc(cap);
    size_t *offsets = xcalloc((size_t)n, sizeof *offsets);
    for (int i = 1; i < n; i++) {
        GElf_Sym s;
        GElf_Addr addr;
        GElf_Word shndx;
        const char *raw = dwfl_module_getsym_info(m->dw, i, &s, &addr, &shndx, NULL, NULL);
        int type = GELF_ST_TYPE(s.st_info);
        if (!raw || !raw[0] || shndx == SHN_UNDEF || type == STT_SECTION || type == STT_FILE)
            continue;
        char buf[1024], full[2048] = "";
        const char *name = clean_name(raw, buf, sizeof buf);
        /* C++: also the name with its parameter list, for bm /( */
        if ((raw[0] != '_' || raw[1] != 'Z') || !shown_name(raw, 1, full, sizeof full))
            full[0] = '\0';
        size_t len = strlen(name) + 1, flen = full[0] ? strlen(full) + 1 : 0;
        if (used + len + flen > cap) {
            /* grown only when full: a realloc per symbol copies the
             * whole store each time under ASan (minutes for libstdc++) */
            while (used + len + flen > cap)
                cap *= 2;
            m->names = xrealloc(m->names, cap);
        }
        memcpy(m->names + used, name, len);
        if (flen)
            memcpy(m->names + used + len, full, flen);
        struct sym_entry *e = &m->syms[m->nsyms];
        offsets[m->nsyms] = used;
        e->full = flen ? (const char *)(uintptr_t)1 : NULL; /* fixed below */
        e->addr = addr;
        e->size = s.st_size;
        e->type = (unsigned char)type;
        e->bind = (unsigned char)GELF_ST_BIND(s.st_info);
        m->nsyms++;
        used += len + flen;
    }
    /* names moved while the storage grew: point at the final copy */
    for (size_t i = 0; i < m->nsyms; i++) {
        m->syms[i].name = m->names + offsets[i];
        if (m->syms[i].full)
            m->syms[i].full = m->syms[i].name + strlen(m->syms[i].name) + 1;
    }
    free(offsets);
    qsort(m->syms, m->nsyms, sizeof *m->syms, by_name);
    note_sources(m);
}

/* The first entry named exactly `name` (len bytes). */
static const struct sym_entry *find_in(struct sym_module *m, const char *name, size_t len)
{
    sym_module_load(m);
    size_t lo = 0, hi = m->nsyms;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(m->syms[mid].name, name, len);
        if (c == 0 && m->syms[mid].name[len] != '\0')
            c = 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < m->nsyms && strncmp(m->syms[lo].name, name, len) == 0 && m->syms[lo].name[len] == '\0')
        return &m->syms[lo];
    return NULL;
}

const struct sym_entry *sym_module_find(struct sym_module *m, const char *name)
{
    return find_in(m, name, strlen(name));
}

/* Whether a demangled name with its parameter list (full: "int
 * ns::triple<int>(int)", a template's with its return type) is the
 * signature typed (want, len bytes: "ns::triple<int>(int)"); blanks do
 * not count ("add(int,int)" is "add(int, int)"). */
static int same_signature(const char *full, const char *want, size_t len)
{
    /* full itself, then what follows each blank of it */
    for (const char *f0 = full; f0; f0 = strchr(f0, ' ') ? strchr(f0, ' ') + 1 : NULL) {
        const char *f = f0;
        size_t i = 0;
        for (;;) {
            while (*f == ' ')
                f++;
            while (i < len && want[i] == ' ')
                i++;
            if (!*f || i == len || *f != want[i])
                break;
            f++;
            i++;
        }
        if (!*f && i == len)
            return 1;
    }
    return 0;
}

int sym_lookup(struct sym_space *sp, const char *name, size_t len, uint64_t *addr,
               struct lerr *e)
{
    if (len >= 2 && name[0] == '`' && name[len - 1] == '`') {
        int r = sym_line_lookup(sp, name + 1, len - 2, addr, e);
        if (r == 0)
            return lerr_set_code(e, LERR_NOT_FOUND, "Couldn't resolve error at '%.*s': no code for that line", (int)len, name);
        return r;
    }
    if (sym_plt_is_name(name, len))
        return sym_plt_lookup(sp, name, len, addr, e);
    if (memchr(name, '(', len)) {
        /* a C++ name with its parameter list: "mod!ns::f(int)" or "ns::f(int)" */
        const char *bang2 = memchr(name, '!', len);
        size_t skip = bang2 ? (size_t)(bang2 - name) + 1 : 0;
        struct sym_module *only = bang2 ? sym_module_named(sp, name, skip - 1) : NULL;
        for (size_t i = 0; i < sp->n; i++) {
            struct sym_module *m = sp->mods[i];
            if (bang2 && m != only)
                continue;
            sym_module_load(m);
            for (size_t k = 0; k < m->nsyms; k++) {
                const char *f = m->syms[k].full;
                if (f && same_signature(f, name + skip, len - skip)) {
                    *addr = m->syms[k].addr;
                    return 1;
                }
            }
        }
        return 0;
    }
    const char *bang = memchr(name, '!', len);
    if (bang) {
        size_t mlen = (size_t)(bang - name);
        struct sym_module *m = sym_module_named(sp, name, mlen);
        if (!m)
            return lerr_set_code(e, LERR_NOT_FOUND, "Couldn't resolve error at '%.*s': no module '%.*s'", (int)len,
                            name, (int)mlen, name);
        const char *sym = bang + 1;
        size_t slen = len - mlen - 1;
        const struct sym_entry *s = find_in(m, sym, slen), *first = s;
        if (!s)
            return 0;
        for (s++; s < m->syms + m->nsyms && !strncmp(s->name, sym, slen) && !s->name[slen]; s++)
            if (s->addr != first->addr)
                return lerr_set(e, "Ambiguous symbol '%.*s': %s!%.*s at %08x`%08x and %08x`%08x "
                                   "(overloads: use an address)", (int)len, name, m->name,
                                (int)slen, sym, (unsigned)(first->addr >> 32), (unsigned)first->addr,
                                (unsigned)(s->addr >> 32), (unsigned)s->addr);
        *addr = first->addr;
        return 1;
    }
    const struct sym_entry *found = NULL, *global = NULL;
    char others[512] = "";
    int count = 0, globals = 0;
    /* the vDSO (an image, not a file) only when no file has the name: the
     * program's clock_gettime is libc's, which calls the vDSO's */
    for (size_t i = 0; i < 2 * sp->n && !(i == sp->n && count); i++) {
        struct sym_module *m = sp->mods[i % sp->n];
        if ((m->image_fd > 0) != (i >= sp->n))
            continue;
        const struct sym_entry *s = find_in(m, name, len);
        /* every entry of that name in the module (overloads, statics) */
        for (; s && s < m->syms + m->nsyms && !strncmp(s->name, name, len) && !s->name[len]; s++) {
            if (s->bind != STB_LOCAL && (!global || s->addr != global->addr)) {
                globals++;
                global = s;
            }
            if (found && s->addr == found->addr)
                continue;
            if (count++ == 0)
                found = s;
            size_t used = strlen(others);
            snprintf(others + used, sizeof others - used, "%s%s!%.*s (%08x`%08x)",
                     used ? ", " : "", m->name, (int)len, name, (unsigned)(s->addr >> 32),
                     (unsigned)s->addr);
        }
    }
    /* one public definition among private copies (ld.so's own strlen) is
     * the one a name means, as for the linker */
    if (count > 1 && globals == 1) {
        *addr = global->addr;
        return 1;
    }
    if (count > 1)
        return lerr_set(e, "Ambiguous symbol '%.*s': %s (name the module, or use an address)",
                        (int)len, name, others);
    if (count == 1) {
        *addr = found->addr;
        return 1;
    }
    struct sym_module *m = sym_module_named(sp, name, len);
    if (m) {
        *addr = m->start;
        return 1;
    }
    return 0;
}

/* addr named by the symbol that holds `code` (addr itself, or the call
 * before a return address), with addr's offset from it. */
static int describe(struct sym_space *sp, uint64_t code, uint64_t addr, char *buf, size_t size)
{
    struct sym_module *m = sym_module_at(sp, code);
    if (!m)
        return -1;
    if (code == addr && sym_plt_describe(m, addr, buf, size) == 0)
        return 0;
    GElf_Off off = 0;
    GElf_Sym s;
    const char *raw = m->dw ? dwfl_module_addrinfo(m->dw, code, &off, &s, NULL, NULL, NULL) : NULL;
    off += addr - code;
    if (!raw || !raw[0]) {
        snprintf(buf, size, "%s+0x%llx", m->name, (unsigned long long)(addr - m->start));
        return 1;
    }
    char nb[512];
    clean_name(raw, nb, sizeof nb);
    /* C++ overloads (one name, several addresses) show their parameter
     * lists, so that they can be told apart */
    const struct sym_entry *e = raw[0] == '_' && raw[1] == 'Z' ? find_in(m, nb, strlen(nb)) : NULL;
    for (; e && e < m->syms + m->nsyms && !strcmp(e->name, nb); e++) {
        if (e->addr != addr - off) {
            char full[512];
            if (shown_name(raw, 1, full, sizeof full))
                snprintf(nb, sizeof nb, "%s", full);
            break;
        }
    }
    if (off)
        snprintf(buf, size, "%s!%s+0x%llx", m->name, nb, (unsigned long long)off);
    else
        snprintf(buf, size, "%s!%s", m->name, nb);
    return 0;
}

size_t sym_module_build_id(const struct sym_module *m, const unsigned char **bits)
{
    GElf_Addr vaddr;
    int n = m->dw ? dwfl_module_build_id(m->dw, bits, &vaddr) : -1;
    return n > 0 ? (size_t)n : 0;
}

int sym_describe(struct sym_space *sp, uint64_t addr, char *buf, size_t size)
{
    return describe(sp, addr, addr, buf, size);
}

int sym_describe_return(struct sym_space *sp, uint64_t ret, char *buf, size_t size)
{
    return describe(sp, ret - 1, ret, buf, size);
}

int sym_symbol_at(struct sym_space *sp, uint64_t addr, struct sym_entry *out, char *name,
                  size_t size)
{
    struct sym_module *m = sym_module_at(sp, addr);
    GElf_Off off = 0;
    GElf_Sym s;
    GElf_Addr start;
    const struct sym_entry *pe = m ? sym_plt_at(m, addr) : NULL;
    if (pe) {
        *out = *pe;
        snprintf(name, size, "%s", pe->name);
        out->name = name;
        return 0;
    }
    const char *raw = m && m->dw ? dwfl_module_addrinfo(m->dw, addr, &off, &s, NULL, NULL, NULL) : NULL;
    if (!raw)
        return -1;
    start = addr - off;
    clean_name(raw, name, size);
    out->name = name;
    out->addr = start;
    out->size = s.st_size;
    out->type = (unsigned char)GELF_ST_TYPE(s.st_info);
    out->bind = (unsigned char)GELF_ST_BIND(s.st_info);
    return 0;
}

static int leading_underscores(const char *n)
{
    if (!strncmp(n, "__GI_", 5))
        return 100; /* glibc's internal alias of any name: last */
    int k = 0;
    while (n[k] == '_')
        k++;
    return k;
}

int sym_better_name(const struct sym_entry *e, unsigned char other_bind, const char *other)
{
    /* exported before local, the public name (strcasestr, often a weak
     * alias) before the internal ones (__strcasestr, __GI_memcpy), global
     * before weak, then the shorter */
    int l1 = e->bind == STB_LOCAL, l2 = other_bind == STB_LOCAL;
    if (l1 != l2)
        return l1 < l2;
    /* the default version's name (glob64) before an old version's
     * (glob@GLIBC_2.2.5), as GDB */
    int v1 = strchr(e->name, '@') != NULL, v2 = strchr(other, '@') != NULL;
    if (v1 != v2)
        return v1 < v2;
    int u1 = leading_underscores(e->name), u2 = leading_underscores(other);
    if (u1 != u2)
        return u1 < u2;
    if (e->bind != other_bind)
        return e->bind == STB_GLOBAL;
    return strlen(e->name) < strlen(other);
}

static int by_addr(const void *a, const void *b)
{
    const struct sym_entry *const *x = a, *const *y = b;
    if ((*x)->addr != (*y)->addr)
        return (*x)->addr < (*y)->addr ? -1 : 1;
    return strcmp((*x)->name, (*y)->name);
}

int sym_nearest(struct sym_space *sp, uint64_t addr, struct sym_near *out)
{
    memset(out, 0, sizeof *out);
    struct sym_module *m = sym_module_at(sp, addr);
    if (!m)
        return -1;
    sym_module_load(m);
    out->mod = m;
    uint64_t sized_end = 0; /* the furthest end of a sized symbol before addr */
    for (size_t i = 0; i < m->nsyms; i++) {
        const struct sym_entry *s = &m->syms[i];
        if (s->type != STT_FUNC && s->type != STT_OBJECT && s->type != STT_NOTYPE &&
            s->type != STT_GNU_IFUNC)
            continue;
        if (s->addr < m->start || s->addr >= m->end)
            continue; /* absolute: version names (CXXABI_1.3) at 0 */
        if (s->size && s->addr + s->size <= addr && s->addr + s->size > sized_end)
            sized_end = s->addr + s->size;
        /* of several names of one address, the one k and u show; a symbol
         * whose size ends before addr is not it (a static function of a
         * library with only .dynsym is not its exported neighbour) */
        const struct sym_entry *b = &out->before, *n = &out->after;
        if (s->addr <= addr && (!s->size || addr < s->addr + s->size) &&
            (!b->name || s->addr > b->addr ||
                                (s->addr == b->addr && sym_better_name(s, b->bind, b->name))))
            out->before = *s;
        if (s->addr > addr && (!n->name || s->addr < n->addr ||
                               (s->addr == n->addr && sym_better_name(s, n->bind, n->name))))
            out->after = *s;
    }
    /* a sizeless symbol (__restore_rt) names what follows it only up to
     * the next sized one, as libdwfl and GDB read it */
    if (out->before.name && !out->before.size && sized_end > out->before.addr)
        out->before.name = NULL;
    sym_plt_nearest(m, addr, &out->before, &out->after);
    return 0;
}

static int visit(struct sym_space *sp, const struct wildcard *mod_pattern,
                 const struct wildcard *sym_pattern, int full, sym_visit_fn fn, void *ctx)
{
    for (size_t i = 0; i < sp->n; i++) {
        struct sym_module *m = sp->mods[i];
        if (mod_pattern && !wildcard_match(mod_pattern, m->name))
            continue;
        sym_module_load(m);
        const struct sym_entry **hits = xmalloc((m->nsyms + 1) * sizeof *hits);
        size_t nh = 0;
        for (size_t k = 0; k < m->nsyms; k++) {
            const char *n = full && m->syms[k].full ? m->syms[k].full : m->syms[k].name;
            if (!sym_pattern || wildcard_match(sym_pattern, n))
                hits[nh++] = &m->syms[k];
        }
        /* PLT entries only for a pattern that asks for them (`*@plt`): `*`
         * or `f*` (bm) mean the functions themselves */
        const struct sym_plt *plt = sym_pattern ? sym_plt_of(m) : NULL;
        if (plt)
            hits = xrealloc(hits, (nh + plt->n + 1) * sizeof *hits);
        for (size_t k = 0; plt && k < plt->n; k++) {
            char bare[512];
            snprintf(bare, sizeof bare, "%.*s", (int)strlen(plt->e[k].name) - 4, plt->e[k].name);
            if (wildcard_match(sym_pattern, plt->e[k].name) && !wildcard_match(sym_pattern, bare))
                hits[nh++] = &plt->e[k];
        }
        qsort(hits, nh, sizeof *hits, by_addr);
        int stop = 0;
        for (size_t k = 0; k < nh && !stop; k++)
            stop = fn(ctx, m, hits[k]);
        free(hits);
        if (stop)
            return stop;
    }
    return 0;
}

int sym_visit(struct sym_space *sp, const struct wildcard *mod_pattern,
              const struct wildcard *sym_pattern, sym_visit_fn fn, void *ctx)
{
    return visit(sp, mod_pattern, sym_pattern, 0, fn, ctx);
}

int sym_visit_full(struct sym_space *sp, const struct wildcard *mod_pattern,
                   const struct wildcard *sym_pattern, sym_visit_fn fn, void *ctx)
{
    return visit(sp, mod_pattern, sym_pattern, 1, fn, ctx);
}
