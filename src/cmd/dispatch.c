/* Finds the command of each input, applies the thread prefix, runs it and
 * prints its error. */
#include "cmd/dbg.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const struct cmd_def *const tables[] = {
    cmd_exec_table,   cmd_memory_table, cmd_register_table, cmd_symbol_table,
    cmd_disasm_table, cmd_stack_table,  cmd_thread_table,   cmd_event_table,
    cmd_source_table, cmd_locals_table, cmd_dt_table, cmd_breakpoint_table, cmd_bplist_table,
    cmd_ba_table,     cmd_script_table, cmd_debugpath_table, cmd_cexpr_table,
    cmd_info_table,   cmd_session_table, cmd_lastevent_table,
    cmd_dump_table,
    cmd_dumpsyms_table, cmd_address_table, cmd_formats_table,
    cmd_loop_table, cmd_scriptfile_table,
    cmd_search_table, cmd_memedit_table,
    cmd_target_info_table,
    cmd_printf_table, cmd_alias_table, cmd_log_table,
};

void dbg_init(struct dbg *d, struct session *s, FILE *out)
{
    memset(d, 0, sizeof *d);
    d->s = s;
    d->out = out;
    d->radix = 16;
    d->lines = 1;
    dbg_bps_init(d);
    dbg_debugpaths_init(d);
}

void dbg_free(struct dbg *d)
{
    dbg_log_close(d);
    alias_free(&d->aliases);
    bpm_free(&d->bpm);
    sym_srcpath_free(&d->srcpath);
}

const char *dbg_skip(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static const struct cmd_def *lookup(const char *name, size_t len)
{
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const struct cmd_def *c = tables[t]; c->name; c++)
            if (strlen(c->name) == len && strncmp(c->name, name, len) == 0)
                return c;
    return NULL;
}

int dbg_need_process_err(struct dbg *d, struct lerr *e)
{
    if (!eng_has_process(d->s))
        return lerr_set(e, "No target: the process has exited (nothing to inspect)");
    return 0;
}

int dbg_need_process(struct dbg *d)
{
    return dbg_need_process_err(d, &d->err);
}

static int run_plain(struct dbg *d, const char *cmd)
{
    if (cmd_is_comment(cmd))
        return 0;
    if (d->prefix && d->prefix->kind != CMD_THREAD_NONE && cmd_is_thread_e(cmd))
        return dbg_thread_e(d, cmd);
    if (dbg_thread_e_refuses(d, cmd))
        return -1;
    size_t n = cmd_name_len(cmd);
    const struct cmd_def *c = n ? lookup(cmd, n) : NULL;
    if (!c) {
        size_t shown = n ? n : strcspn(cmd, " \t");
        return lerr_set(&d->err, "Syntax error in '%.*s': no such command (.help lists them)",
                        (int)(shown > 40 ? 40 : shown), cmd);
    }
    /* `bp7` (an id) differs from `bp 7` (an address) */
    d->glued = cmd[n] != '\0' && cmd[n] != ' ' && cmd[n] != '\t';
    d->cmd_line = cmd;
    return c->fn(d, dbg_skip(cmd + n));
}

static int owns_prefix(const char *cmd)
{
    size_t n = cmd_name_len(cmd);
    const struct cmd_def *c = n ? lookup(cmd, n) : NULL;
    return c && c->own_prefix;
}

/* `~N cmd`: runs cmd with thread N current, then goes back. */
static int run_in_thread(struct dbg *d, struct eng_thread *t, const char *cmd)
{
    pid_t saved_tid = eng_cur_tid(d->s);
    eng_select(d->s, eng_cur_process(d->s), eng_thread_tid(t));
    int rc = run_plain(d, cmd);
    if (eng_find_thread(d->s, saved_tid, NULL))
        eng_select(d->s, eng_cur_process(d->s), saved_tid);
    return rc;
}

int dbg_execute(struct dbg *d, const char *cmd)
{
    struct cmd_prefix pf;
    lerr_clear(&d->err);
    cmd_parse_prefix(cmd, &pf);
    d->prefix = &pf;
    int rc;
    if (pf.kind == CMD_THREAD_NONE) {
        rc = run_plain(d, cmd);
    } else if (dbg_need_process(d) < 0) {
        rc = -1;
    } else if (pf.kind == CMD_THREAD_ALL && owns_prefix(pf.rest)) {
        /* `~*bp`: one breakpoint for every thread, not one per thread */
        rc = run_plain(d, pf.rest);
    } else {
        struct eng_process *p = eng_cur_process(d->s);
        struct eng_thread *t = NULL;
        if (pf.kind == CMD_THREAD_ALL) {
            rc = 0;
            /* ~*e: no thread header, as WinDbg */
            int e = cmd_is_thread_e(pf.rest);
            /* The command may run the target or end the process (`~* gc`,
             * `~* .kill`): the threads are taken by id, each looked up
             * again, and the walk ends once the target ran or went. */
            size_t n = eng_proc_nthreads(p);
            pid_t *tids = xcalloc(n ? n : 1, sizeof *tids);
            for (size_t i = 0; i < n; i++)
                tids[i] = eng_thread_tid(eng_proc_thread_at(p, i));
            unsigned runs = d->runs;
            for (size_t i = 0; i < n && rc == 0; i++) {
                struct eng_process *tp;
                struct eng_thread *ti;
                if (d->quit || d->resume_request || d->runs != runs || !eng_has_process(d->s))
                    break;
                if (!(ti = eng_find_thread(d->s, tids[i], &tp)))
                    continue; /* it ended meanwhile */
                /* each thread's `~` line after a blank line, as WinDbg's ~*k */
                if (!e) {
                    fputc('\n', d->out);
                    dbg_print_thread(d, tp, ti);
                }
                rc = run_in_thread(d, ti, pf.rest);
            }
            free(tids);
        } else {
            if (pf.kind == CMD_THREAD_CURRENT)
                t = eng_cur_thread(d->s);
            else if (pf.kind == CMD_THREAD_EVENT)
                t = eng_find_thread(d->s, eng_event_tid(d->s), NULL);
            else
                t = eng_thread_by_index(p, (int)pf.index);
            if (!t)
                rc = lerr_set(&d->err, "Illegal thread error: no thread %s",
                              pf.kind == CMD_THREAD_EVENT ? "caused the last event" : "with that index");
            else
                rc = run_in_thread(d, t, pf.rest);
        }
    }
    d->prefix = NULL;
    if (rc < 0 && d->err.msg[0])
        fprintf(d->out, "%s%s\n", dbg_script_where(d, cmd), d->err.msg);
    return rc;
}

/* Blocks, loops and aliases come back to dbg_execute_line: an alias that
 * names itself (aS x ".block { x }") would recurse until the stack
 * overflows. The same bound as for nested script files. */
#define MAX_EXEC_NESTING 64

static int run_line(struct dbg *d, const char *line)
{
    struct cmd_list l;
    /* aliases are replaced in the whole line before any of it runs (and
     * again in each block as it runs, since blocks come back here) */
    char *expanded = alias_expand(&d->aliases, line);
    int split = cmd_split(expanded, &l, &d->err);
    free(expanded);
    if (split < 0) {
        fprintf(d->out, "%s%s\n", d->script_at, d->err.msg);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < l.n && !d->quit && !d->resume_request && !d->list_ended &&
                       !d->loop_ctl; i++) {
        if (dbg_execute(d, l.cmds[i]) < 0) {
            rc = -1;
            break;
        }
    }
    cmd_list_free(&l);
    if (!d->in_bp_commands)
        d->list_ended = 0;
    fflush(d->out);
    return rc;
}

int dbg_execute_line(struct dbg *d, const char *line)
{
    if (d->exec_depth >= MAX_EXEC_NESTING) {
        lerr_set(&d->err, "Recursion error: command nesting deeper than %d", MAX_EXEC_NESTING);
        fprintf(d->out, "%s%s\n", d->script_at, d->err.msg);
        lerr_clear(&d->err);
        return -1;
    }
    d->exec_depth++;
    int rc = run_line(d, line);
    d->exec_depth--;
    return rc;
}

/* `.help` and `?` alone: one line per command, from the tables. */
int dbg_print_help(struct dbg *d)
{
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const struct cmd_def *c = tables[t]; c->name; c++)
            if (c->help[0]) /* "": a spelling of the command above */
                fprintf(d->out, "%-8s %s\n", c->name, c->help);
    return 0;
}

void dbg_command_names(const char *prefix, size_t len, void (*fn)(void *ctx, const char *name),
                       void *ctx)
{
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const struct cmd_def *c = tables[t]; c->name; c++)
            if (c->help[0] && strncmp(c->name, prefix, len) == 0) /* not k's 80 spellings */
                fn(ctx, c->name);
}
