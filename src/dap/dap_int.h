/* What the adapter's files share among themselves (dap.h is what its
 * request families need). */
#ifndef LINDBG_DAP_INT_H
#define LINDBG_DAP_INT_H

#include "dap/dap.h"

/* dap_session.c: the session's life. */
int dap_initialize(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_launch(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_attach(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_configuration_done(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_disconnect(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_terminate(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_restart(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
/* Lets the target go: killed (terminate 1), detached (0), or as it came
 * (-1: a launched one killed, an attached one detached); then `exited`
 * and `terminated` unless said already. */
void dap_end_target(struct dap *a, int terminate);
/* The engine's events (module, thread, exit) as DAP events. */
void dap_on_engine_event(void *ctx, const struct eng_event *ev);
/* The breakpoint manager's client: the command line's, with logpoints
 * and resolved breakpoints told to the client. */
void dap_client_init(struct dap *a);
/* The last launch's environment and directory (after the session). */
void dap_launch_free(struct dap *a);
/* Ends the thread that copies the program's output (after it ended). */
void dap_output_stop(struct dap *a);

/* dap_run.c: run control, stops, threads and stacks, the REPL. */
int dap_continue(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_next(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_step_in(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_step_out(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_step_back(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_pause(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_threads(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_stack_trace(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
int dap_evaluate(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e);
/* The threads as `threads` lists them (but gone, a thread on its way
 * out; 0: none), kept for the reader to answer while the target runs. */
void dap_snapshot_threads(struct dap *a, pid_t gone);
/* dap_server.c: handles the queued requests that may be served in the
 * middle of a run (setBreakpoints, threads, restart...), up to the first
 * that may not. */
void dap_serve_queued(struct dap *a);
/* The target is about to run (from a request, serving the requests that
 * may be served mid-run, or from the REPL, which does not): stop ids and
 * references end, a pause already queued breaks in. */
void dap_before_run(struct dap *a, int serving);
/* Runs every thread until the target stops for the user, and says so. */
void dap_go(struct dap *a);
/* Where line l's file is on this machine (dbg_source_file: .srcpath,
 * .srcsubst, debuginfod): 0, or -1 when it is nowhere. */
struct sym_line;
int dap_source_path(struct dap *a, const struct sym_line *l, char *out, size_t size);
/* The breakpoints of the stop just made, kept for its event (the
 * manager forgets them once their command strings ran). */
void dap_keep_stop(struct dap *a);
/* The last stop as a `stopped` event (or `exited`/`terminated`). */
void dap_report_stop(struct dap *a);

/* dap_breakpoints.c: a logpoint's hit (the manager's client), and the
 * `stopped` reason for a stop at manager breakpoints ids. */
void dap_logpoint(void *ctx, const struct bp *b, const struct eng_hit_at *at);
const char *dap_bp_reason(struct dap *a, const unsigned *ids, size_t n);
/* A deferred function pattern (manager breakpoint pattern_id) set
 * breakpoint id as a module loaded. */
void dap_bp_pattern_set(struct dap *a, unsigned pattern_id, unsigned id);

/* dap_server.c: whether the queue holds a pause or the session's end (1),
 * else a request served in the middle of a run (2), else nothing (0): a
 * run that starts breaks in at once for them. */
int dap_urgent_pending(struct dap *a);
/* dap_server.c: what the command layer printed so far (malloc'd, the
 * caller frees); the console starts empty again. */
char *dap_take_console(struct dap *a);

/* dap_breakpoints.c: a request's condition, hitCondition and logMessage
 * as the options of manager breakpoint b (data breakpoints take them as
 * code breakpoints do). 0, or -1 with e set. */
int dap_bp_options(const cJSON *spec, struct bp *b, struct lerr *e);

#endif
