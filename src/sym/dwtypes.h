/* Types and values from DWARF (libdw): type names, the value of a
 * variable formatted by its type (base types, pointers, enums, structs,
 * unions, arrays) for dv, dt and kp, struct layouts for dt, and types
 * found by name. Where a variable lives (struct dw_var) is decided by
 * sym/dwvars.c; this module only reads it. */
#ifndef LINDBG_SYM_DWTYPES_H
#define LINDBG_SYM_DWTYPES_H

#include <elfutils/libdw.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

#include "sym/symbols.h"
#include "sym/unwind.h"
#include "util/strbuf.h"

typedef int (*dw_read_fn)(void *ctx, uint64_t addr, void *buf, size_t len); /* 0 ok */

/* What DWARF expressions need of a frame's caller: entry values are
 * the caller's call-site parameters, evaluated in the caller. */
struct dw_caller {
    int known;        /* 0: no caller (outermost frame, or not given) */
    uint64_t ret;     /* the return address into the caller */
    uint64_t cfa;     /* the caller's CFA, 0 when unknown */
    struct sym_regs regs;
};

/* One frame as DWARF expressions see it. */
struct dw_frame {
    uint64_t pc;   /* exact pc for frame 0, return address - 1 above */
    uint64_t cfa;  /* 0 when unknown */
    struct sym_regs regs; /* the frame's registers and which are known */
    dw_read_fn read;
    void *ctx;
    struct dw_caller caller;
    int inline_skip; /* inlined calls at pc that are frames below this one:
                        the frame is the (inline_skip+1)-th function scope
                        around pc, innermost first (sym/inline.h) */
};

/* The dw_frame of frames[i] of an unwound stack of n frames. */
void dw_frame_from_stack(struct dw_frame *f, const struct sym_frame *frames, size_t n, size_t i,
                         dw_read_fn read, void *ctx);

/* Where a variable's value is at one pc. */
enum dw_where {
    DW_WHERE_NONE,   /* not there: optimised out, or not known here */
    DW_WHERE_SYNTHETIC, /* a pointer the compiler optimised away whose
                           target is known (DW_OP_implicit_pointer) */
    DW_WHERE_MEMORY, /* in the target's memory at addr */
    DW_WHERE_VALUE,  /* the bytes themselves, in value (a register, a
                        constant, a computed or pieced-together value) */
};

#define DW_VALUE_MAX 64

struct dw_var {
    const char *name;
    int is_param;
    Dwarf_Die type;
    int has_type;
    enum dw_where where;
    uint64_t addr;                 /* DW_WHERE_MEMORY */
    uint8_t value[DW_VALUE_MAX];   /* DW_WHERE_VALUE, little-endian */
    size_t value_len;
};

/* The DW_AT_type of die in *out, or NULL. */
Dwarf_Die *dw_type_of(Dwarf_Die *die, Dwarf_Die *out);

/* Through typedefs and qualifiers to the type that says how to print.
 * 1 and *out, or 0 (const void). */
int dw_peel(Dwarf_Die *t, Dwarf_Die *out);

/* The dimensions of an array type, outermost first (int a[2][3]: 2, 3),
 * at most max of them; returns how many. A dimension is 0 when its
 * bound is unknown: a flexible array member, or a variable-length
 * array's (its bound is computed at run time, not a constant). */
size_t dw_array_dims(Dwarf_Die *arr, uint64_t *dims, size_t max);

/* Element count of an array type's first dimension (0 when unknown). */
uint64_t dw_array_count(Dwarf_Die *arr);

/* C-like type name: "int", "struct point *", "char [16]". */
void dw_type_name(Dwarf_Die *type, struct strbuf *out);

/* Reads len bytes of the variable's value at offset off. 0, or -1. */
int dw_var_read(const struct dw_frame *f, const struct dw_var *v, uint64_t off, void *buf,
                size_t len);

/* One-line value of a variable of `type` (WinDbg style: 0n42, 0x...). */
void dw_format_value(const struct dw_frame *f, Dwarf_Die *type, const struct dw_var *v,
                     struct strbuf *out);

/* The variable's value as an unsigned number when it is a scalar of at
 * most 8 bytes (zero-extended). Returns 0, or -1. */
int dw_var_scalar(const struct dw_frame *f, const struct dw_var *v, uint64_t *out);

/* When type is a pointer to a struct or union: that type in *out, 1. */
int dw_pointee_aggregate(Dwarf_Die *type, Dwarf_Die *out);

/* Calls fn on every top-level DIE of every CU of the module, until fn
 * returns nonzero. Returns 1 when fn stopped the walk, else 0. */
int dw_each_top_die(struct sym_module *m, int (*fn)(Dwarf_Die *, Dwarf_Addr, void *), void *ctx);

/* "mod!name": the module named before '!' (NULL when there is no '!' or
 * no such module), and *name moved past the '!'. */
struct sym_module *dw_module_prefix(struct sym_space *sp, const char **name);

/* Finds a type by name ("point", "struct point", "mod!point", C++
 * "ns::Outer::Type", "mod!ns::Type": namespaces and classes are walked
 * into) in the modules' DWARF. Returns 1 and *out, 0 when none. */
int dw_find_type(struct sym_space *sp, const char *name, Dwarf_Die *out);
/* The first "::" of a C++ name outside template arguments, or NULL. */
const char *dw_scope_sep(const char *name);

/* The same, and the module it was found in (*mod, when mod is given). */
int dw_find_type_mod(struct sym_space *sp, const char *name, Dwarf_Die *out,
                     struct sym_module **mod);

#endif
