/* What bp, bu, bm and ba share: their parsed arguments (id, options,
 * location, passes, command string, ba's access and size), how a location
 * resolves, and how a finished breakpoint joins the list. */
#ifndef LINDBG_CMD_BP_SPEC_H
#define LINDBG_CMD_BP_SPEC_H

#include "cmd/dbg.h"

struct bp_spec {
    int have_id;
    unsigned id;
    int one_shot, all_syms, as_address, with_params;
    unsigned max_depth, min_depth;
    char *condition;
    int proc_index, thread_index;
    char *location; /* the address expression or pattern as typed, or NULL */
    int have_passes;
    uint64_t passes;
    char *commands;
    int access;     /* ba: 'e' 'r' 'w' */
    unsigned size;  /* ba */
};


enum spec_mode { SPEC_BP, SPEC_BM, SPEC_BA };

/* [ID] [options] [location [passes]] ["commands"]; bm takes a pattern, ba
 * an access and size before its address. On failure s holds nothing. */
int parse_spec(struct dbg *d, const char *args, enum spec_mode mode, struct bp_spec *s);
void spec_free(struct bp_spec *s);
/* A "..." string with \" \n \\ escapes; *p is at the opening quote. */
int quoted(struct dbg *d, const char **p, char **out);
/* ~N / ~. / ~# before the command: the thread filter. */
int thread_from_prefix(struct dbg *d, struct bp_spec *s);
/* Resolves a location expression in the current process. 1 ok, 0 the name
 * is not known (yet), -1 another error (in d->err). */
int resolve(struct dbg *d, const char *expr, uint64_t *addr);
/* The implementation this process uses for the indirect function at
 * resolver (sym_ifunc_target over the current process). */
int ifunc_target(struct dbg *d, uint64_t resolver, uint64_t *target);
/* resolve() for a breakpoint on code: an indirect function (glibc's
 * strlen) resolves to the implementation this process uses, and says so;
 * 0 while the loader has not chosen one. */
int resolve_code(struct dbg *d, const char *expr, uint64_t *addr);
/* The addresses a breakpoint location takes in the current process: one
 * (resolve_code), or, for a source line, each place that has the line
 * (SYM_LINE_PLACES at most); a line moved to the next one with code, or
 * several places, leave a line to say in note. Returns how many, 0 when
 * not resolvable now, -1 on error (d->err). */
int resolve_places(struct dbg *d, const char *expr, uint64_t *addrs, char *note, size_t size);
void apply_spec(const struct bp_spec *s, struct bp *b);
/* Puts a finished breakpoint in the list: one at the same place, or with
 * the id given (explicit_id), is redefined by it ("breakpoint N
 * redefined"); says when it sits on data or inside an instruction. */
void install(struct dbg *d, struct bp *b, int explicit_id);
void warn_if_data(struct dbg *d, const struct bp *b);

/* bm (cmd_bm.c), and its deferred patterns applied to a module that p
 * has just loaded. */
int dbg_cmd_bm(struct dbg *d, const char *args);
void bm_apply_patterns(struct dbg *d, struct eng_process *p, const struct sym_module *loaded);

#endif
