/* The ptrace backend's view of a process through /proc. */
#include "target/procfs.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

/* One line of /proc/PID/maps (smaps' headers are the same) appended to
 * out; 0 when the line is not one. */
static int map_line(const char *line, struct tgt_map *out, size_t *cap)
{
    unsigned long long lo, hi, off;
    char perms[8], file[4096] = "", dev[16];
    unsigned long inode;
    /* the path is optional: anonymous mappings have none */
    if (sscanf(line, "%llx-%llx %7s %llx %15s %lu %4095[^\n]", &lo, &hi, perms, &off, dev, &inode,
               file) < 6 ||
        strlen(perms) < 4)
        return 0;
    char *fp = file;
    while (*fp == ' ')
        fp++;
    if (out->n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        out->r = realloc(out->r, *cap * sizeof *out->r);
        if (!out->r)
            abort();
    }
    struct tgt_region *r = &out->r[out->n++];
    r->start = lo;
    r->end = hi;
    r->offset = off;
    r->prot = (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) |
              (perms[2] == 'x' ? PROT_EXEC : 0);
    r->shared = perms[3] == 's';
    r->path = xstrdup(fp);
    r->flags = 0;
    return 1;
}

static FILE *open_proc(struct tgt_proc *p, const char *what, char *path, size_t size,
                       struct lerr *e)
{
    snprintf(path, size, "/proc/%d/%s", p->pid, what);
    FILE *f = fopen(path, "r");
    if (!f)
        lerr_set_code(e, errno == ENOENT ? LERR_GONE : lerr_code_of_errno(errno),
                      "Couldn't read %s", path);
    return f;
}

int tgt_procfs_read_map(struct tgt_proc *p, struct tgt_map *out, struct lerr *e)
{
    char path[64], line[4096 + 128];
    size_t cap = 0;
    out->r = NULL;
    out->n = 0;
    FILE *f = open_proc(p, "maps", path, sizeof path, e);
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        map_line(line, out, &cap);
    fclose(f);
    return 0;
}

/* VmFlags' two-letter names (fs/proc/task_mmu.c) of the kernel's flags a
 * core dump looks at. */
static unsigned vm_flags(const char *list)
{
    unsigned flags = 0;
    char name[3];
    int n;
    while (sscanf(list, " %2s%n", name, &n) == 1) {
        if (!strcmp(name, "dd"))
            flags |= TGT_REGION_DONTDUMP;
        else if (!strcmp(name, "io"))
            flags |= TGT_REGION_IO;
        else if (!strcmp(name, "pf"))
            flags |= TGT_REGION_PFNMAP;
        list += n;
        while (*list && *list != ' ' && *list != '\n')
            list++; /* a longer name than two letters: not one of these */
    }
    return flags;
}

int tgt_procfs_read_dump_map(struct tgt_proc *p, struct tgt_map *out, struct lerr *e)
{
    char path[64], line[4096 + 128];
    size_t cap = 0;
    unsigned long long kb, pages = 0; /* the last region's Rss + Swap */
    out->r = NULL;
    out->n = 0;
    FILE *f = open_proc(p, "smaps", path, sizeof path, e);
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        /* a mapping's line starts with its address in lower-case hex;
         * the lines about it with a capitalised name */
        if (line[0] >= 'A' && line[0] <= 'Z') {
            if (!out->n)
                continue;
            struct tgt_region *r = &out->r[out->n - 1];
            if (sscanf(line, "Rss: %llu kB", &kb) == 1 || sscanf(line, "Swap: %llu kB", &kb) == 1)
                pages += kb;
            else if (!strncmp(line, "VmFlags:", 8)) {
                r->flags |= vm_flags(line + 8);
                if (!pages)
                    r->flags |= TGT_REGION_UNTOUCHED;
                pages = 0;
            }
            continue;
        }
        if (map_line(line, out, &cap))
            pages = 0;
    }
    fclose(f);
    return 0;
}

int tgt_procfs_pages_present(struct tgt_proc *p, uint64_t addr, size_t npages, unsigned char *out)
{
    /* 8 bytes a page: bit 63 present, bit 62 swapped (Documentation/
     * admin-guide/mm/pagemap.rst); a page never touched has neither */
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/pagemap", p->pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    uint64_t ent[512];
    size_t done = 0;
    while (done < npages) {
        size_t n = npages - done < 512 ? npages - done : 512;
        ssize_t got = pread(fd, ent, n * sizeof *ent, (off_t)((addr / 4096 + done) * sizeof *ent));
        if (got < (ssize_t)sizeof *ent) {
            close(fd);
            return -1;
        }
        n = (size_t)got / sizeof *ent;
        for (size_t i = 0; i < n; i++)
            out[done + i] = (ent[i] >> 62 & 3) != 0;
        done += n;
    }
    close(fd);
    return 0;
}

int tgt_procfs_exe_path(struct tgt_proc *p, char *buf, size_t size)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/%d/exe", p->pid);
    ssize_t n = readlink(link, buf, size - 1);
    buf[n > 0 ? n : 0] = '\0';
    return n > 0 ? 0 : -1;
}

int tgt_procfs_thread_name(struct tgt_proc *p, pid_t tid, char *buf, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task/%d/comm", p->pid, tid);
    FILE *f = fopen(path, "r");
    buf[0] = '\0';
    if (!f)
        return -1;
    if (fgets(buf, (int)size, f))
        buf[strcspn(buf, "\n")] = '\0';
    fclose(f);
    return 0;
}

/* The first line of /proc/TID/status that `scan` reads (1 when found). */
static int status_line(pid_t tid, int (*scan)(const char *line, void *out), void *out)
{
    char path[64], line[128];
    snprintf(path, sizeof path, "/proc/%d/status", tid);
    FILE *f = fopen(path, "r");
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f))
        found = scan(line, out);
    if (f)
        fclose(f);
    return found;
}

static int scan_tgid(const char *line, void *out)
{
    return sscanf(line, "Tgid: %d", (pid_t *)out) == 1;
}

static int scan_state(const char *line, void *out)
{
    return sscanf(line, "State: %c", (char *)out) == 1;
}

static int scan_ppid(const char *line, void *out)
{
    return sscanf(line, "PPid: %d", (pid_t *)out) == 1;
}

pid_t tgt_procfs_parent_pid(struct tgt_proc *p)
{
    pid_t ppid = 0;
    return status_line(p->pid, scan_ppid, &ppid) ? ppid : 0;
}

pid_t tgt_procfs_thread_group(struct tgt_proc *p, pid_t tid)
{
    pid_t tgid = 0;
    return status_line(tid, scan_tgid, &tgid) ? tgid : 0;
}

int tgt_procfs_thread_ended(struct tgt_proc *p, pid_t tid)
{
    char state = 0;
    status_line(tid, scan_state, &state);
    return state == 'Z' || state == 'X';
}

int tgt_procfs_auxv_entry(struct tgt_proc *p, uint64_t type, uint64_t *val)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/auxv", p->pid);
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    Elf64_auxv_t a;
    int found = -1;
    while (fread(&a, sizeof a, 1, f) == 1 && a.a_type != AT_NULL) {
        if (a.a_type == type) {
            *val = a.a_un.a_val;
            found = 0;
        }
    }
    fclose(f);
    return found;
}

/* A whole /proc/PID/<what> file into buf: 0, or -1 when it cannot be read;
 * *truncated when buf was too small for it. */
static int read_whole(struct tgt_proc *p, const char *what, void *buf, size_t size,
                      size_t *got, int *truncated)
{
    char path[64];
    FILE *f = open_proc(p, what, path, sizeof path, NULL);
    *got = 0;
    if (!f)
        return -1;
    *got = fread(buf, 1, size, f);
    *truncated = *got == size && fgetc(f) != EOF;
    int err = ferror(f);
    fclose(f);
    return err ? -1 : 0;
}

int tgt_procfs_read_auxv(struct tgt_proc *p, void *buf, size_t size, size_t *got)
{
    int truncated;
    return read_whole(p, "auxv", buf, size, got, &truncated) < 0 || truncated || *got == 0 ? -1
                                                                                         : 0;
}

int tgt_procfs_read_cmdline(struct tgt_proc *p, char *buf, size_t size, size_t *got)
{
    int truncated; /* the command line is kept as far as it fits */
    return read_whole(p, "cmdline", buf, size, got, &truncated);
}

int tgt_procfs_real_path(struct tgt_proc *p, const char *name, char *out, size_t size)
{
    char joined[8192];
    if (name[0] == '/')
        snprintf(joined, sizeof joined, "%s", name);
    else
        snprintf(joined, sizeof joined, "/proc/%d/cwd/%s", p->pid, name);
    char *real = realpath(joined, NULL);
    if (!real)
        return -1;
    snprintf(out, size, "%s", real);
    free(real);
    return 0;
}

int tgt_procfs_proc_times(struct tgt_proc *p, struct tgt_proc_times *out)
{
    char buf[1024];
    size_t got;
    int truncated;
    if (read_whole(p, "stat", buf, sizeof buf - 1, &got, &truncated) < 0 || !got)
        return -1;
    buf[got] = '\0';
    /* the fields after the name in parentheses, which may hold blanks and
     * parentheses itself: field 3 (state) on; utime, stime and starttime
     * are fields 14, 15 and 22, in clock ticks */
    const char *q = strrchr(buf, ')');
    if (!q)
        return -1;
    unsigned long long v[20] = {0};
    int field = 3;
    for (q++; *q && field <= 22; field++) {
        while (*q == ' ')
            q++;
        char *end;
        unsigned long long n = strtoull(q, &end, 10);
        if (field >= 3)
            v[field - 3 < 20 ? field - 3 : 19] = n;
        q = end == q ? q + strcspn(q, " ") : end;
    }
    if (field <= 22)
        return -1;
    long hz = sysconf(_SC_CLK_TCK);
    if (hz <= 0)
        hz = 100;
    uint64_t tick = 1000000000ull / (uint64_t)hz;
    out->user = v[14 - 3] * tick;
    out->sys = v[15 - 3] * tick;
    out->start_since_boot = v[22 - 3] * tick;
    return 0;
}
