/* Run control as DAP asks for it (continue, next, stepIn, stepOut, pause),
 * the stops it ends in as `stopped` events, threads and stack traces, and
 * the REPL, where any lindbg command runs. */
#include "dap/dap_int.h"
#include "sym/lines.h"
#include "sym/unwind.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int dap_source_path(struct dap *a, const struct sym_line *l, char *out, size_t size)
{
    struct lerr keep = a->d.err; /* a file not found is no error of a request */
    int rc = dbg_source_file(&a->d, l, out, size);
    a->d.err = keep;
    return rc;
}

void dap_forget_stop(struct dap *a)
{
    a->nframes = 0;
    dap_vars_reset(a);
}

int dap_select_thread(struct dap *a, long thread_id, struct lerr *e)
{
    struct eng_process *p;
    struct eng_thread *t = eng_find_thread(a->s, (pid_t)thread_id, &p);
    if (!t)
        return lerr_set(e, "No thread %ld in the target", thread_id);
    eng_select(a->s, p, (pid_t)thread_id);
    a->d.frame = 0;
    return 0;
}

int dap_select_frame(struct dap *a, int frame_id, struct lerr *e)
{
    if (frame_id <= 0 || (size_t)frame_id > a->nframes)
        return lerr_set(e, "No frame %d: stackTrace gives frame ids until the target runs", frame_id);
    const struct dap_frame_ref *f = &a->frames[frame_id - 1];
    if (dap_select_thread(a, f->tid, e) < 0)
        return -1;
    a->d.frame = f->index;
    return 0;
}

static const char *stop_reason(struct dap *a, const struct eng_stop *st, char *text, size_t size,
                               cJSON *hit_ids)
{
    text[0] = '\0';
    switch (st->kind) {
    case ENG_STOP_INITIAL:
    case ENG_STOP_ATTACH:
        return "entry";
    case ENG_STOP_BREAKIN:
        return "pause";
    case ENG_STOP_STEP:
    case ENG_STOP_RETURNED:
    case ENG_STOP_GOTO:
        return "step";
    case ENG_STOP_BREAKPOINT: {
        const unsigned *ids = a->stop_ids;
        size_t n = a->nstop_ids;
        const char *reason = dap_bp_reason(a, ids, n);
        cJSON *list = dap_hit_ids(a, ids, n);
        cJSON *it;
        cJSON_ArrayForEach(it, list) cJSON_AddItemToArray(hit_ids, cJSON_Duplicate(it, 0));
        cJSON_Delete(list);
        if (st->kernel[0])
            snprintf(text, size, "written by the kernel: %s", st->kernel);
        return reason;
    }
    case ENG_STOP_SIGNAL:
    case ENG_STOP_SECOND_CHANCE:
    case ENG_STOP_TRAP:
        dbg_signal_words(st, text, size);
        return "exception";
    case ENG_STOP_CXX_THROW:
        dbg_cxx_throw_stop_words(&a->d, st, text, size);
        return "exception";
    default:
        /* an event that stops (sxe ld, ct, ...): said as the command
         * line says it */
        snprintf(text, size, "event");
        return "event";
    }
}

void dap_report_stop(struct dap *a)
{
    const struct eng_stop *st = eng_last_stop(a->s);
    if (st->kind == ENG_STOP_EXITED || !eng_has_process(a->s)) {
        if (!a->exited_sent) {
            a->exited_sent = 1;
            cJSON *b = cJSON_CreateObject();
            cJSON_AddNumberToObject(b, "exitCode", st->sig ? 128 + st->sig : st->code);
            dap_event(a, "exited", b);
        }
        dap_end_target(a, -1);
        return;
    }
    cJSON *b = cJSON_CreateObject();
    cJSON *ids = cJSON_CreateArray();
    char text[512];
    const char *reason = stop_reason(a, st, text, sizeof text, ids);
    cJSON_AddStringToObject(b, "reason", reason);
    if (text[0]) {
        cJSON_AddStringToObject(b, "description", text);
        cJSON_AddStringToObject(b, "text", text);
    }
    cJSON_AddNumberToObject(b, "threadId", st->tid ? st->tid : eng_cur_tid(a->s));
    cJSON_AddBoolToObject(b, "allThreadsStopped", 1);
    if (cJSON_GetArraySize(ids))
        cJSON_AddItemToObject(b, "hitBreakpointIds", ids);
    else
        cJSON_Delete(ids);
    dap_event(a, "stopped", b);
}

void dap_keep_stop(struct dap *a)
{
    a->nstop_ids = 0;
    if (eng_last_stop(a->s)->kind != ENG_STOP_BREAKPOINT)
        return;
    const unsigned *ids;
    size_t n = bpm_stop_hits(&a->d.bpm, &ids);
    a->stop_ids = xrealloc(a->stop_ids, (n ? n : 1) * sizeof *ids);
    memcpy(a->stop_ids, ids, n * sizeof *ids);
    a->nstop_ids = n;
}

/* After a stop: the breakpoints' own business (one-shots deleted, the
 * command strings of those set in the REPL run). 1 when a string asked to
 * go on. */
static int after_stop(struct dap *a)
{
    a->running = 0;
    a->d.frame = 0;
    dap_keep_stop(a);
    if (eng_last_stop(a->s)->kind != ENG_STOP_BREAKPOINT)
        return 0;
    dbg_after_bp_stop(&a->d);
    int go = a->d.resume_request != DBG_RESUME_NONE && !a->ending;
    a->d.resume_request = DBG_RESUME_NONE;
    return go;
}

void dap_before_run(struct dap *a, int serving)
{
    dap_forget_stop(a);
    eng_breakin_clear(a->s);
    a->serving = serving;
    a->running = 1;
    /* what the reader queued before it saw the target running */
    int pending = dap_urgent_pending(a);
    if (pending == 1 || (pending == 2 && serving))
        eng_breakin(a->s);
}

/* A run of ours that broke in without a pause or the end asked for was
 * broken into to serve requests (setBreakpoints, restart...): they are
 * handled and the run goes on (a break-in signalled late, after they were
 * served, finds none and goes on too). 1 served, go on; 0 not such a
 * stop; -1 served, and a request ended or restarted the run. */
static int serve(struct dap *a)
{
    if (eng_last_stop(a->s)->kind != ENG_STOP_BREAKIN || dap_urgent_pending(a) == 1 || a->ending)
        return 0;
    unsigned epoch = a->epoch;
    dap_serve_queued(a);
    return a->epoch != epoch || !eng_has_process(a->s) ? -1 : 1;
}

/* A run that failed: said, and the target is where it was. */
static void run_failed(struct dap *a, struct lerr *e)
{
    a->running = 0;
    dap_output(a, "important", e->msg);
    dap_report_stop(a);
}

void dap_go(struct dap *a)
{
    struct lerr e = {0};
    dap_snapshot_threads(a, 0);
    for (;;) {
        dap_before_run(a, 1);
        if (eng_go(a->s, ENG_GO, &e) < 0) {
            run_failed(a, &e);
            return;
        }
        a->running = 0;
        int served = serve(a);
        if (served < 0)
            return;
        if (!served && !after_stop(a))
            break;
    }
    if (!a->ending)
        dap_report_stop(a);
}

int dap_continue(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    if (eng_check_live(a->s, "run", e) < 0)
        return -1;
    cJSON_AddBoolToObject(body, "allThreadsContinued", 1);
    dap_respond_now(a, cJSON_Duplicate(body, 1));
    dap_go(a);
    return 0;
}

enum piece_end { PIECE_DONE, PIECE_STOPPED, PIECE_FAILED };

/* One instruction of the current thread (a call run whole when over), or
 * a run back to ret in the frame of sp. A breakpoint met on the way ends
 * the stepping with its own stop. */
static enum piece_end piece(struct dap *a, int over, uint64_t ret, uint64_t sp)
{
    struct session *s = a->s;
    struct lerr e = {0};
    if (!ret && over && !eng_call_return_point(s, &ret, &sp))
        ret = 0;
    /* a stop that served requests selected the thread it interrupted:
     * the step goes on in its own */
    pid_t tid = eng_cur_tid(s);
    int rc, served = 0;
    do {
        if (served > 0 && dap_select_thread(a, tid, &e) < 0) {
            rc = -1;
            break;
        }
        dap_before_run(a, 1);
        rc = ret ? eng_run_to_return(s, tid, ret, sp, &e) : eng_step(s, &e);
        a->running = 0;
    } while (rc == 0 && (served = serve(a)) > 0);
    if (rc < 0) {
        run_failed(a, &e);
        return PIECE_FAILED;
    }
    if (served < 0)
        return PIECE_FAILED; /* a restart or the end: said by whoever did it */
    const struct eng_stop *st = eng_last_stop(s);
    return st->kind == ENG_STOP_STEP || st->kind == ENG_STOP_RETURNED ? PIECE_DONE : PIECE_STOPPED;
}

static int current_line(struct dap *a, struct sym_line *l)
{
    struct user_regs_struct *r = eng_regs(a->s, eng_cur_thread(a->s), NULL);
    struct sym_space *sp = eng_syms(a->s);
    return r && sp ? sym_line_at(sp, r->rip, l) : -1;
}

/* Whether rip is where a function starts (a step just went into it). */
static int at_function_entry(struct dap *a, uint64_t rip)
{
    struct sym_space *sp = eng_syms(a->s);
    struct sym_entry se;
    char name[256];
    return sp && sym_symbol_at(sp, rip, &se, name, sizeof name) == 0 && se.addr == rip;
}

/* Steps to the start of another source line (GDB's next and step): a
 * function without lines that a step goes into is run to its return; one
 * with lines is entered past its prologue, at its second line-table row
 * (GDB's stop after `step` into a call). */
static enum piece_end source_step(struct dap *a, int over)
{
    struct sym_line start, now;
    uint64_t entry = 0; /* the function entered: its prologue is stepped */
    if (current_line(a, &start) < 0)
        return piece(a, over, 0, 0);
    for (unsigned long n = 0; n < 1000000; n++) {
        enum piece_end end = piece(a, over, 0, 0);
        if (end != PIECE_DONE)
            return end;
        struct user_regs_struct *r = eng_regs(a->s, eng_cur_thread(a->s), NULL);
        if (!r)
            return PIECE_FAILED;
        if (current_line(a, &now) < 0) {
            struct sym_frame f[2];
            if (!over && dbg_unwind(&a->d, f, 2) == 2 &&
                (end = piece(a, 0, f[1].pc, f[1].sp)) != PIECE_DONE)
                return end;
            continue;
        }
        if (now.addr != r->rip)
            continue;
        if (entry && r->rip != entry)
            return PIECE_DONE;
        if (!entry && (now.line != start.line || strcmp(now.file, start.file) != 0)) {
            if (over || !at_function_entry(a, r->rip))
                return PIECE_DONE;
            entry = r->rip;
        }
    }
    return PIECE_DONE;
}

/* next / stepIn / stepOut: the thread asked for becomes current, the step
 * is answered, made, and its end said. */
static int stepping(struct dap *a, const cJSON *args, struct lerr *e, int over, int out)
{
    if (eng_check_live(a->s, "run", e) < 0 || !eng_has_process(a->s))
        return e->msg[0] ? -1 : lerr_set(e, "No process: the program has ended");
    long tid = (long)dap_arg_int(args, "threadId", eng_cur_tid(a->s));
    if (dap_select_thread(a, tid, e) < 0)
        return -1;
    struct sym_frame f[2];
    if (out && dbg_unwind(&a->d, f, 2) < 2)
        return lerr_set(e, "Couldn't find the caller's frame: nothing to step out to");
    const char *gran = dap_arg_str(args, "granularity", "statement");
    dap_respond_now(a, NULL);
    dap_snapshot_threads(a, 0);
    enum piece_end end;
    if (out)
        end = piece(a, 0, f[1].pc, f[1].sp);
    else if (!strcmp(gran, "instruction"))
        end = piece(a, over, 0, 0);
    else
        end = source_step(a, over);
    if (end == PIECE_FAILED)
        return 0;
    if (end == PIECE_STOPPED && after_stop(a)) {
        dap_go(a);
        return 0;
    }
    if (end == PIECE_DONE)
        eng_last_stop_is_step(a->s);
    dap_report_stop(a);
    return 0;
}

int dap_next(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return stepping(a, args, e, 1, 0);
}

int dap_step_in(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return stepping(a, args, e, 0, 0);
}

int dap_step_out(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return stepping(a, args, e, 0, 1);
}

int dap_step_back(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported: lindbg does not record execution, so it cannot step back");
}

int dap_pause(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    /* while the target ran, the reader broke in already and the run's
     * stop says `pause`; stopped, there is nothing to do */
    return 0;
}

static cJSON *thread_list(struct dap *a)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < eng_nprocs(a->s); i++) {
        struct eng_process *p = eng_proc_at(a->s, i);
        for (size_t j = 0; j < eng_proc_nthreads(p); j++) {
            struct eng_thread *t = eng_proc_thread_at(p, j);
            char name[64], label[128];
            eng_thread_name(a->s, p, t, name, sizeof name);
            snprintf(label, sizeof label, "%d:%03d %s", eng_proc_index(p), eng_thread_index(t),
                     name);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "id", eng_thread_tid(t));
            cJSON_AddStringToObject(o, "name", label);
            cJSON_AddItemToArray(list, o);
        }
    }
    return list;
}

int dap_threads(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    cJSON_AddItemToObject(body, "threads", thread_list(a));
    return 0;
}

void dap_snapshot_threads(struct dap *a, pid_t gone)
{
    cJSON *list = thread_list(a);
    cJSON *it = list->child;
    while (it) {
        cJSON *next = it->next;
        if (gone && dap_arg_int(it, "id", 0) == gone)
            cJSON_Delete(cJSON_DetachItemViaPointer(list, it));
        it = next;
    }
    pthread_mutex_lock(&a->snap_lock);
    cJSON_Delete(a->threads_snapshot);
    a->threads_snapshot = list;
    pthread_mutex_unlock(&a->snap_lock);
}

static int add_frame_ref(struct dap *a, pid_t tid, int index)
{
    for (size_t i = 0; i < a->nframes; i++)
        if (a->frames[i].tid == tid && a->frames[i].index == index)
            return (int)i + 1;
    if (a->nframes == a->frames_cap) {
        a->frames_cap = a->frames_cap ? a->frames_cap * 2 : 64;
        a->frames = xrealloc(a->frames, a->frames_cap * sizeof *a->frames);
    }
    a->frames[a->nframes] = (struct dap_frame_ref){tid, index};
    return (int)++a->nframes;
}

int dap_stack_trace(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    long tid = (long)dap_arg_int(args, "threadId", 0);
    if (dap_select_thread(a, tid, e) < 0)
        return -1;
    long long first = dap_arg_int(args, "startFrame", 0);
    long long levels = dap_arg_int(args, "levels", 0);
    if (first < 0)
        first = 0;
    if (first > 4096)
        first = 4096;
    if (levels > 4096)
        levels = 4096;
    size_t max = levels > 0 ? (size_t)(first + levels) : 4096;
    struct dbg_frame *frames;
    /* one more than asked for: whether there are more */
    size_t n = dbg_frames(&a->d, max + 1, &frames);
    cJSON *list = cJSON_AddArrayToObject(body, "stackFrames");
    for (size_t i = (size_t)first; i < n && i < max; i++) {
        const struct dbg_frame *f = &frames[i];
        char name[512], addr[32];
        dbg_frame_site(&a->d, f, name, sizeof name);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "id", add_frame_ref(a, (pid_t)tid, (int)i));
        cJSON_AddStringToObject(o, "name", name);
        dap_hex(addr, sizeof addr, f->f.pc);
        cJSON_AddStringToObject(o, "instructionPointerReference", addr);
        struct sym_line l;
        char path[4096];
        /* where the file is here (.srcpath, .srcsubst, debuginfod); one
         * that is not (glibc's sources) is no place to show */
        if (dbg_frame_source(&a->d, f, &l) == 0 && dap_source_path(a, &l, path, sizeof path) == 0) {
            cJSON *src = cJSON_CreateObject();
            const char *base = strrchr(path, '/');
            cJSON_AddStringToObject(src, "name", base ? base + 1 : path);
            cJSON_AddStringToObject(src, "path", path);
            cJSON_AddItemToObject(o, "source", src);
            cJSON_AddNumberToObject(o, "line", l.line);
        } else {
            cJSON_AddNumberToObject(o, "line", 0);
            cJSON_AddStringToObject(o, "presentationHint", "subtle");
        }
        cJSON_AddNumberToObject(o, "column", 0);
        cJSON_AddItemToArray(list, o);
    }
    /* the whole stack when asked for a page of it and there is more */
    cJSON_AddNumberToObject(body, "totalFrames", n > max ? (double)max + 1 : (double)n);
    free(frames);
    return 0;
}

/* The generation of what the current process's symbols are read through
 * (a new one: the old DWARF is gone). */
static unsigned symbols_of(struct dap *a)
{
    struct sym_space *sp = eng_has_process(a->s) ? eng_syms(a->s) : NULL;
    return sp ? sp->generation : 0;
}

/* The REPL: any command line of lindbg, its output as the result. A
 * command that runs the target ends in a stop said as any other. */
static int repl(struct dap *a, const char *line, cJSON *body, struct lerr *e)
{
    dap_flush_console(a);
    unsigned runs = a->d.runs;
    int frame_id = (int)dap_arg_int(a->current ? cJSON_GetObjectItemCaseSensitive(a->current, "arguments") : NULL, "frameId", 0);
    if (frame_id && dap_select_frame(a, frame_id, e) < 0)
        return -1;
    a->d.err.msg[0] = '\0';
    unsigned dwarf = symbols_of(a);
    int rc = dbg_execute_line(&a->d, line);
    char *out = dap_take_console(a);
    if (rc < 0 && a->d.err.msg[0]) {
        size_t len = strlen(out);
        out = xrealloc(out, len + strlen(a->d.err.msg) + 2);
        sprintf(out + len, "%s\n", a->d.err.msg);
    }
    size_t len = strlen(out);
    if (len && out[len - 1] == '\n')
        out[len - 1] = '\0';
    cJSON_AddStringToObject(body, "result", out);
    cJSON_AddNumberToObject(body, "variablesReference", 0);
    free(out);
    if (a->d.runs == runs && symbols_of(a) != dwarf) {
        /* the DWARF the references' types are in went (.reload,
         * .sympath, another process): they end, and a client that can be
         * told looks again */
        dap_vars_reset(a);
        if (a->client_invalidated) {
            cJSON *b = cJSON_CreateObject();
            cJSON *areas = cJSON_AddArrayToObject(b, "areas");
            cJSON_AddItemToArray(areas, cJSON_CreateString("variables"));
            dap_event(a, "invalidated", b);
        }
    }
    if (a->d.runs != runs) {
        /* the target ran: the client hears of the stop it ended in */
        dap_respond_now(a, cJSON_Duplicate(body, 1));
        if (a->d.quit) {
            dap_end_target(a, -1);
            a->quit = 1;
        } else {
            dap_report_stop(a);
        }
    } else if (a->d.quit) {
        dap_respond_now(a, cJSON_Duplicate(body, 1));
        dap_end_target(a, -1);
        a->quit = 1;
    }
    return 0;
}

int dap_evaluate(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    const char *expr = dap_arg_str(args, "expression", NULL);
    if (!expr)
        return lerr_set(e, "Syntax error: evaluate needs an 'expression'");
    const char *ctx = dap_arg_str(args, "context", "repl");
    if (!strcmp(ctx, "repl"))
        return repl(a, expr, body, e);
    if (!eng_has_process(a->s))
        return lerr_set(e, "No process: nothing to evaluate in");
    return dap_evaluate_value(a, args, body, e);
}
