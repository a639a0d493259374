/* Variables and types from DWARF (libdw): the parameters and locals of a
 * frame with their locations, and values formatted by type (base types,
 * pointers, enums, structs, unions, arrays), for dv, dt and kp. Locations
 * handled: DW_OP_fbreg over a DW_OP_call_frame_cfa or register frame base,
 * DW_OP_addr, DW_OP_breg/DW_OP_reg (registers known for the innermost frame
 * only); others are reported as unavailable. */
#ifndef LINDBG_SYM_DWVARS_H
#define LINDBG_SYM_DWVARS_H

#include <elfutils/libdw.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

#include "sym/symbols.h"
#include "util/strbuf.h"

typedef int (*dw_read_fn)(void *ctx, uint64_t addr, void *buf, size_t len); /* 0 ok */

struct dw_frame {
    uint64_t pc;   /* exact pc for frame 0, return address - 1 above */
    uint64_t cfa;  /* 0 when unknown */
    const struct user_regs_struct *regs; /* frame 0 only, else NULL */
    dw_read_fn read;
    void *ctx;
};

struct dw_var {
    const char *name;
    int is_param;
    Dwarf_Die type;
    int has_type;
    int where;           /* 0 unavailable, 1 memory at addr, 2 value in reg_value */
    uint64_t addr;
    uint64_t reg_value;
};

typedef int (*dw_var_fn)(void *ctx, const struct dw_var *v);

/* Parameters first, then locals of every scope around pc, outermost
 * first. Returns 0, or -1 when there is no DWARF function at pc. fn may
 * stop the walk by returning nonzero. */
int dw_frame_vars(struct sym_space *sp, const struct dw_frame *f, dw_var_fn fn, void *ctx,
                  struct lerr *e);

/* The function name of pc from DWARF (NULL when none). */
const char *dw_function_name(struct sym_space *sp, uint64_t pc);

/* C-like type name: "int", "struct point *", "char [16]". */
void dw_type_name(Dwarf_Die *type, struct strbuf *out);

/* One-line value of a variable of `type` (WinDbg style: 0n42, 0x...),
 * read from memory at addr or taken from reg_value. */
void dw_format_value(const struct dw_frame *f, Dwarf_Die *type, const struct dw_var *v,
                     struct strbuf *out);

/* The variable's value as an unsigned number when it is a scalar of at
 * most 8 bytes (zero-extended). Returns 0, or -1. */
int dw_var_scalar(const struct dw_frame *f, const struct dw_var *v, uint64_t *out);

/* When type is a pointer to a struct or union: that type in *out, 1. */
int dw_pointee_aggregate(Dwarf_Die *type, Dwarf_Die *out);

/* dt: the members of a struct/union (one per line: "   +0x004 b : 0n2"),
 * or the value of anything else, at addr. depth limits nesting. */
void dw_dump_type(const struct dw_frame *f, Dwarf_Die *type, uint64_t addr, int indent,
                  int depth, struct strbuf *out);

/* Finds a type by name ("point", "struct point", "mod!point") in the
 * modules' DWARF. Returns 1 and *out, 0 when none. */
int dw_find_type(struct sym_space *sp, const char *name, Dwarf_Die *out);

/* A global variable by name in DWARF: address and type. 1 found, 0 not. */
int dw_find_global(struct sym_space *sp, const char *name, uint64_t *addr, Dwarf_Die *type);

#endif
