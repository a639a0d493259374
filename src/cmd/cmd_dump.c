/* .dump [/m | /ma | /f] [/o] FILE: an ELF core file of the current
 * process (engine/dump.c), in WinDbg's words: every /m* is a "mini user
 * dump" (/ma: with all memory), /f the "user full dump" (the same bytes
 * as /ma here: a core has no other kind). */
#include "cmd/dbg.h"

#include <string.h>
#include <sys/stat.h>

/* Whether the word of n characters at p is an option's shape: '/' and
 * letters only (a path has a second '/' or a dot). */
static int option_shaped(const char *p, size_t n)
{
    if (n < 2 || p[0] != '/')
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z')))
            return 0;
    return 1;
}

/* Whether nothing but blanks follows the word of n characters at p. */
static int last_word(const char *p, size_t n)
{
    return !*dbg_skip(p + n);
}

static int cmd_dump(struct dbg *d, const char *args)
{
    unsigned flags = 0;
    int user_full = 0; /* /f: WinDbg's name for it */
    const char *p = dbg_skip(args);
    /* WinDbg's paths never start with '/', so every '/' word is an
     * option there; here an absolute path can. A word that is no option
     * is the file when it is the last word (`.dump /core`), an unknown
     * option when more follows (`.dump /x FILE`); a path with a second
     * '/' or a dot is never an option. */
    while (*p == '/') {
        size_t n = strcspn(p, " \t");
        if (n == 3 && (!strncmp(p, "/ma", 3) || !strncmp(p, "/mA", 3)))
            flags |= ENG_DUMP_FULL;
        else if (n == 2 && p[1] == 'f')
            flags |= ENG_DUMP_FULL, user_full = 1;
        else if (n == 2 && p[1] == 'o')
            flags |= ENG_DUMP_OVERWRITE;
        else if (n == 2 && p[1] == 'm')
            ; /* the default */
        else if (option_shaped(p, n) && !last_word(p, n))
            return lerr_set(&d->err,
                            "Syntax error: unknown option '%.*s' (.dump [/ma | /f] [/o] FILE)",
                            (int)n, p);
        else
            break;
        p = dbg_skip(p + n);
    }
    char path[4096];
    size_t n;
    p = cmd_file_arg(p, &n);
    if (!n)
        return lerr_set(&d->err, "Syntax error: .dump needs a file name (.dump [/ma | /f] [/o] FILE)");
    if (n >= sizeof path)
        return lerr_set(&d->err, "Syntax error: the file name is too long");
    memcpy(path, p, n);
    path[n] = 0;
    if (!eng_has_process(d->s) || !eng_cur_process(d->s))
        return lerr_set(&d->err, "No process to dump");
    struct stat st;
    if (!(flags & ENG_DUMP_OVERWRITE) && stat(path, &st) == 0)
        return lerr_set(&d->err, "Couldn't create %s: the file exists (.dump /o overwrites it)",
                        path);
    fprintf(d->out, "Creating %s - %s\n", path,
            user_full ? "user full dump" : "mini user dump");
    if (eng_dump(d->s, path, flags, &d->err) < 0)
        return -1;
    fprintf(d->out, "Dump successfully written\n");
    return 0;
}

const struct cmd_def cmd_dump_table[] = {
    {".dump", cmd_dump, "write a core file of the process: .dump [/ma | /f] [/o] FILE"},
    {NULL, NULL, NULL},
};
