/* Log files: .logopen, .logappend, .logclose, .logfile. While a log is
 * open, d->out is a stream that writes to the screen and to the log
 * (fopencookie), so every command's output, events and stops land in the
 * file; the console's prompt and the line typed are added by
 * dbg_log_echo, since the console prints them itself. */
#include "cmd/dbg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "util/xalloc.h"

struct dbg_log {
    FILE *file;
    FILE *screen; /* d->out before the log opened */
    FILE *tee;
    int utf16;    /* /u: the log is UTF-16LE */
    char path[4096];
};

/* Writes UTF-8 text to the log as UTF-16LE (a byte that is not valid
 * UTF-8 goes as the code point of the same value). */
static void put_utf16(FILE *f, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned cp = s[i], more = 0;
        if (cp >= 0xf0 && cp < 0xf8)
            cp &= 0x07, more = 3;
        else if (cp >= 0xe0 && cp < 0xf0)
            cp &= 0x0f, more = 2;
        else if (cp >= 0xc0 && cp < 0xe0)
            cp &= 0x1f, more = 1;
        size_t k = 1;
        for (; k <= more && i + k < n && (s[i + k] & 0xc0) == 0x80; k++)
            cp = cp << 6 | (s[i + k] & 0x3f);
        if (k <= more) { /* broken sequence: the byte itself */
            cp = s[i];
            k = 1;
        }
        i += k;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unsigned hi = 0xd800 + (cp >> 10), lo = 0xdc00 + (cp & 0x3ff);
            fputc((int)(hi & 0xff), f), fputc((int)(hi >> 8), f);
            fputc((int)(lo & 0xff), f), fputc((int)(lo >> 8), f);
        } else {
            fputc((int)(cp & 0xff), f), fputc((int)(cp >> 8), f);
        }
    }
}

static void to_log(struct dbg_log *l, const char *buf, size_t size)
{
    if (l->utf16)
        put_utf16(l->file, (const unsigned char *)buf, size);
    else
        fwrite(buf, 1, size, l->file);
    fflush(l->file);
}

static ssize_t tee_write(void *cookie, const char *buf, size_t size)
{
    struct dbg_log *l = cookie;
    fwrite(buf, 1, size, l->screen);
    /* the program writes to the same terminal: what we showed must be
     * out before it runs, as when d->out was the screen itself */
    fflush(l->screen);
    to_log(l, buf, size);
    return (ssize_t)size;
}

void dbg_log_echo(struct dbg *d, const char *prompt, const char *line)
{
    struct dbg_log *l = d->log;
    if (!l)
        return;
    fflush(l->tee);
    to_log(l, prompt, strlen(prompt));
    to_log(l, line, strlen(line));
    to_log(l, "\n", 1);
}

void dbg_log_close(struct dbg *d)
{
    struct dbg_log *l = d->log;
    if (!l)
        return;
    fflush(l->tee);
    d->out = l->screen;
    d->log = NULL;
    fclose(l->tee);
    fclose(l->file);
    free(l);
}

static int close_log(struct dbg *d, int quiet)
{
    if (!d->log) {
        if (!quiet)
            fputs("No log file open\n", d->out);
        return 0;
    }
    fprintf(d->out, "Closing open log file %s\n", d->log->path);
    dbg_log_close(d);
    return 0;
}

/* The file name argument: quoted or not; lindbg.log when none. */
static void file_arg(const char *p, char *out, size_t size)
{
    size_t n;
    p = cmd_file_arg(p, &n);
    if (!n) {
        p = "lindbg.log";
        n = strlen(p);
    }
    snprintf(out, size, "%.*s", (int)n, p);
}

/* /t: the process id, date and time before the extension, as
 * "name_02BC_2005-02-28_09-05-50-935.txt". */
static void add_time(struct dbg *d, char *path, size_t size)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    localtime_r(&tv.tv_sec, &tm);
    struct eng_process *p = eng_cur_process(d->s);
    char stamp[64];
    snprintf(stamp, sizeof stamp, "_%04X_%04d-%02d-%02d_%02d-%02d-%02d-%03d",
             p ? (unsigned)eng_proc_pid(p) : 0u, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(tv.tv_usec / 1000));
    char *slash = strrchr(path, '/');
    char *dot = strrchr(slash ? slash : path, '.');
    size_t at = dot && dot != (slash ? slash + 1 : path) ? (size_t)(dot - path) : strlen(path);
    char rest[4096];
    snprintf(rest, sizeof rest, "%s", path + at);
    snprintf(path + at, size - at, "%s%s", stamp, rest);
}

/* The log replaces d->out (and closing it gives the screen back): under a
 * capture that would free or bypass the capture's stream. */
static int refuse_in_capture(struct dbg *d, const char *name)
{
    if (!d->capture_depth)
        return 0;
    return lerr_set(&d->err, "Script error: %s cannot run while output is captured "
                             "(as /c, .foreach, .shell -ci)", name);
}

/* How many letters of options /t, /u, /tu ... start at p (p[0] == '/'):
 * only t and u, followed by a blank or the end; 0 when p is a file name
 * (/tmp/x.log). */
static size_t option_len(const char *p)
{
    size_t n = 1;
    while (n <= 2 && (p[n] == 't' || p[n] == 'u'))
        n++;
    if (n == 1 || (p[n] != ' ' && p[n] != '\t' && p[n]))
        return 0;
    return n - 1;
}

static int open_log(struct dbg *d, const char *args, int append)
{
    if (refuse_in_capture(d, append ? ".logappend" : ".logopen") < 0)
        return -1;
    const char *p = dbg_skip(args);
    int stamp = 0, utf16 = 0;
    size_t n;
    while (*p == '/' && (n = option_len(p)) > 0) {
        for (size_t i = 1; i <= n; i++) {
            if (p[i] == 't' && append)
                return lerr_set(&d->err, "Syntax error: .logappend has no /t option");
            if (p[i] == 't')
                stamp = 1;
            else
                utf16 = 1;
        }
        p = dbg_skip(p + 1 + n);
    }
    char path[4096];
    file_arg(p, path, sizeof path - 64);
    if (stamp)
        add_time(d, path, sizeof path);
    close_log(d, 1);
    FILE *f = fopen(path, append ? "abe" : "wbe"); /* e: not the debuggee's */
    if (!f)
        return lerr_set(&d->err, "Couldn't open log file '%s': %s", path, strerror(errno));
    struct dbg_log *l = xcalloc(1, sizeof *l);
    l->file = f;
    l->screen = d->out;
    l->utf16 = utf16;
    snprintf(l->path, sizeof l->path, "%s", path);
    if (utf16 && ftell(f) == 0)
        fwrite("\xff\xfe", 1, 2, f); /* the byte order mark of UTF-16LE */
    cookie_io_functions_t io = {.write = tee_write};
    l->tee = fopencookie(l, "w", io);
    if (!l->tee) {
        fclose(f);
        free(l);
        return lerr_set(&d->err, "Couldn't open log file '%s': %s", path, strerror(errno));
    }
    fflush(d->out);
    d->out = l->tee;
    d->log = l;
    fprintf(d->out, "Opened log file '%s'\n", path);
    return 0;
}

static int cmd_logopen(struct dbg *d, const char *args) { return open_log(d, args, 0); }

static int cmd_logappend(struct dbg *d, const char *args) { return open_log(d, args, 1); }

static int cmd_logclose(struct dbg *d, const char *args)
{
    if (*dbg_skip(args))
        return lerr_set(&d->err, "Syntax error: .logclose takes no argument");
    if (refuse_in_capture(d, ".logclose") < 0)
        return -1;
    return close_log(d, 0);
}

static int cmd_logfile(struct dbg *d, const char *args)
{
    if (*dbg_skip(args))
        return lerr_set(&d->err, "Syntax error: .logfile takes no argument");
    if (d->log)
        fprintf(d->out, "Log '%s' open\n", d->log->path);
    else
        fputs("No log file open\n", d->out);
    return 0;
}

const struct cmd_def cmd_log_table[] = {
    {".logopen", cmd_logopen, ".logopen [/t] [/u] [file]: copy the session into a new log file"},
    {".logappend", cmd_logappend, ".logappend [/u] [file]: copy the session to the end of a log"},
    {".logclose", cmd_logclose, ".logclose: close the log file"},
    {".logfile", cmd_logfile, ".logfile: which log file is open"},
    {NULL, NULL, NULL},
};
