/* What bp, bu, bm and ba share: their parsed arguments (id, options,
 * location, passes, command string, ba's access and size), how a location
 * resolves, and how a finished breakpoint joins the list. */
#ifndef LINDBG_CMD_BP_SPEC_H
#define LINDBG_CMD_BP_SPEC_H

#include "bp/manager.h"
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


enum bpspec_mode { SPEC_BP, SPEC_BM, SPEC_BA };

/* [ID] [options] [location [passes]] ["commands"]; bm takes a pattern, ba
 * an access and size before its address. On failure s holds nothing. */
int bpspec_parse(struct dbg *d, const char *args, enum bpspec_mode mode, struct bp_spec *s);
void bpspec_free(struct bp_spec *s);
/* A "..." string with \" \n \\ escapes; *p is at the opening quote. */
int bpspec_quoted(struct dbg *d, const char **p, char **out);
/* ~N / ~. / ~# before the command: the thread filter. */
int bpspec_thread_from_prefix(struct dbg *d, struct bp_spec *s);
/* The options of the command given to a new breakpoint. */
void bpspec_apply(const struct bp_spec *s, struct bp *b);
/* Puts a finished breakpoint in the list: one at the same place, or with
 * the id given (explicit_id), is redefined by it ("breakpoint N
 * redefined"); says when it sits on data or inside an instruction. */
void bpspec_install(struct dbg *d, struct bp *b, int explicit_id);
void bpspec_warn_if_data(struct dbg *d, const struct bp *b);

/* bm (cmd_bm.c). */
int dbg_cmd_bm(struct dbg *d, const char *args);

#endif
