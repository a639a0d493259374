#include "arch/x86_64/kwrites.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define KW_STAT_SIZE 144  /* struct stat on x86-64 */
#define KW_STATX_SIZE 256
#define KW_RUSAGE_SIZE 144

const char *kw_name(long nr)
{
    switch (nr) {
    case SYS_read: return "read";
    case SYS_pread64: return "pread64";
    case SYS_readv: return "readv";
    case SYS_preadv: return "preadv";
    case SYS_preadv2: return "preadv2";
    case SYS_recvfrom: return "recvfrom";
    case SYS_recvmsg: return "recvmsg";
    case SYS_recvmmsg: return "recvmmsg";
    case SYS_getdents64: return "getdents64";
    case SYS_stat: return "stat";
    case SYS_fstat: return "fstat";
    case SYS_lstat: return "lstat";
    case SYS_newfstatat: return "newfstatat";
    case SYS_statx: return "statx";
    case SYS_getrandom: return "getrandom";
    case SYS_pipe: return "pipe";
    case SYS_pipe2: return "pipe2";
    case SYS_wait4: return "wait4";
    default: return NULL;
    }
}

static size_t put(struct kw_range *out, size_t n, size_t max, uint64_t addr, uint64_t len)
{
    if (n < max && addr && len)
        out[n++] = (struct kw_range){addr, len};
    return n;
}

/* `total` bytes spread over an iovec array, in order. */
static size_t iovecs(uint64_t iov, uint64_t count, uint64_t total, kw_read_fn read, void *ctx,
                     struct kw_range *out, size_t n, size_t max)
{
    for (uint64_t i = 0; i < count && i < 1024 && total; i++) {
        uint64_t v[2];
        if (read(ctx, iov + 16 * i, v, sizeof v) != 0)
            break;
        uint64_t len = v[1] < total ? v[1] : total;
        n = put(out, n, max, v[0], len);
        total -= len;
    }
    return n;
}

size_t kw_written(long nr, const uint64_t a[6], int64_t ret, kw_read_fn read, void *ctx,
                  struct kw_range *out, size_t max)
{
    if (ret < 0)
        return 0;
    uint64_t r = (uint64_t)ret;
    switch (nr) {
    case SYS_read:
    case SYS_pread64:
    case SYS_recvfrom:
    case SYS_getdents64:
        return put(out, 0, max, a[1], r);
    case SYS_getrandom:
        return put(out, 0, max, a[0], r);
    case SYS_readv:
    case SYS_preadv:
    case SYS_preadv2:
        return iovecs(a[1], a[2], r, read, ctx, out, 0, max);
    case SYS_recvmsg: {
        uint64_t msg[7]; /* name, namelen, iov, iovlen, control, controllen, flags */
        if (read(ctx, a[1], msg, sizeof msg) != 0)
            return 0;
        return iovecs(msg[2], msg[3], r, read, ctx, out, 0, max);
    }
    case SYS_recvmmsg: {
        size_t n = 0;
        for (uint64_t i = 0; i < r && i < 64; i++) {
            uint64_t mm[8]; /* struct mmsghdr: msghdr (56 bytes) + msg_len */
            if (read(ctx, a[1] + 64 * i, mm, sizeof mm) != 0)
                break;
            n = iovecs(mm[2], mm[3], (uint32_t)mm[7], read, ctx, out, n, max);
        }
        return n;
    }
    case SYS_stat:
    case SYS_fstat:
    case SYS_lstat:
        return ret == 0 ? put(out, 0, max, a[1], KW_STAT_SIZE) : 0;
    case SYS_newfstatat:
        return ret == 0 ? put(out, 0, max, a[2], KW_STAT_SIZE) : 0;
    case SYS_statx:
        return ret == 0 ? put(out, 0, max, a[4], KW_STATX_SIZE) : 0;
    case SYS_pipe:
    case SYS_pipe2:
        return ret == 0 ? put(out, 0, max, a[0], 8) : 0;
    case SYS_wait4: {
        if (ret == 0)
            return 0;
        size_t n = put(out, 0, max, a[1], 4);
        return put(out, n, max, a[3], KW_RUSAGE_SIZE);
    }
    default:
        return 0;
    }
}
