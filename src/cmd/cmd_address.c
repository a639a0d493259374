/* !address: the memory map of the current process with what each region
 * is used for, in WinDbg's columns and words adapted to Linux. Regions
 * come from the engine (the backend reads the system's map); their usage
 * from the symbols' modules (Image), the threads' registers (each thread's
 * stack holds its rsp, its thread-local block its fs_base) and the
 * mapping's name ([heap], a file: MappedFile) or, where the map has no
 * name (a core file's), from where the region lies (name_by_layout).
 * Protection is shown as Windows' PAGE_* words derived from the mapping's
 * r/w/x bits; a mapping nobody may touch (PROT_NONE) is reserved, not
 * committed. */
#include "cmd/dbg.h"
#include "ui/format.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>

/* Linux x86-64's user address space ends here (TASK_SIZE); what lies
 * above (the vsyscall page) is shown, the gap before it is not. */
#define USER_TOP 0x7ffffffff000ull
/* The legacy vsyscall page's fixed address (x86-64's VSYSCALL_ADDR). */
#define VSYSCALL_ADDR 0xffffffffff600000ull
/* glibc's HEAP_MAX_SIZE on x86-64 (2 * DEFAULT_MMAP_THRESHOLD_MAX): each
 * heap of a thread's arena is a mapping of this size aligned on it, its
 * used part read-write, the rest PROT_NONE until the heap grows. */
#define ARENA_HEAP_SIZE (64ull << 20)
/* How far above the program's end the kernel may start the brk heap
 * (arch_randomize_brk: 32 MB before Linux 6.9, 1 GB since). */
#define BRK_RANDOM_MAX (1ull << 30)

enum { MEM_COMMIT = 0x1000, MEM_RESERVE = 0x2000, MEM_FREE = 0x10000,
       MEM_PRIVATE = 0x20000, MEM_MAPPED = 0x40000, MEM_IMAGE = 0x1000000 };

struct area {
    uint64_t start, end;
    const char *usage;   /* "Image", "Stack", "Free"... */
    char detail[1200];   /* what follows the usage word in the listing */
    unsigned type, state;
    int prot;            /* PROT_* bits; -1 for free space */
    int first;           /* starts an allocation (WinDbg's '+') */
    const struct sym_module *mod;
    char path[1024];     /* the mapped file, or "" */
    int thread;          /* Stack, TLS, Guard: the thread's index, else -1 */
};

struct thread_regs {
    int index;
    pid_t tid;
    uint64_t sp, tls;
};

static const char *protect_word(int prot, unsigned *code)
{
    static const struct { int prot; unsigned code; const char *word; } w[] = {
        {0, 0x01, "PAGE_NOACCESS"},
        {PROT_READ, 0x02, "PAGE_READONLY"},
        {PROT_READ | PROT_WRITE, 0x04, "PAGE_READWRITE"},
        {PROT_WRITE, 0x04, "PAGE_READWRITE"}, /* x86 pages that write read too */
        {PROT_EXEC, 0x10, "PAGE_EXECUTE"},
        {PROT_EXEC | PROT_READ, 0x20, "PAGE_EXECUTE_READ"},
        {PROT_EXEC | PROT_READ | PROT_WRITE, 0x40, "PAGE_EXECUTE_READWRITE"},
        {PROT_EXEC | PROT_WRITE, 0x40, "PAGE_EXECUTE_READWRITE"},
    };
    int p = prot < 0 ? 0 : prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (w[i].prot == p) {
            if (code)
                *code = w[i].code;
            return w[i].word;
        }
    return "PAGE_NOACCESS";
}

static const char *type_word(unsigned t)
{
    return t == MEM_IMAGE ? "MEM_IMAGE" : t == MEM_MAPPED ? "MEM_MAPPED" : t == MEM_PRIVATE ? "MEM_PRIVATE" : "";
}

static const char *state_word(unsigned s)
{
    return s == MEM_COMMIT ? "MEM_COMMIT" : s == MEM_RESERVE ? "MEM_RESERVE" : "MEM_FREE";
}

/* WinDbg's short 64-bit form: "7ffe`d5c3a000", high part unpadded. */
static char *short_addr(char buf[24], uint64_t v)
{
    snprintf(buf, 24, "%x`%08x", (unsigned)(v >> 32), (unsigned)v);
    return buf;
}

/* "( 160.000 kB)" */
static char *size_words(char buf[32], uint64_t n)
{
    static const char *const unit[] = {"kB", "MB", "GB", "TB"};
    double v = (double)n / 1024;
    int u = 0;
    while (v >= 1024 && u < 3) {
        v /= 1024;
        u++;
    }
    snprintf(buf, 32, "(%8.3f %s)", v, unit[u]);
    return buf;
}

static size_t read_threads(struct dbg *d, struct thread_regs **out)
{
    struct eng_process *p = eng_cur_process(d->s);
    size_t n = eng_proc_nthreads(p), k = 0;
    struct thread_regs *t = xcalloc(n ? n : 1, sizeof *t);
    for (size_t i = 0; i < n; i++) {
        struct eng_thread *th = eng_proc_thread_at(p, i);
        struct lerr e = {0};
        struct user_regs_struct *r = eng_regs(d->s, th, &e);
        if (!r)
            continue; /* a thread whose registers cannot be read owns nothing here */
        t[k++] = (struct thread_regs){eng_thread_index(th), eng_thread_tid(th), r->rsp, r->fs_base};
    }
    *out = t;
    return k;
}

static void thread_tag(char *buf, size_t size, const struct thread_regs *t, pid_t pid)
{
    snprintf(buf, size, "[~%d; %x.%x]", t->index, (unsigned)pid, (unsigned)t->tid);
}

/* What one mapping is used for. */
static void classify(struct dbg *d, const struct tgt_region *r, const struct thread_regs *th,
                     size_t nth, struct area *a)
{
    pid_t pid = eng_proc_pid(eng_cur_process(d->s));
    struct sym_space *sp = eng_syms(d->s);
    const struct sym_module *m = sp ? sym_module_at(sp, r->start) : NULL;
    *a = (struct area){.start = r->start, .end = r->end, .prot = r->prot, .first = 1,
                       .state = r->prot ? MEM_COMMIT : MEM_RESERVE, .thread = -1};
    a->type = r->path[0] && r->path[0] != '[' ? MEM_MAPPED : MEM_PRIVATE;
    if (r->path[0] == '/')
        snprintf(a->path, sizeof a->path, "%s", r->path);
    for (size_t i = 0; i < nth; i++) {
        if (th[i].sp >= r->start && th[i].sp < r->end) {
            a->usage = "Stack";
            a->thread = th[i].index;
            thread_tag(a->detail, sizeof a->detail, &th[i], pid);
            return;
        }
    }
    if (m && m->path) {
        a->usage = "Image";
        a->type = MEM_IMAGE;
        a->mod = m;
        a->first = r->start <= m->start;
        snprintf(a->detail, sizeof a->detail, "[%s; \"%s\"]", m->name, m->path);
        return;
    }
    if (!strcmp(r->path, "[heap]")) {
        a->usage = "Heap";
        return;
    }
    if (!strcmp(r->path, "[stack]")) { /* the first thread's, which ended */
        a->usage = "Stack";
        snprintf(a->detail, sizeof a->detail, "%s", r->path);
        return;
    }
    for (size_t i = 0; i < nth; i++) {
        if (th[i].tls >= r->start && th[i].tls < r->end) {
            a->usage = "TLS";
            a->thread = th[i].index;
            thread_tag(a->detail, sizeof a->detail, &th[i], pid);
            return;
        }
    }
    if (r->start == VSYSCALL_ADDR && !r->path[0]) { /* a core's map has no names */
        a->usage = "Other";
        snprintf(a->detail, sizeof a->detail, "[vsyscall]");
        return;
    }
    if (r->path[0] == '[') {
        a->usage = "Other";
        snprintf(a->detail, sizeof a->detail, "%s", r->path);
        return;
    }
    if (r->path[0]) {
        a->usage = "MappedFile";
        snprintf(a->detail, sizeof a->detail, "\"%s\"", r->path);
        return;
    }
    a->usage = "<unknown>";
}

static void add_free(struct area **v, size_t *n, size_t *cap, uint64_t start, uint64_t end)
{
    if (*n == *cap)
        *v = xrealloc(*v, (*cap = *cap * 2 + 8) * sizeof **v);
    (*v)[(*n)++] = (struct area){.start = start, .end = end, .usage = "Free", .state = MEM_FREE,
                                 .prot = -1, .first = 1, .thread = -1};
}

static int unknown(const struct area *a)
{
    return !strcmp(a->usage, "<unknown>"); /* anonymous, no name, no owner */
}

/* Usages that only the regions' places give: the guard page a thread's
 * stack grows into (a no-access region right below a Stack; elsewhere
 * PROT_NONE is only reserved address space, <unknown> as in WinDbg), the
 * heaps of glibc's thread arenas, and, where the map names nothing (a
 * core), the brk heap and the vDSO's data pages. */
static void name_by_layout(struct dbg *d, struct area *v, size_t n, int brk_named)
{
    for (size_t i = 1; i < n; i++)
        if (!strcmp(v[i].usage, "Stack") && unknown(&v[i - 1]) && !v[i - 1].prot &&
            v[i - 1].end == v[i].start) {
            v[i - 1].usage = "Guard";
            v[i - 1].thread = v[i].thread;
            memcpy(v[i - 1].detail, v[i].detail, sizeof v[i].detail);
        }
    for (size_t i = 0; i < n; i++) {
        struct area *a = &v[i], *next = i + 1 < n ? &v[i + 1] : NULL;
        if (!unknown(a) || a->prot != (PROT_READ | PROT_WRITE) || a->start % ARENA_HEAP_SIZE)
            continue;
        if (a->end - a->start == ARENA_HEAP_SIZE) {
            a->usage = "Heap"; /* grown to its full size */
        } else if (next && unknown(next) && !next->prot && next->start == a->end &&
                   next->end == a->start + ARENA_HEAP_SIZE) {
            a->usage = next->usage = "Heap";
            next->first = 0; /* one allocation: committed, then reserved */
            i++;
        }
    }
    if (brk_named)
        return;
    struct sym_space *sp = eng_syms(d->s);
    uint64_t phdr = eng_auxv_entry(d->s, eng_cur_process(d->s), AT_PHDR);
    const struct sym_module *exe = sp && phdr ? sym_module_at(sp, phdr) : NULL;
    for (size_t i = 0; exe && i < n; i++) {
        /* the program's data ends the image; brk starts after it */
        if (v[i].start >= exe->end && v[i].start - exe->end <= BRK_RANDOM_MAX && unknown(&v[i]) &&
            v[i].prot == (PROT_READ | PROT_WRITE)) {
            v[i].usage = "Heap";
            break;
        }
    }
    for (size_t i = 1; i < n; i++) {
        /* the kernel maps the vDSO's data ([vvar], [vvar_vclock]) right
         * below its code */
        if (!v[i].mod || strcmp(v[i].mod->name, "linux_vdso") || v[i].start != v[i].mod->start)
            continue;
        for (size_t k = i; k > 0 && unknown(&v[k - 1]) && v[k - 1].prot == PROT_READ &&
                           v[k - 1].end == v[k].start;
             k--) {
            v[k - 1].usage = "Other";
            snprintf(v[k - 1].detail, sizeof v[k - 1].detail, "[vvar]");
        }
    }
}

/* Every region and the free space between them, in address order. */
static int build_areas(struct dbg *d, struct area **out, size_t *nout)
{
    struct tgt_map map;
    if (eng_memory_map(d->s, &map, &d->err) < 0) {
        tgt_map_free(&map);
        return -1;
    }
    struct thread_regs *th;
    size_t nth = read_threads(d, &th);
    struct area *v = NULL;
    size_t n = 0, cap = 0;
    uint64_t at = 0;
    int brk_named = 0;
    for (size_t i = 0; i < map.n; i++) {
        const struct tgt_region *r = &map.r[i];
        if (r->start > at && at < USER_TOP)
            add_free(&v, &n, &cap, at, r->start < USER_TOP ? r->start : USER_TOP);
        if (n == cap)
            v = xrealloc(v, (cap = cap * 2 + 8) * sizeof *v);
        classify(d, r, th, nth, &v[n]);
        if (!strcmp(r->path, "[heap]"))
            brk_named = 1;
        n++;
        at = r->end;
    }
    if (at < USER_TOP)
        add_free(&v, &n, &cap, at, USER_TOP);
    name_by_layout(d, v, n, brk_named);
    tgt_map_free(&map);
    free(th);
    *out = v;
    *nout = n;
    return 0;
}

static void print_listing(struct dbg *d, const struct area *v, size_t n)
{
    fprintf(d->out, "\n        BaseAddress      EndAddress+1        RegionSize     Type       State"
                    "                 Protect             Usage\n");
    fprintf(d->out, "-----------------------------------------------------------------------------"
                    "---------------------------------------------\n");
    for (size_t i = 0; i < n; i++) {
        const struct area *a = &v[i];
        char b[24], e[24], sz[24];
        fprintf(d->out, "%c %17s %17s %17s %-11s %-11s %-34s %-10s %s\n", a->first ? '+' : ' ',
                short_addr(b, a->start), short_addr(e, a->end), short_addr(sz, a->end - a->start),
                type_word(a->type), state_word(a->state),
                a->prot < 0 ? "PAGE_NOACCESS" : protect_word(a->prot, NULL), a->usage, a->detail);
    }
}

/* WinDbg's block about the region holding one address. */
static void print_one(struct dbg *d, const struct area *a, uint64_t addr)
{
    char x[FMT_ADDR_LEN], sz[32];
    unsigned code = 1;
    const char *prot = a->prot < 0 ? "PAGE_NOACCESS" : protect_word(a->prot, &code);
    fprintf(d->out, "Usage:                  %s\n", a->usage);
    fprintf(d->out, "Base Address:           %s\n", fmt_addr(x, a->start));
    fprintf(d->out, "End Address:            %s\n", fmt_addr(x, a->end));
    fprintf(d->out, "Region Size:            %s %s\n", fmt_addr(x, a->end - a->start),
            size_words(sz, a->end - a->start));
    fprintf(d->out, "State:                  %08x          %s\n", a->state, state_word(a->state));
    fprintf(d->out, "Protect:                %08x          %s\n", code, prot);
    if (a->type)
        fprintf(d->out, "Type:                   %08x          %s\n", a->type, type_word(a->type));
    if (a->mod) {
        fprintf(d->out, "Allocation Base:        %s\n", fmt_addr(x, a->mod->start));
        fprintf(d->out, "Image Path:             %s\n", a->mod->path);
        fprintf(d->out, "Module Name:            %s\n", a->mod->name);
        fprintf(d->out, "More info:              lmv m %s\n", a->mod->name);
        fprintf(d->out, "More info:              ln %#llx\n", (unsigned long long)addr);
    } else if (a->path[0]) {
        fprintf(d->out, "Mapped file name:       %s\n", a->path);
    }
    if (a->thread >= 0 && !strcmp(a->usage, "Stack"))
        fprintf(d->out, "More info:              ~%dk\n", a->thread);
    if (a->thread >= 0 && strcmp(a->usage, "Stack"))
        fprintf(d->out, "Thread:                 %s\n", a->detail);
    fprintf(d->out, "\n");
}

#define MAX_GROUPS 32

struct total {
    const char *name;
    size_t count;
    uint64_t size;
    uint64_t base, largest; /* the largest region of the group */
};

static void count(struct total *t, size_t *nt, const char *name, const struct area *a)
{
    size_t i = 0;
    while (i < *nt && strcmp(t[i].name, name))
        i++;
    if (i == MAX_GROUPS)
        return; /* cannot happen: the words are a fixed few */
    if (i == *nt)
        t[(*nt)++] = (struct total){.name = name};
    t[i].count++;
    t[i].size += a->end - a->start;
    if (a->end - a->start > t[i].largest) {
        t[i].largest = a->end - a->start;
        t[i].base = a->start;
    }
}

static void print_totals(struct dbg *d, const char *title, const struct total *t, size_t nt,
                         uint64_t busy, uint64_t all)
{
    fprintf(d->out, "\n--- %s RgnCount ----------- Total Size -------- %%ofBusy %%ofTotal\n", title);
    for (size_t i = 0; i < nt; i++) {
        char s[24], w[32], pb[16] = "";
        if (strcmp(t[i].name, "Free") && strcmp(t[i].name, "MEM_FREE"))
            snprintf(pb, sizeof pb, "%6.2f%%", busy ? 100.0 * (double)t[i].size / (double)busy : 0);
        fprintf(d->out, "%-30s %8zu %17s %s %8s %7.2f%%\n", t[i].name, t[i].count,
                short_addr(s, t[i].size), size_words(w, t[i].size), pb,
                all ? 100.0 * (double)t[i].size / (double)all : 0);
    }
}

static void print_summary(struct dbg *d, const struct area *v, size_t n)
{
    struct total usage[MAX_GROUPS] = {0}, type[MAX_GROUPS] = {0}, state[MAX_GROUPS] = {0},
                 prot[MAX_GROUPS] = {0};
    size_t nu = 0, nty = 0, ns = 0, np = 0;
    uint64_t busy = 0, all = 0;
    for (size_t i = 0; i < n; i++) {
        const struct area *a = &v[i];
        all += a->end - a->start;
        count(usage, &nu, a->usage, a);
        count(state, &ns, state_word(a->state), a);
        if (a->state == MEM_FREE)
            continue;
        busy += a->end - a->start;
        count(type, &nty, type_word(a->type), a);
        if (a->state == MEM_COMMIT)
            count(prot, &np, protect_word(a->prot, NULL), a);
    }
    print_totals(d, "Usage Summary ----------------", usage, nu, busy, all);
    print_totals(d, "Type Summary (for busy) ------", type, nty, busy, all);
    print_totals(d, "State Summary ----------------", state, ns, busy, all);
    print_totals(d, "Protect Summary (for commit) -", prot, np, busy, all);
    fprintf(d->out, "\n--- Largest Region by Usage ----------- Base Address -------- Region Size ----------\n");
    for (size_t i = 0; i < nu; i++) {
        char b[24], s[24], w[32];
        fprintf(d->out, "%-30s %17s %17s %s\n", usage[i].name, short_addr(b, usage[i].base),
                short_addr(s, usage[i].largest), size_words(w, usage[i].largest));
    }
}

static int cmd_address(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    const char *p = args;
    int summary = 0, one = 0;
    uint64_t addr = 0;
    if (!strncmp(p, "-summary", 8) && (p[8] == '\0' || p[8] == ' ' || p[8] == '\t')) {
        summary = 1;
        p = dbg_skip(p + 8);
    } else if (*p == '-' && isalpha((unsigned char)p[1])) {
        /* -f:, -o:, -c: are WinDbg's too, not done here */
        return lerr_set(&d->err, "Syntax error: unknown option '%s' (!address [addr | -summary])", p);
    } else if (*p) {
        if (dbg_eval(d, &p, &addr) < 0)
            return -1;
        one = 1;
    }
    if (*p)
        return lerr_set(&d->err, "Syntax error at '%s' (!address [addr | -summary])", p);
    struct area *v;
    size_t n;
    if (build_areas(d, &v, &n) < 0)
        return -1;
    int rc = 0;
    if (one) {
        size_t i = 0;
        while (i < n && !(addr >= v[i].start && addr < v[i].end))
            i++;
        if (i < n) {
            print_one(d, &v[i], addr);
        } else {
            /* beyond the user address space but for the vsyscall page */
            char x[FMT_ADDR_LEN];
            rc = lerr_set(&d->err, "Memory access error: %s is outside the process's address space",
                          fmt_addr(x, addr));
        }
    } else if (summary) {
        print_summary(d, v, n);
    } else {
        print_listing(d, v, n);
        print_summary(d, v, n);
    }
    free(v);
    return rc;
}

const struct cmd_def cmd_address_table[] = {
    {"!address", cmd_address, "the memory map and each region's usage: !address [addr | -summary]"},
    {NULL, NULL, NULL},
};
