/* The Debug Adapter Protocol front end (lindbg --dap): a second front end
 * over the same engine and breakpoint manager as the command line. It
 * parses requests, acts on the engine and the manager (never by typing
 * commands, except in the REPL, which is the command line's by design) and
 * presents what happened as responses and events.
 *
 * One thread does everything that touches the target (ptrace wants its
 * tracer); a reader thread only reads requests into a queue and turns a
 * `pause` into a break-in, and another one copies the program's output
 * into `output` events. Messages go out whole under one lock. */
#ifndef LINDBG_DAP_DAP_H
#define LINDBG_DAP_DAP_H

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "cmd/dbg.h"
#include "util/err.h"

struct dap_queue; /* dap_server.c */
struct dap_vars;  /* dap_vars.c: variable references */
struct dap_bps;   /* dap_breakpoints.c: what each request set */
struct dap_data;  /* dap_data.c: what setDataBreakpoints set */

/* A frame as stackTrace handed it out: its id is its position + 1 in the
 * table, valid until the target runs again. */
struct dap_frame_ref {
    pid_t tid;
    int index; /* as dbg_frames numbers them (k) */
};

struct dap {
    int in_fd, out_fd;
    pthread_mutex_t out_lock;
    int seq;                  /* of the next message we send */
    struct session *s;
    struct dbg d;             /* the REPL; its manager (d.bpm) is the one */
    FILE *console;            /* d.out: what the command layer says,
                               * sent as `output` events (console) */
    char *console_buf;
    size_t console_len;
    struct dap_queue *q;
    pthread_t main_thread;
    int initialized;          /* `initialize` answered */
    int client_invalidated;   /* the client takes `invalidated` events */
    int have_target;          /* launched or attached */
    int launched;             /* launched (killed on disconnect by default) */
    int stop_on_entry;
    int exited_sent, terminated_sent;
    volatile int running;     /* read by the reader thread */
    volatile int serving;     /* the run serves requests mid-run (a run the
                               * REPL started does not) */
    unsigned epoch;           /* launches and restarts: a served request that
                               * started a new run ends the old one */
    pthread_mutex_t snap_lock;
    cJSON *threads_snapshot;  /* `threads` as of the last stop, for the
                               * reader to answer while the target runs */
    volatile int ending;      /* a disconnect or the end of input is queued */
    int peer_gone;            /* a write to the client failed */
    int quit;
    const cJSON *current;     /* the request being handled */
    int responded;            /* ... was answered already */
    int program_fd;           /* read end of the program's output pipe, -1 */
    char **launch_env;        /* launch's environment (NULL: ours) */
    char *launch_cwd;
    pthread_t output_thread;
    int output_thread_on;
    volatile int output_stop; /* the program is let go: read what is left */
    unsigned *stop_ids;       /* the breakpoints the last stop was for */
    size_t nstop_ids;
    struct dap_frame_ref *frames;
    size_t nframes, frames_cap;
    struct dap_vars *vars;
    struct dap_bps *bps;
    struct dap_data *data;
    /* logpoint lines not sent yet (under out_lock): sent together before
     * any other message, or LOG_FLUSH_MS after the first */
    char *log_buf;
    size_t log_len, log_cap;
    uint64_t log_since;
    pthread_t log_flusher;
    pthread_cond_t log_wake;
    int log_flusher_stop;
};

/* A request's handler: args is the request's "arguments" (may be NULL),
 * body the response's body to fill. 0, or -1 with the error in e (an
 * error response carrying e's message). A handler that runs the target
 * answers first through dap_respond_now and returns 1. */
typedef int (*dap_handler)(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);

/* Sends an event; takes body (NULL: none). */
void dap_event(struct dap *a, const char *event, cJSON *body);
/* Sends an `output` event of this category ("console", "stdout",
 * "stderr", "important"). */
void dap_output(struct dap *a, const char *category, const char *text);
/* A logpoint's line (with its newline), sent with the others that come
 * soon after it in one `output` event (console). */
void dap_log_line(struct dap *a, const char *text);
/* Whatever the command layer printed so far goes out as console output. */
void dap_flush_console(struct dap *a);
/* The response to the request being handled, sent before the handler
 * returns (a run request answers, then runs). Takes body. */
void dap_respond_now(struct dap *a, cJSON *body);

/* The frame a frameId stands for, made current (its thread selected,
 * d.frame set): 0, or -1 with e set. */
int dap_select_frame(struct dap *a, int frame_id, struct lerr *e);
/* The thread a threadId (an OS thread id) stands for, made current. */
int dap_select_thread(struct dap *a, long thread_id, struct lerr *e);
/* The target is about to run: frame and variable references end. */
void dap_forget_stop(struct dap *a);

/* dap_vars.c: scopes, variables, setVariable, and evaluate outside the
 * REPL (hover, watch, clipboard, variables). */
int dap_scopes(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_variables(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_set_variable(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_evaluate_value(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
void dap_vars_reset(struct dap *a);
void dap_vars_free(struct dap *a);

/* dap_breakpoints.c */
int dap_set_breakpoints(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_set_function_breakpoints(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_set_instruction_breakpoints(struct dap *a, const cJSON *args, cJSON *body,
                                    struct lerr *e);
/* The DAP ids of manager breakpoints ids[0..n) (a stop's), into out. */
cJSON *dap_hit_ids(struct dap *a, const unsigned *ids, size_t n);
/* A manager breakpoint that gained locations (a deferred one resolving). */
void dap_bp_resolved(struct dap *a, unsigned bp_id);
void dap_bps_free(struct dap *a);

/* dap_data.c: data breakpoints and exception (signal) filters. */
int dap_data_breakpoint_info(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_set_data_breakpoints(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_set_exception_breakpoints(struct dap *a, const cJSON *args, cJSON *body,
                                  struct lerr *e);
/* The exception filters `initialize` offers (an array). */
cJSON *dap_exception_filters(void);
/* Whether manager breakpoint id is a data breakpoint of ours. */
int dap_is_data_bp(struct dap *a, unsigned bp_id);
void dap_data_free(struct dap *a);

/* dap_memory.c: readMemory, writeMemory, disassemble, modules,
 * loadedSources. */
int dap_read_memory(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_write_memory(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_disassemble(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_modules(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_loaded_sources(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);

/* Small argument readers: the member's value, or def when absent or of
 * another type. */
const char *dap_arg_str(const cJSON *args, const char *name, const char *def);
long long dap_arg_int(const cJSON *args, const char *name, long long def);
int dap_arg_bool(const cJSON *args, const char *name, int def);
/* "0x..." as DAP memory references and addresses are written. */
void dap_hex(char *buf, size_t size, uint64_t v);
/* Parses a memoryReference/instructionReference ("0x..." or decimal),
 * plus offset. 0, or -1 with e set. */
int dap_parse_address(const char *ref, long long offset, uint64_t *out, struct lerr *e);

/* Runs the adapter on in_fd/out_fd until the client disconnects. */
int dap_run(int in_fd, int out_fd);
/* --dap --port N: listens on 127.0.0.1:port for one client, then runs. */
int dap_listen(int port);

#endif
