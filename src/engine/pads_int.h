/* What pads.c, padsafety.c and padthreads.c share: the pads of a process
 * (slots in pages lindbg maps in the target), their counters, and what
 * was learnt about its code. Engine-private. */
#ifndef LINDBG_ENGINE_PADS_INT_H
#define LINDBG_ENGINE_PADS_INT_H

#include "arch/x86_64/padgen.h"
#include "arch/x86_64/patchrange.h"
#include "engine/internal.h"

#define PAGE 4096ull
#define PAD_SLOT 512u
#define SLOTS_PER_PAGE (PAGE / PAD_SLOT)
#define COUNTERS_SIZE (64u * 1024)
#define NCOUNTERS (COUNTERS_SIZE / sizeof(struct x86_pad_counters))
/* a jump's reach, less a page of margin */
#define REACH ((1ll << 31) - (int64_t)PAGE)
/* the largest function read to check that nothing jumps into a pad's bytes */
#define FUNC_MAX (256u * 1024)
/* the largest executable mapping searched for branches into them */
#define SCAN_MAX (64u << 20)
/* how much of each thread's stack, from rsp up, is searched for the
 * address a signal's handler returns to */
#define STACK_SCAN (32u * 1024)

enum pad_state { PAD_FREE, PAD_READY, PAD_PLANTED };

/* The direct branch targets of one executable mapping, found once. */
struct scanned {
    uint64_t start, end;
    char *path;
    uint64_t *t;
    size_t n;
};

struct pad {
    enum pad_state state;
    int wanted;          /* asked for in this run's plan */
    uint64_t base;       /* its slot in the target */
    struct x86_patch plan;
    size_t trap, cond, cond_end, frame, restore, copy, code_len;
    uint8_t copy_off[X86_PATCH_MAX_INSN];
    uint8_t code[PAD_SLOT]; /* as written: reused when the same again */
    uint64_t saved_slot; /* the site's out-of-line copy while planted */
};

struct eng_pads {
    uint64_t *pages;
    size_t npages;
    struct pad *slots; /* SLOTS_PER_PAGE per page */
    int memfd;         /* the counters, -1 none yet */
    struct x86_pad_counters *local;
    uint64_t remote;   /* where the target has them, 0 not mapped yet */
    size_t ncounters;  /* blocks given out for this run */
    int unusable;      /* a page or the counters could not be mapped */
    struct scanned *scans;
    size_t nscans;
    uint64_t *stack_words; /* this plan's words on the threads' stacks */
    size_t nstack_words;
    int stacks_read;
};

static inline size_t eng_pads_nslots(const struct eng_pads *ps)
{
    return ps->npages * SLOTS_PER_PAGE;
}

/* The pad (not free) whose slot holds addr, or NULL. */
struct pad *eng_pad_containing(struct eng_process *p, uint64_t addr);
/* The program's bytes back under pd's jump (an int3 first while a site is
 * there); its site's out-of-line copy back. */
void eng_pad_take_out(struct eng_process *p, struct pad *pd);

/* padsafety.c: why plan's bytes cannot take a jump now, or NULL. */
const char *eng_pad_range_busy(struct eng_process *p, const struct x86_patch *plan);
/* 1 when code elsewhere in the mapping jumps into plan's bytes, 0 not,
 * -1 when it cannot be known. */
int eng_pad_jumped_into(struct eng_process *p, const struct x86_patch *plan);

#endif
