/* The core-file backend: a process that has ended, read from its ELF core
 * (corefile.c). Memory comes from the core's segments and, for what the
 * core does not hold (file-backed text the kernel or gcore left out), from
 * the mapped files themselves through NT_FILE; each such file is checked
 * against the core by build-id once, at open, and a mismatch is said.
 * Nothing runs and nothing is written: every such operation fails. */
#include "target/backend.h"
#include "target/corefile.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096ull

struct core_proc {
    struct tgt_proc base; /* first: the handle the engine holds */
    struct core_file cf;
    char exe[PATH_MAX];
    char **paths; /* files opened for their contents, and their fds */
    int *fds;
    size_t nfiles;
};

static struct core_proc *cp_of(struct tgt_proc *p) { return (struct core_proc *)p; }

static int refuse(struct lerr *e, const char *what)
{
    return lerr_set_code(e, LERR_UNSUPPORTED,
                         "Not supported: the target is a core file, it cannot %s", what);
}

/* The file's descriptor, opened once (-1 when it cannot be). */
static int file_fd(struct core_proc *cp, const char *path)
{
    for (size_t i = 0; i < cp->nfiles; i++)
        if (!strcmp(cp->paths[i], path))
            return cp->fds[i];
    char **paths = realloc(cp->paths, (cp->nfiles + 1) * sizeof *paths);
    int *fds = realloc(cp->fds, (cp->nfiles + 1) * sizeof *fds);
    if (!paths || !fds)
        abort();
    cp->paths = paths;
    cp->fds = fds;
    cp->paths[cp->nfiles] = strdup(path);
    if (!cp->paths[cp->nfiles])
        abort();
    cp->fds[cp->nfiles] = open(path, O_RDONLY | O_CLOEXEC);
    return cp->fds[cp->nfiles++];
}

/* Up to the end of addr's page from the file mapped there. */
static size_t read_from_file(struct core_proc *cp, uint64_t addr, void *buf, size_t len)
{
    const struct core_fmap *f = core_fmap_at(&cp->cf, addr);
    if (!f || !f->path[0])
        return 0;
    int fd = file_fd(cp, f->path);
    if (fd < 0)
        return 0;
    uint64_t n = PAGE - (addr & (PAGE - 1));
    if (n > len)
        n = len;
    if (n > f->end - addr)
        n = f->end - addr;
    ssize_t got = pread(fd, buf, (size_t)n, (off_t)(f->offset + (addr - f->start)));
    return got > 0 ? (size_t)got : 0;
}

static int co_read_mem(struct tgt_proc *p, uint64_t addr, void *buf, size_t len, size_t *got)
{
    struct core_proc *cp = cp_of(p);
    size_t done = 0;
    while (done < len) {
        size_t n = core_read(&cp->cf, addr + done, (char *)buf + done, len - done);
        if (!n)
            n = read_from_file(cp, addr + done, (char *)buf + done, len - done);
        if (!n)
            break;
        done += n;
    }
    if (got)
        *got = done;
    return done == len ? 0 : -1;
}

static int co_write_mem(struct tgt_proc *p, uint64_t addr, const void *buf, size_t len,
                        struct lerr *e)
{
    return refuse(e, "be written");
}

static const struct core_thread *thread_of(struct core_proc *cp, pid_t tid)
{
    for (size_t i = 0; i < cp->cf.nthreads; i++)
        if (cp->cf.threads[i].tid == tid)
            return &cp->cf.threads[i];
    return NULL;
}

static int co_get_regs(struct tgt_proc *p, pid_t tid, struct user_regs_struct *r, struct lerr *e)
{
    const struct core_thread *t = thread_of(cp_of(p), tid);
    if (!t)
        return lerr_set_code(e, LERR_GONE, "No thread %d in the core file", tid);
    *r = t->regs;
    return 0;
}

static int co_set_regs(struct tgt_proc *p, pid_t tid, const struct user_regs_struct *r,
                       struct lerr *e)
{
    return refuse(e, "be written");
}

static int co_get_fpregs(struct tgt_proc *p, pid_t tid, struct user_fpregs_struct *r,
                         struct lerr *e)
{
    const struct core_thread *t = thread_of(cp_of(p), tid);
    if (!t)
        return lerr_set_code(e, LERR_GONE, "No thread %d in the core file", tid);
    if (!t->has_fpregs)
        return lerr_set(e, "The core file holds no floating-point registers (NT_FPREGSET) "
                           "for thread %d", tid);
    *r = t->fpregs;
    return 0;
}

static int co_set_fpregs(struct tgt_proc *p, pid_t tid, const struct user_fpregs_struct *r,
                         struct lerr *e)
{
    return refuse(e, "be written");
}

static int co_get_dreg(struct tgt_proc *p, pid_t tid, int idx, uint64_t *v, struct lerr *e)
{
    return lerr_set_code(e, LERR_UNSUPPORTED,
                         "Not supported: a core file holds no debug registers");
}

static int co_set_dreg(struct tgt_proc *p, pid_t tid, int idx, uint64_t v, struct lerr *e)
{
    return refuse(e, "be written");
}

static int co_get_sigmask(struct tgt_proc *p, pid_t tid, uint64_t *mask, struct lerr *e)
{
    return refuse(e, "tell its signal masks");
}

static int co_set_sigmask(struct tgt_proc *p, pid_t tid, uint64_t mask, struct lerr *e)
{
    return refuse(e, "be written");
}

static int co_resume(struct tgt_proc *p, pid_t tid, enum tgt_resume how, int sig, struct lerr *e)
{
    return refuse(e, "run");
}

static int co_detach(struct tgt_proc *p, pid_t tid, int sig, struct lerr *e)
{
    return refuse(e, "be detached");
}

static int co_kill(struct tgt_proc *p) { return 0; }
static int co_reopen(struct tgt_proc *p, struct lerr *e) { return 0; }

static void co_close(struct tgt_proc *p)
{
    struct core_proc *cp = cp_of(p);
    for (size_t i = 0; i < cp->nfiles; i++) {
        if (cp->fds[i] >= 0)
            close(cp->fds[i]);
        free(cp->paths[i]);
    }
    free(cp->paths);
    free(cp->fds);
    core_free(&cp->cf);
    free(cp);
}

static int prot_of(uint32_t flags)
{
    return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
           (flags & PF_X ? PROT_EXEC : 0);
}

static void add_region(struct tgt_map *m, uint64_t start, uint64_t end, uint64_t offset, int prot,
                       const char *path)
{
    struct tgt_region *r = realloc(m->r, (m->n + 1) * sizeof *r);
    if (!r)
        abort();
    m->r = r;
    r = &m->r[m->n++];
    *r = (struct tgt_region){.start = start, .end = end, .offset = offset, .prot = prot};
    r->path = strdup(path);
    if (!r->path)
        abort();
}

static int by_start(const void *a, const void *b)
{
    const struct tgt_region *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Segments with the NT_FILE file they map, the files no segment covers
 * (gcore leaves some out), and the vDSO where AT_SYSINFO_EHDR says. */
static int co_read_map(struct tgt_proc *p, struct tgt_map *out, struct lerr *e)
{
    struct core_proc *cp = cp_of(p);
    const struct core_file *cf = &cp->cf;
    memset(out, 0, sizeof *out);
    uint64_t vdso = 0;
    core_auxv(cf, AT_SYSINFO_EHDR, &vdso);
    for (size_t i = 0; i < cf->nsegs; i++) {
        const struct core_segment *s = &cf->segs[i];
        const struct core_fmap *f = core_fmap_at(cf, s->vaddr);
        const char *path = f ? f->path : "";
        if (vdso && vdso >= s->vaddr && vdso - s->vaddr < s->memsz)
            path = "[vdso]";
        add_region(out, s->vaddr, s->vaddr + s->memsz, f ? f->offset + (s->vaddr - f->start) : 0,
                   prot_of(s->flags), path);
    }
    for (size_t i = 0; i < cf->nfmaps; i++) {
        const struct core_fmap *f = &cf->fmaps[i];
        int covered = 0;
        for (size_t k = 0; k < cf->nsegs && !covered; k++) {
            const struct core_segment *s = &cf->segs[k];
            covered = s->vaddr < f->end && s->vaddr + s->memsz > f->start;
        }
        if (!covered)
            add_region(out, f->start, f->end, f->offset, PROT_READ, f->path);
    }
    if (out->n)
        qsort(out->r, out->n, sizeof *out->r, by_start);
    return 0;
}

static int co_exe_path(struct tgt_proc *p, char *buf, size_t size)
{
    struct core_proc *cp = cp_of(p);
    snprintf(buf, size, "%s", cp->exe);
    return cp->exe[0] ? 0 : -1;
}

static int co_thread_name(struct tgt_proc *p, pid_t tid, char *buf, size_t size)
{
    struct core_proc *cp = cp_of(p);
    /* the leader's is the process's pr_fname; the others' are not kept */
    snprintf(buf, size, "%s", tid == cp->cf.pid ? cp->cf.fname : "");
    return buf[0] ? 0 : -1;
}

static pid_t co_thread_group(struct tgt_proc *p, pid_t tid)
{
    struct core_proc *cp = cp_of(p);
    return thread_of(cp, tid) ? cp->cf.pid : 0;
}

static int co_thread_ended(struct tgt_proc *p, pid_t tid) { return 0; }

static int co_auxv_entry(struct tgt_proc *p, uint64_t type, uint64_t *val)
{
    return core_auxv(&cp_of(p)->cf, type, val);
}

static int co_real_path(struct tgt_proc *p, const char *name, char *out, size_t size)
{
    /* the process's working directory is not known: relative names are
     * taken from lindbg's */
    char *real = realpath(name, NULL);
    if (!real)
        return -1;
    snprintf(out, size, "%s", real);
    free(real);
    return 0;
}

static const struct tgt_ops core_ops = {
    .name = "core",
    .read_mem = co_read_mem,
    .write_mem = co_write_mem,
    .get_regs = co_get_regs,
    .set_regs = co_set_regs,
    .get_fpregs = co_get_fpregs,
    .set_fpregs = co_set_fpregs,
    .get_dreg = co_get_dreg,
    .set_dreg = co_set_dreg,
    .get_sigmask = co_get_sigmask,
    .set_sigmask = co_set_sigmask,
    .resume = co_resume,
    .detach = co_detach,
    .kill = co_kill,
    .reopen = co_reopen,
    .close = co_close,
    .read_map = co_read_map,
    .exe_path = co_exe_path,
    .thread_name = co_thread_name,
    .thread_group = co_thread_group,
    .thread_ended = co_thread_ended,
    .auxv_entry = co_auxv_entry,
    .real_path = co_real_path,
};

/* ---- build-ids: the core's copy of a file's first page vs the file ---- */

typedef size_t (*read_fn)(void *ctx, uint64_t off, void *buf, size_t len);

/* The GNU build-id of an ELF image read through rd (file offsets): its
 * length, 0 when none is found. */
static size_t build_id(read_fn rd, void *ctx, unsigned char *id, size_t max)
{
    Elf64_Ehdr eh;
    if (rd(ctx, 0, &eh, sizeof eh) != sizeof eh || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
        eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(Elf64_Phdr))
        return 0;
    for (unsigned i = 0; i < eh.e_phnum && i < 64; i++) {
        Elf64_Phdr ph;
        if (rd(ctx, eh.e_phoff + i * sizeof ph, &ph, sizeof ph) != sizeof ph ||
            ph.p_type != PT_NOTE)
            continue;
        unsigned char notes[1024];
        size_t n = rd(ctx, ph.p_offset, notes, ph.p_filesz < sizeof notes ? ph.p_filesz
                                                                          : sizeof notes);
        for (size_t pos = 0; pos + 12 <= n;) {
            uint32_t nsz, dsz, type;
            memcpy(&nsz, notes + pos, 4);
            memcpy(&dsz, notes + pos + 4, 4);
            memcpy(&type, notes + pos + 8, 4);
            size_t d = pos + 12 + ((nsz + 3u) & ~3u);
            if (nsz > n || dsz > n || d + dsz > n)
                break;
            if (type == NT_GNU_BUILD_ID && nsz == 4 && !memcmp(notes + pos + 12, "GNU", 4) &&
                dsz <= max) {
                memcpy(id, notes + d, dsz);
                return dsz;
            }
            pos = d + ((dsz + 3u) & ~3u);
        }
    }
    return 0;
}

struct core_img {
    const struct core_file *cf;
    uint64_t base;
};

/* Only the core's own bytes: the file on disk is what it is checked with. */
static size_t read_core_img(void *ctx, uint64_t off, void *buf, size_t len)
{
    const struct core_img *c = ctx;
    return core_read(c->cf, c->base + off, buf, len);
}

static size_t read_fd(void *ctx, uint64_t off, void *buf, size_t len)
{
    ssize_t n = pread(*(int *)ctx, buf, len, (off_t)off);
    return n > 0 ? (size_t)n : 0;
}

static size_t file_build_id(const char *path, unsigned char *id, size_t max)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    size_t n = build_id(read_fd, &fd, id, max);
    close(fd);
    return n;
}

static void hex(const unsigned char *id, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", id[i]);
    out[2 * n] = '\0';
}

static void warn(char **w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(char **w, const char *fmt, ...)
{
    char line[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    size_t old = *w ? strlen(*w) : 0;
    char *n = realloc(*w, old + strlen(line) + 2);
    if (!n)
        abort();
    sprintf(n + old, "%s\n", line);
    *w = n;
}

/* Checks the file mapped at f (offset 0) against the core's copy of its
 * first page: 1 when both build-ids are known and differ, 0 when they
 * match, -1 when the core's is unknown (ids in the hex buffers). */
static int compare_build_id(const struct core_file *cf, const struct core_fmap *f,
                            const char *file, char *core_hex, char *file_hex)
{
    unsigned char a[64], b[64];
    struct core_img img = {cf, f->start};
    size_t na = build_id(read_core_img, &img, a, sizeof a);
    size_t nb = file_build_id(file, b, sizeof b);
    hex(a, na, core_hex);
    hex(b, nb, file_hex);
    if (!na)
        return -1;
    return na != nb || memcmp(a, b, na) != 0;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* The program: the file mapped where the program headers are (AT_PHDR),
 * else at the entry point. */
static const struct core_fmap *program_map(const struct core_file *cf)
{
    uint64_t a = 0;
    const struct core_fmap *f = NULL;
    if (core_auxv(cf, AT_PHDR, &a) == 0)
        f = core_fmap_at(cf, a);
    if (!f && core_auxv(cf, AT_ENTRY, &a) == 0)
        f = core_fmap_at(cf, a);
    return f;
}

/* A core without NT_FILE (or without the program in it): the program's
 * mappings made up from its own load segments, placed by AT_PHDR. */
static void program_fmaps(struct core_proc *cp, const char *path)
{
    uint64_t at_phdr;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    Elf64_Ehdr eh;
    if (fd < 0)
        return;
    if (core_auxv(&cp->cf, AT_PHDR, &at_phdr) < 0 || read_fd(&fd, 0, &eh, sizeof eh) != sizeof eh ||
        memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_phentsize != sizeof(Elf64_Phdr)) {
        close(fd);
        return;
    }
    Elf64_Phdr ph[64];
    unsigned n = eh.e_phnum < 64 ? eh.e_phnum : 64;
    size_t got = read_fd(&fd, eh.e_phoff, ph, n * sizeof ph[0]);
    close(fd);
    n = (unsigned)(got / sizeof ph[0]);
    /* where the headers are in the file's address space: PT_PHDR, else
     * the segment that maps e_phoff */
    uint64_t phdr_vaddr = UINT64_MAX;
    for (unsigned i = 0; i < n; i++)
        if (ph[i].p_type == PT_PHDR)
            phdr_vaddr = ph[i].p_vaddr;
    for (unsigned i = 0; i < n && phdr_vaddr == UINT64_MAX; i++)
        if (ph[i].p_type == PT_LOAD && eh.e_phoff >= ph[i].p_offset &&
            eh.e_phoff - ph[i].p_offset < ph[i].p_filesz)
            phdr_vaddr = ph[i].p_vaddr + (eh.e_phoff - ph[i].p_offset);
    if (phdr_vaddr == UINT64_MAX)
        return;
    uint64_t bias = at_phdr - phdr_vaddr;
    for (unsigned i = 0; i < n; i++) {
        if (ph[i].p_type != PT_LOAD)
            continue;
        struct core_fmap *f = realloc(cp->cf.fmaps, (cp->cf.nfmaps + 1) * sizeof *f);
        if (!f)
            abort();
        cp->cf.fmaps = f;
        f = &cp->cf.fmaps[cp->cf.nfmaps++];
        f->start = bias + (ph[i].p_vaddr & ~(PAGE - 1));
        f->end = (bias + ph[i].p_vaddr + ph[i].p_memsz + PAGE - 1) & ~(PAGE - 1);
        f->offset = ph[i].p_offset & ~(PAGE - 1);
        f->path = strdup(path);
        if (!f->path)
            abort();
    }
}

/* The program given on the command line stands for the core's: every
 * mapping of the core's program becomes one of it. */
static int use_program(struct core_proc *cp, const char *program, char **w, struct lerr *e)
{
    char *real = realpath(program, NULL);
    if (!real)
        return lerr_set(e, "Couldn't open program '%s': %s", program, strerror(errno));
    const struct core_fmap *f = program_map(&cp->cf);
    char *old = f ? strdup(f->path) : NULL;
    if (!f) {
        /* no NT_FILE entry: placed by AT_PHDR, checked the same way */
        program_fmaps(cp, real);
        f = program_map(&cp->cf);
    }
    const char *core_name = old ? old : cp->cf.fname;
    char ch[130], fh[130];
    int diff = f && !f->offset ? compare_build_id(&cp->cf, f, real, ch, fh) : -1;
    if (diff == 1)
        warn(w, "Warning: program '%s' does not match the core's program '%s' "
                "(build-id %s, the core's %s)", program, core_name, fh[0] ? fh : "none", ch);
    else if (diff < 0 && core_name[0] &&
             strncmp(base_name(real), base_name(core_name), old ? SIZE_MAX : 15))
        warn(w, "Warning: program '%s' does not match the core's program '%s' (its name)",
             program, core_name);
    for (size_t i = 0; old && i < cp->cf.nfmaps; i++) {
        if (strcmp(cp->cf.fmaps[i].path, old))
            continue;
        free(cp->cf.fmaps[i].path);
        cp->cf.fmaps[i].path = strdup(real);
        if (!cp->cf.fmaps[i].path)
            abort();
    }
    snprintf(cp->exe, sizeof cp->exe, "%s", real);
    free(old);
    free(real);
    return 0;
}

/* Each file mapped from offset 0 whose first page the core holds: its
 * build-id against the file on disk's, once per file. */
static void check_files(struct core_proc *cp, const char *skip, char **w)
{
    const struct core_file *cf = &cp->cf;
    for (size_t i = 0; i < cf->nfmaps; i++) {
        const struct core_fmap *f = &cf->fmaps[i];
        if (f->offset || f->path[0] != '/' || (skip && !strcmp(f->path, skip)))
            continue;
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = !cf->fmaps[k].offset && !strcmp(cf->fmaps[k].path, f->path);
        if (seen)
            continue;
        if (access(f->path, R_OK) != 0) {
            /* a deleted file's NT_FILE name ends in " (deleted)" */
            warn(w, "Warning: '%s' is not on disk: what the core does not hold of it "
                    "cannot be read", f->path);
            continue;
        }
        char ch[130], fh[130];
        if (compare_build_id(cf, f, f->path, ch, fh) == 1)
            warn(w, "Warning: '%s' on disk does not match the core (build-id %s, the core's "
                    "%s): code read from it may be wrong", f->path, fh[0] ? fh : "none", ch);
    }
}

static struct tgt_proc *co_open_core(const struct tgt_backend *be, const char *core,
                                     const char *program, pid_t **tids, size_t *ntids,
                                     struct tgt_event *stop, char **warnings, struct lerr *e)
{
    *warnings = NULL;
    struct core_proc *cp = calloc(1, sizeof *cp);
    if (!cp)
        abort();
    struct lerr why = {.code = LERR_NONE};
    if (core_open(core, &cp->cf, &why) < 0) {
        free(cp);
        lerr_set_code(e, why.code, "Couldn't open core file '%s': %s", core, why.msg);
        return NULL;
    }
    cp->base.ops = &core_ops;
    cp->base.pid = cp->cf.pid;
    cp->base.memfd = -1;
    const struct core_fmap *f = program_map(&cp->cf);
    if (program) {
        if (use_program(cp, program, warnings, e) < 0) {
            free(*warnings);
            *warnings = NULL;
            co_close(&cp->base);
            return NULL;
        }
    } else if (f) {
        snprintf(cp->exe, sizeof cp->exe, "%s", f->path);
    } else {
        snprintf(cp->exe, sizeof cp->exe, "%s", cp->cf.fname); /* a name only */
    }
    check_files(cp, program ? cp->exe : NULL, warnings);

    *ntids = cp->cf.nthreads;
    *tids = malloc(*ntids * sizeof **tids);
    if (!*tids)
        abort();
    for (size_t i = 0; i < *ntids; i++)
        (*tids)[i] = cp->cf.threads[i].tid;

    const struct core_thread *t = core_signal_thread(&cp->cf);
    memset(stop, 0, sizeof *stop);
    stop->tid = t->tid;
    stop->pid = cp->cf.pid;
    stop->sig = t->cursig;
    if (t->has_siginfo)
        stop->si = t->si;
    else if (cp->cf.has_siginfo && (!t->cursig || cp->cf.si.si_signo == t->cursig))
        stop->si = cp->cf.si;
    if (!stop->sig)
        stop->sig = stop->si.si_signo;
    stop->kind = stop->sig ? TGT_EV_SIGNAL : TGT_EV_INTERRUPT;
    if (stop->sig)
        stop->cause = tgt_signal_cause(stop->sig, stop->si.si_code);
    return &cp->base;
}

const struct tgt_backend tgt_core_backend = {
    .name = "core",
    .caps = 0,
    .ops = &core_ops,
    .open_core = co_open_core,
};
