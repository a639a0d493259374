/* The adapter's loop: requests read by a thread of their own into a
 * queue, handled one at a time by the thread that owns the target,
 * answered and followed by events (dap.h). */
#include "dap/dap.h"
#include "dap/dap_int.h"
#include "dap/dap_wire.h"
#include "util/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* One thing the reader found: a request (msg), a message that could not
 * be taken (err), or the end of the input (end). */
struct dap_item {
    cJSON *msg;
    char *err;
    int end;
    struct dap_item *next;
};

struct dap_queue {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    struct dap_item *head, *tail;
};

/* The session a pause breaks into: read by the signal handler, which the
 * reader thread raises in the thread that traces the target. */
static struct session *volatile breakin_session;

static void on_breakin_signal(int sig)
{
    (void)sig;
    if (breakin_session)
        eng_breakin(breakin_session);
}

static void push(struct dap_queue *q, struct dap_item *it)
{
    pthread_mutex_lock(&q->lock);
    if (q->tail)
        q->tail->next = it;
    else
        q->head = it;
    q->tail = it;
    pthread_cond_signal(&q->ready);
    pthread_mutex_unlock(&q->lock);
}

static struct dap_item *pop(struct dap_queue *q)
{
    pthread_mutex_lock(&q->lock);
    while (!q->head)
        pthread_cond_wait(&q->ready, &q->lock);
    struct dap_item *it = q->head;
    q->head = it->next;
    if (!q->head)
        q->tail = NULL;
    pthread_mutex_unlock(&q->lock);
    return it;
}

static int is_command(const cJSON *msg, const char *name)
{
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(msg, "command");
    return cJSON_IsString(c) && !strcmp(c->valuestring, name);
}

/* What must reach a running target at once: a pause, and what ends the
 * session. */
static int urgent(const struct dap_item *it)
{
    return it->end || (it->msg && (is_command(it->msg, "pause") || is_command(it->msg, "disconnect") ||
                                   is_command(it->msg, "terminate")));
}

/* What an editor sends while the program runs and expects to take effect
 * then: the run is broken into, they are handled, and it goes on. */
static int serviceable(const struct dap_item *it)
{
    static const char *const names[] = {
        "setBreakpoints", "setFunctionBreakpoints", "setInstructionBreakpoints",
        "setDataBreakpoints", "setExceptionBreakpoints", "modules", "loadedSources", "restart",
    };
    for (size_t i = 0; it->msg && i < sizeof names / sizeof names[0]; i++)
        if (is_command(it->msg, names[i]))
            return 1;
    return 0;
}

int dap_urgent_pending(struct dap *a)
{
    pthread_mutex_lock(&a->q->lock);
    int found = 0;
    for (const struct dap_item *it = a->q->head; it && found != 1; it = it->next)
        found = urgent(it) ? 1 : serviceable(it) ? 2 : found;
    pthread_mutex_unlock(&a->q->lock);
    return found;
}

static void handle_request(struct dap *a, cJSON *req);

/* Takes the first request that may be served mid-run out of the queue,
 * wherever it stands (one that waits for the stop may be ahead of it). */
static struct dap_item *take_serviceable(struct dap_queue *q)
{
    pthread_mutex_lock(&q->lock);
    struct dap_item **at = &q->head, *prev = NULL;
    while (*at && !serviceable(*at)) {
        prev = *at;
        at = &(*at)->next;
    }
    struct dap_item *it = *at;
    if (it) {
        *at = it->next;
        if (q->tail == it)
            q->tail = prev;
    }
    pthread_mutex_unlock(&q->lock);
    return it;
}

void dap_serve_queued(struct dap *a)
{
    struct dap_item *it;
    while ((it = take_serviceable(a->q))) {
        /* inside the handler of the request that runs the target, which
         * has answered already */
        const cJSON *outer = a->current;
        int outer_responded = a->responded;
        handle_request(a, it->msg);
        a->current = outer;
        a->responded = outer_responded;
        cJSON_Delete(it->msg);
        free(it);
    }
}

static void respond(struct dap *a, const cJSON *req, int ok, const char *message, cJSON *body);

/* `threads` while the target runs, from what the last stop or thread
 * event saw (the reader's thread: it touches no engine state). */
static void threads_now(struct dap *a, const cJSON *req)
{
    cJSON *body = cJSON_CreateObject();
    pthread_mutex_lock(&a->snap_lock);
    cJSON *list = a->threads_snapshot ? cJSON_Duplicate(a->threads_snapshot, 1) : cJSON_CreateArray();
    pthread_mutex_unlock(&a->snap_lock);
    cJSON_AddItemToObject(body, "threads", list);
    respond(a, req, 1, NULL, body);
}

/* While the target runs, the requests that must reach it now (pause, and
 * those that end the session) break in; the others wait for the stop. */
static void *reader_main(void *arg)
{
    struct dap *a = arg;
    struct dap_reader r;
    dap_reader_init(&r, a->in_fd);
    for (;;) {
        char *body;
        size_t len;
        struct lerr e = {0};
        enum dap_read_result rc = dap_read_message(&r, &body, &len, &e);
        struct dap_item *it = xcalloc(1, sizeof *it);
        if (rc == DAP_READ_MESSAGE) {
            it->msg = dap_parse_message(body, len, &e);
            free(body);
            if (!it->msg)
                it->err = xstrdup(e.msg);
        } else if (rc == DAP_READ_BAD) {
            it->err = xstrdup(e.msg);
        } else {
            it->end = 1;
            if (rc == DAP_READ_BROKEN)
                it->err = xstrdup(e.msg);
        }
        if (a->running && it->msg && is_command(it->msg, "threads")) {
            /* answered at once, the program running on */
            threads_now(a, it->msg);
            cJSON_Delete(it->msg);
            free(it);
            continue;
        }
        int now = urgent(it), serve = !now && serviceable(it) && a->serving;
        if (now && !(it->msg && is_command(it->msg, "pause")))
            a->ending = 1;
        push(a->q, it);
        /* (a run that starts after this looks at the queue itself) */
        if ((now || serve) && a->running)
            pthread_kill(a->main_thread, SIGUSR1);
        if (rc == DAP_READ_END || rc == DAP_READ_BROKEN)
            break;
    }
    dap_reader_free(&r);
    return NULL;
}

static void write_locked(struct dap *a, cJSON *m)
{
    cJSON_AddNumberToObject(m, "seq", ++a->seq);
    char *text = cJSON_PrintUnformatted(m);
    if (dap_write_message(a->out_fd, text, strlen(text)) < 0)
        a->peer_gone = 1;
    free(text);
    cJSON_Delete(m);
}

/* Logpoint lines go out together: one `output` event for what gathered
 * (out_lock held). */
static void flush_log_locked(struct dap *a)
{
    if (!a->log_len)
        return;
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "category", "console");
    cJSON_AddStringToObject(b, "output", a->log_buf);
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "type", "event");
    cJSON_AddStringToObject(m, "event", "output");
    cJSON_AddItemToObject(m, "body", b);
    a->log_len = 0;
    a->log_buf[0] = '\0';
    write_locked(a, m);
}

/* Whatever goes out, the logpoint lines said before it go first. */
static void send_json(struct dap *a, cJSON *m)
{
    pthread_mutex_lock(&a->out_lock);
    flush_log_locked(a);
    write_locked(a, m);
    pthread_mutex_unlock(&a->out_lock);
}

#define LOG_FLUSH_BYTES (32u << 10)
#define LOG_FLUSH_MS 20

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void dap_log_line(struct dap *a, const char *text)
{
    size_t n = strlen(text);
    pthread_mutex_lock(&a->out_lock);
    if (a->log_len + n + 1 > a->log_cap) {
        a->log_cap = (a->log_len + n + 1) * 2;
        a->log_buf = xrealloc(a->log_buf, a->log_cap);
    }
    if (!a->log_len) {
        a->log_since = now_ms();
        pthread_cond_signal(&a->log_wake);
    }
    memcpy(a->log_buf + a->log_len, text, n + 1);
    a->log_len += n;
    if (a->log_len >= LOG_FLUSH_BYTES)
        flush_log_locked(a);
    pthread_mutex_unlock(&a->out_lock);
}

/* A target that logs and then runs on for long: its lines go out within
 * LOG_FLUSH_MS all the same. */
static void *log_flusher_main(void *arg)
{
    struct dap *a = arg;
    pthread_mutex_lock(&a->out_lock);
    while (!a->log_flusher_stop) {
        if (!a->log_len) {
            pthread_cond_wait(&a->log_wake, &a->out_lock);
            continue;
        }
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += LOG_FLUSH_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&a->log_wake, &a->out_lock, &ts);
        if (a->log_len && now_ms() - a->log_since >= LOG_FLUSH_MS)
            flush_log_locked(a);
    }
    flush_log_locked(a);
    pthread_mutex_unlock(&a->out_lock);
    return NULL;
}

void dap_event(struct dap *a, const char *event, cJSON *body)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "type", "event");
    cJSON_AddStringToObject(m, "event", event);
    if (body)
        cJSON_AddItemToObject(m, "body", body);
    send_json(a, m);
}

void dap_output(struct dap *a, const char *category, const char *text)
{
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "category", category);
    cJSON_AddStringToObject(b, "output", text);
    dap_event(a, "output", b);
}

static void open_console(struct dap *a)
{
    a->console = open_memstream(&a->console_buf, &a->console_len);
    a->d.out = a->console;
}

char *dap_take_console(struct dap *a)
{
    fclose(a->console);
    char *text = a->console_buf;
    a->console_buf = NULL;
    open_console(a);
    return text;
}

void dap_flush_console(struct dap *a)
{
    fflush(a->console);
    if (!a->console_len)
        return;
    char *text = dap_take_console(a);
    dap_output(a, "console", text);
    free(text);
}

static void respond(struct dap *a, const cJSON *req, int ok, const char *message, cJSON *body)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "type", "response");
    const cJSON *seq = req ? cJSON_GetObjectItemCaseSensitive(req, "seq") : NULL;
    cJSON_AddNumberToObject(m, "request_seq", cJSON_IsNumber(seq) ? seq->valuedouble : 0);
    cJSON_AddBoolToObject(m, "success", ok);
    const char *cmd = req ? dap_arg_str(req, "command", "") : "";
    cJSON_AddStringToObject(m, "command", cmd);
    if (!ok) {
        cJSON_AddStringToObject(m, "message", message);
        /* clients show body.error.format to the user */
        cJSON *err = cJSON_CreateObject();
        cJSON_AddNumberToObject(err, "id", 1);
        cJSON_AddStringToObject(err, "format", message);
        cJSON_AddBoolToObject(err, "showUser", 0);
        cJSON_Delete(body);
        body = cJSON_CreateObject();
        cJSON_AddItemToObject(body, "error", err);
    }
    if (body)
        cJSON_AddItemToObject(m, "body", body);
    send_json(a, m);
}

void dap_respond_now(struct dap *a, cJSON *body)
{
    respond(a, a->current, 1, NULL, body);
    a->responded = 1;
}

enum { NEEDS_TARGET = 1, NEEDS_STOPPED = 2 };

struct dap_request_def {
    const char *command;
    dap_handler fn;
    unsigned flags;
};

static const struct dap_request_def requests[] = {
    {"initialize", dap_initialize, 0},
    {"launch", dap_launch, 0},
    {"attach", dap_attach, 0},
    {"configurationDone", dap_configuration_done, 0},
    {"disconnect", dap_disconnect, 0},
    {"terminate", dap_terminate, 0},
    {"restart", dap_restart, 0},
    {"setBreakpoints", dap_set_breakpoints, 0},
    {"setFunctionBreakpoints", dap_set_function_breakpoints, 0},
    {"setInstructionBreakpoints", dap_set_instruction_breakpoints, 0},
    {"dataBreakpointInfo", dap_data_breakpoint_info, 0},
    {"setDataBreakpoints", dap_set_data_breakpoints, 0},
    {"setExceptionBreakpoints", dap_set_exception_breakpoints, 0},
    {"threads", dap_threads, 0},
    {"stackTrace", dap_stack_trace, NEEDS_TARGET | NEEDS_STOPPED},
    {"scopes", dap_scopes, NEEDS_TARGET | NEEDS_STOPPED},
    {"variables", dap_variables, NEEDS_TARGET | NEEDS_STOPPED},
    {"setVariable", dap_set_variable, NEEDS_TARGET | NEEDS_STOPPED},
    {"evaluate", dap_evaluate, 0},
    {"continue", dap_continue, NEEDS_TARGET},
    {"next", dap_next, NEEDS_TARGET},
    {"stepIn", dap_step_in, NEEDS_TARGET},
    {"stepOut", dap_step_out, NEEDS_TARGET},
    {"stepBack", dap_step_back, 0},
    {"reverseContinue", dap_step_back, 0},
    {"pause", dap_pause, 0},
    {"disassemble", dap_disassemble, NEEDS_TARGET},
    {"readMemory", dap_read_memory, NEEDS_TARGET},
    {"writeMemory", dap_write_memory, NEEDS_TARGET},
    {"loadedSources", dap_loaded_sources, 0},
    {"modules", dap_modules, 0},
};

static void handle_request(struct dap *a, cJSON *req)
{
    const char *cmd = dap_arg_str(req, "command", NULL);
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(req, "arguments");
    struct lerr e = {0};
    const struct dap_request_def *def = NULL;
    for (size_t i = 0; cmd && i < sizeof requests / sizeof requests[0]; i++)
        if (!strcmp(requests[i].command, cmd))
            def = &requests[i];
    a->current = req;
    a->responded = 0;
    cJSON *body = cJSON_CreateObject();
    int rc;
    if (!cmd || strcmp(dap_arg_str(req, "type", ""), "request") != 0)
        rc = lerr_set(&e, "Syntax error: not a request");
    else if (!def)
        rc = lerr_set(&e, "Not supported: unknown request '%s'", cmd);
    else if (!a->initialized && strcmp(cmd, "initialize") != 0)
        rc = lerr_set(&e, "Not initialized: the first request must be 'initialize'");
    else if ((def->flags & NEEDS_TARGET) && !a->have_target)
        rc = lerr_set(&e, "No target: launch or attach first");
    else if ((def->flags & NEEDS_STOPPED) && !eng_has_process(a->s))
        rc = lerr_set(&e, "No process: the program has ended");
    else
        rc = def->fn(a, args, body, &e);
    if (a->responded) {
        cJSON_Delete(body);
    } else if (rc < 0) {
        respond(a, req, 0, e.msg[0] ? e.msg : "Failed", body);
    } else {
        respond(a, req, 1, NULL, body);
    }
    a->current = NULL;
    dap_flush_console(a);
}

/* The client is gone without a disconnect: as a disconnect with the
 * defaults (a launched program killed, an attached one let go). */
static void end_session(struct dap *a)
{
    dap_end_target(a, -1);
    a->quit = 1;
}

static void dap_init(struct dap *a, int in_fd, int out_fd)
{
    memset(a, 0, sizeof *a);
    a->in_fd = in_fd;
    a->out_fd = out_fd;
    a->program_fd = -1;
    pthread_mutex_init(&a->out_lock, NULL);
    pthread_mutex_init(&a->snap_lock, NULL);
    a->q = xcalloc(1, sizeof *a->q);
    pthread_mutex_init(&a->q->lock, NULL);
    pthread_cond_init(&a->q->ready, NULL);
    a->main_thread = pthread_self();
    a->s = eng_create(dap_on_engine_event, a);
    dbg_init(&a->d, a->s, stdout);
    open_console(a);
    dap_client_init(a);
    breakin_session = a->s;
    pthread_cond_init(&a->log_wake, NULL);
    pthread_create(&a->log_flusher, NULL, log_flusher_main, a);
}

static void dap_free(struct dap *a)
{
    breakin_session = NULL;
    eng_destroy(a->s);
    pthread_mutex_lock(&a->out_lock);
    a->log_flusher_stop = 1;
    pthread_cond_signal(&a->log_wake);
    pthread_mutex_unlock(&a->out_lock);
    pthread_join(a->log_flusher, NULL);
    free(a->log_buf);
    dap_output_stop(a);
    dap_launch_free(a);
    dbg_free(&a->d);
    dap_vars_free(a);
    dap_bps_free(a);
    dap_data_free(a);
    fclose(a->console);
    free(a->console_buf);
    free(a->frames);
    free(a->stop_ids);
    pthread_mutex_lock(&a->snap_lock);
    cJSON_Delete(a->threads_snapshot);
    a->threads_snapshot = NULL;
    pthread_mutex_unlock(&a->snap_lock);
    /* the queue stays: the reader thread, blocked on the client, may still
     * push into it until the process ends */
}

int dap_run(int in_fd, int out_fd)
{
    static struct dap a;
    /* the reader thread never takes the break-in signal: the tracer does */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_breakin_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL); /* no SA_RESTART: the wait returns */
    signal(SIGPIPE, SIG_IGN);
    dap_init(&a, in_fd, out_fd);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    pthread_t reader;
    pthread_create(&reader, NULL, reader_main, &a);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    while (!a.quit) {
        struct dap_item *it = pop(a.q);
        if (it->msg) {
            handle_request(&a, it->msg);
            if (is_command(it->msg, "terminate"))
                a.ending = 0; /* the session goes on: a launch may come */
        }
        else if (it->err)
            respond(&a, NULL, 0, it->err, NULL);
        if (it->end || a.peer_gone)
            end_session(&a);
        cJSON_Delete(it->msg);
        free(it->err);
        free(it);
    }
    /* the reader ends with its input; a client that stays connected
     * after disconnect is not waited for */
    pthread_detach(reader);
    dap_free(&a);
    return 0;
}

int dap_listen(int port)
{
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (ls < 0) {
        fprintf(stderr, "lindbg: Couldn't open a socket: %s\n", strerror(errno));
        return 1;
    }
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&sin, sizeof sin) < 0 || listen(ls, 1) < 0) {
        fprintf(stderr, "lindbg: Couldn't listen on 127.0.0.1:%d: %s\n", port, strerror(errno));
        close(ls);
        return 1;
    }
    fprintf(stderr, "lindbg: DAP server listening on 127.0.0.1:%d\n", port);
    int c;
    while ((c = accept4(ls, NULL, NULL, SOCK_CLOEXEC)) < 0 && errno == EINTR)
        ;
    close(ls);
    if (c < 0) {
        fprintf(stderr, "lindbg: Couldn't accept a client: %s\n", strerror(errno));
        return 1;
    }
    int rc = dap_run(c, c);
    close(c);
    return rc;
}
