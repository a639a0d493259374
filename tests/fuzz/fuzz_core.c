/* Fuzz target: the core-file reader (target/corefile.c) on mutated cores:
 * parsing, then everything a session asks of a parsed core (memory at
 * each segment's edges and at every file mapping, the auxiliary vector,
 * the signal's thread), so that a bound missed shows under ASan.
 * Seeds (corpus/core/): real cores cut small, their notes whole and each
 * segment's contents cut to its first bytes (offsets rewritten):
 * kernel-static, the kernel's core of a static program that faults in
 * _start; gcore-threads, GDB's gcore of fx_core (four threads, NT_FILE). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "target/corefile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly `size` bytes: a read past it is caught */
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    struct core_file cf;
    struct lerr e;
    if (core_parse(copy, size, &cf, &e) == 0) {
        unsigned char buf[256];
        for (size_t i = 0; i < cf.nsegs; i++) {
            const struct core_segment *s = &cf.segs[i];
            core_read(&cf, s->vaddr, buf, sizeof buf);
            core_read(&cf, s->vaddr + s->filesz - 1, buf, sizeof buf);
            core_read(&cf, s->vaddr + s->memsz - 8, buf, 8);
        }
        for (size_t i = 0; i < cf.nfmaps; i++) {
            core_fmap_at(&cf, cf.fmaps[i].start);
            core_read(&cf, cf.fmaps[i].start, buf, sizeof buf);
        }
        uint64_t v;
        core_auxv(&cf, 3 /* AT_PHDR */, &v);
        const struct core_thread *t = core_signal_thread(&cf);
        if (t && t->xstate_len)
            v = t->xstate[t->xstate_len - 1];
        (void)v;
        core_free(&cf);
    }
    free(copy);
    return 0;
}
