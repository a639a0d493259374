/* Modules and symbols of one address space, through elfutils' libdwfl.
 * A module is reported to libdwfl when it is mapped (cheap: headers only);
 * its symbol table is read the first time a name in it is needed, and its
 * name index (sorted, for exact lookups) built then. Names are shown and
 * matched without their version suffix (`__libc_start_main`, not
 * `__libc_start_main@@GLIBC_2.34`), C++ names demangled.
 *
 * Module names follow WinDbg's habit adapted to ELF: the file's base name up
 * to the first '.', other characters than letters, digits and '_' turned
 * into '_' (`libc.so.6` is `libc`, `ld-linux-x86-64.so.2` is
 * `ld_linux_x86_64`). */
#ifndef LINDBG_SYM_SYMBOLS_H
#define LINDBG_SYM_SYMBOLS_H

#include <elfutils/libdwfl.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct sym_entry {
    const char *name; /* shown and matched */
    const char *full; /* C++: with the parameter list ("ns::f(int)"), else NULL */
    uint64_t addr, size;
    unsigned char type; /* STT_FUNC, STT_OBJECT, ... */
    unsigned char bind;
};

struct sym_module {
    char *path;
    char *name;
    uint64_t bias, start, end;
    Dwfl_Module *dw;
    int indexed;               /* symbols read */
    struct sym_entry *syms;    /* sorted by name */
    size_t nsyms;
    char *names;               /* storage of the names */
    int has_symtab;            /* a full .symtab (not only .dynsym) */
    int has_dwarf;             /* DWARF in the image or a debug file */
    char *debug_file;          /* separate debug file found (owned), or NULL */
    struct sym_plt *plt;       /* PLT entries' names (sym/plt.h), read on first use */
    int image_fd;              /* >0: the ELF is this descriptor (the vDSO's copy), not path */
    void *inlined;             /* inlined calls by name (sym/inline.c), built
                                * on first use; one allocation */
    struct sym_inline_cache *inline_at; /* sym_inline_at's last answers
                                         * (sym/inline.c), NULL: none yet */
};

struct sym_space {
    Dwfl *dwfl;
    unsigned generation; /* new with each Dwfl: what pointed into the old
                          * one's DWARF is stale (a front end's types) */
    int unwind_attached; /* dwfl_attach_state done (sym/unwind.c) */
    void *unwind_state;  /* what libdwfl's callbacks get (sym/unwind.c) */
    struct sym_module **mods;
    size_t n;
    /* indirect functions whose implementation was seen chosen (sym/ifunc.h):
     * resolver, implementation; forgotten when a module goes */
    uint64_t (*ifuncs)[2];
    size_t nifuncs;
};

struct sym_space *sym_space_new(void);
void sym_space_free(struct sym_space *sp);

/* The module name for a path (malloc'd). */
char *sym_module_name_for(const char *path);

/* Adds the ELF file at `path`, loaded with bias `bias`. Returns it, or NULL
 * when the file cannot be read as ELF (message in e). */
struct sym_module *sym_add_module(struct sym_space *sp, const char *path, uint64_t bias,
                                  struct lerr *e);
/* The same for an ELF image in descriptor fd (taken over, closed with the
 * module); path is only its name (the vDSO's "linux-vdso.so.1"). */
struct sym_module *sym_add_module_fd(struct sym_space *sp, const char *path, int fd,
                                     uint64_t bias, struct lerr *e);
void sym_remove_module(struct sym_space *sp, struct sym_module *m);
void sym_remove_all(struct sym_space *sp);

/* Reads every module's symbols again (after the symbol path changed):
 * each is indexed anew when next needed. */
void sym_reload(struct sym_space *sp);

struct sym_module *sym_module_named(const struct sym_space *sp, const char *name, size_t len);
struct sym_module *sym_module_at(const struct sym_space *sp, uint64_t addr);
struct sym_module *sym_module_by_path(const struct sym_space *sp, const char *path);
/* The module's GNU build-id: its length (0: none), *bits pointing into
 * libdwfl's copy (valid while the module is). */
size_t sym_module_build_id(const struct sym_module *m, const unsigned char **bits);

/* Reads the module's symbols if not done yet. */
void sym_module_load(struct sym_module *m);

/* The first of m's symbols named exactly name (its symbols read if not
 * done yet), or NULL: a lookup in that module alone, whatever other module
 * has its name or the same name. */
const struct sym_entry *sym_module_find(struct sym_module *m, const char *name);

/* `mod!sym`, `sym` (every module; ambiguous names are an error naming the
 * candidates), `mod` alone (its start). Returns 1 with *addr, 0 when
 * unknown, -1 on error. */
int sym_lookup(struct sym_space *sp, const char *name, size_t len, uint64_t *addr,
               struct lerr *e);

/* "mod!sym+0x10", "mod!sym", or "mod+0x1234" outside any symbol. Returns
 * 0 with a symbol, 1 with only a module, -1 when addr is in no module. */
int sym_describe(struct sym_space *sp, uint64_t addr, char *buf, size_t size);
/* The same for a return address: named by the function of the call before
 * it, as GDB and LLDB name callers (a call to a function that does not
 * return can end its caller: the return address is then the next
 * function's first byte), with the return address's own offset. */
int sym_describe_return(struct sym_space *sp, uint64_t ret, char *buf, size_t size);

/* The symbol that contains addr (libdwfl's sorted tables: O(log n)).
 * Returns 0 and fills out, its name written into name_buf, or -1. */
int sym_symbol_at(struct sym_space *sp, uint64_t addr, struct sym_entry *out, char *name_buf,
                  size_t size);

/* The symbol containing or preceding addr in its module, and the next one
 * after it. Either may be missing (entry->name NULL). */
struct sym_near {
    const struct sym_module *mod;
    struct sym_entry before, after;
};
int sym_nearest(struct sym_space *sp, uint64_t addr, struct sym_near *out);

/* Of two names of one address, whether e's is the one to show (exported
 * before local, the public name before __internal ones, global before
 * weak, the shorter): the other is `other` with binding other_bind. */
int sym_better_name(const struct sym_entry *e, unsigned char other_bind, const char *other);

/* Calls fn for every symbol whose module name matches mod_pattern (NULL:
 * every module) and whose name matches sym_pattern, in address order
 * within each module. Stops when fn returns nonzero. */
struct wildcard;
typedef int (*sym_visit_fn)(void *ctx, const struct sym_module *m, const struct sym_entry *s);
int sym_visit(struct sym_space *sp, const struct wildcard *mod_pattern,
              const struct wildcard *sym_pattern, sym_visit_fn fn, void *ctx);
/* The same, matching C++ names with their parameter lists (bm /(). */
int sym_visit_full(struct sym_space *sp, const struct wildcard *mod_pattern,
                   const struct wildcard *sym_pattern, sym_visit_fn fn, void *ctx);

#endif
