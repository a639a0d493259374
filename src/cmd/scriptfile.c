/* Script files: $<FILE and $$<FILE run the file's lines one by one, as
 * typed; $><FILE and $$><FILE join them (';' between) into one command
 * block, so that a .if or .for may span lines; $$>a<FILE ARGS... does so
 * after replacing ${$argN} (and ${/d:$argN}) by its arguments. All but
 * $$>a< echo the commands with the prompt. An error prints the file and
 * line in front of its message (the line of the failing command, also in
 * a body over several lines) and ends the script (and the scripts that
 * called it). Joined, a file's comments go line by line first: `$$ text`
 * up to its ';' or its line's end, `* text` to its line's end (in WinDbg
 * it would take the rest of the block, here the rest of the file). */
#include "cmd/dbg.h"
#include "cmd/script_text.h"
#include "util/cmdline.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Scripts may call scripts, themselves included: a bound keeps a script
 * that calls itself forever from overflowing the stack. */
#define MAX_NESTING 64

static void prompt(struct dbg *d, char *buf, size_t size)
{
    struct eng_process *p = eng_cur_process(d->s);
    struct eng_thread *t = eng_cur_thread(d->s);
    snprintf(buf, size, "%d:%03d> ", p ? eng_proc_index(p) : 0, t ? eng_thread_index(t) : 0);
}

static void echo(struct dbg *d, const char *cmd)
{
    char pr[32];
    prompt(d, pr, sizeof pr);
    fprintf(d->out, "%s%s\n", pr, cmd);
}

char *dbg_read_text_file(struct dbg *d, const char *path, const char *what)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        lerr_set(&d->err, "Couldn't open %s '%s': %s", what, path, strerror(errno));
        return NULL;
    }
    char *buf = NULL;
    size_t cap = 0;
    errno = 0;
    ssize_t n = getdelim(&buf, &cap, '\0', f);
    int failed = ferror(f), err = errno;
    fclose(f);
    if (n < 0) {
        free(buf);
        if (!failed)
            return xstrdup(""); /* empty */
        /* a directory opens, and reads as an error (EISDIR) */
        lerr_set(&d->err, "Couldn't read %s '%s': %s", what, path, strerror(err));
        return NULL;
    }
    return buf;
}

static int stopping(const struct dbg *d)
{
    return d->quit || d->resume_request || d->list_ended || d->loop_ctl;
}

/* Runs `cmd` (one line, or one command of a joined file) at path(line).
 * Returns -1 when it failed (its error was printed). */
static int run_at(struct dbg *d, const char *path, int line, const char *cmd, int one_command)
{
    snprintf(d->script_at, sizeof d->script_at, "%s(%d): ", path, line);
    int rc;
    if (one_command) {
        rc = dbg_execute(d, cmd);
        fflush(d->out);
    } else {
        rc = dbg_execute_line(d, cmd);
    }
    return rc;
}

/* $< and $$<: line by line. */
static int run_lines(struct dbg *d, const char *path, const char *text, unsigned ctrl_c)
{
    int number = 0, rc = 0;
    for (const char *p = text; *p && rc == 0 && !stopping(d);) {
        size_t n = strcspn(p, "\r\n");
        char *line = xmalloc(n + 1);
        memcpy(line, p, n);
        line[n] = '\0';
        number++;
        if (*dbg_skip(line)) {
            echo(d, line);
            rc = run_at(d, path, number, line, 0);
        }
        free(line);
        p += n;
        if (*p == '\r' && p[1] == '\n')
            p++;
        if (*p)
            p++;
        if (rc == 0 && eng_breakin_count(d->s) != ctrl_c) {
            eng_breakin_clear(d->s);
            fprintf(d->out, "%s(%d): Interrupted: Ctrl+C ended the script\n", path, number);
            rc = -1;
        }
    }
    return rc;
}

/* The joined script running (innermost), so that an error inside a
 * body (a .for over several lines) names its own line, not the line the
 * .for starts on: the failing command is found in the text of the
 * top-level command being run. */
struct dbg_script_run {
    const char *path;
    const char *text; /* the joined text */
    const struct script_line *lines;
    size_t nlines;
    size_t from, to; /* the top-level command being run */
};

static int boundary_before(const char *text, size_t from, size_t at)
{
    while (at > from && (text[at - 1] == ' ' || text[at - 1] == '\t'))
        at--;
    return at == from || strchr(";{(", text[at - 1]);
}

const char *dbg_script_where(struct dbg *d, const char *cmd)
{
    const struct dbg_script_run *r = d->script_run;
    size_t n = strlen(cmd);
    if (!r || !n)
        return d->script_at;
    for (size_t at = r->from; at + n <= r->to; at++) {
        if (memcmp(r->text + at, cmd, n) || !boundary_before(r->text, r->from, at))
            continue;
        size_t e = at + n;
        while (e < r->to && (r->text[e] == ' ' || r->text[e] == '\t'))
            e++;
        if (e < r->to && !strchr(";})", r->text[e]))
            continue; /* a longer command that starts the same */
        snprintf(d->script_at, sizeof d->script_at, "%s(%d): ", r->path,
                 script_line_of(r->lines, r->nlines, at));
        break;
    }
    return d->script_at;
}

/* $><, $$>< and $$>a<: one block, each command at the line it starts on. */
static int run_joined(struct dbg *d, const char *path, const char *text, int show,
                      unsigned ctrl_c)
{
    struct script_line *lines;
    size_t nlines;
    if (show) {
        char *shown = script_join_lines(text, &lines, &nlines);
        echo(d, shown);
        free(shown);
        free(lines);
    }
    char *joined = script_join_code(text, &lines, &nlines);
    struct dbg_script_run run = {path, joined, lines, nlines, 0, 0};
    struct cmd_list l;
    int rc = 0;
    size_t bad = 0;
    if (cmd_split_at(joined, &l, &d->err, &bad) < 0) {
        fprintf(d->out, "%s(%d): %s\n", path, script_line_of(lines, nlines, bad), d->err.msg);
        rc = -1;
    } else {
        d->script_run = &run;
        for (size_t i = 0; i < l.n && rc == 0 && !stopping(d); i++) {
            int number = script_line_of(lines, nlines, l.offs[i]);
            run.from = l.offs[i];
            run.to = l.offs[i] + strlen(l.cmds[i]);
            rc = run_at(d, path, number, l.cmds[i], 1);
            if (rc == 0 && eng_breakin_count(d->s) != ctrl_c) {
                eng_breakin_clear(d->s);
                fprintf(d->out, "%s(%d): Interrupted: Ctrl+C ended the script\n", path, number);
                rc = -1;
            }
        }
        cmd_list_free(&l);
    }
    free(lines);
    free(joined);
    return rc;
}

/* A file name: the rest of the command, blanks around it and quotes
 * around it left out. Malloc'd. */
static char *file_name(const char *args)
{
    size_t n;
    const char *p = cmd_file_arg(args, &n);
    char *s = xmalloc(n + 1);
    memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

static int run_script(struct dbg *d, char **argv, size_t argc, int joined, int show)
{
    if (!argv[0][0])
        return lerr_set(&d->err, "Syntax error: a script file name is needed");
    if (d->script_depth >= MAX_NESTING)
        return lerr_set(&d->err, "Script error: scripts nested more than %d deep", MAX_NESTING);
    char *text = dbg_read_text_file(d, argv[0], "script file");
    if (!text)
        return -1;
    if (argc > 1 || !show) {
        char *t = script_subst_args(text, argv, argc);
        free(text);
        text = t;
    }
    char saved_at[sizeof d->script_at];
    memcpy(saved_at, d->script_at, sizeof saved_at);
    const struct dbg_script_run *saved_run = d->script_run;
    d->script_run = NULL; /* set by run_joined for its own text */
    unsigned ctrl_c = eng_breakin_count(d->s);
    d->script_depth++;
    int rc = joined ? run_joined(d, argv[0], text, show, ctrl_c)
                    : run_lines(d, argv[0], text, ctrl_c);
    d->script_depth--;
    memcpy(d->script_at, saved_at, sizeof saved_at);
    d->script_run = saved_run;
    free(text);
    if (rc < 0)
        lerr_clear(&d->err); /* printed where it happened */
    return rc;
}

static int one_file(struct dbg *d, const char *args, int joined)
{
    char *name = file_name(args);
    char *argv[] = {name, NULL};
    int rc = run_script(d, argv, 1, joined, 1);
    free(name);
    return rc;
}

static int cmd_run_lines(struct dbg *d, const char *args) { return one_file(d, args, 0); }

static int cmd_run_joined(struct dbg *d, const char *args) { return one_file(d, args, 1); }

/* $$>a<FILE ARG1 ARG2...: words as a shell splits them ("a b" is one). */
static int cmd_run_args(struct dbg *d, const char *args)
{
    char **words = cmdline_split(args, &d->err);
    if (!words)
        return -1;
    size_t n = 0;
    while (words[n])
        n++;
    int rc = n ? run_script(d, words, n, 1, 0)
               : lerr_set(&d->err, "Syntax error: a script file name is needed");
    cmdline_free(words);
    return rc;
}

const struct cmd_def cmd_scriptfile_table[] = {
    {"$<", cmd_run_lines, "$<FILE: run the file's lines as typed (the name may hold ';')"},
    {"$$<", cmd_run_lines, "$$<FILE: run the file's lines as typed"},
    {"$><", cmd_run_joined, "$><FILE: run the file as one command block (lines joined by ';')"},
    {"$$><", cmd_run_joined, "$$><FILE: run the file as one command block"},
    {"$$>a<", cmd_run_args,
     "$$>a<FILE ARG1 ARG2 ...: one block, ${$argN} replaced by ARGN, not echoed"},
    {NULL, NULL, NULL},
};
