/* The ELF core writer (see corewrite.h). The notes are built in memory
 * first: their size fixes where the memory segments start. */
#include "target/corewrite.h"

#include <cpuid.h>
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/procfs.h>
#include <unistd.h>

#ifndef NT_X86_XSAVE_LAYOUT
#define NT_X86_XSAVE_LAYOUT 0x205 /* Linux 6.12's: where each XSAVE part is */
#endif
/* Where the XSAVE area holds the user feature mask (XCR0): the software
 * bytes of the FXSAVE part, as ptrace and cores give it. */
#define XSTATE_XCR0_OFFSET 464

#define PAGE 4096u
#define CHUNK (256u * 1024u)

/* ---- which bytes go in ---------------------------------------------------- */

int tgt_dump_file_backed(const struct tgt_region *r)
{
    /* /proc/PID/maps names files by absolute path; "[heap]", "[stack]",
     * "[vdso]", "[anon:...]" and "" are not files */
    return r->path && r->path[0] == '/';
}

int tgt_dump_anonymous(const struct tgt_region *r)
{
    /* the vDSO, vvar, vsyscall and other "[name]"s are the kernel's */
    return !r->shared && r->path &&
           (!r->path[0] || !strcmp(r->path, "[heap]") || !strncmp(r->path, "[stack", 6) ||
            !strncmp(r->path, "[anon:", 6));
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

/* The RELRO part of a module: read-only now, written by the loader
 * (relocated) before, right in front of the module's writable data. */
static int relro(const struct tgt_region *r, const struct tgt_region *next)
{
    return next && next->start == r->end && (next->prot & PROT_WRITE) && !next->shared &&
           next->path && !strcmp(next->path, r->path);
}

enum tgt_dump_kind tgt_dump_region_kind(const struct tgt_region *r, const struct tgt_region *next,
                                        int full)
{
    if (!(r->prot & PROT_READ) || r->end <= r->start)
        return TGT_DUMP_NONE;
    /* the program's "not in a core", and device memory (reading it could
     * talk to the device): as the kernel, never */
    if (r->flags & (TGT_REGION_DONTDUMP | TGT_REGION_IO))
        return TGT_DUMP_NONE;
    if (!r->path)
        return TGT_DUMP_WHOLE; /* a backend that names no mapping */
    /* anonymous memory never written: the kernel dumps nothing of it (no
     * anon_vma; one freed by MADV_DONTNEED since is the exception we miss) */
    if ((r->flags & TGT_REGION_UNTOUCHED) && tgt_dump_anonymous(r))
        return TGT_DUMP_NONE;
    /* the kernel's pages behind the vDSO and the legacy vsyscall page
     * cannot be read through the process (VM_IO, VM_PFNMAP) */
    if (!strncmp(r->path, "[vvar", 5) || !strcmp(r->path, "[vsyscall]"))
        return TGT_DUMP_NONE;
    if (!tgt_dump_file_backed(r))
        return TGT_DUMP_WHOLE; /* anonymous, heap, stack, vDSO */
    if (full)
        return TGT_DUMP_WHOLE;
    if (r->shared)
        /* shared memory of no file (memfd, SysV, a deleted file) is the
         * kernel's "anonymous shared": in; a file's own pages: in the file */
        return ends_with(r->path, " (deleted)") ? TGT_DUMP_WHOLE : TGT_DUMP_NONE;
    /* Private pages the program wrote: the kernel dumps a mapping with
     * written pages whole. /proc/PID/maps does not say which have been;
     * writable ones may, and the RELRO part was (the relocated GOT). */
    if ((r->prot & PROT_WRITE) || (!(r->prot & PROT_EXEC) && r->offset && relro(r, next)))
        return TGT_DUMP_WHOLE;
    if (r->offset == 0)
        return TGT_DUMP_HEADER;
    return TGT_DUMP_NONE; /* text and read-only data: in the file */
}

/* ---- notes ---------------------------------------------------------------- */

struct buf {
    unsigned char *p;
    size_t n, cap;
    int failed;
};

static void put(struct buf *b, const void *data, size_t len)
{
    if (b->failed)
        return;
    if (b->n + len > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + len)
            cap *= 2;
        unsigned char *np = realloc(b->p, cap);
        if (!np) {
            b->failed = 1;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    if (data)
        memcpy(b->p + b->n, data, len);
    else
        memset(b->p + b->n, 0, len);
    b->n += len;
}

static void pad4(struct buf *b)
{
    static const char zero[4];
    if (b->n % 4)
        put(b, zero, 4 - b->n % 4);
}

static void note(struct buf *b, const char *name, uint32_t type, const void *desc, size_t len)
{
    Elf64_Nhdr h = {.n_namesz = (Elf64_Word)strlen(name) + 1,
                    .n_descsz = (Elf64_Word)len,
                    .n_type = type};
    put(b, &h, sizeof h);
    put(b, name, h.n_namesz);
    pad4(b);
    put(b, desc, len);
    pad4(b);
}

static void note_prstatus(struct buf *b, const struct tgt_dump_desc *d,
                          const struct tgt_dump_thread *t)
{
    struct elf_prstatus st;
    memset(&st, 0, sizeof st);
    /* every thread carries the signal, as in the kernel's cores */
    st.pr_info.si_signo = d->sig;
    st.pr_cursig = (short)d->sig;
    st.pr_pid = t->tid;
    st.pr_ppid = d->ppid; /* group and session: not known here (0) */
    _Static_assert(sizeof st.pr_reg == sizeof t->regs, "elf_gregset_t is user_regs_struct");
    memcpy(&st.pr_reg, &t->regs, sizeof t->regs);
    st.pr_fpvalid = t->fpvalid;
    note(b, "CORE", NT_PRSTATUS, &st, sizeof st);
}

static void note_prpsinfo(struct buf *b, const struct tgt_dump_desc *d)
{
    struct elf_prpsinfo ps;
    memset(&ps, 0, sizeof ps);
    ps.pr_state = 3; /* traced */
    ps.pr_sname = 't';
    ps.pr_uid = getuid();
    ps.pr_gid = getgid();
    ps.pr_pid = d->pid;
    ps.pr_ppid = d->ppid;
    const char *fname = d->fname ? d->fname : "";
    const char *slash = strrchr(fname, '/');
    strncpy(ps.pr_fname, slash ? slash + 1 : fname, sizeof ps.pr_fname - 1);
    strncpy(ps.pr_psargs, d->psargs ? d->psargs : fname, sizeof ps.pr_psargs - 1);
    note(b, "CORE", NT_PRPSINFO, &ps, sizeof ps);
}

/* NT_FILE: count, page size, (start, end, offset in pages) per file
 * mapping, then their names. */
static void note_file(struct buf *b, const struct tgt_dump_desc *d)
{
    struct buf f = {0};
    uint64_t count = 0, page = PAGE;
    for (size_t i = 0; i < d->nregions; i++)
        count += (uint64_t)tgt_dump_file_backed(&d->regions[i]);
    if (!count)
        return;
    put(&f, &count, 8);
    put(&f, &page, 8);
    for (size_t i = 0; i < d->nregions; i++) {
        const struct tgt_region *r = &d->regions[i];
        if (!tgt_dump_file_backed(r))
            continue;
        uint64_t v[3] = {r->start, r->end, r->offset / PAGE};
        put(&f, v, sizeof v);
    }
    for (size_t i = 0; i < d->nregions; i++)
        if (tgt_dump_file_backed(&d->regions[i]))
            put(&f, d->regions[i].path, strlen(d->regions[i].path) + 1);
    if (f.failed)
        b->failed = 1;
    else
        note(b, "CORE", NT_FILE, f.p, f.n);
    free(f.p);
}

/* NT_X86_XSAVE_LAYOUT, as the kernel writes it: type, size, offset and
 * flags of every extended part of the XSAVE area the mask enables, from
 * the processor's CPUID leaf 0xD (the process ran on this machine).
 * Readers need it where the layout is not Intel's (AMD's AVX-512). */
static void note_xsave_layout(struct buf *b, const struct tgt_dump_thread *t)
{
    uint64_t xcr0;
    if (t->xstate_size < XSTATE_XCR0_OFFSET + sizeof xcr0)
        return;
    memcpy(&xcr0, (const char *)t->xstate + XSTATE_XCR0_OFFSET, sizeof xcr0);
    uint32_t comp[64][4];
    size_t n = 0;
    for (unsigned i = 2; i < 64; i++) { /* 0, 1: x87 and SSE, fixed */
        unsigned eax, ebx, ecx, edx;
        if (!(xcr0 >> i & 1) || !__get_cpuid_count(0xd, i, &eax, &ebx, &ecx, &edx) || !eax)
            continue;
        comp[n][0] = i;
        comp[n][1] = eax; /* size */
        comp[n][2] = ebx; /* offset */
        comp[n][3] = ecx; /* flags */
        n++;
    }
    if (n)
        note(b, "LINUX", NT_X86_XSAVE_LAYOUT, comp, n * sizeof comp[0]);
}

static void thread_regsets(struct buf *b, const struct tgt_dump_thread *t)
{
    if (t->fpvalid)
        note(b, "CORE", NT_FPREGSET, &t->fpregs, sizeof t->fpregs);
    if (t->xstate && t->xstate_size)
        note(b, "LINUX", NT_X86_XSTATE, t->xstate, t->xstate_size);
}

/* The kernel's order: the first thread's status, the process's notes,
 * the first thread's register sets, then each other thread's; the XSAVE
 * layout last. */
static void build_notes(struct buf *b, const struct tgt_dump_desc *d)
{
    for (size_t i = 0; i < d->nthreads; i++) {
        const struct tgt_dump_thread *t = &d->threads[i];
        note_prstatus(b, d, t);
        if (i == 0) {
            note_prpsinfo(b, d);
            if (d->si)
                note(b, "CORE", NT_SIGINFO, d->si, sizeof *d->si);
            if (d->auxv && d->auxv_size)
                note(b, "CORE", NT_AUXV, d->auxv, d->auxv_size);
            note_file(b, d);
        }
        thread_regsets(b, t);
    }
    /* the same for every thread: once, last, as the kernel writes it */
    if (d->nthreads)
        note_xsave_layout(b, &d->threads[0]);
}

/* ---- the file ------------------------------------------------------------- */

static int write_all(int fd, const void *data, size_t len, struct lerr *e)
{
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return lerr_set(e, "Couldn't write the dump: %s", n < 0 ? strerror(errno) : "short write");
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static int skip(int fd, uint64_t n, struct lerr *e)
{
    if (lseek(fd, (off_t)n, SEEK_CUR) < 0)
        return lerr_set(e, "Couldn't write the dump: %s", strerror(errno));
    return 0;
}

/* The bytes of [addr, addr+len) at the file's current offset; pages that
 * do not read and pages of zeros become holes (the file is sparse). */
static int write_bytes(int fd, uint64_t addr, uint64_t len, tgt_dump_read_fn rd, void *ctx,
                       unsigned char *chunk, struct lerr *e)
{
    while (len) {
        size_t n = len < CHUNK ? (size_t)len : CHUNK, got = 0;
        rd(ctx, addr, chunk, n, &got);
        if (got < n) {
            /* the page that failed is a hole; go on after it */
            size_t upto = (size_t)(((addr + got) / PAGE + 1) * PAGE - addr);
            if (upto > n)
                upto = n;
            memset(chunk + got, 0, upto - got);
            n = upto;
        }
        if (all_zero(chunk, n)) {
            if (skip(fd, n, e) < 0)
                return -1;
        } else if (write_all(fd, chunk, n, e) < 0) {
            return -1;
        }
        addr += n;
        len -= n;
    }
    return 0;
}

/* Pages asked about at once: 16 MB of address space, 4 KB of answers. */
#define BATCH 4096u

/* Region r's first len bytes. In anonymous memory only the pages that
 * hold something are read, the rest are holes, as the kernel's dump
 * leaves them (it never faults a page in to dump it): a 64 GB mapping
 * with one page touched costs one page. Raw page frames are all holes. */
static int write_memory(int fd, const struct tgt_region *r, uint64_t len,
                        const struct tgt_dump_desc *d, tgt_dump_read_fn rd, void *ctx,
                        unsigned char *chunk, unsigned char *present, struct lerr *e)
{
    if (r->flags & TGT_REGION_PFNMAP)
        return skip(fd, len, e);
    if (!d->present || !tgt_dump_anonymous(r))
        return write_bytes(fd, r->start, len, rd, ctx, chunk, e);
    uint64_t addr = r->start, end = r->start + len;
    while (addr < end) {
        size_t n = (end - addr) / PAGE < BATCH ? (size_t)((end - addr) / PAGE) : BATCH;
        if (d->present(ctx, addr, n, present) < 0)
            memset(present, 1, n); /* cannot tell: read them */
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && present[j] == present[i])
                j++;
            uint64_t bytes = (uint64_t)(j - i) * PAGE;
            if ((present[i] ? write_bytes(fd, addr + i * PAGE, bytes, rd, ctx, chunk, e)
                            : skip(fd, bytes, e)) < 0)
                return -1;
            i = j;
        }
        addr += (uint64_t)n * PAGE;
    }
    return 0;
}

/* How much of region r goes in: a header page only when it is an ELF's. */
static uint64_t region_filesz(const struct tgt_region *r, const struct tgt_region *next, int full,
                              tgt_dump_read_fn rd, void *ctx)
{
    switch (tgt_dump_region_kind(r, next, full)) {
    case TGT_DUMP_WHOLE:
        return r->end - r->start;
    case TGT_DUMP_HEADER: {
        unsigned char magic[SELFMAG];
        size_t got = 0;
        rd(ctx, r->start, magic, sizeof magic, &got);
        return got == SELFMAG && !memcmp(magic, ELFMAG, SELFMAG) ? PAGE : 0;
    }
    default:
        return 0;
    }
}

int tgt_dump_write(int fd, const struct tgt_dump_desc *d, tgt_dump_read_fn rd, void *ctx,
                   struct lerr *e)
{
    struct buf notes = {0};
    build_notes(&notes, d);
    size_t nph = 1 + d->nregions;
    Elf64_Phdr *ph = calloc(nph, sizeof *ph);
    uint64_t *filesz = calloc(d->nregions + 1, sizeof *filesz);
    unsigned char *chunk = malloc(CHUNK), *present = malloc(BATCH);
    int rc = -1;
    if (notes.failed || !ph || !filesz || !chunk || !present) {
        lerr_set(e, "Couldn't write the dump: out of memory");
        goto out;
    }

    Elf64_Ehdr eh;
    memset(&eh, 0, sizeof eh);
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
    eh.e_type = ET_CORE;
    eh.e_machine = EM_X86_64;
    eh.e_version = EV_CURRENT;
    eh.e_phoff = sizeof eh;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = sizeof(Elf64_Phdr);
    if (nph >= PN_XNUM) {
        lerr_set(e, "Couldn't write the dump: %zu mappings are too many", d->nregions);
        goto out;
    }
    eh.e_phnum = (Elf64_Half)nph;

    uint64_t off = sizeof eh + nph * sizeof(Elf64_Phdr);
    ph[0].p_type = PT_NOTE;
    ph[0].p_offset = off;
    ph[0].p_filesz = notes.n;
    ph[0].p_align = 4;
    off += notes.n;
    off = (off + PAGE - 1) / PAGE * PAGE; /* segments start on a page */
    for (size_t i = 0; i < d->nregions; i++) {
        const struct tgt_region *r = &d->regions[i];
        Elf64_Phdr *p = &ph[1 + i];
        filesz[i] = region_filesz(r, i + 1 < d->nregions ? r + 1 : NULL, d->full, rd, ctx);
        p->p_type = PT_LOAD;
        p->p_offset = off;
        p->p_vaddr = r->start;
        p->p_memsz = r->end - r->start;
        p->p_filesz = filesz[i];
        p->p_flags = (r->prot & PROT_READ ? PF_R : 0) | (r->prot & PROT_WRITE ? PF_W : 0) |
                     (r->prot & PROT_EXEC ? PF_X : 0);
        p->p_align = PAGE;
        off += filesz[i];
    }

    if (write_all(fd, &eh, sizeof eh, e) < 0 || write_all(fd, ph, nph * sizeof *ph, e) < 0 ||
        write_all(fd, notes.p, notes.n, e) < 0)
        goto out;
    if (lseek(fd, (off_t)(d->nregions ? ph[1].p_offset : off), SEEK_SET) < 0) {
        lerr_set(e, "Couldn't write the dump: %s", strerror(errno));
        goto out;
    }
    for (size_t i = 0; i < d->nregions; i++)
        if (filesz[i] &&
            write_memory(fd, &d->regions[i], filesz[i], d, rd, ctx, chunk, present, e) < 0)
            goto out;
    /* holes at the end still count in the size */
    if (ftruncate(fd, (off_t)off) < 0) {
        lerr_set(e, "Couldn't write the dump: %s", strerror(errno));
        goto out;
    }
    rc = 0;
out:
    free(notes.p);
    free(ph);
    free(filesz);
    free(chunk);
    free(present);
    return rc;
}
