/* Emits a breakpoint pad's code (see padgen.h) byte by byte: a handful of
 * fixed instruction forms, too few to want an assembler library. */
#include "arch/x86_64/padgen.h"
#include "arch/x86_64/pad.h"

#include <string.h>

struct emit {
    uint8_t *out;
    size_t cap, n;
    int overflow;
};

static void bytes(struct emit *m, const void *b, size_t len)
{
    if (m->n + len > m->cap) {
        m->overflow = 1;
        return;
    }
    memcpy(m->out + m->n, b, len);
    m->n += len;
}

#define EMIT(m, ...)                                   \
    do {                                               \
        const uint8_t b_[] = {__VA_ARGS__};            \
        bytes((m), b_, sizeof b_);                     \
    } while (0)

static void imm64(struct emit *m, uint64_t v) { bytes(m, &v, 8); }

/* A rel32 jump (op: e9 jmp, or 0f 8x jcc) whose target is set later by
 * patch(): returns where its displacement is. */
static size_t jump_fwd(struct emit *m, const uint8_t *op, size_t oplen)
{
    bytes(m, op, oplen);
    size_t at = m->n;
    EMIT(m, 0, 0, 0, 0);
    return at;
}

static void patch(struct emit *m, size_t at, size_t target)
{
    if (m->overflow)
        return;
    int32_t rel = (int32_t)((int64_t)target - (int64_t)(at + 4));
    memcpy(m->out + at, &rel, 4);
}

static const uint8_t JMP[] = {0xe9}, JNE[] = {0x0f, 0x85}, JE[] = {0x0f, 0x84},
                     JLE[] = {0x0f, 0x8e};

/* lea rsp,[rsp-128]: never below it, a leaf function's red zone is live */
#define SKIP_RED_ZONE_LEN 5

/* What the prologue pushes, in order (pad.h's frame from the top): the
 * flags, then rax..rdi, r8..r15. A pop is its push + 1 (popfq) or + 8. */
static const struct {
    uint8_t len, op[2];
} SAVED[X86_PAD_NREGS] = {
    {1, {0x9c}}, {1, {0x50}}, {1, {0x51}}, {1, {0x52}}, {1, {0x53}}, {1, {0x55}},
    {1, {0x56}}, {1, {0x57}}, {2, {0x41, 0x50}}, {2, {0x41, 0x51}}, {2, {0x41, 0x52}},
    {2, {0x41, 0x53}}, {2, {0x41, 0x54}}, {2, {0x41, 0x55}}, {2, {0x41, 0x56}},
    {2, {0x41, 0x57}},
};

static void save(struct emit *m)
{
    EMIT(m, 0x48, 0x8d, 0x64, 0x24, 0x80); /* lea rsp,[rsp-128] */
    for (size_t i = 0; i < X86_PAD_NREGS; i++)
        bytes(m, SAVED[i].op, SAVED[i].len);
}

/* The program's registers and flags back, rsp over the red zone again:
 * the reverse of save(). */
static void restore(struct emit *m)
{
    for (size_t i = X86_PAD_NREGS; i-- > 0;) {
        uint8_t op[2] = {SAVED[i].op[0], SAVED[i].op[1]};
        op[SAVED[i].len - 1] += i == 0 ? 1 : 8;
        bytes(m, op, SAVED[i].len);
    }
    EMIT(m, 0x48, 0x8d, 0xa4, 0x24, 0x80, 0x00, 0x00, 0x00); /* lea rsp,[rsp+128] */
}

int x86_pad_build(const struct x86_pad_spec *spec, uint64_t base, uint8_t *out, size_t cap,
                  struct x86_pad_layout *lay)
{
    (void)base; /* every jump in the pad is relative to the pad itself */
    struct emit m = {out, cap, 0, 0};
    size_t to_go[4], to_trap[3];
    size_t ngo = 0, ntrap = 0;
    memset(lay, 0, sizeof *lay);
    save(&m);
    EMIT(&m, 0x48, 0x89, 0xe3);                         /* mov rbx,rsp */
    lay->frame = m.n;
    if (spec->fs_filter) {
        /* the x86-64 ABI keeps the thread pointer at fs:0 */
        EMIT(&m, 0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0); /* mov rax,fs:[0] */
        EMIT(&m, 0x48, 0xb9);                           /* mov rcx,imm64 */
        imm64(&m, spec->fs_filter);
        EMIT(&m, 0x48, 0x39, 0xc8);                     /* cmp rax,rcx */
        to_go[ngo++] = jump_fwd(&m, JNE, 2);
    }
    if (spec->cond) {
        lay->cond = m.n;
        bytes(&m, spec->cond, spec->cond_len);
        lay->cond_end = m.n;
        EMIT(&m, 0x85, 0xd2);                           /* test edx,edx */
        to_trap[ntrap++] = jump_fwd(&m, JNE, 2);
        EMIT(&m, 0x48, 0x85, 0xc0);                     /* test rax,rax */
        to_go[ngo++] = jump_fwd(&m, JE, 2);
    }
    EMIT(&m, 0x48, 0xbe);                               /* mov rsi,imm64 */
    imm64(&m, spec->counters);
    if (spec->passes) {
        size_t loop = m.n;
        EMIT(&m, 0x48, 0x8b, 0x06);                     /* mov rax,[rsi] */
        EMIT(&m, 0x48, 0x83, 0xf8, 0x01);               /* cmp rax,1 */
        size_t to_trigger = jump_fwd(&m, JLE, 2);
        EMIT(&m, 0x48, 0x8d, 0x48, 0xff);               /* lea rcx,[rax-1] */
        EMIT(&m, 0xf0, 0x48, 0x0f, 0xb1, 0x0e);         /* lock cmpxchg [rsi],rcx */
        size_t back = jump_fwd(&m, JNE, 2);             /* another thread took one */
        patch(&m, back, loop);
        to_go[ngo++] = jump_fwd(&m, JMP, 1);
        patch(&m, to_trigger, m.n);
    }
    if (spec->action == X86_PAD_TRAP) {
        to_trap[ntrap++] = jump_fwd(&m, JMP, 1);
    } else {
        EMIT(&m, 0xf0, 0x48, 0xff, 0x46, 0x08);         /* lock inc qword [rsi+8] */
        if (spec->action == X86_PAD_COUNT)
            EMIT(&m, 0xf0, 0x48, 0xff, 0x46, 0x10);     /* lock inc qword [rsi+16] */
        to_go[ngo++] = jump_fwd(&m, JMP, 1);
    }
    size_t trap_path = m.n;
    lay->restore = trap_path;
    restore(&m);
    lay->trap = m.n;
    /* a second int3: one past the first is only ever a thread that ran
     * it (its SIGTRAP pending), never a jump's target */
    EMIT(&m, 0xcc, 0xcc);
    size_t go_path = m.n;
    restore(&m);
    for (size_t i = 0; i < ntrap; i++)
        patch(&m, to_trap[i], trap_path);
    for (size_t i = 0; i < ngo; i++)
        patch(&m, to_go[i], go_path);
    lay->len = m.n;
    return m.overflow ? -1 : 0;
}

size_t x86_pad_pushed(size_t off)
{
    size_t at = SKIP_RED_ZONE_LEN, i = 0;
    while (i < X86_PAD_NREGS && at + SAVED[i].len <= off)
        at += SAVED[i++].len;
    return 8 * i;
}

int x86_pad_jump(uint64_t from, uint64_t to, uint8_t out[5])
{
    int64_t rel = (int64_t)(to - (from + 5));
    if (rel < INT32_MIN || rel > INT32_MAX)
        return -1;
    int32_t r32 = (int32_t)rel;
    out[0] = 0xe9;
    memcpy(out + 1, &r32, 4);
    return 0;
}
