/* An ELF64 x86-64 core file, parsed: its threads (NT_PRSTATUS and the
 * register sets after it), the process's notes (NT_PRPSINFO, NT_SIGINFO,
 * NT_AUXV, NT_FILE) and its PT_LOAD segments. Pure parsing of bytes in
 * memory: every offset and size is checked against the buffer, so that any
 * input (a truncated or corrupt file, a fuzzer's) fails with a message or
 * gives a consistent result. Private to src/target/ (and its tests). */
#ifndef LINDBG_TARGET_COREFILE_H
#define LINDBG_TARGET_COREFILE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "util/err.h"

struct core_thread {
    pid_t tid;
    int cursig;             /* pr_cursig: the signal it was stopped by */
    struct user_regs_struct regs;
    int has_fpregs;
    struct user_fpregs_struct fpregs;
    const unsigned char *xstate; /* NT_X86_XSTATE's raw bytes (in the buffer) */
    size_t xstate_len;
    int has_siginfo;        /* an NT_SIGINFO after its NT_PRSTATUS */
    siginfo_t si;
};

struct core_segment {
    uint64_t vaddr, memsz, filesz, offset;
    uint32_t flags; /* PF_R | PF_W | PF_X */
};

/* A file mapping of NT_FILE. */
struct core_fmap {
    uint64_t start, end;
    uint64_t offset; /* in bytes, into the file */
    char *path;
};

struct core_file {
    const unsigned char *data; /* the whole file */
    size_t size;
    struct core_thread *threads;
    size_t nthreads;
    struct core_segment *segs;
    size_t nsegs;
    struct core_fmap *fmaps;
    size_t nfmaps;
    uint64_t *auxv; /* type, value pairs */
    size_t nauxv;
    int has_psinfo;
    pid_t pid;          /* PRPSINFO's, else the first thread's */
    char fname[17];     /* the program's name (pr_fname, 15 characters) */
    char psargs[81];    /* its command line (pr_psargs, 80 characters) */
    int has_siginfo;    /* the first NT_SIGINFO */
    siginfo_t si;
    void *map; /* what core_open mapped (munmap'd by core_free) */
    size_t map_size;
};

/* Parses the core in data[0, size) (kept: the result points into it).
 * Returns 0, or -1 with why in e (cf is then empty). */
int core_parse(const void *data, size_t size, struct core_file *cf, struct lerr *e);
/* core_parse of a file (mapped read-only). */
int core_open(const char *path, struct core_file *cf, struct lerr *e);
void core_free(struct core_file *cf);

/* Reads from the segments' file contents: how many bytes of [addr,
 * addr+len) it holds, in a row from addr. */
size_t core_read(const struct core_file *cf, uint64_t addr, void *buf, size_t len);
/* The NT_FILE mapping holding addr, or NULL. */
const struct core_fmap *core_fmap_at(const struct core_file *cf, uint64_t addr);
/* An auxiliary-vector entry: 0 with *val, or -1. */
int core_auxv(const struct core_file *cf, uint64_t type, uint64_t *val);
/* The thread that got the signal (pr_cursig != 0), else the first; NULL
 * when there is no thread. */
const struct core_thread *core_signal_thread(const struct core_file *cf);

#endif
