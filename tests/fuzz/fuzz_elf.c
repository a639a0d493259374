/* Fuzz target: loading an ELF file with its symbols and DWARF (mutated
 * copies of a small program): the module is added through libdwfl, its
 * symbol index built, names looked up, addresses described, source lines
 * and function names read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sym/dwvars.h"
#include "sym/lines.h"
#include "sym/symbols.h"
#include "sym/wildcard.h"

static int count(void *ctx, const struct sym_module *m, const struct sym_entry *e)
{
    (void)m;
    (void)e;
    ++*(size_t *)ctx;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/lindbg-fuzz-elf.%d", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    const uint64_t bias = 0x555555554000ull;
    struct sym_space *sp = sym_space_new();
    struct lerr e;
    struct sym_module *m = sym_add_module(sp, path, bias, &e);
    if (m) {
        sym_module_load(m);
        uint64_t addr = 0;
        char buf[512];
        const char *names[] = {"main", "add", "_start", "lindbg-fuzz-elf!add", NULL};
        for (int i = 0; names[i]; i++) {
            if (sym_lookup(sp, names[i], strlen(names[i]), &addr, &e) == 1) {
                sym_describe(sp, addr, buf, sizeof buf);
                struct sym_line l;
                sym_line_at(sp, addr, &l);
                dw_function_name(sp, addr);
            }
        }
        for (uint64_t a = bias; a < bias + 0x2000; a += 0x101)
            sym_describe(sp, a, buf, sizeof buf);
        struct wildcard *w = wildcard_compile("*", &e);
        size_t n = 0;
        sym_visit(sp, NULL, w, count, &n);
        sym_visit_full(sp, NULL, w, count, &n);
        wildcard_free(w);
    }
    sym_space_free(sp);
    return 0;
}
