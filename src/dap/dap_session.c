/* The session's life as DAP sees it: initialize, launch and attach,
 * configurationDone, restart, terminate and disconnect; the program's
 * output and the engine's events as DAP events; the breakpoint manager's
 * client. */
#include "dap/dap_int.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static void add_true(cJSON *o, const char *name) { cJSON_AddBoolToObject(o, name, 1); }

int dap_initialize(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    if (a->initialized)
        return lerr_set(e, "Already initialized");
    static const char *const caps[] = {
        "supportsConfigurationDoneRequest", "supportsFunctionBreakpoints",
        "supportsConditionalBreakpoints", "supportsHitConditionalBreakpoints",
        "supportsEvaluateForHovers", "supportsSetVariable", "supportsModulesRequest",
        "supportsLoadedSourcesRequest", "supportsLogPoints", "supportsDataBreakpoints",
        "supportsReadMemoryRequest", "supportsWriteMemoryRequest", "supportsDisassembleRequest",
        "supportsInstructionBreakpoints", "supportsDataBreakpointBytes", "supportsTerminateRequest", "supportsRestartRequest",
        "supportTerminateDebuggee", "supportsSteppingGranularity", "supportsClipboardContext",
    };
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++)
        add_true(body, caps[i]);
    cJSON_AddBoolToObject(body, "supportsStepBack", 0);
    cJSON_AddItemToObject(body, "exceptionBreakpointFilters", dap_exception_filters());
    a->initialized = 1;
    a->client_invalidated = dap_arg_bool(args, "supportsInvalidatedEvent", 0);
    return 0;
}

/* How many bytes at the end of buf[0..n) begin a UTF-8 character that
 * the next read completes (they wait for it: JSON strings are whole
 * characters). */
static size_t utf8_tail(const char *buf, size_t n)
{
    for (size_t k = 1; k <= 3 && k <= n; k++) {
        unsigned char c = (unsigned char)buf[n - k];
        if ((c & 0xc0) == 0x80)
            continue; /* a continuation byte: look further back */
        size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return len > k ? k : 0;
    }
    return 0;
}

/* Copies the program's output into `output` events until it ends, or,
 * once the session lets the program go, until nothing more is there (a
 * child it left behind may hold the pipe open forever). */
static void *output_main(void *arg)
{
    struct dap *a = arg;
    char buf[4096];
    size_t kept = 0; /* the start of a character cut by the last read */
    int drained = 0; /* polls since the program was let go */
    for (;;) {
        struct pollfd pfd = {.fd = a->program_fd, .events = POLLIN};
        int r = poll(&pfd, 1, 50);
        if (r < 0 && errno == EINTR)
            continue;
        /* what is left is read in 20 reads at most: a program that
         * writes on, or a child of it, cannot hold the session's end */
        if (a->output_stop && (r == 0 || ++drained > 20))
            break;
        if (r == 0)
            continue;
        ssize_t n = read(a->program_fd, buf + kept, sizeof buf - 1 - kept);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        size_t len = kept + (size_t)n;
        for (size_t i = kept; i < len; i++)
            if (!buf[i])
                buf[i] = '?'; /* a NUL would end the JSON string */
        size_t tail = utf8_tail(buf, len);
        char next[4];
        memcpy(next, buf + len - tail, tail);
        buf[len - tail] = '\0';
        if (len > tail)
            dap_output(a, "stdout", buf);
        memcpy(buf, next, tail);
        kept = tail;
    }
    if (kept) { /* a character the output ended inside of */
        buf[kept] = '\0';
        dap_output(a, "stdout", buf);
    }
    return NULL;
}

void dap_output_stop(struct dap *a)
{
    if (!a->output_thread_on)
        return;
    a->output_stop = 1;
    pthread_join(a->output_thread, NULL);
    a->output_thread_on = 0;
    a->output_stop = 0;
    close(a->program_fd);
    a->program_fd = -1;
}

/* A pipe for the program's output and the thread that reads it; the write
 * end (in *wfd) goes to the program and is closed here once launched. */
static int output_pipe(struct dap *a, int *wfd, struct lerr *e)
{
    dap_output_stop(a);
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        return lerr_set(e, "Couldn't start the program: pipe: %s", strerror(errno));
    a->program_fd = p[0];
    *wfd = p[1];
    pthread_create(&a->output_thread, NULL, output_main, a);
    a->output_thread_on = 1;
    return 0;
}

/* launch's env: ours, with the client's names set (a null value unsets). */
static char **make_env(const cJSON *env)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **v = xcalloc(n + (size_t)cJSON_GetArraySize(env) + 1, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(environ[i], '=');
        size_t len = eq ? (size_t)(eq - environ[i]) : strlen(environ[i]);
        int overridden = 0;
        const cJSON *it;
        cJSON_ArrayForEach(it, env) overridden |= strlen(it->string) == len &&
                                                 !strncmp(it->string, environ[i], len);
        if (!overridden)
            v[k++] = xstrdup(environ[i]);
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, env)
    {
        /* a number or a boolean as JSON writes it; null unsets */
        char *text = cJSON_IsString(it) ? xstrdup(it->valuestring)
                     : cJSON_IsNull(it) ? NULL
                                        : cJSON_PrintUnformatted(it);
        if (!text)
            continue;
        size_t len = strlen(it->string) + strlen(text) + 2;
        v[k] = xmalloc(len);
        snprintf(v[k++], len, "%s=%s", it->string, text);
        free(text);
    }
    return v;
}

static void free_env(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

void dap_launch_free(struct dap *a)
{
    free_env(a->launch_env);
    free(a->launch_cwd);
    a->launch_env = NULL;
    a->launch_cwd = NULL;
}

/* Launches argv with the session's cwd and env, its output to a pipe. */
static int start(struct dap *a, char *const argv[], struct lerr *e)
{
    int wfd = -1;
    if (output_pipe(a, &wfd, e) < 0)
        return -1;
    struct tgt_launch_opts lo = {.cwd = a->launch_cwd,
                                 .envp = a->launch_env,
                                 .redirect_stdio = 1,
                                 .out_fd = wfd};
    int rc = eng_launch(a->s, argv, &lo, e);
    close(wfd);
    if (rc < 0)
        dap_output_stop(a);
    return rc;
}

static void process_event(struct dap *a, const char *method)
{
    struct eng_process *p = eng_cur_process(a->s);
    if (!p)
        return;
    char path[4096];
    eng_exe_path(a->s, p, path, sizeof path);
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "name", path);
    cJSON_AddNumberToObject(b, "systemProcessId", eng_proc_pid(p));
    cJSON_AddBoolToObject(b, "isLocalProcess", 1);
    cJSON_AddStringToObject(b, "startMethod", method);
    dap_event(a, "process", b);
}

/* Launched or attached: answered, then the client configures. */
static void ready(struct dap *a, const char *method)
{
    a->have_target = 1;
    a->epoch++;
    a->exited_sent = a->terminated_sent = 0;
    dap_respond_now(a, NULL);
    process_event(a, method);
    dap_event(a, "initialized", NULL);
}

int dap_launch(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    if (a->have_target)
        return lerr_set(e, "Already debugging: disconnect first");
    const char *program = dap_arg_str(args, "program", NULL);
    if (!program || !*program)
        return lerr_set(e, "Syntax error: launch needs a 'program'");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(args, "args");
    const cJSON *env = cJSON_GetObjectItemCaseSensitive(args, "env");
    size_t n = (size_t)cJSON_GetArraySize(list);
    char **argv = xcalloc(n + 2, sizeof *argv);
    argv[0] = (char *)program;
    const cJSON *it;
    size_t k = 1;
    cJSON_ArrayForEach(it, list) if (cJSON_IsString(it)) argv[k++] = it->valuestring;
    /* the engine keeps the options of the last launch that worked (the
     * REPL's .restart uses them): the old ones go only once this one did */
    char **old_env = a->launch_env, *old_cwd = a->launch_cwd;
    a->launch_env = cJSON_IsObject(env) ? make_env(env) : NULL;
    const char *cwd = dap_arg_str(args, "cwd", NULL);
    a->launch_cwd = cwd && *cwd ? xstrdup(cwd) : NULL;
    int rc = start(a, argv, e);
    free(argv);
    char **drop_env = rc < 0 ? a->launch_env : old_env;
    char *drop_cwd = rc < 0 ? a->launch_cwd : old_cwd;
    if (rc < 0) {
        a->launch_env = old_env;
        a->launch_cwd = old_cwd;
    }
    free_env(drop_env);
    free(drop_cwd);
    if (rc < 0)
        return -1;
    a->launched = 1;
    a->stop_on_entry = dap_arg_bool(args, "stopOnEntry", 0);
    ready(a, "launch");
    return 0;
}

int dap_attach(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    if (a->have_target)
        return lerr_set(e, "Already debugging: disconnect first");
    long long pid = dap_arg_int(args, "pid", dap_arg_int(args, "processId", 0));
    const char *text = dap_arg_str(args, "pid", NULL); /* "${command:pickProcess}" */
    if (text)
        pid = strtoll(text, NULL, 10);
    if (pid <= 0)
        return lerr_set(e, "Syntax error: attach needs a 'pid'");
    if (eng_attach(a->s, (pid_t)pid, e) < 0)
        return -1;
    a->launched = 0;
    a->stop_on_entry = dap_arg_bool(args, "stopOnEntry", 0);
    ready(a, "attach");
    return 0;
}

int dap_configuration_done(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    if (!a->have_target)
        return 0;
    dap_respond_now(a, NULL);
    if (a->stop_on_entry)
        dap_report_stop(a);
    else
        dap_go(a);
    return 0;
}

void dap_end_target(struct dap *a, int terminate)
{
    int killed = terminate > 0 && eng_nprocs(a->s);
    for (size_t i = 0; terminate < 0 && i < eng_nprocs(a->s); i++)
        killed |= eng_proc_launched(eng_proc_at(a->s, i));
    /* (a process that cannot be detached is gone from the session all
     * the same: never left stopped) */
    struct lerr e = {0};
    int rc = terminate > 0 ? eng_kill_all(a->s, &e)
             : terminate == 0 ? eng_detach_all(a->s, &e)
                              : eng_let_go_all(a->s, &e);
    if (rc < 0 && e.msg[0])
        dap_output(a, "important", e.msg);
    dap_output_stop(a);
    /* a program let go goes on: it has not exited */
    if (a->have_target && !a->exited_sent && killed) {
        a->exited_sent = 1;
        cJSON *b = cJSON_CreateObject();
        cJSON_AddNumberToObject(b, "exitCode", 128 + SIGKILL);
        dap_event(a, "exited", b);
    }
    if (a->have_target && !a->terminated_sent) {
        a->terminated_sent = 1;
        dap_event(a, "terminated", NULL);
    }
    a->have_target = 0;
}

int dap_disconnect(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    const cJSON *t = args ? cJSON_GetObjectItemCaseSensitive(args, "terminateDebuggee") : NULL;
    dap_end_target(a, cJSON_IsBool(t) ? cJSON_IsTrue(t) : -1);
    a->quit = 1;
    return 0;
}

int dap_terminate(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    dap_end_target(a, 1);
    return 0;
}

int dap_restart(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    struct tgt_launch_opts o;
    char *const *saved = eng_launch_argv(a->s, &o);
    if (!saved || !a->launched)
        return lerr_set(e, "Couldn't restart: this session did not launch a program");
    /* eng_launch keeps its own copy of the command line: saved stays valid */
    int keep = a->have_target;
    a->have_target = 0; /* no exited/terminated: the session goes on */
    dap_end_target(a, 1);
    a->have_target = keep;
    bpm_restart_begin(&a->d.bpm);
    if (start(a, saved, e) < 0) {
        /* the old program is gone and no new one came: the session's
         * program has ended, and the client is told so */
        bpm_restart_cancel(&a->d.bpm);
        cJSON *b = cJSON_CreateObject();
        cJSON_AddNumberToObject(b, "exitCode", 128 + SIGKILL);
        dap_event(a, "exited", b);
        dap_event(a, "terminated", NULL);
        a->have_target = 0;
        return -1;
    }
    bpm_restart_end(&a->d.bpm, eng_proc_pid(eng_cur_process(a->s)));
    a->have_target = 1;
    a->exited_sent = a->terminated_sent = 0;
    a->epoch++;
    dap_forget_stop(a);
    dap_respond_now(a, NULL);
    process_event(a, "launch");
    if (a->stop_on_entry)
        dap_report_stop(a);
    else
        dap_go(a);
    return 0;
}

static cJSON *module_body(const char *reason, const struct eng_event *ev)
{
    cJSON *m = cJSON_CreateObject();
    char id[32];
    dap_hex(id, sizeof id, ev->start);
    cJSON_AddStringToObject(m, "id", id);
    const char *base = strrchr(ev->path, '/');
    cJSON_AddStringToObject(m, "name", base ? base + 1 : ev->path);
    cJSON_AddStringToObject(m, "path", ev->path);
    char range[64];
    snprintf(range, sizeof range, "0x%llx-0x%llx", (unsigned long long)ev->start,
             (unsigned long long)ev->end);
    cJSON_AddStringToObject(m, "addressRange", range);
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "reason", reason);
    cJSON_AddItemToObject(b, "module", m);
    return b;
}

static void thread_event(struct dap *a, const char *reason, pid_t tid)
{
    cJSON *b = cJSON_CreateObject();
    cJSON_AddStringToObject(b, "reason", reason);
    cJSON_AddNumberToObject(b, "threadId", tid);
    dap_event(a, "thread", b);
}

void dap_on_engine_event(void *ctx, const struct eng_event *ev)
{
    struct dap *a = ctx;
    switch (ev->kind) {
    case ENG_EVT_MODLOAD:
        dap_event(a, "module", module_body("new", ev));
        break;
    case ENG_EVT_MODUNLOAD:
        dap_event(a, "module", module_body("removed", ev));
        break;
    /* the list for `threads` first: a client asks for it when told */
    case ENG_EVT_THREAD_CREATE:
        dap_snapshot_threads(a, 0);
        thread_event(a, "started", ev->tid);
        break;
    case ENG_EVT_THREAD_EXIT:
        dap_snapshot_threads(a, ev->tid);
        thread_event(a, "exited", ev->tid);
        break;
    case ENG_EVT_PROCESS_EXIT:
        if (!a->exited_sent && eng_nprocs(a->s) <= 1) {
            a->exited_sent = 1;
            cJSON *b = cJSON_CreateObject();
            cJSON_AddNumberToObject(b, "exitCode", ev->sig ? 128 + ev->sig : ev->code);
            dap_event(a, "exited", b);
        }
        break;
    default:
        /* the rest as the command line says it, on the console */
        dbg_on_event(&a->d, ev);
        break;
    }
}

/* The manager's client is the command line's (its expressions, its
 * notes on the console), with what DAP says on its own. */
static void (*cli_note)(void *ctx, const struct bpm_note *n);

static struct dap *of_dbg(void *ctx)
{
    return (struct dap *)((char *)ctx - offsetof(struct dap, d));
}

static void note(void *ctx, const struct bpm_note *n)
{
    cli_note(ctx, n);
    if (n->kind == BPM_NOTE_RESOLVED)
        dap_bp_resolved(of_dbg(ctx), n->id);
    if (n->kind == BPM_NOTE_BM_SET)
        dap_bp_pattern_set(of_dbg(ctx), n->pattern_id, n->id);
}

/* A command of the REPL runs the target: a pause must reach it. */
static void run_hook(void *ctx, struct dbg *d, int running)
{
    struct dap *a = ctx;
    if (running) {
        /* the client did not ask for this run: it is told */
        if (!a->running) {
            cJSON *b = cJSON_CreateObject();
            cJSON_AddNumberToObject(b, "threadId", eng_cur_tid(a->s));
            cJSON_AddBoolToObject(b, "allThreadsContinued", 1);
            dap_event(a, "continued", b);
        }
        dap_snapshot_threads(a, 0);
        dap_before_run(a, 0);
    } else {
        a->running = 0;
        dap_keep_stop(a);
    }
}

void dap_client_init(struct dap *a)
{
    cli_note = a->d.bpm.client.note;
    a->d.bpm.client.note = note;
    a->d.bpm.client.logpoint = dap_logpoint;
    a->d.run_hook = run_hook;
    a->d.run_hook_ctx = a;
}
