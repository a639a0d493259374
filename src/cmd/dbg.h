/* The command layer's state: the session it drives, the settings a user
 * changes with commands (radix, $t registers), where `d*` and `u` continue,
 * and the command tables. Every command is `int fn(struct dbg *, args)`:
 * it prints its own output and reports failure with a one-line error in
 * d->err, which the dispatcher prints. */
#ifndef LINDBG_CMD_DBG_H
#define LINDBG_CMD_DBG_H

#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>

#include "bp/manager.h"
#include "cmd/alias.h"
#include "cmd/lexer.h"
#include "engine/engine.h"
#include "expr/expr.h"
#include "sym/lines.h"
#include "sym/srcpath.h"
#include "sym/unwind.h"
#include "util/err.h"

/* A resume command in a breakpoint's command string, carried out once the
 * string is done: g or gn, gh, and gc (on the way the target was going). */
enum dbg_resume { DBG_RESUME_NONE, DBG_RESUME_GO, DBG_RESUME_GO_HANDLED, DBG_RESUME_GC };

/* The last stop as it was reported, for .lastevent: its words (the
 * breakpoints it hit are forgotten by the manager once their commands
 * ran) and when it came. */
struct dbg_noted_event {
    int valid;
    struct eng_stop st;
    char words[512];
    struct timeval when;
};

/* Where a g also stops (g address ...): one-time stops, not breakpoints. */
struct dbg_go_to {
    uint64_t addrs[8];
    size_t n;
};

struct dbg_script_run; /* scriptfile.c */

struct dbg {
    struct session *s;
    FILE *out;
    int radix;
    uint64_t t_regs[20]; /* $t0..$t19 */
    uint64_t last_exp;   /* $exp: the last value `?` printed */
    /* where a `d*` without address continues */
    uint64_t next_dump;
    char last_dump[4];
    uint64_t next_u;     /* where a `u` without address continues */
    int lines;           /* l+l, .lines: line numbers in k and at stops */
    int source_mode;     /* l+t: p and t step source lines */
    int show_source;     /* l+s: the source line at each stop */
    char src_file[4096]; /* what ls goes on listing */
    int src_next;
    struct sym_srcpath srcpath; /* .srcpath, .srcsubst */
    int frame;           /* .frame: the frame dv and dt look at */
    int cexpr_nesting;   /* @@c++ evaluations in progress (dbg_cexpr_value) */
    struct bpm bpm; /* the breakpoints, and their decisions */
    /* while a breakpoint's command string runs, a resume command ends it
     * and is carried out by the `g` loop, not nested */
    int in_bp_commands;
    int resume_request;   /* enum dbg_resume */
    struct dbg_go_to resume_to; /* the addresses of that g */
    int list_ended;       /* a step ended the command string */
    int glued;            /* the arguments follow the command name directly */
    const char *cmd_line; /* the command being run, from its name on (k's letters) */
    int dr_probe;         /* debug registers: 0 not probed, 1 fire, -1 silent */
    int dr_emulate;       /* .dbgregs emulate: no debug register is used */
    int quit;            /* set by q/qd: end the session after this line */
    int final_quit;      /* -G: quit when the process exits */
    struct dbg_noted_event noted; /* the last stop reported (.lastevent) */
    struct lerr err;
    /* Called with running=1 before the target runs and 0 once it stopped,
     * so the console can hand the terminal to the program meanwhile. */
    void (*run_hook)(void *ctx, struct dbg *d, int running);
    void *run_hook_ctx;
    /* the thread prefix of the command being run (`~2 bp`), for commands
     * that give it a meaning of their own */
    const struct cmd_prefix *prefix;
    struct alias_table aliases; /* as, aS (cmd_alias.c) */
    struct dbg_log *log;        /* .logopen's file, NULL when none (cmd_log.c) */
    /* control flow (cmd_loops.c, scriptfile.c) */
    int loop_depth;       /* loops running: .break and .continue need one */
    int loop_ctl;         /* enum dbg_loop_ctl: the rest of a body is skipped */
    int script_depth;     /* script files running, nested */
    char script_at[320];  /* "file(line): " while a script runs: before its errors */
    unsigned runs;        /* times the target was run: a command that ran it is seen */
    int in_thread_e;      /* a ~e command string runs: it may not run the target */
    const struct dbg_script_run *script_run; /* the joined script running (scriptfile.c) */
    int capture_depth;    /* output captured (as /c, .foreach, .shell -ci): cmd/capture.c */
    int exec_depth;       /* dbg_execute_line calls nested (blocks, aliases, loops) */
};

enum dbg_loop_ctl { DBG_LOOP_NONE, DBG_LOOP_BREAK, DBG_LOOP_CONTINUE };

typedef int (*cmd_fn)(struct dbg *d, const char *args);

struct cmd_def {
    const char *name;
    cmd_fn fn;
    const char *help;
    int own_prefix; /* reads the thread prefix itself (bp): not run per thread */
};

/* Each command family exports a table, ended by a row with name NULL. */
extern const struct cmd_def cmd_exec_table[];
extern const struct cmd_def cmd_memory_table[];
extern const struct cmd_def cmd_register_table[];
extern const struct cmd_def cmd_info_table[];
extern const struct cmd_def cmd_thread_table[];
extern const struct cmd_def cmd_symbol_table[];
extern const struct cmd_def cmd_disasm_table[];
extern const struct cmd_def cmd_stack_table[];
extern const struct cmd_def cmd_event_table[];
extern const struct cmd_def cmd_source_table[];
extern const struct cmd_def cmd_locals_table[];
extern const struct cmd_def cmd_dt_table[];
extern const struct cmd_def cmd_session_table[];
extern const struct cmd_def cmd_breakpoint_table[];
extern const struct cmd_def cmd_bplist_table[];
extern const struct cmd_def cmd_ba_table[];
extern const struct cmd_def cmd_script_table[];
extern const struct cmd_def cmd_debugpath_table[];
extern const struct cmd_def cmd_cexpr_table[];
extern const struct cmd_def cmd_lastevent_table[];
extern const struct cmd_def cmd_dump_table[];
extern const struct cmd_def cmd_printf_table[];
extern const struct cmd_def cmd_alias_table[];
extern const struct cmd_def cmd_log_table[];

/* .printf's target memory and symbols (cmd_printf.c), for %ma and as /ma. */
struct pfmt_ops;
void dbg_printf_ops(struct dbg *d, struct pfmt_ops *ops);
/* `r $.uN=text` (args at "$.uN"): sets the fixed-name alias $uN. */
int dbg_set_fixed_alias(struct dbg *d, const char *args);
/* While a log is open: the prompt and the line the console read (it shows
 * them itself, not through d->out). */
void dbg_log_echo(struct dbg *d, const char *prompt, const char *line);
/* Closes the log, if any, and gives d->out back to the screen. */
void dbg_log_close(struct dbg *d);
extern const struct cmd_def cmd_dumpsyms_table[], cmd_address_table[], cmd_formats_table[];
extern const struct cmd_def cmd_loop_table[];
extern const struct cmd_def cmd_scriptfile_table[];
extern const struct cmd_def cmd_search_table[];
extern const struct cmd_def cmd_memedit_table[];
extern const struct cmd_def cmd_target_info_table[];

/* Output capture (capture.c): while one runs, d->out is `to`, and the
 * log commands refuse, since they would replace or close d->out under
 * the capture. end gives d->out back. */
struct dbg_capture {
    FILE *saved;
};
void dbg_capture_begin(struct dbg *d, struct dbg_capture *c, FILE *to);
void dbg_capture_end(struct dbg *d, struct dbg_capture *c);

void dbg_init(struct dbg *d, struct session *s, FILE *out);
/* Sends debuginfod download progress to d (cmd_debugpaths.c). */
void dbg_debugpaths_init(struct dbg *d);
/* Frees the command layer's state (after the session is gone). */
void dbg_free(struct dbg *d);

/* Runs every command of one input line. Returns 0, or -1 when a command
 * failed (its error is printed; the rest of the line is skipped). */
int dbg_execute_line(struct dbg *d, const char *line);
/* Runs one command (no ';' splitting). */
int dbg_execute(struct dbg *d, const char *cmd);

/* The expression environment over the current thread and process. */
void dbg_expr_env(struct dbg *d, struct expr_env *env);

/* pseudo.c: $tid $tpid $teb $peb $retreg $exp $ptrsize $pagesize...
 * (1 known, 0 not a name of these, -1 with e set); `r $` lists them all. */
int dbg_pseudo_reg(struct dbg *d, const char *name, size_t len, uint64_t *v, struct lerr *e);
int dbg_list_pseudo_regs(struct dbg *d);

/* cxxexc.c: "C++ EH exception - std::runtime_error (first chance)", for a
 * throw in process pid of the type whose std::type_info is at type_info;
 * and for a stop at __cxa_throw (ENG_STOP_CXX_THROW), from its thread. */
void dbg_cxx_throw_words(struct dbg *d, pid_t pid, uint64_t type_info, char *buf, size_t size);
void dbg_cxx_throw_stop_words(struct dbg *d, const struct eng_stop *st, char *buf, size_t size);

/* The current thread's instruction pointer (what a command with no
 * address works on). Returns 0, or -1 with the error in d->err. */
int dbg_current_ip(struct dbg *d, uint64_t *ip);
/* A command's only argument, an address; none means the current
 * instruction; anything after it is a syntax error. */
int dbg_address_arg(struct dbg *d, const char *args, uint64_t *addr);
/* A C++ expression (cmd_cexpr.c) over the selected frame, as a number:
 * what MASM's @@c++(...) gives. 0, or -1 with e set. */
int dbg_cexpr_value(struct dbg *d, const char *text, size_t len, uint64_t *v, struct lerr *e);
/* The same, as a typed value whose types live in arena a (the caller
 * frees it): what ?? computes, for front ends that show values. */
struct cx_arena;
struct cx_value;
int dbg_cexpr_eval(struct dbg *d, struct cx_arena *a, const char *text, struct cx_value *out,
                   struct lerr *e);
/* Evaluates an expression at *p and advances *p past it. */
int dbg_eval(struct dbg *d, const char **p, uint64_t *out);
/* Whether p starts a length (`L8`, `L 8`, `L?8`) rather than an address
 * expression that happens to start with L (`leaf`). */
int dbg_is_length(struct dbg *d, const char *p);
/* Skips blanks; returns the new position. */
const char *dbg_skip(const char *p);

/* The file to open for a line's source (through .srcsubst and .srcpath).
 * Returns 0, or -1 with a "Couldn't find source file" error in d->err. */
int dbg_source_file(struct dbg *d, const struct sym_line *l, char *out, size_t size);

/* Prints the event line, the registers and the current instruction for
 * the last stop, as WinDbg does. */
void dbg_report_stop(struct dbg *d);
/* A signal stop in words (cmd_lastevent.c): "Signal SIGSEGV (first
 * chance) at ADDR", "... (!!! second chance !!!) ...". */
void dbg_signal_words(const struct eng_stop *st, char *buf, size_t size);
/* Keeps the last stop's words and time for .lastevent (at its report). */
void dbg_lastevent_note(struct dbg *d);
/* The register dump of `r` and its current-instruction lines. */
int dbg_print_registers(struct dbg *d);
int dbg_print_current_insn(struct dbg *d);
/* One instruction line as u shows it, after `prefix`: "addr bytes text".
 * Returns how far the next instruction is (1 when nothing decodes). */
unsigned dbg_print_insn(struct dbg *d, const char *prefix, uint64_t addr);

/* Decodes instructions forward from `from` toward `to`. Returns 1 when one
 * ends exactly at `to`, 0 when one runs past it, -1 when the bytes do not
 * decode (or there are more than max starts to keep). Counts the starts in
 * n, keeps them in starts when given, and the last one in last. */
struct dbg_walk {
    uint64_t *starts;
    size_t max;
    size_t n;
    uint64_t last;
};
int dbg_decode_to(struct dbg *d, uint64_t from, uint64_t to, struct dbg_walk *w);

/* Names an address for the disassembler ("mod!sym+0x10"). */
int dbg_symbolizer(void *ctx, uint64_t addr, char *buf, size_t size);
/* Engine event callback (ModLoad, thread and process events). */
void dbg_on_event(void *ctx, const struct eng_event *ev);

/* Unwinds the current thread (sym/unwind.h frames); 0 on failure. */
struct sym_frame;
size_t dbg_unwind(struct dbg *d, struct sym_frame *frames, size_t max);

/* The command line as the breakpoint manager's client (cmd/bp_client.c):
 * set up once, with the session. */
void dbg_bps_init(struct dbg *d);
/* After a breakpoint stop was shown: one-shot deletions, then the command
 * strings of the breakpoints hit (run with resume commands deferred). */
void dbg_after_bp_stop(struct dbg *d);

/* One frame as k numbers them (cmd/frames.c): a stack frame, or an
 * inlined call in one (shown above the function that contains it). */
struct dbg_frame {
    struct sym_frame f;  /* the stack frame it is in */
    size_t stack_index;  /* that stack frame's number, counting no inlined calls */
    int skip;            /* inlined calls of f's code shown below this frame */
    int is_inline;       /* an inlined call: no stack frame of its own */
    char name[256];      /* is_inline: the inlined function */
    char file[1024];     /* skip > 0: the call to the frame below ("" unknown) */
    int line;
    uint64_t cfa;        /* the caller's stack pointer, 0 unknown */
    uint64_t ret;        /* return address; 0 for an inlined call */
};
/* The current thread's first max frames into *out (malloc'd); 0 on failure. */
size_t dbg_frames(struct dbg *d, size_t max, struct dbg_frame **out);
/* The same from the first stack_max stack frames only (each may show as
 * several frames: its inlined calls). */
size_t dbg_frames_upto(struct dbg *d, size_t max, size_t stack_max, struct dbg_frame **out);

/* A frame's call site ("mod!sym+0x1a", "mod!inlined", or its address) into
 * buf, and the " [file @ line]" that follows it when line numbers are on;
 * the Child-SP and RetAddr columns ("(Inline Function) --------`--------"
 * for an inlined call, as WinDbg marks them). */
void dbg_frame_site(struct dbg *d, const struct dbg_frame *f, char *buf, size_t size);
void dbg_print_frame_line_info(struct dbg *d, const struct dbg_frame *f);
/* The source line a frame is at, as k shows it: 0, or -1 when unknown. */
struct sym_line;
int dbg_frame_source(struct dbg *d, const struct dbg_frame *f, struct sym_line *l);
void dbg_frame_columns(const struct dbg_frame *f, char *buf, size_t size);
/* sym_describe, and for code in an inlined call the inlined function first:
 * "mod!leaf (inlined in mod!outer+0xf)". */
int dbg_describe_code(struct sym_space *sp, uint64_t addr, char *buf, size_t size);

/* The DWARF view of frame `index` of the current thread (cmd_locals.c):
 * its pc (a return address minus one above frame 0, so it falls in the
 * call's line and scope), its CFA (the next frame's stack pointer) and,
 * for frame 0 only, the registers; *shown (may be NULL) gets the frame as
 * k prints it. 0, or -1 with d->err set. */
struct dw_frame;
int dbg_frame_context(struct dbg *d, int index, struct dw_frame *f, struct dbg_frame *shown);
/* The DWARF view of one frame of dbg_frames (as dbg_frame_context). */
void dbg_dw_frame(struct dbg *d, const struct dbg_frame *frames, size_t n, size_t i,
                  struct dw_frame *f);
/* Reads the current process's memory for DWARF evaluation (dw_read_fn). */
int dbg_dw_read(void *ctx, uint64_t addr, void *buf, size_t len);

/* Whether processor breakpoints go in debug registers: probed once, when
 * the first is set (the line saying they do not trigger goes to d->out),
 * and not under `.dbgregs emulate` (cmd_ba.c). */
int dbg_registers_usable(struct dbg *d);

/* ~Ne CommandString (cmd_thread_e.c): `cmd` is "e CommandString", run
 * with the thread already selected; an error does not stop the others. */
int dbg_thread_e(struct dbg *d, const char *cmd);
/* Whether cmd may not run inside a ~e string now (d->err says why). */
int dbg_thread_e_refuses(struct dbg *d, const char *cmd);
/* What goes before the error of `cmd`, failed in a script: "file(line): "
 * with the line cmd is on (scriptfile.c); "" outside scripts. */
const char *dbg_script_where(struct dbg *d, const char *cmd);

/* A thread's line as `~` lists it (cmd_threads.c). */
void dbg_print_thread(struct dbg *d, struct eng_process *p, struct eng_thread *t);

/* A whole text file (malloc'd, NUL-terminated; "" when empty), or NULL
 * with "Couldn't open|read WHAT 'PATH': reason" in d->err (scriptfile.c). */
char *dbg_read_text_file(struct dbg *d, const char *path, const char *what);

/* Needs a stopped process; else sets the error and returns -1. */
int dbg_need_process(struct dbg *d);
/* The same, with the error in e (an expression's error, which may be
 * d->err itself). */
int dbg_need_process_err(struct dbg *d, struct lerr *e);

/* cmd_core.c: the stop of a core file (ENG_STOP_CORE): its line, and its
 * words (for .lastevent). */
void dbg_report_core_stop(struct dbg *d, const struct eng_stop *st);
void dbg_core_stop_words(const struct eng_stop *st, char *buf, size_t size);
/* cmd_lastevent.c: si_code in words, "address not mapped (SEGV_MAPERR)";
 * "si_code N" when unknown. */
const char *dbg_sicode_words(int sig, int code, char *buf, size_t size);

/* dispatch.c: calls fn with each command name starting with prefix (len
 * bytes), for completion at the prompt. */
void dbg_command_names(const char *prefix, size_t len, void (*fn)(void *ctx, const char *name),
                       void *ctx);

#endif
