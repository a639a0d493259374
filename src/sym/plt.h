/* Names of PLT entries (`puts@plt`), which no symbol table has: made from
 * the ELF as GDB and BFD make them. Each entry of .plt, .plt.sec and
 * .plt.got jumps through a GOT slot (`jmp *slot(%rip)`, after an endbr64
 * and a bnd prefix with IBT); the relocation of that slot (JUMP_SLOT in
 * .rela.plt, GLOB_DAT in .rela.dyn for .plt.got) names the symbol through
 * .dynsym. Matching slots rather than counting entries in relocation order
 * holds for lazy binding, -z now, IBT's .plt.sec and .plt.got alike. */
#ifndef LINDBG_SYM_PLT_H
#define LINDBG_SYM_PLT_H

#include "sym/symbols.h"

struct sym_plt {
    struct sym_entry *e; /* sorted by address; names end in "@plt" */
    size_t n;
    char *names;
};

void sym_plt_free(struct sym_plt *plt);

/* The module's PLT entries, read on first use (never NULL after it). */
const struct sym_plt *sym_plt_of(struct sym_module *m);

/* The entry that contains addr, or NULL. */
const struct sym_entry *sym_plt_at(struct sym_module *m, uint64_t addr);

/* The entry named `name` (len bytes, with its "@plt"), or NULL. */
const struct sym_entry *sym_plt_named(struct sym_module *m, const char *name, size_t len);

/* Whether a name (len bytes) asks for a PLT entry: ends in "@plt". */
int sym_plt_is_name(const char *name, size_t len);

/* `mod!name@plt` or `name@plt` (ambiguous when several modules have it).
 * Returns 1 with *addr, 0 when unknown, -1 on error. */
int sym_plt_lookup(struct sym_space *sp, const char *name, size_t len, uint64_t *addr,
                   struct lerr *e);

/* "mod!puts@plt" or "mod!puts@plt+0x6" when addr is in an entry: returns
 * 0, else -1. */
int sym_plt_describe(struct sym_module *m, uint64_t addr, char *buf, size_t size);

/* Moves before/after (sym_nearest's) to PLT entries nearer to addr. */
void sym_plt_nearest(struct sym_module *m, uint64_t addr, struct sym_entry *before,
                     struct sym_entry *after);

#endif
