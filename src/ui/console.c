#include "ui/console.h"
#include "ui/complete.h"
#include "util/xalloc.h"

#include <errno.h>
#include <histedit.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

/* Set by the SIGTERM/SIGHUP handler (a handler takes no argument). */
static volatile sig_atomic_t quit_requested;

struct console {
    FILE *out;
    int tty;
    EditLine *el;
    History *hist;
    HistEvent hev;
    char *histfile;
    char prompt[64];
    const struct cpl_source *cpl;
    char *tab_line;    /* the line a Tab left with several candidates: */
    size_t tab_cursor; /* a Tab on that same line lists them */
};

static unsigned char complete_key(EditLine *el, int ch);

static char *prompt_fn(EditLine *el)
{
    struct console *c = NULL;
    el_get(el, EL_CLIENTDATA, &c);
    return c ? c->prompt : "> ";
}

struct console *console_open(FILE *out, const char *histfile)
{
    struct console *c = xcalloc(1, sizeof *c);
    c->out = out;
    c->tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    if (!c->tty)
        return c;
    c->el = el_init("lindbg", stdin, stdout, stderr);
    c->hist = history_init();
    if (!c->el || !c->hist) {
        c->tty = 0;
        return c;
    }
    history(c->hist, &c->hev, H_SETSIZE, 1000);
    history(c->hist, &c->hev, H_SETUNIQUE, 1);
    if (histfile) {
        c->histfile = xstrdup(histfile);
        history(c->hist, &c->hev, H_LOAD, histfile);
    }
    el_set(c->el, EL_CLIENTDATA, c);
    el_set(c->el, EL_PROMPT, prompt_fn);
    el_set(c->el, EL_EDITOR, "emacs");
    el_set(c->el, EL_HIST, history, c->hist);
    el_set(c->el, EL_SIGNAL, 1);
    /* Tab: before ~/.editrc, which may bind it to something else. The
     * wide call: the narrow one copies the names and never frees them. */
    el_wset(c->el, EL_ADDFN, L"lindbg-complete", L"complete the word at the cursor", complete_key);
    el_set(c->el, EL_BIND, "^I", "lindbg-complete", NULL);
    el_source(c->el, NULL); /* ~/.editrc, as every libedit program */
    return c;
}

int console_is_terminal(const struct console *c) { return c->tty; }

/* Beyond this many candidates a listing is asked for first, as readline. */
enum { LIST_ASK_ABOVE = 100 };

static void list_candidates(struct console *c, EditLine *el, const struct cpl_names *l)
{
    int width = 80;
    if (el_get(el, EL_GETTC, "co", &width) != 0 || width <= 0)
        width = 80;
    fputc('\n', c->out);
    if (l->n > LIST_ASK_ABOVE) {
        fprintf(c->out, "Display all %zu possibilities? (y or n)", l->n);
        fflush(c->out);
        char ch = 'n';
        while (el_getc(el, &ch) == 1 && !strchr("yYnN \x7f\x03\x07", ch))
            ;
        fputc('\n', c->out);
        if (ch != 'y' && ch != 'Y' && ch != ' ') {
            fflush(c->out);
            return;
        }
    }
    char *cols = cpl_columns(l, width);
    fputs(cols, c->out);
    free(cols);
    fflush(c->out);
}

/* Characters in s[0, n): libedit deletes characters, not bytes. */
static int char_count(const char *s, size_t n)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    int k = 0;
    for (size_t i = 0; i < n; k++) {
        size_t l = mbrlen(s + i, n - i, &st);
        if (l == 0 || l > n - i) {
            l = 1; /* not a character here: a byte, and start afresh */
            memset(&st, 0, sizeof st);
        }
        i += l;
    }
    return k;
}

/* The Tab key (libedit calls it with the line as typed so far). */
static unsigned char complete_key(EditLine *el, int ch)
{
    (void)ch;
    struct console *c = NULL;
    el_get(el, EL_CLIENTDATA, &c);
    const LineInfo *li = el_line(el);
    if (!c || !c->cpl)
        return CC_ERROR;
    char *line = xstrndup(li->buffer, (size_t)(li->lastchar - li->buffer));
    size_t cursor = (size_t)(li->cursor - li->buffer);
    struct cpl_result r;
    cpl_complete(line, cursor, c->cpl, &r);
    unsigned char ret;
    size_t typed = cursor - r.start;
    int same_tab = c->tab_line && !strcmp(c->tab_line, line) && c->tab_cursor == cursor;
    free(c->tab_line);
    c->tab_line = NULL;
    if (r.shown.n == 0) {
        ret = CC_REFRESH_BEEP;
    } else if (strlen(r.text) != typed || strncmp(r.text, line + r.start, typed) != 0) {
        el_deletestr(el, char_count(line + r.start, typed));
        el_insertstr(el, r.text);
        if (r.shown.n > 1) {
            /* still ambiguous: the next Tab lists, as readline's */
            size_t n = strlen(r.text);
            c->tab_line = xmalloc(strlen(line) - typed + n + 1);
            memcpy(c->tab_line, line, r.start);
            memcpy(c->tab_line + r.start, r.text, n);
            strcpy(c->tab_line + r.start + n, line + cursor);
            c->tab_cursor = r.start + n;
        }
        ret = CC_REFRESH;
    } else if (r.shown.n == 1) {
        ret = CC_REFRESH; /* complete already */
    } else if (!same_tab) {
        c->tab_line = line;
        c->tab_cursor = cursor;
        line = NULL;
        ret = CC_REFRESH_BEEP;
    } else {
        list_candidates(c, el, &r.shown);
        ret = CC_REDISPLAY;
    }
    cpl_result_free(&r);
    free(line);
    return ret;
}

void console_set_completion(struct console *c, const struct cpl_source *src)
{
    c->cpl = src;
}

char *console_read(struct console *c, const char *prompt)
{
    snprintf(c->prompt, sizeof c->prompt, "%s", prompt);
    if (!c->tty) {
        char *line = NULL;
        size_t cap = 0;
        fputs(prompt, c->out);
        fflush(c->out);
        ssize_t n;
        errno = 0;
        /* a SIGINT at the prompt (no SA_RESTART) is not the end of input */
        while ((n = getline(&line, &cap, stdin)) < 0 && errno == EINTR && !quit_requested) {
            clearerr(stdin);
            errno = 0;
        }
        if (n < 0 || quit_requested) {
            free(line);
            fputc('\n', c->out);
            return NULL;
        }
        line[strcspn(line, "\r\n")] = '\0';
        fprintf(c->out, "%s\n", line);
        return line;
    }
    fflush(c->out);
    for (;;) {
        int count = 0;
        errno = 0;
        const char *s = el_gets(c->el, &count);
        if (quit_requested)
            return NULL;
        if (!s) {
            if (count < 0 && errno == EINTR) {
                /* Ctrl+C at the prompt: a fresh line, nothing else */
                fputc('\n', c->out);
                continue;
            }
            fputc('\n', c->out);
            return NULL;
        }
        char *line = xstrdup(s);
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0]) {
            history(c->hist, &c->hev, H_ENTER, line);
            if (c->histfile)
                history(c->hist, &c->hev, H_SAVE, c->histfile);
        }
        return line;
    }
}

void console_terminal_to(struct console *c, pid_t pgrp)
{
    if (!c || !c->tty)
        return;
    /* tcsetpgrp from a background group raises SIGTTOU: not for us. */
    void (*old)(int) = signal(SIGTTOU, SIG_IGN);
    tcsetpgrp(STDIN_FILENO, pgrp ? pgrp : getpgrp());
    signal(SIGTTOU, old);
}

void console_close(struct console *c)
{
    if (!c)
        return;
    if (c->el)
        el_end(c->el);
    if (c->hist)
        history_end(c->hist);
    free(c->histfile);
    free(c->tab_line);
    free(c);
}

/* A signal handler takes no argument: the session it acts on has to be
 * reachable from here. */
static struct session *breakin_session;

static void on_sigint(int sig)
{
    (void)sig;
    int saved = errno;
    if (breakin_session)
        eng_breakin(breakin_session);
    errno = saved;
}

static void on_terminate(int sig)
{
    (void)sig;
    int saved = errno;
    quit_requested = 1;
    if (breakin_session)
        eng_breakin(breakin_session); /* a running target stops first */
    errno = saved;
}

int console_must_quit(void) { return quit_requested; }

void console_handle_breakin(struct session *s)
{
    breakin_session = s;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: el_gets returns, and we redraw */
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_terminate;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}
