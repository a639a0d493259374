/* The core writer: which bytes of which mapping go in (the kernel's
 * default filter), and the file it writes over a fake memory, read back
 * with libelf: the kernel's layout, notes in the kernel's order,
 * unreadable pages as zeros. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <elf.h>
#include <gelf.h>
#include <libelf.h>
#include <sys/mman.h>
#include <sys/procfs.h>
#include <unistd.h>

#include "target/corewrite.h"

static enum tgt_dump_kind kind(const char *path, int prot, int shared, uint64_t off, int full)
{
    struct tgt_region r = {0x1000, 0x3000, off, prot, shared, (char *)path};
    return tgt_dump_region_kind(&r, NULL, full);
}

static void test_region_kinds(void **state)
{
    (void)state;
    const int R = PROT_READ, RW = PROT_READ | PROT_WRITE, RX = PROT_READ | PROT_EXEC;
    /* memory of no file: whole */
    assert_int_equal(kind("", RW, 0, 0, 0), TGT_DUMP_WHOLE);
    assert_int_equal(kind("[heap]", RW, 0, 0, 0), TGT_DUMP_WHOLE);
    assert_int_equal(kind("[stack]", RW, 0, 0, 0), TGT_DUMP_WHOLE);
    assert_int_equal(kind("[vdso]", RX, 0, 0, 0), TGT_DUMP_WHOLE);
    /* what cannot be read: nothing, even with /ma */
    assert_int_equal(kind("", PROT_NONE, 0, 0, 1), TGT_DUMP_NONE);
    assert_int_equal(kind("[vvar]", R, 0, 0, 1), TGT_DUMP_NONE);
    assert_int_equal(kind("[vvar_vclock]", R, 0, 0, 1), TGT_DUMP_NONE);
    assert_int_equal(kind("[vsyscall]", PROT_EXEC, 0, 0, 1), TGT_DUMP_NONE);
    assert_int_equal(kind("/lib/libc.so.6", PROT_NONE, 0, 0x1000, 1), TGT_DUMP_NONE);
    /* a file's start: its ELF header page (the build-id with it) */
    assert_int_equal(kind("/bin/prog", R, 0, 0, 0), TGT_DUMP_HEADER);
    /* its text: in the file */
    assert_int_equal(kind("/bin/prog", RX, 0, 0x1000, 0), TGT_DUMP_NONE);
    /* written or relocated (RELRO) private pages: whole */
    assert_int_equal(kind("/bin/prog", RW, 0, 0x3000, 0), TGT_DUMP_WHOLE);
    assert_int_equal(kind("/bin/prog", R, 0, 0x2000, 0), TGT_DUMP_NONE); /* .rodata */
    /* a file's shared pages are the file's; shared memory of no file is in */
    assert_int_equal(kind("/data/file", RW, 1, 0, 0), TGT_DUMP_NONE);
    assert_int_equal(kind("/memfd:x (deleted)", RW, 1, 0, 0), TGT_DUMP_WHOLE);
    /* /ma: every readable mapping whole */
    assert_int_equal(kind("/bin/prog", RX, 0, 0x1000, 1), TGT_DUMP_WHOLE);
    assert_int_equal(kind("/data/file", R, 1, 0, 1), TGT_DUMP_WHOLE);
    /* RELRO: read-only right before the same file's writable data */
    const struct tgt_region lib[] = {
        {0x1000, 0x2000, 0x0000, R, 0, "/lib/x.so"},
        {0x2000, 0x3000, 0x1000, RX, 0, "/lib/x.so"},
        {0x3000, 0x4000, 0x2000, R, 0, "/lib/x.so"},  /* .rodata */
        {0x4000, 0x5000, 0x2000, R, 0, "/lib/x.so"},  /* RELRO */
        {0x5000, 0x6000, 0x3000, RW, 0, "/lib/x.so"}, /* .data */
        {0x6000, 0x7000, 0x3000, R, 0, "/lib/y.so"},  /* another file's */
        {0x7000, 0x8000, 0x3000, RW, 0, "/lib/x.so"},
    };
    enum tgt_dump_kind want[] = {TGT_DUMP_HEADER, TGT_DUMP_NONE, TGT_DUMP_NONE, TGT_DUMP_WHOLE,
                                 TGT_DUMP_WHOLE, TGT_DUMP_NONE, TGT_DUMP_WHOLE};
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(tgt_dump_region_kind(&lib[i], i + 1 < 7 ? &lib[i + 1] : NULL, 0), want[i]);
    assert_true(tgt_dump_file_backed(&(struct tgt_region){0, 1, 0, R, 0, "/bin/prog"}));
    assert_false(tgt_dump_file_backed(&(struct tgt_region){0, 1, 0, R, 0, "[vdso]"}));
}

/* The fake process: an ELF header page of /bin/prog at 0x10000, its text
 * at 0x11000, and 3 anonymous pages at 0x20000 whose middle one cannot be
 * read; a PROT_NONE guard at 0x30000. */
#define HDR 0x10000
#define TEXT 0x11000
#define ANON 0x20000
static unsigned char hdr[4096], anon[3 * 4096];

static int fake_read(void *ctx, uint64_t addr, void *buf, size_t len, size_t *got)
{
    (void)ctx;
    size_t n = 0;
    unsigned char *out = buf;
    while (n < len) {
        uint64_t a = addr + n;
        if (a >= HDR && a < HDR + sizeof hdr)
            out[n] = hdr[a - HDR];
        else if (a >= ANON && a < ANON + sizeof anon && (a - ANON) / 4096 != 1)
            out[n] = anon[a - ANON];
        else
            break;
        n++;
    }
    *got = n;
    return n == len ? 0 : -1;
}

static void test_write_and_read_back(void **state)
{
    (void)state;
    memcpy(hdr, ELFMAG, SELFMAG);
    for (size_t i = 0; i < sizeof anon; i++)
        anon[i] = (unsigned char)(i * 7 + 1);
    struct tgt_region regions[] = {
        {HDR, HDR + 0x1000, 0, PROT_READ, 0, "/bin/prog"},
        {TEXT, TEXT + 0x1000, 0x1000, PROT_READ | PROT_EXEC, 0, "/bin/prog"},
        {ANON, ANON + 0x3000, 0, PROT_READ | PROT_WRITE, 0, ""},
        {0x30000, 0x31000, 0, PROT_NONE, 0, ""},
    };
    struct tgt_dump_thread th[2];
    memset(th, 0, sizeof th);
    th[0].tid = 100;
    th[0].regs.rip = 0x11234;
    th[0].fpvalid = 1;
    th[1].tid = 101;
    th[1].regs.rip = 0x11100;
    th[1].fpvalid = 1;
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = SIGSEGV;
    uint64_t auxv[4] = {AT_PAGESZ, 4096, AT_NULL, 0};
    struct tgt_dump_desc d = {
        .pid = 100, .ppid = 1, .sig = SIGSEGV, .si = &si,
        .threads = th, .nthreads = 2, .regions = regions, .nregions = 4,
        .auxv = auxv, .auxv_size = sizeof auxv, .fname = "/bin/prog", .psargs = "/bin/prog -x",
    };
    char path[] = "/tmp/lindbg-corewrite-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    struct lerr e = {0};
    assert_int_equal(tgt_dump_write(fd, &d, fake_read, NULL, &e), 0);

    elf_version(EV_CURRENT);
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    assert_non_null(elf);
    GElf_Ehdr eh;
    assert_non_null(gelf_getehdr(elf, &eh));
    assert_int_equal(eh.e_type, ET_CORE);
    assert_int_equal(eh.e_machine, EM_X86_64);
    size_t nph;
    assert_int_equal(elf_getphdrnum(elf, &nph), 0);
    assert_int_equal(nph, 5);
    GElf_Phdr ph[5];
    for (size_t i = 0; i < nph; i++)
        assert_non_null(gelf_getphdr(elf, (int)i, &ph[i]));
    assert_int_equal(ph[0].p_type, PT_NOTE);
    uint64_t want_filesz[] = {0x1000, 0, 0x3000, 0};
    unsigned want_flags[] = {PF_R, PF_R | PF_X, PF_R | PF_W, 0};
    for (size_t i = 1; i < nph; i++) {
        assert_int_equal(ph[i].p_type, PT_LOAD);
        assert_int_equal(ph[i].p_vaddr, regions[i - 1].start);
        assert_int_equal(ph[i].p_memsz, regions[i - 1].end - regions[i - 1].start);
        assert_int_equal(ph[i].p_filesz, want_filesz[i - 1]);
        assert_int_equal(ph[i].p_flags, want_flags[i - 1]);
        assert_int_equal(ph[i].p_offset % 4096, 0);
    }

    /* memory: the readable pages as they are, the unreadable one zeros */
    unsigned char *got = malloc(sizeof anon);
    assert_int_equal(pread(fd, got, sizeof anon, (off_t)ph[3].p_offset), (ssize_t)sizeof anon);
    assert_memory_equal(got, anon, 4096);
    for (size_t i = 4096; i < 8192; i++)
        assert_int_equal(got[i], 0);
    assert_memory_equal(got + 8192, anon + 8192, 4096);
    free(got);

    /* notes: the kernel's order */
    Elf_Data *data = elf_getdata_rawchunk(elf, (int64_t)ph[0].p_offset, ph[0].p_filesz, ELF_T_NHDR);
    assert_non_null(data);
    unsigned want[] = {NT_PRSTATUS, NT_PRPSINFO, NT_SIGINFO, NT_AUXV, NT_FILE, NT_FPREGSET,
                       NT_PRSTATUS, NT_FPREGSET};
    size_t off = 0, name_off, desc_off, k = 0;
    GElf_Nhdr nh;
    while ((off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
        assert_true(k < sizeof want / sizeof want[0]);
        assert_int_equal(nh.n_type, want[k]);
        const char *desc = (const char *)data->d_buf + desc_off;
        if (nh.n_type == NT_PRSTATUS) {
            struct elf_prstatus st;
            memcpy(&st, desc, sizeof st);
            assert_int_equal(st.pr_pid, k == 0 ? 100 : 101);
            assert_int_equal(st.pr_cursig, SIGSEGV);
            assert_int_equal(st.pr_reg[16], k == 0 ? 0x11234 : 0x11100); /* RIP */
        } else if (nh.n_type == NT_PRPSINFO) {
            struct elf_prpsinfo ps;
            memcpy(&ps, desc, sizeof ps);
            assert_string_equal(ps.pr_fname, "prog");
            assert_string_equal(ps.pr_psargs, "/bin/prog -x");
        } else if (nh.n_type == NT_FILE) {
            uint64_t v[2 + 6];
            memcpy(v, desc, sizeof v);
            assert_int_equal(v[0], 2); /* two mappings of /bin/prog */
            assert_int_equal(v[1], 4096);
            assert_int_equal(v[2 + 3], TEXT);
            assert_int_equal(v[2 + 5], 1); /* offset in pages */
            assert_string_equal(desc + sizeof v, "/bin/prog");
        } else if (nh.n_type == NT_AUXV) {
            assert_int_equal(nh.n_descsz, sizeof auxv);
        }
        k++;
    }
    assert_int_equal(k, sizeof want / sizeof want[0]);
    elf_end(elf);
    close(fd);
    unlink(path);
}

static enum tgt_dump_kind kind_flags(const char *path, int shared, unsigned flags, int full)
{
    struct tgt_region r = {0x1000, 0x3000, 0, PROT_READ | PROT_WRITE, shared, (char *)path, flags};
    return tgt_dump_region_kind(&r, NULL, full);
}

/* What the kernel leaves out whatever the filter: MADV_DONTDUMP, VM_IO;
 * anonymous memory never touched (no anon_vma), but not a file's. */
static void test_region_flags(void **state)
{
    (void)state;
    assert_int_equal(kind_flags("", 0, TGT_REGION_DONTDUMP, 1), TGT_DUMP_NONE);
    assert_int_equal(kind_flags("[heap]", 0, TGT_REGION_DONTDUMP, 0), TGT_DUMP_NONE);
    assert_int_equal(kind_flags("/dev/mem", 1, TGT_REGION_IO, 1), TGT_DUMP_NONE);
    assert_int_equal(kind_flags("", 0, TGT_REGION_UNTOUCHED, 0), TGT_DUMP_NONE);
    assert_int_equal(kind_flags("[anon:x]", 0, TGT_REGION_UNTOUCHED, 1), TGT_DUMP_NONE);
    assert_int_equal(kind_flags("/bin/prog", 0, TGT_REGION_UNTOUCHED, 0), TGT_DUMP_WHOLE);
    assert_int_equal(kind_flags("/memfd:x (deleted)", 1, TGT_REGION_UNTOUCHED, 0),
                     TGT_DUMP_WHOLE);
    assert_int_equal(kind_flags("", 0, TGT_REGION_PFNMAP, 0), TGT_DUMP_WHOLE);
    assert_true(tgt_dump_anonymous(&(struct tgt_region){0, 1, 0, PROT_READ, 0, "[stack]"}));
    assert_false(tgt_dump_anonymous(&(struct tgt_region){0, 1, 0, PROT_READ, 0, "[vdso]"}));
    assert_false(tgt_dump_anonymous(&(struct tgt_region){0, 1, 0, PROT_READ, 1, ""}));
}

/* A 1 TB anonymous mapping with two pages present: only they are read;
 * the rest are holes the reader never sees. */
#define HUGE_AT 0x100000000000ull
#define HUGE_LEN (1ull << 40)
static size_t bytes_read;

static int huge_read(void *ctx, uint64_t addr, void *buf, size_t len, size_t *got)
{
    (void)ctx;
    bytes_read += len;
    memset(buf, 0, len);
    if (addr <= HUGE_AT + 5 * 4096 && HUGE_AT + 5 * 4096 < addr + len)
        memcpy((char *)buf + (HUGE_AT + 5 * 4096 - addr), "MARK", 4);
    *got = len;
    return 0;
}

static int huge_present(void *ctx, uint64_t addr, size_t npages, unsigned char *out)
{
    (void)ctx;
    for (size_t i = 0; i < npages; i++) {
        uint64_t a = addr + i * 4096;
        out[i] = a == HUGE_AT + 5 * 4096 || a == HUGE_AT + HUGE_LEN - 4096;
    }
    return 0;
}

static void test_sparse_anonymous(void **state)
{
    (void)state;
    struct tgt_region regions[] = {
        {HUGE_AT, HUGE_AT + HUGE_LEN, 0, PROT_READ | PROT_WRITE, 0, ""},
        {HUGE_AT + HUGE_LEN, HUGE_AT + HUGE_LEN + 4096, 0, PROT_READ, 0, "",
         TGT_REGION_PFNMAP},
    };
    struct tgt_dump_thread th = {.tid = 100};
    struct tgt_dump_desc d = {
        .pid = 100, .threads = &th, .nthreads = 1, .regions = regions, .nregions = 2,
        .present = huge_present,
    };
    char path[] = "/tmp/lindbg-corewrite-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    struct lerr e = {0};
    bytes_read = 0;
    assert_int_equal(tgt_dump_write(fd, &d, huge_read, NULL, &e), 0);
    assert_int_equal(bytes_read, 2 * 4096); /* the present pages; none of the frames */
    elf_version(EV_CURRENT);
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    assert_non_null(elf);
    GElf_Phdr ph;
    assert_non_null(gelf_getphdr(elf, 1, &ph));
    assert_int_equal(ph.p_filesz, HUGE_LEN); /* whole, with holes, as the kernel's */
    char mark[4];
    assert_int_equal(pread(fd, mark, 4, (off_t)(ph.p_offset + 5 * 4096)), 4);
    assert_memory_equal(mark, "MARK", 4);
    elf_end(elf);
    close(fd);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_region_kinds),
        cmocka_unit_test(test_write_and_read_back),
        cmocka_unit_test(test_region_flags),
        cmocka_unit_test(test_sparse_anonymous),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
