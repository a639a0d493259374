/* Which modules a process has mapped: at the initial break (or attach) from
 * the target's map of the address space, and after that from the loader's own list (r_debug and
 * its link_map chain), read each time the loader calls _dl_debug_state,
 * where the engine keeps a trap. Also: a forked child is cleaned of our
 * traps before it runs. */
#include "engine/internal.h"
#include "sym/wildcard.h"

#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The name the loader gives the vDSO in its list (its module: linux_vdso) */
#define VDSO_NAME "linux-vdso.so.1"

/* The load bias of an ELF file whose offset-0 segment is mapped at
 * map_start, or -1 when the file is not ELF. */
static int elf_bias(const char *path, uint64_t map_start, uint64_t *bias)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    unsigned char magic[4];
    if (pread(fd, magic, 4, 0) != 4 || memcmp(magic, ELFMAG, SELFMAG) != 0) {
        close(fd);
        return -1;
    }
    elf_version(EV_CURRENT);
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    size_t n = 0;
    int rc = -1;
    if (elf && elf_getphdrnum(elf, &n) == 0) {
        for (size_t i = 0; i < n; i++) {
            GElf_Phdr ph;
            if (gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_LOAD && ph.p_offset == 0) {
                *bias = map_start - (ph.p_vaddr & ~0xfffULL);
                rc = 0;
                break;
            }
        }
    }
    if (elf)
        elf_end(elf);
    close(fd);
    return rc;
}

static void announce(struct session *s, struct eng_process *p, const struct sym_module *m,
                     enum eng_event_kind kind)
{
    struct eng_event ev = {.kind = kind, .pid = p->pid, .proc_index = p->index,
                           .start = m->start, .end = m->end, .path = m->path};
    eng_emit(s, &ev);
}

/* Returns 1 when the module was added and its load should stop the target
 * under `sxe ld[:name]`. */
static int add_module(struct session *s, struct eng_process *p, const char *path, uint64_t bias)
{
    struct sym_module *m = sym_add_module(p->syms, path, bias, NULL);
    if (!m)
        return 0;
    announce(s, p, m, ENG_EVT_MODLOAD);
    return !s->load_filter || wildcard_match(s->load_filter, m->name);
}

/* The vDSO: an ELF image the kernel maps, of no file. A copy of it read
 * from the target goes to the symbols as a descriptor (memfd), so that
 * its functions have names and its .eh_frame unwinds as any module's. */
static void add_vdso(struct session *s, struct eng_process *p, const struct tgt_region *r)
{
    size_t size = (size_t)(r->end - r->start), got = 0;
    if (sym_module_by_path(p->syms, VDSO_NAME) || size > (1u << 24))
        return;
    char *image = malloc(size);
    uint64_t bias = 0;
    int fd = -1, found = 0;
    if (image && tgt_read_mem(p->tp, r->start, image, size, &got) == 0 && got == size) {
        elf_version(EV_CURRENT);
        Elf *elf = elf_memory(image, size);
        size_t n = 0;
        for (size_t i = 0; elf && elf_getphdrnum(elf, &n) == 0 && i < n && !found; i++) {
            GElf_Phdr ph;
            if (gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_LOAD && ph.p_offset == 0) {
                bias = r->start - ph.p_vaddr;
                found = 1;
            }
        }
        if (elf)
            elf_end(elf);
    }
    if (found && (fd = memfd_create(VDSO_NAME, MFD_CLOEXEC)) >= 0 &&
        write(fd, image, size) != (ssize_t)size) {
        close(fd);
        fd = -1;
    }
    free(image);
    if (fd < 0)
        return;
    struct sym_module *m = sym_add_module_fd(p->syms, VDSO_NAME, fd, bias, NULL);
    if (m)
        announce(s, p, m, ENG_EVT_MODLOAD);
}

int eng_set_load_filter(struct session *s, const char *pattern, struct lerr *e)
{
    struct wildcard *w = NULL;
    if (pattern && !(w = wildcard_compile(pattern, e)))
        return -1;
    wildcard_free(s->load_filter);
    s->load_filter = w;
    return 0;
}

/* The loader's symbols: its trap and its r_debug. */
static void arm_loader_trap(struct eng_process *p)
{
    for (size_t i = 0; i < p->syms->n; i++) {
        struct sym_module *m = p->syms->mods[i];
        if (strncmp(m->name, "ld", 2) != 0)
            continue;
        char q[128];
        uint64_t state = 0, rdebug = 0;
        snprintf(q, sizeof q, "%s!_dl_debug_state", m->name);
        if (sym_lookup(p->syms, q, strlen(q), &state, NULL) != 1)
            continue;
        snprintf(q, sizeof q, "%s!_r_debug", m->name);
        if (sym_lookup(p->syms, q, strlen(q), &rdebug, NULL) != 1)
            continue;
        /* a process that does not run (a core) has its list read once,
         * without a trap */
        if (!eng_can(p, TGT_CAP_LIVE) || eng_trap_add(p, ENG_TRAP_LOADER, state, 0, 0, NULL) == 0)
            p->r_debug = rdebug;
        return;
    }
}

void eng_modules_initial(struct session *s, struct eng_process *p)
{
    struct tgt_map map;
    if (tgt_read_map(p->tp, &map, NULL) < 0) {
        tgt_map_free(&map);
        return;
    }
    for (size_t i = 0; i < map.n; i++) {
        const struct tgt_region *r = &map.r[i];
        if (!strcmp(r->path, "[vdso]"))
            add_vdso(s, p, r);
        if (r->offset != 0 || r->path[0] != '/' || sym_module_by_path(p->syms, r->path))
            continue;
        uint64_t bias;
        if (elf_bias(r->path, r->start, &bias) == 0)
            add_module(s, p, r->path, bias);
    }
    tgt_map_free(&map);
    arm_loader_trap(p);
    eng_eh_arm(s, p, 0);
}

/* struct r_debug and struct link_map, as the loader lays them out */
#define R_MAP 8
#define R_STATE 24
#define L_ADDR 0
#define L_NAME 8
#define L_NEXT 24

static int read_u64(struct eng_process *p, uint64_t addr, uint64_t *v)
{
    return tgt_read_mem(p->tp, addr, v, 8, NULL);
}

void eng_modules_sync(struct session *s, struct eng_process *p, int *loaded, int *unloaded)
{
    *loaded = *unloaded = 0;
    if (!p->r_debug)
        return;
    uint32_t state = 1;
    uint64_t map = 0;
    if (tgt_read_mem(p->tp, p->r_debug + R_STATE, &state, 4, NULL) != 0 || state != 0)
        return; /* RT_ADD / RT_DELETE: the list is being changed */
    if (read_u64(p, p->r_debug + R_MAP, &map) != 0)
        return;
    uint64_t *biases = NULL;
    size_t nb = 0, before = p->syms->n;
    for (int guard = 0; map && guard < 65536; guard++) {
        uint64_t l_addr, l_name, next;
        if (read_u64(p, map + L_ADDR, &l_addr) || read_u64(p, map + L_NAME, &l_name) ||
            read_u64(p, map + L_NEXT, &next))
            break;
        char name[4096] = "";
        size_t got = 0;
        if (l_name)
            tgt_read_mem(p->tp, l_name, name, sizeof name - 1, &got);
        name[sizeof name - 1] = '\0';
        biases = realloc(biases, (nb + 1) * sizeof *biases);
        biases[nb++] = l_addr;
        int known = 0;
        for (size_t i = 0; i < p->syms->n; i++)
            if (p->syms->mods[i]->bias == l_addr)
                known = 1;
        char file[4096];
        /* as given to dlopen, so possibly relative to the program's working
         * directory; names of no file (the vdso) fail */
        if (!known && name[0] && tgt_real_path(p->tp, name, file, sizeof file) == 0)
            *loaded += add_module(s, p, file, l_addr);
        map = next;
    }
    /* the modules added are the last ones, and stay so: only the modules
     * not in the list go, none of them */
    size_t added = p->syms->n - before;
    /* gone from the loader's list: unloaded (the program itself is never in
     * question: its entry is the first, with l_addr its bias) */
    for (size_t i = 0; i < p->syms->n;) {
        struct sym_module *m = p->syms->mods[i];
        int present = 0;
        for (size_t k = 0; k < nb && !present; k++)
            present = biases[k] == m->bias;
        present |= m->image_fd > 0; /* the vDSO stays while the process lives */
        if (present || nb == 0) {
            i++;
            continue;
        }
        announce(s, p, m, ENG_EVT_MODUNLOAD);
        /* a resolver watched there is gone with its code */
        for (size_t k = 0; k < p->ntraps;) {
            const struct eng_trap *tr = &p->traps[k];
            if (((tr->kind == ENG_TRAP_IFUNC || tr->kind == ENG_TRAP_IFUNC_RETURN) &&
                 tr->resolver >= m->start && tr->resolver < m->end) ||
                (tr->kind == ENG_TRAP_THROW && tr->addr >= m->start && tr->addr < m->end))
                eng_trap_remove_at(p, k);
            else
                k++;
        }
        sym_remove_module(p->syms, m);
        (*unloaded)++;
    }
    free(biases);
    if (added) /* libstdc++ may have come now (whatever sxe ld's filter) */
        eng_eh_arm(s, p, p->syms->n - added);
}
