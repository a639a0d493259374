/* Which user memory a system call wrote, from its number, arguments and
 * result (x86-64 Linux): the place where a data breakpoint learns about
 * writes done by the kernel, which debug registers never see. Covered:
 * read pread64 readv preadv preadv2 recvfrom recvmsg recvmmsg getdents64
 * stat fstat lstat newfstatat statx getrandom pipe pipe2 wait4. */
#ifndef LINDBG_ARCH_X86_64_KWRITES_H
#define LINDBG_ARCH_X86_64_KWRITES_H

#include <stddef.h>
#include <stdint.h>

struct kw_range {
    uint64_t addr, len;
};

/* Reads target memory (iovec arrays, msghdr): 0 when all was read. */
typedef int (*kw_read_fn)(void *ctx, uint64_t addr, void *buf, size_t len);

/* Fills up to max ranges written by call `nr` with args[6] and result
 * `ret`; returns how many. 0 for calls that write nothing (or failed). */
size_t kw_written(long nr, const uint64_t args[6], int64_t ret, kw_read_fn read, void *ctx,
                  struct kw_range *out, size_t max);

/* The call's name ("read"), or NULL when it is not one of those above. */
const char *kw_name(long nr);

#endif
