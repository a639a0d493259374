/* Writing an ELF core file of a stopped process (.dump), laid out as the
 * Linux kernel lays out its own: one PT_NOTE first (per thread
 * NT_PRSTATUS, NT_FPREGSET, NT_X86_XSTATE; after the first thread's status
 * the process's NT_PRPSINFO, NT_SIGINFO, NT_AUXV, NT_FILE; the XSAVE
 * layout last), then one PT_LOAD per mapping. So GDB, elfutils and lindbg -z read it as they read
 * a kernel's core. The writer knows nothing of a debugger: what goes in is
 * a description and a function that reads the process's memory. */
#ifndef LINDBG_TARGET_COREWRITE_H
#define LINDBG_TARGET_COREWRITE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "target/target.h"
#include "util/err.h"

struct tgt_dump_thread {
    pid_t tid;
    struct user_regs_struct regs;
    struct user_fpregs_struct fpregs;
    int fpvalid;          /* fpregs were read */
    const void *xstate;   /* the raw XSAVE area (NT_X86_XSTATE), or NULL */
    size_t xstate_size;
};

/* Which of npages pages from addr hold memory (see tgt_ops.pages_present);
 * -1 when it cannot tell. */
typedef int (*tgt_dump_present_fn)(void *ctx, uint64_t addr, size_t npages, unsigned char *out);

struct tgt_dump_desc {
    pid_t pid, ppid;
    int sig;              /* the signal the process stopped with, or 0 */
    const siginfo_t *si;  /* that signal's information (NT_SIGINFO), or NULL */
    /* The first thread is the one a reader makes current. */
    const struct tgt_dump_thread *threads;
    size_t nthreads;
    const struct tgt_region *regions; /* in address order */
    size_t nregions;
    const void *auxv;     /* the auxiliary vector's raw bytes, or NULL */
    size_t auxv_size;
    const char *fname;    /* the program's file name (NT_PRPSINFO) */
    const char *psargs;   /* its command line, blank-separated */
    int full;             /* /ma: the bytes of every readable mapping */
    /* Optional (NULL: every page is read): anonymous pages never touched
     * become holes without being read, as in the kernel's dump, where
     * reading them would map them in the process and a huge sparse
     * mapping would take hours. */
    tgt_dump_present_fn present;
};

/* How much of a mapping's memory goes into the file. */
enum tgt_dump_kind {
    TGT_DUMP_NONE,   /* none: unreadable, or found in its file */
    TGT_DUMP_HEADER, /* its first page, when that is an ELF header (the
                      * build-id note with it), as the kernel does */
    TGT_DUMP_WHOLE,  /* every byte */
};

/* The kernel's default coredump_filter (GDB's gcore follows it):
 * anonymous memory, private memory that was or may have been written
 * (writable, or the RELRO part in front of a module's writable data), the
 * vDSO and the stack whole; the first page of a file mapping from offset
 * 0; nothing of a file's shared pages, text or read-only data otherwise.
 * With full, every readable mapping whole. Unreadable mappings ([vvar],
 * PROT_NONE guards and reservations) never, nor what the program excluded
 * (MADV_DONTDUMP), device memory (VM_IO), or anonymous memory not one page
 * of which was ever touched (the kernel's test: no anon_vma). next: the mapping after r in
 * address order, or NULL. */
enum tgt_dump_kind tgt_dump_region_kind(const struct tgt_region *r, const struct tgt_region *next,
                                        int full);
/* Whether the mapping is of a file (its path names one). */
int tgt_dump_file_backed(const struct tgt_region *r);
/* Whether it is private anonymous memory (heap, stacks, MAP_ANONYMOUS):
 * the pages never touched are holes in a core. */
int tgt_dump_anonymous(const struct tgt_region *r);

/* Reads len bytes at addr of the process; *got: how many before the first
 * unreadable byte. Returns 0 when all were read. */
typedef int (*tgt_dump_read_fn)(void *ctx, uint64_t addr, void *buf, size_t len, size_t *got);

/* Writes the core to fd (a new, empty file). Pages that cannot be read
 * are left as holes (zeros), as the kernel does. Returns 0, or -1 with a
 * one-line error. */
int tgt_dump_write(int fd, const struct tgt_dump_desc *d, tgt_dump_read_fn rd, void *ctx,
                   struct lerr *e);

#endif
