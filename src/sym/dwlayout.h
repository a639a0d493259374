/* dt's view of types (WinDbg's words): a struct, union or class as one
 * line per member with its offset, either as a layout ("+0x000 x : Int4B",
 * no address) or with values read at an address ("+0x000 x : 0n1");
 * nested aggregates expanded to a depth, arrays element by element,
 * bitfields by position and width, C++ base classes flattened in place
 * with their vtable pointers (__VFN_table) and static members (=address).
 * Also the names dt uses (WinDbg's type words, C++ qualified names) and
 * member lookup by name, reusable by expression evaluators. */
#ifndef LINDBG_SYM_DWLAYOUT_H
#define LINDBG_SYM_DWLAYOUT_H

#include "sym/dwtypes.h"

struct dw_dt_opts {
    int depth;   /* nested aggregates expanded this many levels (-r[N]) */
    int array_n; /* -a[N]: array elements one per line; 0 off, -1 all */
    int blocks;  /* -b: pointers to aggregates in the top level followed */
    struct sym_space *sp; /* for static members' addresses; may be NULL */
};

/* WinDbg's word for a type in a layout: Int4B, Uint8B, Char, UChar, Bool,
 * Float, Double, Ptr64 point, Ptr64 Void, [16] UChar, a struct's name. */
void dw_type_word(Dwarf_Die *type, struct strbuf *out);

/* Whether die is in a C++ compilation unit (names have scopes). */
int dw_is_cplusplus(Dwarf_Die *die);

/* WinDbg's name of a type: point, shape*, long[3], zoo::Dog (C++ names
 * qualified by their namespaces and classes), <unnamed-tag>. */
void dw_type_qualname(Dwarf_Die *type, struct strbuf *out);

/* Whether type (through typedefs) is a struct, class or union. */
int dw_is_aggregate(Dwarf_Die *type);

/* The byte size of type (through typedefs); 0 when unknown. */
uint64_t dw_type_size(Dwarf_Die *type);

/* A data member of aggregate agg by name (name[0..len)), also inside
 * anonymous members and base classes: its DIE and its byte offset from
 * the start of agg (0 for a static member). 1 found, 0 not. With
 * DW_MEMBER_IN_OBJECT, static members and declarations are passed over
 * (an expression's obj.m wants what is in the object; dt shows both). */
#define DW_MEMBER_IN_OBJECT 1u
int dw_member_find(Dwarf_Die *agg, const char *name, size_t len, unsigned flags,
                   Dwarf_Die *member, uint64_t *off);

/* A bitfield member: the offset of its storage unit (the size of its
 * type) from the start of the aggregate, its position from that unit's
 * least significant bit, its width, and its first bit from the start of
 * the aggregate. 1 for a bitfield, 0 for any other member. */
struct dw_bits {
    uint64_t unit_off;
    unsigned pos, width;
    uint64_t first_bit;
};
int dw_member_bits(Dwarf_Die *member, struct dw_bits *b);

/* The value of a bitfield of an aggregate at agg_addr (unsigned, at most
 * 64 bits). 0, or -1 when memory is unreadable. */
int dw_bits_read(const struct dw_frame *f, const struct dw_bits *b, uint64_t agg_addr,
                 uint64_t *val);

/* The members of aggregate type agg (through typedefs), one per line at
 * indent: values at addr when has_addr, else the layout. */
void dw_dt_members(const struct dw_frame *f, Dwarf_Die *agg, int has_addr, uint64_t addr,
                   const struct dw_dt_opts *o, int indent, struct strbuf *out);

/* Only the members named by path ("in.lo": each component a member of the
 * previous one), WinDbg style: the outer members with no value, the last
 * one as dt shows it. 1, or 0 when path names no member (nothing added). */
int dw_dt_path(const struct dw_frame *f, Dwarf_Die *agg, const char *path, int has_addr,
               uint64_t addr, const struct dw_dt_opts *o, int indent, struct strbuf *out);

/* What dt shows after "name : " for a value of type at addr, and the
 * lines that follow it (nested members, array elements); ends the line. */
void dw_dt_value(const struct dw_frame *f, Dwarf_Die *type, uint64_t addr,
                 const struct dw_dt_opts *o, int indent, struct strbuf *out);

/* A global variable by C++ qualified name: "ns::var" (inside namespaces)
 * or "ns::Class::member" (a static data member), "mod!" allowed before.
 * Address and type; 1 found, 0 not. */
int dw_find_scoped_global(struct sym_space *sp, const char *name, uint64_t *addr,
                          Dwarf_Die *type);

/* The enumerators of an enum type, one per line ("   RED = 0n0"). */
void dw_dt_enumerators(Dwarf_Die *en, struct strbuf *out);

#endif
