/* Where a 5-byte jump may replace instructions (x86_patch_plan) and their
 * relocated copies (x86_patch_relocate): byte sequences as gcc emits them
 * at -O0 and -O2, the copies decoded back with Zydis, and functions patched
 * for real in this process and called. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <Zydis/Zydis.h>

#include "arch/x86_64/patchrange.h"

#define BASE 0x401000ull

/* plans at BASE+off in func; returns the result and leaves the reason in e */
static int plan_at(const uint8_t *func, size_t n, unsigned off, struct x86_patch *pl,
                   struct lerr *e)
{
    lerr_clear(e);
    return x86_patch_plan(func, n, BASE, BASE + off, pl, e);
}

static void assert_refused(const uint8_t *func, size_t n, unsigned off, const char *why)
{
    struct x86_patch pl;
    struct lerr e;
    assert_int_equal(plan_at(func, n, off, &pl, &e), -1);
    assert_int_equal(strncmp(e.msg, "not patchable: ", 15), 0);
    if (!strstr(e.msg, why))
        fail_msg("\"%s\" does not say \"%s\"", e.msg, why);
}

/* gcc -O0 int f(int x) { return x*3+1; } with -fcf-protection */
static const uint8_t f_O0[] = {
    0xf3, 0x0f, 0x1e, 0xfa, /* endbr64 */
    0x55,                   /* push rbp */
    0x48, 0x89, 0xe5,       /* mov rbp,rsp */
    0x89, 0x7d, 0xfc,       /* mov [rbp-4],edi */
    0x8b, 0x55, 0xfc,       /* mov edx,[rbp-4] */
    0x89, 0xd0,             /* mov eax,edx */
    0x01, 0xc0,             /* add eax,eax */
    0x01, 0xd0,             /* add eax,edx */
    0x83, 0xc0, 0x01,       /* add eax,1 */
    0x5d,                   /* pop rbp */
    0xc3,                   /* ret */
};

static void test_O0_prologue(void **state)
{
    (void)state;
    struct x86_patch pl;
    struct lerr e;
    /* at the entry: endbr64 and push rbp, exactly 5 bytes */
    assert_int_equal(plan_at(f_O0, sizeof f_O0, 0, &pl, &e), 0);
    assert_int_equal(pl.addr, BASE);
    assert_int_equal(pl.len, 5);
    assert_int_equal(pl.ninsn, 2);
    assert_int_equal(pl.insn_off[0], 0);
    assert_int_equal(pl.insn_off[1], 4);
    assert_memory_equal(pl.orig, f_O0, 5);
    assert_int_equal(pl.rip_relative, 0);
    /* after endbr64: push, mov, mov */
    assert_int_equal(plan_at(f_O0, sizeof f_O0, 4, &pl, &e), 0);
    assert_int_equal(pl.len, 7);
    assert_int_equal(pl.ninsn, 3);
    assert_int_equal(pl.insn_off[2], 4);
    /* where gdb puts `break f`, after the prologue */
    assert_int_equal(plan_at(f_O0, sizeof f_O0, 11, &pl, &e), 0);
    assert_int_equal(pl.len, 5);
    assert_int_equal(pl.ninsn, 2);
    /* near the end: add, pop, ret still fit */
    assert_int_equal(plan_at(f_O0, sizeof f_O0, 20, &pl, &e), 0);
    assert_int_equal(pl.len, 5);
    assert_int_equal(pl.ninsn, 3);
    /* pop, ret: 2 bytes left */
    assert_refused(f_O0, sizeof f_O0, 23, "the function has 2 bytes from 0x401017, fewer");
    /* inside endbr64 */
    assert_refused(f_O0, sizeof f_O0, 1, "is not the start of an instruction");
    assert_refused(f_O0, sizeof f_O0, sizeof f_O0, "outside the function");
}

static void test_O0_frame(void **state)
{
    (void)state;
    /* endbr64; push rbp; mov rbp,rsp; sub rsp,0x20; mov [rbp-0x14],edi;
     * mov rax,fs:0x28; ... ret */
    const uint8_t f[] = {0xf3, 0x0f, 0x1e, 0xfa, 0x55, 0x48, 0x89, 0xe5, 0x48, 0x83, 0xec,
                         0x20, 0x89, 0x7d, 0xec, 0x64, 0x48, 0x8b, 0x04, 0x25, 0x28, 0x00,
                         0x00, 0x00, 0x48, 0x89, 0x45, 0xf8, 0x31, 0xc0, 0xc9, 0xc3};
    struct x86_patch pl;
    struct lerr e;
    /* mov rbp,rsp; sub rsp,0x20 */
    assert_int_equal(plan_at(f, sizeof f, 5, &pl, &e), 0);
    assert_int_equal(pl.len, 7);
    assert_int_equal(pl.ninsn, 2);
    /* mov rax,fs:0x28 alone (9 bytes): an absolute address, not RIP-relative */
    assert_int_equal(plan_at(f, sizeof f, 15, &pl, &e), 0);
    assert_int_equal(pl.len, 9);
    assert_int_equal(pl.ninsn, 1);
    assert_int_equal(pl.rip_relative, 0);
}

/* gcc -O2 `return x*k+1` with k a global: endbr64; mov eax,[rip+0x7ea];
 * imul eax,edi; add eax,1; ret (k lies 0x7f4 bytes after the start) */
static const uint8_t g_O2[] = {0xf3, 0x0f, 0x1e, 0xfa, 0x8b, 0x05, 0xea, 0x07, 0x00,
                               0x00, 0x0f, 0xaf, 0xc7, 0x83, 0xc0, 0x01, 0xc3};
#define G_DATA 0x7f4

/* Decodes the copy at `to` and returns the absolute address of the
 * RIP-relative memory operand or relative branch of the instruction at
 * copy offset `off`. */
static uint64_t abs_operand(const uint8_t *code, size_t len, uint64_t to, size_t off,
                            unsigned *ilen)
{
    ZydisDecoder dec;
    ZydisDecodedInstruction in;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    assert_true(ZYAN_SUCCESS(ZydisDecoderInit(&dec, ZYDIS_MACHINE_MODE_LONG_64,
                                               ZYDIS_STACK_WIDTH_64)));
    assert_true(ZYAN_SUCCESS(ZydisDecoderDecodeFull(&dec, code + off, len - off, &in, ops)));
    if (ilen)
        *ilen = in.length;
    for (unsigned i = 0; i < in.operand_count_visible; i++) {
        int rel =
            (ops[i].type == ZYDIS_OPERAND_TYPE_IMMEDIATE && ops[i].imm.is_relative) ||
            (ops[i].type == ZYDIS_OPERAND_TYPE_MEMORY && ops[i].mem.base == ZYDIS_REGISTER_RIP);
        if (!rel)
            continue;
        ZyanU64 a = 0;
        assert_true(ZYAN_SUCCESS(ZydisCalcAbsoluteAddress(&in, &ops[i], to + off, &a)));
        return a;
    }
    fail_msg("no relative operand at copy offset %zu", off);
    return 0;
}

/* the 8 bytes after a `jmp [rip+0]` at code[off] */
static uint64_t abs_jump_target(const uint8_t *code, size_t off)
{
    const uint8_t jmp[6] = {0xff, 0x25, 0, 0, 0, 0};
    assert_memory_equal(code + off, jmp, 6);
    uint64_t t;
    memcpy(&t, code + off + 6, 8);
    return t;
}

static void test_rip_relative_relocated(void **state)
{
    (void)state;
    struct x86_patch pl;
    struct lerr e;
    assert_int_equal(plan_at(g_O2, sizeof g_O2, 0, &pl, &e), 0);
    assert_int_equal(pl.len, 10);
    assert_int_equal(pl.ninsn, 2);
    assert_int_equal(pl.rip_relative, 1);
    /* a pad 1 GB away: the load still reads k, the jump back is rel32 */
    uint64_t to = BASE + 0x40000100ull;
    uint8_t code[X86_PATCH_CODE_MAX], off[X86_PATCH_MAX_INSN];
    size_t n = 0;
    assert_int_equal(x86_patch_relocate(&pl, to, code, sizeof code, &n, off, &e), 0);
    assert_int_equal(off[0], 0);
    assert_int_equal(off[1], 4);
    assert_memory_equal(code, g_O2, 4); /* endbr64 as is */
    unsigned l = 0;
    assert_int_equal(abs_operand(code, n, to, off[1], &l), BASE + G_DATA);
    assert_int_equal(l, 6);
    assert_int_equal(code[10], 0xe9);
    assert_int_equal(abs_operand(code, n, to, 10, NULL), BASE + 10);
    assert_int_equal(n, 15);
    uint64_t a = 0;
    assert_int_equal(x86_patch_program_addr(&pl, to, to + 4, &a), 0);
    assert_int_equal(a, BASE + 4);
    assert_int_equal(x86_patch_program_addr(&pl, to, to + 10, &a), 0);
    assert_int_equal(a, BASE + 10);
    /* 3 GB away the operand cannot reach */
    assert_int_equal(x86_patch_relocate(&pl, BASE + 0xc0000000ull, code, sizeof code, &n, off, &e),
                     -1);
    assert_non_null(strstr(e.msg, "RIP-relative operand at 0x401004 cannot reach"));
    /* without RIP-relative operands, far away is fine: absolute jump back */
    assert_int_equal(plan_at(f_O0, sizeof f_O0, 0, &pl, &e), 0);
    to = 0x7f0000000000ull;
    assert_int_equal(x86_patch_relocate(&pl, to, code, sizeof code, &n, off, &e), 0);
    assert_int_equal(n, 5 + 14);
    assert_memory_equal(code, f_O0, 5);
    assert_int_equal(abs_jump_target(code, 5), BASE + 5);
    /* too small a buffer says so */
    assert_int_equal(x86_patch_relocate(&pl, to, code, 10, &n, off, &e), -1);
    assert_non_null(strstr(e.msg, "needs more than 10 bytes"));
}

/* xor eax,eax; L: add eax,edi; sub edi,1; jne L; ret */
static const uint8_t loop_fn[] = {0x31, 0xc0, 0x01, 0xf8, 0x83, 0xef, 0x01, 0x75, 0xf9, 0xc3};

static void test_back_edge_inside(void **state)
{
    (void)state;
    /* 5 bytes at the entry cover L, the back edge's target */
    assert_refused(loop_fn, sizeof loop_fn, 0,
                   "the branch at 0x401007 goes to 0x401002, inside the bytes");
    /* at L itself the target is the jump's own start: fine */
    struct x86_patch pl;
    struct lerr e;
    assert_int_equal(plan_at(loop_fn, sizeof loop_fn, 2, &pl, &e), 0);
    assert_int_equal(pl.len, 5);
    /* the jne may end the range: sub edi,1; jne L; the copy's jne goes
     * back to L (a new hit), its fall-through to the ret */
    assert_int_equal(plan_at(loop_fn, sizeof loop_fn, 4, &pl, &e), 0);
    assert_int_equal(pl.len, 5);
    assert_int_equal(pl.ninsn, 2);
    uint64_t to = BASE + 0x100000;
    uint8_t code[X86_PATCH_CODE_MAX], off[X86_PATCH_MAX_INSN];
    size_t n = 0;
    assert_int_equal(x86_patch_relocate(&pl, to, code, sizeof code, &n, off, &e), 0);
    assert_int_equal(off[1], 3);
    assert_int_equal(code[3], 0x0f);
    assert_int_equal(code[4], 0x85); /* jne rel32 */
    assert_int_equal(abs_operand(code, n, to, 3, NULL), BASE + 2);
    assert_int_equal(abs_operand(code, n, to, 9, NULL), BASE + 9);
    assert_int_equal(n, 3 + 6 + 5);
}

/* test rsi,rsi; jle +0x17 (gcc -O2, a loop's guard after endbr64) */
static void test_jcc_last_far(void **state)
{
    (void)state;
    const uint8_t f[] = {0xf3, 0x0f, 0x1e, 0xfa, 0x48, 0x85, 0xf6, 0x7e, 0x17, 0x48, 0x8d,
                         0x14, 0xf7, 0x31, 0xc0, 0x90, 0x48, 0x03, 0x07, 0x48, 0x83, 0xc7,
                         0x08, 0x48, 0x39, 0xd7, 0x75, 0xf4, 0xc3, 0x0f, 0x1f, 0x00,
                         0x31, 0xc0, 0xc3};
    struct x86_patch pl;
    struct lerr e;
    assert_int_equal(plan_at(f, sizeof f, 4, &pl, &e), 0);
    assert_int_equal(pl.len, 5);
    /* beyond rel32's reach: jle to an absolute jump after the jump back */
    uint64_t to = 0x7f0000001000ull;
    uint8_t code[X86_PATCH_CODE_MAX], off[X86_PATCH_MAX_INSN];
    size_t n = 0;
    assert_int_equal(x86_patch_relocate(&pl, to, code, sizeof code, &n, off, &e), 0);
    assert_memory_equal(code, f + 4, 3);
    assert_int_equal(off[1], 3);
    assert_int_equal(code[3], 0x0f);
    assert_int_equal(code[4], 0x8e); /* jle rel32 */
    assert_int_equal(abs_operand(code, n, to, 3, NULL), to + 3 + 6 + 14);
    assert_int_equal(abs_jump_target(code, 9), BASE + 9);     /* not taken */
    assert_int_equal(abs_jump_target(code, 23), BASE + 0x20); /* taken */
    assert_int_equal(n, 3 + 6 + 14 + 14);
    /* a thread found in the copy, put back in the program */
    const struct {
        unsigned ip;
        uint64_t addr;
    } back[] = {{0, BASE + 4}, {3, BASE + 7}, {9, BASE + 9}, {23, BASE + 0x20}};
    for (size_t i = 0; i < sizeof back / sizeof back[0]; i++) {
        uint64_t a = 0;
        assert_int_equal(x86_patch_program_addr(&pl, to, to + back[i].ip, &a), 0);
        assert_int_equal(a, back[i].addr);
    }
    const unsigned nowhere[] = {1, 4, 10, 24, 37, 100};
    for (size_t i = 0; i < sizeof nowhere / sizeof nowhere[0]; i++) {
        uint64_t a = 0;
        assert_int_equal(x86_patch_program_addr(&pl, to, to + nowhere[i], &a), -1);
    }
    uint64_t a = 0;
    assert_int_equal(x86_patch_program_addr(&pl, to, to - 1, &a), -1);
    /* a rel8 jmp at the end becomes a jump to its target, nothing after */
    const uint8_t j[] = {0x31, 0xc0, 0x31, 0xd2, 0xeb, 0x01, 0x90, 0xc3};
    assert_int_equal(plan_at(j, sizeof j, 0, &pl, &e), 0);
    assert_int_equal(pl.len, 6);
    to = BASE + 0x200000;
    assert_int_equal(x86_patch_relocate(&pl, to, code, sizeof code, &n, off, &e), 0);
    assert_int_equal(n, 4 + 5);
    assert_int_equal(code[4], 0xe9);
    assert_int_equal(abs_operand(code, n, to, 4, NULL), BASE + 7);
}

static void test_refused(void **state)
{
    (void)state;
    /* gcc -O2: endbr64; sub rsp,8; call ext; add rsp,8; add eax,1; ret */
    const uint8_t callit[] = {0xf3, 0x0f, 0x1e, 0xfa, 0x48, 0x83, 0xec, 0x08, 0xe8, 0,
                              0,    0,    0,    0x48, 0x83, 0xc4, 0x08, 0x83, 0xc0, 0x01, 0xc3};
    assert_refused(callit, sizeof callit, 4, "`call 0x40100d` at 0x401008 is a call");
    /* the call alone is refused too (relocation would push the pad's address) */
    assert_refused(callit, sizeof callit, 8, "is a call");
    /* but after it, fine */
    struct x86_patch pl;
    struct lerr e;
    assert_int_equal(plan_at(callit, sizeof callit, 13, &pl, &e), 0);
    /* call rax: mov rax,rdi; call rax; ret */
    const uint8_t callr[] = {0x48, 0x89, 0xf8, 0xff, 0xd0, 0xc3};
    assert_refused(callr, sizeof callr, 0, "is a call");
    /* a function of 4 bytes: lea eax,[rdi+1]; ret */
    const uint8_t tiny[] = {0x8d, 0x47, 0x01, 0xc3};
    assert_refused(tiny, sizeof tiny, 0, "the function has 4 bytes from 0x401000, fewer");
    /* a switch through a table: cmp edi,5; ja +N; lea rdx,[rip+x];
     * movsxd rax,[rdx+rdi*4]; add rax,rdx; jmp rax, then the cases */
    const uint8_t sw[] = {0xf3, 0x0f, 0x1e, 0xfa, 0x83, 0xff, 0x05, 0x77, 0x10, 0x48,
                          0x8d, 0x15, 0x00, 0x00, 0x00, 0x00, 0x48, 0x63, 0x04, 0xba,
                          0x48, 0x01, 0xd0, 0xff, 0xe0, 0xb8, 0x07, 0x00, 0x00, 0x00,
                          0xc3, 0x31, 0xc0, 0xc3};
    assert_refused(sw, sizeof sw, 0, "`jmp rax` at 0x401017 may jump anywhere");
    assert_refused(sw, sizeof sw, 25, "may jump anywhere");
    /* notrack jmp rax (gcc -fcf-protection's switch) and jmp [rax+rdx*8] */
    const uint8_t nt[] = {0x31, 0xc0, 0x31, 0xd2, 0x90, 0x3e, 0xff, 0xe0};
    assert_refused(nt, sizeof nt, 0, "`notrack jmp rax` at 0x401005 may jump anywhere");
    const uint8_t mj[] = {0x31, 0xc0, 0x31, 0xd2, 0x90, 0xff, 0x24, 0xd0};
    assert_refused(mj, sizeof mj, 0, "`jmp [rax+rdx*8]` at 0x401005 may jump");
    /* a tail call through the GOT is not: jmp [rip+x] */
    const uint8_t tail[] = {0x31, 0xc0, 0x31, 0xd2, 0x90, 0xff, 0x25, 0x10, 0x20, 0x00, 0x00};
    assert_int_equal(plan_at(tail, sizeof tail, 0, &pl, &e), 0);
    assert_int_equal(pl.len, 5);
    /* ... and may be covered: its slot is RIP-relative */
    assert_int_equal(plan_at(tail, sizeof tail, 2, &pl, &e), 0);
    assert_int_equal(pl.len, 9);
    assert_int_equal(pl.rip_relative, 1);
    /* g++ -O2 `try { return use(x); } catch (int e) { return e; }`: sub
     * rsp,0x18; call use; add rsp,0x18; ret; then the landing pad (mov
     * rdi,rax; mov rax,rdx; jmp to the .cold part), which only the LSDA
     * names: nothing is covered past the ret */
    const uint8_t lpad[] = {0x48, 0x83, 0xec, 0x18, 0xe8, 0,    0,    0,    0,    0x48, 0x83,
                            0xc4, 0x18, 0xc3, 0x48, 0x89, 0xc7, 0x48, 0x89, 0xd0, 0xe9, 0x00,
                            0x10, 0x00, 0x00};
    assert_refused(lpad, sizeof lpad, 13, "`ret` at 0x40100d ends a block before the end");
    assert_int_equal(plan_at(lpad, sizeof lpad, 9, &pl, &e), 0);
    assert_int_equal(pl.len, 5);
    /* a branch that is not the last covered instruction */
    const uint8_t early[] = {0x85, 0xff, 0x74, 0x03, 0x31, 0xc0, 0xc3, 0x31, 0xd2, 0xc3};
    assert_refused(early, sizeof early, 2, "is a branch before the end of the 5 bytes");
    /* loop, jrcxz and syscall cannot run elsewhere */
    const uint8_t lp[] = {0x31, 0xc0, 0x31, 0xd2, 0xe2, 0xfa, 0xc3};
    assert_refused(lp, sizeof lp, 0, "`loop 0x401000` at 0x401004 cannot run elsewhere");
    const uint8_t sc[] = {0x31, 0xc0, 0xb0, 0x27, 0x0f, 0x05, 0xc3};
    assert_refused(sc, sizeof sc, 0, "`syscall` at 0x401004 cannot run elsewhere");
    /* bytes that do not decode, anywhere in the function */
    const uint8_t bad[] = {0x31, 0xc0, 0x31, 0xd2, 0x90, 0xc3, 0x0f, 0xff};
    assert_refused(bad, sizeof bad, 0, "the bytes at 0x401006 do not decode");
    /* a forward branch into the range from before it */
    const uint8_t fwd[] = {0x85, 0xff, 0x74, 0x04, 0x31, 0xc0, 0x31, 0xd2, 0x31, 0xc9, 0xc3};
    assert_refused(fwd, sizeof fwd, 4, "goes to 0x401008");
    /* more than 16 bytes before reaching 5: 4 one-byte nops and a 15-byte one */
    const uint8_t longi[] = {0x90, 0x90, 0x90, 0x90, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
                             0x2e, 0x0f, 0x1f, 0x84, 0,    0,    0,    0,    0,    0xc3};
    assert_refused(longi, sizeof longi, 0, "cover more than 16 bytes");
}

static void test_cold_part_and_inside(void **state)
{
    (void)state;
    struct x86_patch pl;
    struct lerr e;
    assert_int_equal(plan_at(f_O0, sizeof f_O0, 4, &pl, &e), 0);
    assert_false(x86_patch_inside(&pl, BASE + 4));
    assert_true(x86_patch_inside(&pl, BASE + 5));
    assert_true(x86_patch_inside(&pl, BASE + 10));
    assert_false(x86_patch_inside(&pl, BASE + 11));
    /* a .cold part at 0x402000: jmp back to BASE+8 (inside), or to BASE+11 */
    uint8_t cold[] = {0x31, 0xc0, 0xe9, 0, 0, 0, 0};
    int32_t d = (int32_t)((BASE + 8) - (0x402000 + 7));
    memcpy(cold + 3, &d, 4);
    lerr_clear(&e);
    assert_int_equal(x86_patch_check_code(cold, sizeof cold, 0x402000, &pl, &e), -1);
    assert_non_null(strstr(e.msg, "the branch at 0x402002 goes to 0x401008"));
    d = (int32_t)((BASE + 11) - (0x402000 + 7));
    memcpy(cold + 3, &d, 4);
    assert_int_equal(x86_patch_check_code(cold, sizeof cold, 0x402000, &pl, &e), 0);
}

/* ---- patched for real -------------------------------------------------- */

/* The function at the start of one executable page, its copy and the stub
 * a megabyte further: the stub stands for lindbg's pad (a direct jump to
 * the copy). */
#define GAP (1u << 20)
static uint8_t *fn_page, *pad_page;

static int setup(void **state)
{
    (void)state;
    uint8_t *m = mmap(NULL, 2 * GAP, PROT_READ | PROT_WRITE | PROT_EXEC,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return -1;
    fn_page = m;
    pad_page = m + GAP;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    munmap(fn_page, 2 * GAP);
    return 0;
}

typedef int (*int_fn)(int);

static void put_rel32_jmp(uint8_t *at, const uint8_t *target)
{
    int32_t d = (int32_t)(target - (at + 5));
    at[0] = 0xe9;
    memcpy(at + 1, &d, 4);
}

/* Copies func to fn_page, patches it at off with a jump to a stub that
 * jumps to the copy at `copy` (in pad_page, or far away), and returns the
 * patched function. */
static int_fn patch(const uint8_t *func, size_t n, unsigned off, uint8_t *copy)
{
    memset(fn_page, 0xcc, 4096);
    memcpy(fn_page, func, n);
    struct x86_patch pl;
    struct lerr e;
    lerr_clear(&e);
    if (x86_patch_plan(fn_page, n, (uint64_t)fn_page, (uint64_t)fn_page + off, &pl, &e) < 0)
        fail_msg("%s", e.msg);
    uint8_t code[X86_PATCH_CODE_MAX], offs[X86_PATCH_MAX_INSN];
    size_t len = 0;
    if (x86_patch_relocate(&pl, (uint64_t)copy, code, sizeof code, &len, offs, &e) < 0)
        fail_msg("%s", e.msg);
    memcpy(copy, code, len);
    /* the stub: near the function, an absolute jump to the copy */
    uint8_t *stub = pad_page + 0x800;
    stub[0] = 0xff;
    stub[1] = 0x25;
    memset(stub + 2, 0, 4);
    memcpy(stub + 6, &copy, 8);
    memset(fn_page + off, 0xcc, pl.len); /* whatever the jump leaves is never run */
    put_rel32_jmp(fn_page + off, stub);
    __builtin___clear_cache((char *)fn_page, (char *)fn_page + 4096);
    __builtin___clear_cache((char *)stub, (char *)stub + 16);
    __builtin___clear_cache((char *)copy, (char *)copy + len);
    return (int_fn)(void *)fn_page;
}

static void test_native(void **state)
{
    (void)state;
    /* -O0 x*3+1, patched at the entry (endbr64, push rbp) and after the
     * prologue (mov edx,[rbp-4]; mov eax,edx) */
    int_fn f = patch(f_O0, sizeof f_O0, 0, pad_page);
    assert_int_equal(f(5), 16);
    assert_int_equal(f(-7), -20);
    f = patch(f_O0, sizeof f_O0, 11, pad_page);
    assert_int_equal(f(5), 16);
    /* -O2 x*k+1 reading k RIP-relative, from a copy a megabyte away */
    uint8_t g[sizeof g_O2];
    memcpy(g, g_O2, sizeof g);
    int_fn gf = patch(g, sizeof g, 0, pad_page + 0x100);
    const int32_t k = 3;
    memcpy(fn_page + G_DATA, &k, 4);
    memset(pad_page + 0x100 + G_DATA, 0, 4); /* what the unadjusted operand would read */
    assert_int_equal(gf(5), 16);
    const int32_t k7 = 7;
    memcpy(fn_page + G_DATA, &k7, 4);
    assert_int_equal(gf(5), 36);
}

static void test_native_branch(void **state)
{
    (void)state;
    /* cmp edi,0; jle L; lea eax,[rdi+1]; ret; L: mov eax,-1; ret */
    const uint8_t h[] = {0x83, 0xff, 0x00, 0x7e, 0x04, 0x8d, 0x47, 0x01,
                         0xc3, 0xb8, 0xff, 0xff, 0xff, 0xff, 0xc3};
    int_fn f = patch(h, sizeof h, 0, pad_page + 0x200);
    assert_int_equal(f(5), 6);
    assert_int_equal(f(-3), -1);
    assert_int_equal(f(0), -1);
    /* the copy more than 2 GB away: both exits through absolute jumps */
    uint8_t *far = mmap(fn_page + 0x200000000ull, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(far != MAP_FAILED);
    uint64_t dist = (uint64_t)far > (uint64_t)fn_page ? (uint64_t)far - (uint64_t)fn_page
                                                       : (uint64_t)fn_page - (uint64_t)far;
    if (dist < 0x80000000ull)
        fail_msg("no page beyond 2 GB of the function (%p, %p)", (void *)far, (void *)fn_page);
    f = patch(h, sizeof h, 0, far);
    assert_int_equal(f(5), 6);
    assert_int_equal(f(-3), -1);
    /* the loop, patched at its `sub edi,1; jne L`: each pass through the copy */
    int_fn lp = patch(loop_fn, sizeof loop_fn, 4, far);
    assert_int_equal(lp(4), 4 + 3 + 2 + 1);
    munmap(far, 4096);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_O0_prologue),
        cmocka_unit_test(test_O0_frame),
        cmocka_unit_test(test_rip_relative_relocated),
        cmocka_unit_test(test_back_edge_inside),
        cmocka_unit_test(test_jcc_last_far),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_cold_part_and_inside),
        cmocka_unit_test(test_native),
        cmocka_unit_test(test_native_branch),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
