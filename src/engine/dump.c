/* .dump: an ELF core of the current process as the program would see it.
 * Registers come from the engine's cache (a user's `r rax=...` not yet
 * written back is what the program has), memory through the site table
 * (never one of lindbg's 0xCC), and lindbg's own pages (out-of-line
 * copies) stay out. Nothing of the target changes: it is only read. */
#include "engine/internal.h"
#include "target/corewrite.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define DUMP_PAGE 4096ull /* x86-64's; out-of-line and watched pages are one */

/* Enough for any XSAVE layout the kernel reports today (AMX included). */
#define XSTATE_MAX (16u * 1024u)

static int read_program_memory(void *ctx, uint64_t addr, void *buf, size_t len, size_t *got)
{
    return eng_read_program(ctx, addr, buf, len, got);
}

static int program_pages_present(void *ctx, uint64_t addr, size_t npages, unsigned char *out)
{
    struct eng_process *p = ctx;
    return tgt_pages_present(p->tp, addr, npages, out);
}

/* A page of a mapping that is not as the system shows it: one of
 * lindbg's out-of-line pages (not the program's: left out), or a page
 * watched by page protection (the program's protection is orig). */
struct odd_page {
    uint64_t page;
    int drop, orig;
};

static int by_page(const void *a, const void *b)
{
    const struct odd_page *x = a, *y = b;
    return x->page < y->page ? -1 : x->page > y->page;
}

static void add_piece(struct tgt_region *out, size_t *n, const struct tgt_region *r,
                      uint64_t start, uint64_t end, int prot)
{
    if (start >= end)
        return;
    struct tgt_region *q = &out[(*n)++];
    *q = *r; /* the path stays map's */
    q->start = start;
    q->end = end;
    q->offset = r->offset + (start - r->start);
    q->prot = prot;
}

/* Region r as the program has it, into out (at most 2 * the odd pages in
 * it + 1 pieces): the system merges a page lindbg mapped or protected
 * with its neighbours when they look alike (an out-of-line page next to
 * a JIT's anonymous code, a watched page made read-only next to RELRO),
 * so only those pages are cut out or given back their protection, never
 * the mapping around them. */
static void program_pieces(const struct eng_process *p, const struct tgt_region *r,
                           struct odd_page *odd, struct tgt_region *out, size_t *n)
{
    size_t k = 0;
    for (size_t i = 0; i < p->nool; i++)
        if (p->ool[i].base >= r->start && p->ool[i].base < r->end)
            odd[k++] = (struct odd_page){p->ool[i].base, 1, 0};
    for (size_t i = 0; i < p->nwpages; i++)
        if (p->wpages[i].page >= r->start && p->wpages[i].page < r->end)
            odd[k++] = (struct odd_page){p->wpages[i].page, 0, p->wpages[i].orig};
    qsort(odd, k, sizeof *odd, by_page);
    uint64_t cur = r->start;
    for (size_t i = 0; i < k; i++) {
        uint64_t end = odd[i].page + DUMP_PAGE < r->end ? odd[i].page + DUMP_PAGE : r->end;
        add_piece(out, n, r, cur, odd[i].page, r->prot);
        if (!odd[i].drop)
            add_piece(out, n, r, odd[i].page, end, odd[i].orig);
        cur = end;
    }
    add_piece(out, n, r, cur, r->end, r->prot);
}

/* The signal the process stands on (the kernel's pr_cursig), and its
 * information when one arrived. Breakpoints and steps are SIGTRAP, as in
 * GDB's gcore. */
static int stop_signal(const struct session *s, const struct eng_process *p,
                       const siginfo_t **si)
{
    const struct eng_stop *st = &s->last_stop;
    *si = NULL;
    if (st->pid != p->pid)
        return 0;
    switch (st->kind) {
    case ENG_STOP_SIGNAL:
    case ENG_STOP_TRAP:
        *si = &st->si;
        return st->sig;
    case ENG_STOP_STEP:
    case ENG_STOP_BREAKPOINT:
    case ENG_STOP_RETURNED:
    case ENG_STOP_GOTO:
    case ENG_STOP_CXX_THROW:
        return SIGTRAP;
    case ENG_STOP_SECOND_CHANCE:
    case ENG_STOP_CORE:
        /* dying of sig: its information only when a first chance brought
         * it (sxd stops at the second only: the signal without it) */
        if (st->sig > 0 && st->si.si_signo == st->sig)
            *si = &st->si;
        return st->sig > 0 ? st->sig : 0;
    default:
        return 0;
    }
}

/* The process's real parent, as the kernel's core says it: the system's
 * word (a followed child's is the process that forked it, an attached
 * process's its own parent), else what the session knows. */
static pid_t dump_ppid(struct eng_process *p)
{
    pid_t pp = tgt_parent_pid(p->tp);
    if (pp > 0)
        return pp;
    if (p->parent_pid > 0)
        return p->parent_pid;
    return p->launched ? getpid() : 0;
}

/* One thread's registers; 0, or -1 when it cannot be read (not stopped).
 * The XSAVE area is read into scratch (XSTATE_MAX bytes) and kept in a
 * copy of the size the kernel gave (a few KB, not XSTATE_MAX a thread:
 * a process of 10,000 threads would cost 160 MB); the caller frees it. */
static int collect_thread(struct eng_process *p, struct eng_thread *t, struct tgt_dump_thread *dt,
                          unsigned char *scratch)
{
    if (t->run != ENG_THREAD_STOPPED)
        return -1;
    const struct user_regs_struct *r = eng_regs_of(p, t, NULL);
    if (!r)
        return -1;
    memset(dt, 0, sizeof *dt);
    dt->tid = t->tid;
    dt->regs = *r;
    dt->fpvalid = tgt_get_fpregs(p->tp, t->tid, &dt->fpregs, NULL) == 0;
    size_t got = 0;
    void *copy;
    if (tgt_get_xstate(p->tp, t->tid, scratch, XSTATE_MAX, &got, NULL) == 0 && got &&
        (copy = malloc(got))) {
        dt->xstate = memcpy(copy, scratch, got);
        dt->xstate_size = got;
    }
    return 0;
}

static int open_dump(const char *path, unsigned flags, struct lerr *e)
{
    /* O_NONBLOCK: a FIFO without a reader fails instead of hanging */
    int oflags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK |
                 (flags & ENG_DUMP_OVERWRITE ? O_TRUNC : O_EXCL);
    int fd = open(path, oflags, 0600); /* a core holds the program's secrets */
    if (fd < 0 && errno == EEXIST)
        return lerr_set(e, "Couldn't create %s: the file exists (.dump /o overwrites it)", path);
    if (fd < 0)
        return lerr_set(e, "Couldn't create %s: %s", path, strerror(errno));
    /* a core is a file with holes, removed when it fails: never a device */
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return lerr_set(e, "Couldn't create %s: not a regular file", path);
    }
    return fd;
}

int eng_dump(struct session *s, const char *path, unsigned flags, struct lerr *e)
{
    struct eng_process *p = eng_cur_process(s);
    if (!p)
        return lerr_set(e, "No process to dump");
    struct tgt_map map = {0};
    /* with what the kernel's dump looks at: MADV_DONTDUMP, VM_IO... */
    if (tgt_read_dump_map(p->tp, &map, e) < 0) {
        tgt_map_free(&map);
        return -1;
    }
    size_t nodd = p->nool + p->nwpages;
    struct tgt_region *regs = calloc(map.n + 2 * nodd + 1, sizeof *regs);
    struct odd_page *odd = calloc(nodd + 1, sizeof *odd);
    struct tgt_dump_thread *th = calloc(p->nthreads + 1, sizeof *th);
    unsigned char *xstate = malloc(XSTATE_MAX); /* scratch: one thread's at a time */
    unsigned char auxv[8192];
    size_t nauxv = 0, nregs = 0, nth = 0;
    int rc = -1, fd = -1;
    if (!regs || !odd || !th || !xstate) {
        lerr_set(e, "Couldn't write the dump: out of memory");
        goto out;
    }
    for (size_t i = 0; i < map.n; i++)
        program_pieces(p, &map.r[i], odd, regs, &nregs);
    /* the current thread first: readers make the first one current */
    struct eng_thread *cur = NULL;
    for (size_t i = 0; i < p->nthreads; i++)
        if (p->threads[i]->tid == s->cur_tid)
            cur = p->threads[i];
    if (cur && collect_thread(p, cur, &th[nth], xstate) == 0)
        nth++;
    for (size_t i = 0; i < p->nthreads; i++)
        if (p->threads[i] != cur &&
            collect_thread(p, p->threads[i], &th[nth], xstate) == 0)
            nth++;
    if (!nth) {
        lerr_set(e, "Couldn't write the dump: no thread of process %d is stopped", p->pid);
        goto out;
    }
    if (tgt_read_auxv(p->tp, auxv, sizeof auxv, &nauxv, NULL) < 0)
        nauxv = 0;

    /* NT_PRPSINFO as the kernel fills it: the leader's name, and the
     * command line with blanks between the arguments */
    char exe[4096], name[64], args[81];
    if (tgt_exe_path(p->tp, exe, sizeof exe) < 0)
        exe[0] = 0;
    if (tgt_thread_name(p->tp, p->pid, name, sizeof name) < 0 || !name[0])
        snprintf(name, sizeof name, "%.63s", strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe);
    size_t nargs = 0;
    if (tgt_read_cmdline(p->tp, args, sizeof args - 1, &nargs, NULL) < 0 || !nargs) {
        snprintf(args, sizeof args, "%.80s", exe);
        nargs = strlen(args);
    }
    args[nargs] = 0; /* nargs < sizeof args: read at most sizeof args - 1 */
    for (size_t i = 0; i + 1 < nargs; i++)
        if (!args[i])
            args[i] = ' ';
    const siginfo_t *si;
    struct tgt_dump_desc d = {
        .pid = p->pid,
        .ppid = dump_ppid(p),
        .sig = stop_signal(s, p, &si),
        .si = si,
        .threads = th,
        .nthreads = nth,
        .regions = regs,
        .nregions = nregs,
        .auxv = nauxv ? auxv : NULL,
        .auxv_size = nauxv,
        .fname = name,
        .psargs = args,
        .full = (flags & ENG_DUMP_FULL) != 0,
        .present = program_pages_present,
    };
    fd = open_dump(path, flags, e);
    if (fd < 0)
        goto out;
    rc = tgt_dump_write(fd, &d, read_program_memory, p, e);
    if (close(fd) < 0 && rc == 0)
        rc = lerr_set(e, "Couldn't write the dump: %s", strerror(errno));
    if (rc < 0)
        unlink(path); /* no half-written core left to be mistaken for one */
out:
    free(regs);
    free(odd);
    for (size_t i = 0; i < nth; i++)
        free((void *)th[i].xstate);
    free(th);
    free(xstate);
    tgt_map_free(&map);
    return rc;
}
