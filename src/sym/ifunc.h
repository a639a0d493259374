/* GNU indirect functions (STT_GNU_IFUNC: glibc's strlen, memcpy, cos...):
 * the symbol's address is a resolver that the loader calls to choose the
 * implementation for this CPU, and a call never runs the resolver's code
 * again. A breakpoint on such a name belongs on the implementation the
 * process uses. It is read where the loader wrote it: the module's own
 * IRELATIVE slot (its internal calls), or another module's GOT entry
 * bound to the name (a program linked with -z now, or after a lazy call
 * was bound). */
#ifndef LINDBG_SYM_IFUNC_H
#define LINDBG_SYM_IFUNC_H

#include <stddef.h>
#include <stdint.h>

#include "sym/symbols.h"

/* Reads target memory: 0 when all len bytes were read. */
typedef int (*sym_read_fn)(void *ctx, uint64_t addr, void *buf, size_t len);

/* Whether addr is where an indirect function starts (its resolver); its
 * name as shown goes to name. */
int sym_is_ifunc(struct sym_space *sp, uint64_t addr, char *name, size_t size);

/* The implementation chosen for the indirect function whose resolver is
 * at `resolver`: 1 with *target; 0 when the loader has not chosen yet (the
 * module is not relocated, and no other module bound the name); -1 when
 * resolver is not an indirect function. */
int sym_ifunc_target(struct sym_space *sp, uint64_t resolver, sym_read_fn read, void *ctx,
                     uint64_t *target);

/* The process was seen choosing target for the resolver (its call
 * returned): kept, for when no GOT says so yet. */
void sym_ifunc_learn(struct sym_space *sp, uint64_t resolver, uint64_t target);

#endif
