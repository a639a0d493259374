/* Parsing an ELF64 x86-64 core file by hand rather than through libelf:
 * the layout is small and fixed (the ELF header, program headers, the
 * notes), and doing it here keeps every bound visible, which is what the
 * fuzz target checks. The note layouts are those of Linux's x86-64
 * (struct elf_prstatus, elf_prpsinfo), written the same by the kernel and
 * GDB's gcore. */
#include "target/corefile.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif
#ifndef NT_SIGINFO
#define NT_SIGINFO 0x53494749
#endif
#ifndef NT_FILE
#define NT_FILE 0x46494c45
#endif

/* struct elf_prstatus on x86-64 */
#define PRS_CURSIG 12
#define PRS_PID 32
#define PRS_REG 112
#define PRS_SIZE 336
/* struct elf_prpsinfo on x86-64 */
#define PSI_PID 24
#define PSI_FNAME 40
#define PSI_PSARGS 56
#define PSI_SIZE 136

static uint16_t rd16(const unsigned char *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static uint32_t rd32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t rd64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }

/* Whether [off, off+len) lies inside a buffer of `size` bytes. */
static int inside(uint64_t off, uint64_t len, size_t size)
{
    return off <= size && len <= size - off;
}

static void *grow(void *arr, size_t n, size_t elem)
{
    void *p = realloc(arr, (n + 1) * elem);
    if (!p)
        abort();
    memset((char *)p + n * elem, 0, elem);
    return p;
}

static int parse_file_note(struct core_file *cf, const unsigned char *d, size_t n,
                           struct lerr *e)
{
    if (cf->fmaps)
        return 0; /* one NT_FILE per core: a second one is ignored */
    if (n < 16)
        return lerr_set(e, "NT_FILE note too short");
    uint64_t count = rd64(d), page = rd64(d + 8);
    if (count > (n - 16) / 24)
        return lerr_set(e, "NT_FILE note lists more files than it holds");
    if (page == 0 || (page & (page - 1)))
        return lerr_set(e, "NT_FILE note has a bad page size");
    const unsigned char *names = d + 16 + count * 24, *end = d + n;
    cf->fmaps = calloc(count ? count : 1, sizeof *cf->fmaps);
    if (!cf->fmaps)
        abort();
    for (uint64_t i = 0; i < count; i++) {
        const unsigned char *ent = d + 16 + i * 24;
        const unsigned char *nul = memchr(names, 0, (size_t)(end - names));
        if (!nul)
            return lerr_set(e, "NT_FILE note's names are cut short");
        struct core_fmap *f = &cf->fmaps[cf->nfmaps++];
        f->start = rd64(ent);
        f->end = rd64(ent + 8);
        uint64_t pages = rd64(ent + 16);
        f->offset = pages > UINT64_MAX / page ? 0 : pages * page;
        f->path = strndup((const char *)names, (size_t)(nul - names));
        if (!f->path)
            abort();
        if (f->end < f->start)
            return lerr_set(e, "NT_FILE note has a mapping that ends before it starts");
        names = nul + 1;
    }
    return 0;
}

static void read_siginfo(siginfo_t *si, const unsigned char *d, size_t n)
{
    memset(si, 0, sizeof *si);
    memcpy(si, d, n < sizeof *si ? n : sizeof *si);
}

static int parse_note(struct core_file *cf, uint32_t type, const char *name, size_t namesz,
                      const unsigned char *d, size_t n, struct lerr *e)
{
    int core = namesz >= 4 && !memcmp(name, "CORE", 4);
    int linux_ = namesz >= 5 && !memcmp(name, "LINUX", 5);
    struct core_thread *t = cf->nthreads ? &cf->threads[cf->nthreads - 1] : NULL;
    if (core && type == NT_PRSTATUS) {
        if (n < PRS_SIZE)
            return lerr_set(e, "NT_PRSTATUS note too short (%zu bytes, not x86-64's)", n);
        cf->threads = grow(cf->threads, cf->nthreads, sizeof *cf->threads);
        t = &cf->threads[cf->nthreads++];
        t->cursig = (int16_t)rd16(d + PRS_CURSIG);
        t->tid = (pid_t)rd32(d + PRS_PID);
        memcpy(&t->regs, d + PRS_REG, sizeof t->regs);
    } else if (core && type == NT_FPREGSET) {
        if (t && n >= sizeof t->fpregs) {
            memcpy(&t->fpregs, d, sizeof t->fpregs);
            t->has_fpregs = 1;
        }
    } else if (linux_ && type == NT_X86_XSTATE) {
        if (t) {
            t->xstate = d;
            t->xstate_len = n;
        }
    } else if (core && type == NT_SIGINFO) {
        if (!cf->has_siginfo) {
            read_siginfo(&cf->si, d, n);
            cf->has_siginfo = 1;
        }
        if (t && !t->has_siginfo) {
            read_siginfo(&t->si, d, n);
            t->has_siginfo = 1;
        }
    } else if (core && type == NT_PRPSINFO) {
        if (n >= PSI_SIZE) {
            cf->has_psinfo = 1;
            cf->pid = (pid_t)rd32(d + PSI_PID);
            memcpy(cf->fname, d + PSI_FNAME, 16);
            cf->fname[16] = '\0';
            memcpy(cf->psargs, d + PSI_PSARGS, 80);
            cf->psargs[80] = '\0';
        }
    } else if (core && type == NT_AUXV) {
        if (!cf->auxv && n >= 16) {
            cf->nauxv = n / 16;
            cf->auxv = malloc(cf->nauxv * 16);
            if (!cf->auxv)
                abort();
            memcpy(cf->auxv, d, cf->nauxv * 16);
        }
    } else if (core && type == NT_FILE) {
        return parse_file_note(cf, d, n, e);
    }
    return 0;
}

static int parse_notes(struct core_file *cf, uint64_t off, uint64_t len, struct lerr *e)
{
    if (!inside(off, len, cf->size))
        return lerr_set(e, "the notes lie beyond the end of the file (truncated?)");
    const unsigned char *p = cf->data + off;
    uint64_t pos = 0;
    while (len - pos >= 12) {
        uint32_t namesz = rd32(p + pos), descsz = rd32(p + pos + 4), type = rd32(p + pos + 8);
        uint64_t name_off = pos + 12;
        uint64_t desc_off = name_off + (((uint64_t)namesz + 3) & ~3ull);
        uint64_t next = desc_off + (((uint64_t)descsz + 3) & ~3ull);
        if (desc_off > len || descsz > len - desc_off)
            return lerr_set(e, "a note runs past the end of its segment");
        if (parse_note(cf, type, (const char *)p + name_off, namesz, p + desc_off, descsz, e) < 0)
            return -1;
        pos = next > len ? len : next;
    }
    return 0;
}

static int parse(struct core_file *cf, struct lerr *e)
{
    const unsigned char *d = cf->data;
    if (cf->size < SELFMAG || memcmp(d, ELFMAG, SELFMAG) != 0)
        return lerr_set(e, "not an ELF file");
    if (cf->size < sizeof(Elf64_Ehdr))
        return lerr_set(e, "truncated: %zu bytes, shorter than an ELF header", cf->size);
    if (d[EI_CLASS] != ELFCLASS64)
        return lerr_set(e, "not a 64-bit ELF file (class %u)", d[EI_CLASS]);
    if (d[EI_DATA] != ELFDATA2LSB)
        return lerr_set(e, "not a little-endian ELF file");
    Elf64_Ehdr eh;
    memcpy(&eh, d, sizeof eh);
    if (eh.e_type != ET_CORE)
        return lerr_set(e, "not a core file (ELF type %u)", eh.e_type);
    if (eh.e_machine != EM_X86_64)
        return lerr_set(e, "a core of another architecture (ELF machine %u, not x86-64)",
                        eh.e_machine);
    if (eh.e_phentsize != sizeof(Elf64_Phdr))
        return lerr_set(e, "bad program header size %u", eh.e_phentsize);
    uint64_t phnum = eh.e_phnum;
    if (phnum == PN_XNUM) {
        /* more than 0xfffe headers: the count is in section 0's sh_info */
        if (eh.e_shoff == 0 || !inside(eh.e_shoff, sizeof(Elf64_Shdr), cf->size))
            return lerr_set(e, "the section header giving the program header count is missing");
        Elf64_Shdr sh;
        memcpy(&sh, d + eh.e_shoff, sizeof sh);
        phnum = sh.sh_info;
    }
    if (phnum == 0)
        return lerr_set(e, "no program headers");
    if (phnum > cf->size / sizeof(Elf64_Phdr) ||
        !inside(eh.e_phoff, phnum * sizeof(Elf64_Phdr), cf->size))
        return lerr_set(e, "the program headers lie beyond the end of the file (truncated?)");
    uint64_t last_end = 0;
    int notes = 0;
    for (uint64_t i = 0; i < phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, d + eh.e_phoff + i * sizeof ph, sizeof ph);
        if (ph.p_type == PT_NOTE) {
            if (parse_notes(cf, ph.p_offset, ph.p_filesz, e) < 0)
                return -1;
            notes = 1;
        } else if (ph.p_type == PT_LOAD) {
            if (ph.p_filesz > ph.p_memsz || ph.p_vaddr + ph.p_memsz < ph.p_vaddr)
                return lerr_set(e, "segment %llu has bad sizes", (unsigned long long)i);
            cf->segs = grow(cf->segs, cf->nsegs, sizeof *cf->segs);
            struct core_segment *s = &cf->segs[cf->nsegs++];
            s->vaddr = ph.p_vaddr;
            s->memsz = ph.p_memsz;
            s->filesz = ph.p_filesz;
            s->offset = ph.p_offset;
            s->flags = ph.p_flags;
            if (ph.p_offset + ph.p_filesz < ph.p_offset)
                return lerr_set(e, "segment %llu has a bad offset", (unsigned long long)i);
            if (ph.p_filesz && ph.p_offset + ph.p_filesz > last_end)
                last_end = ph.p_offset + ph.p_filesz;
        }
    }
    if (!notes)
        return lerr_set(e, "no notes (PT_NOTE): not a process's core");
    if (!cf->nthreads)
        return lerr_set(e, "no thread (NT_PRSTATUS) in its notes");
    if (last_end > cf->size)
        return lerr_set(e, "truncated: its segments need %llu bytes, the file has %zu",
                        (unsigned long long)last_end, cf->size);
    if (!cf->has_psinfo)
        cf->pid = cf->threads[0].tid;
    return 0;
}

int core_parse(const void *data, size_t size, struct core_file *cf, struct lerr *e)
{
    memset(cf, 0, sizeof *cf);
    cf->data = data;
    cf->size = size;
    if (parse(cf, e) < 0) {
        core_free(cf);
        return -1;
    }
    return 0;
}

int core_open(const char *path, struct core_file *cf, struct lerr *e)
{
    memset(cf, 0, sizeof *cf);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        return lerr_set_code(e, lerr_code_of_errno(err), "%s", strerror(err));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return lerr_set(e, "not a regular file");
    }
    size_t size = (size_t)st.st_size;
    void *map = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    close(fd);
    if (map == MAP_FAILED)
        return lerr_set(e, "%s", strerror(errno));
    if (core_parse(map ? map : "", size, cf, e) < 0) {
        if (map)
            munmap(map, size);
        return -1;
    }
    cf->map = map;
    cf->map_size = size;
    return 0;
}

void core_free(struct core_file *cf)
{
    for (size_t i = 0; i < cf->nfmaps; i++)
        free(cf->fmaps[i].path);
    free(cf->fmaps);
    free(cf->threads);
    free(cf->segs);
    free(cf->auxv);
    if (cf->map)
        munmap(cf->map, cf->map_size);
    memset(cf, 0, sizeof *cf);
}

size_t core_read(const struct core_file *cf, uint64_t addr, void *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        uint64_t a = addr + done;
        const struct core_segment *hit = NULL;
        for (size_t i = 0; i < cf->nsegs && !hit; i++) {
            const struct core_segment *s = &cf->segs[i];
            if (a >= s->vaddr && a - s->vaddr < s->filesz)
                hit = s;
        }
        if (!hit)
            break;
        uint64_t in = a - hit->vaddr, n = hit->filesz - in;
        if (n > len - done)
            n = len - done;
        /* parse() checked every segment's contents against the file */
        memcpy((char *)buf + done, cf->data + hit->offset + in, (size_t)n);
        done += (size_t)n;
    }
    return done;
}

const struct core_fmap *core_fmap_at(const struct core_file *cf, uint64_t addr)
{
    for (size_t i = 0; i < cf->nfmaps; i++)
        if (addr >= cf->fmaps[i].start && addr < cf->fmaps[i].end)
            return &cf->fmaps[i];
    return NULL;
}

int core_auxv(const struct core_file *cf, uint64_t type, uint64_t *val)
{
    for (size_t i = 0; i < cf->nauxv; i++) {
        if (cf->auxv[2 * i] == AT_NULL)
            break;
        if (cf->auxv[2 * i] == type) {
            *val = cf->auxv[2 * i + 1];
            return 0;
        }
    }
    return -1;
}

const struct core_thread *core_signal_thread(const struct core_file *cf)
{
    for (size_t i = 0; i < cf->nthreads; i++)
        if (cf->threads[i].cursig != 0)
            return &cf->threads[i];
    return cf->nthreads ? &cf->threads[0] : NULL;
}
