/* The core-file reader on a core built here by hand, note by note, as the
 * kernel lays it out: what it finds (threads, registers, the signal, the
 * files, the auxiliary vector, the segments' memory), and the one-line
 * failures of cores that are cut short, corrupt, or not x86-64's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <elf.h>

#include "target/corefile.h"

#ifndef NT_SIGINFO
#define NT_SIGINFO 0x53494749
#endif
#ifndef NT_FILE
#define NT_FILE 0x46494c45
#endif

static unsigned char img[8192];
static size_t len;

static void put(const void *p, size_t n)
{
    memcpy(img + len, p, n);
    len += n;
}

static void note(const char *name, uint32_t type, const void *desc, uint32_t dsz)
{
    uint32_t nsz = (uint32_t)strlen(name) + 1;
    uint32_t h[3] = {nsz, dsz, type};
    put(h, sizeof h);
    put(name, nsz);
    len = (len + 3) & ~3u;
    put(desc, dsz);
    len = (len + 3) & ~3u;
}

static void prstatus(pid_t tid, short sig, uint64_t rip)
{
    unsigned char d[336] = {0};
    memcpy(d + 12, &sig, 2);
    memcpy(d + 32, &tid, 4);
    struct user_regs_struct r = {.rip = rip, .rsp = 0x7000, .rax = (uint64_t)tid};
    memcpy(d + 112, &r, sizeof r);
    note("CORE", NT_PRSTATUS, d, sizeof d);
}

/* Two threads (the second got SIGSEGV at 0x10), the program's name, its
 * file mapped at 0x400000 (page 2 of /bin/true), one segment of 32 bytes
 * at 0x1000 that holds 16. */
static void build(void)
{
    memset(img, 0, sizeof img);
    len = sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Phdr);
    size_t notes = len;
    prstatus(100, 0, 0x401000);
    unsigned char ps[136] = {0};
    pid_t pid = 100;
    memcpy(ps + 24, &pid, 4);
    memcpy(ps + 40, "prog", 5);
    memcpy(ps + 56, "prog -x", 8);
    note("CORE", NT_PRPSINFO, ps, sizeof ps);
    uint64_t auxv[] = {AT_PHDR, 0x400040, AT_ENTRY, 0x401000, AT_NULL, 0};
    note("CORE", NT_AUXV, auxv, sizeof auxv);
    unsigned char f[16 + 24 + 10] = {0};
    uint64_t head[5] = {1, 4096, 0x400000, 0x402000, 2};
    memcpy(f, head, sizeof head);
    memcpy(f + 40, "/bin/true", 10);
    note("CORE", NT_FILE, f, sizeof f);
    struct user_fpregs_struct fp = {.cwd = 0x37f};
    note("CORE", NT_FPREGSET, &fp, sizeof fp);
    prstatus(101, SIGSEGV, 0x401234);
    siginfo_t si = {.si_signo = SIGSEGV, .si_code = SEGV_MAPERR};
    si.si_addr = (void *)0x10;
    note("CORE", NT_SIGINFO, &si, sizeof si);
    unsigned char xs[64] = {1, 2, 3};
    note("LINUX", 0x202, xs, sizeof xs);
    size_t notes_end = len;
    size_t data = len;
    for (int i = 0; i < 16; i++)
        img[len++] = (unsigned char)(0xa0 + i);

    Elf64_Ehdr eh = {.e_type = ET_CORE, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
                     .e_phoff = sizeof eh, .e_ehsize = sizeof eh,
                     .e_phentsize = sizeof(Elf64_Phdr), .e_phnum = 2};
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    memcpy(img, &eh, sizeof eh);
    Elf64_Phdr ph[2] = {
        {.p_type = PT_NOTE, .p_offset = notes, .p_filesz = notes_end - notes},
        {.p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = data, .p_vaddr = 0x1000,
         .p_filesz = 16, .p_memsz = 32},
    };
    memcpy(img + sizeof eh, ph, sizeof ph);
}

static void test_parse(void **state)
{
    (void)state;
    build();
    struct core_file cf;
    struct lerr e = {0};
    assert_int_equal(core_parse(img, len, &cf, &e), 0);
    assert_int_equal(cf.pid, 100);
    assert_string_equal(cf.fname, "prog");
    assert_string_equal(cf.psargs, "prog -x");
    assert_int_equal(cf.nthreads, 2);
    assert_int_equal(cf.threads[0].tid, 100);
    assert_int_equal(cf.threads[0].regs.rip, 0x401000);
    assert_int_equal(cf.threads[0].has_fpregs, 1);
    assert_int_equal(cf.threads[0].fpregs.cwd, 0x37f);
    assert_int_equal(cf.threads[0].has_siginfo, 0);
    assert_int_equal(cf.threads[1].has_fpregs, 0);
    assert_int_equal(cf.threads[1].xstate_len, 64);
    assert_int_equal(cf.threads[1].xstate[2], 3);
    const struct core_thread *t = core_signal_thread(&cf);
    assert_int_equal(t->tid, 101);
    assert_int_equal(t->cursig, SIGSEGV);
    assert_int_equal(t->has_siginfo, 1);
    assert_int_equal((uintptr_t)t->si.si_addr, 0x10);
    assert_int_equal(cf.si.si_code, SEGV_MAPERR);
    uint64_t v = 0;
    assert_int_equal(core_auxv(&cf, AT_ENTRY, &v), 0);
    assert_int_equal(v, 0x401000);
    assert_int_equal(core_auxv(&cf, AT_BASE, &v), -1);
    assert_int_equal(cf.nfmaps, 1);
    const struct core_fmap *f = core_fmap_at(&cf, 0x401fff);
    assert_non_null(f);
    assert_string_equal(f->path, "/bin/true");
    assert_int_equal(f->offset, 2 * 4096); /* pages to bytes */
    assert_null(core_fmap_at(&cf, 0x402000));
    /* memory: the 16 bytes the segment holds, not the rest of it */
    unsigned char buf[32];
    assert_int_equal(core_read(&cf, 0x1004, buf, 8), 8);
    assert_int_equal(buf[0], 0xa4);
    assert_int_equal(core_read(&cf, 0x1008, buf, 32), 8);
    assert_int_equal(core_read(&cf, 0x1010, buf, 1), 0);
    assert_int_equal(cf.nsegs, 1);
    assert_int_equal(cf.segs[0].memsz, 32);
    core_free(&cf);
}

static void expect_fail(const char *why)
{
    struct core_file cf;
    struct lerr e = {0};
    assert_int_equal(core_parse(img, len, &cf, &e), -1);
    if (!strstr(e.msg, why))
        fail_msg("'%s' does not say '%s'", e.msg, why);
    assert_int_equal(cf.nthreads, 0);
}

static void test_bad(void **state)
{
    (void)state;
    build();
    size_t full = len;
    len = full - 1; /* the segment's last byte is gone */
    expect_fail("truncated");
    len = 100; /* inside the program headers */
    expect_fail("truncated");
    len = 10;
    expect_fail("truncated");
    len = full;
    Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
    eh->e_machine = EM_AARCH64;
    expect_fail("another architecture");
    eh->e_machine = EM_X86_64;
    eh->e_type = ET_EXEC;
    expect_fail("not a core file");
    eh->e_type = ET_CORE;
    img[EI_CLASS] = ELFCLASS32;
    expect_fail("not a 64-bit");
    img[EI_CLASS] = ELFCLASS64;
    /* the first note says it is larger than everything */
    uint32_t huge = 0xfffffff0u;
    size_t first = sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Phdr);
    memcpy(img + first + 4, &huge, 4);
    expect_fail("past the end");
    build();
    img[0] = 'X';
    expect_fail("not an ELF file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
