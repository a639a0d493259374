/* Aliases: as, aS (set), ad (delete), al (list). Their expansion in each
 * command line is cmd/alias.c's, called by dbg_execute_line.
 *   as Name rest of the line      (';' and quotes included)
 *   aS Name phrase  |  aS Name "phrase; with semicolons"
 *   as /x Name expr   as /ma Name addr   as /mu Name addr
 *   as /e Name VAR    as /c Name command */
#include "cmd/dbg.h"
#include "cmd/printf_fmt.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The output of cmd, as the alias /c takes it. */
static char *capture(struct dbg *d, const char *cmd)
{
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    if (!mem)
        abort();
    struct dbg_capture c;
    dbg_capture_begin(d, &c, mem);
    dbg_execute_line(d, cmd);
    dbg_capture_end(d, &c);
    fclose(mem);
    return text;
}

/* The name at p (n bytes), without the `${/v:...}` that may enclose it:
 * WinDbg leaves ${/v:Name} unreplaced so that as/aS/ad can name an alias
 * that is defined already. malloc'd. */
static char *alias_name(const char *p, size_t n)
{
    if (n > 6 && !strncmp(p, "${/v:", 5) && p[n - 1] == '}')
        return xstrndup(p + 5, n - 6);
    return xstrndup(p, n);
}

/* aS: the phrase, without the quotes that may enclose it. */
static char *phrase(const char *p)
{
    size_t n = strlen(p);
    if (n >= 2 && p[0] == '"' && p[n - 1] == '"')
        return xstrndup(p + 1, n - 2);
    return xstrdup(p);
}

static int set_alias(struct dbg *d, const char *args, int line_form)
{
    const char *p = dbg_skip(args);
    char opt[4] = "";
    if (*p == '/') {
        size_t n = strcspn(p + 1, " \t");
        if (n == 0 || n >= sizeof opt)
            return lerr_set(&d->err, "Syntax error: unknown option '%.*s'", (int)(n + 1), p);
        memcpy(opt, p + 1, n);
        opt[n] = '\0';
        p = dbg_skip(p + 1 + n);
    }
    size_t nlen = strcspn(p, " \t");
    if (nlen == 0)
        return lerr_set(&d->err, "Syntax error: as [/x|/ma|/mu|/e|/c] Name Equivalent");
    char *name = alias_name(p, nlen);
    if (!alias_name_ok(name)) {
        lerr_set(&d->err, "Syntax error: '%s' cannot be an alias name", name);
        free(name);
        return -1;
    }
    p = dbg_skip(p + nlen);
    char *value = NULL;
    int rc = 0;
    if (!opt[0]) {
        value = line_form ? xstrdup(p) : phrase(p);
    } else if (!strcmp(opt, "x")) {
        uint64_t v;
        if (!*p)
            rc = lerr_set(&d->err, "Syntax error: as /x Name Expression");
        else if ((rc = dbg_eval(d, &p, &v)) == 0 && *p)
            rc = lerr_set(&d->err, "Syntax error at '%.30s'", p);
        if (rc == 0) {
            char buf[24];
            snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
            value = xstrdup(buf);
        }
    } else if (!strcmp(opt, "ma") || !strcmp(opt, "mu")) {
        uint64_t a;
        if (!*p)
            rc = lerr_set(&d->err, "Syntax error: as /%s Name Address", opt);
        else if ((rc = dbg_eval(d, &p, &a)) == 0) {
            struct pfmt_ops ops;
            dbg_printf_ops(d, &ops);
            value = pfmt_read_string(&ops, a, opt[1] == 'u', &d->err);
            rc = value ? 0 : -1;
        }
    } else if (!strcmp(opt, "e")) {
        const char *v = getenv(p);
        if (!*p || !v)
            rc = lerr_set(&d->err, "Couldn't resolve error: no environment variable '%s'", p);
        else
            value = xstrdup(v);
    } else if (!strcmp(opt, "c")) {
        if (!*p)
            rc = lerr_set(&d->err, "Syntax error: as /c Name Command");
        else {
            char *cmd = line_form ? xstrdup(p) : phrase(p);
            value = capture(d, cmd);
            free(cmd);
        }
    } else {
        rc = lerr_set(&d->err, "Syntax error: unknown option '/%s'", opt);
    }
    if (rc == 0)
        alias_set(&d->aliases, name, value);
    free(name);
    free(value);
    return rc;
}

int dbg_set_fixed_alias(struct dbg *d, const char *args)
{
    const char *p = dbg_skip(args + 4);
    if (*p != '=')
        return lerr_set(&d->err, "Syntax error: r $.u%c=text sets the alias, r cannot show it",
                        args[3]);
    alias_set_fixed(&d->aliases, (unsigned)(args[3] - '0'), p + 1);
    return 0;
}

static int cmd_as(struct dbg *d, const char *args) { return set_alias(d, args, 1); }

static int cmd_aS(struct dbg *d, const char *args) { return set_alias(d, args, 0); }

static int cmd_ad(struct dbg *d, const char *args)
{
    const char *p = dbg_skip(args);
    int quiet = 0;
    if (!strncmp(p, "/q", 2) && (p[2] == ' ' || p[2] == '\t' || !p[2])) {
        quiet = 1;
        p = dbg_skip(p + 2);
    }
    if (!*p)
        return lerr_set(&d->err, "Syntax error: ad Name, or ad * for every alias");
    if (!strcmp(p, "*")) {
        alias_clear(&d->aliases);
        return 0;
    }
    char *name = alias_name(p, strlen(p));
    int rc = 0;
    if (alias_del(&d->aliases, name) < 0 && !quiet)
        rc = lerr_set(&d->err, "Couldn't resolve error: no alias named '%s'", name);
    free(name);
    return rc;
}

static int cmd_al(struct dbg *d, const char *args)
{
    if (*dbg_skip(args))
        return lerr_set(&d->err, "Syntax error: al takes no argument");
    if (d->aliases.n == 0) {
        fputs("No aliases\n", d->out);
        return 0;
    }
    fputs("  Alias            Value  \n", d->out);
    fputs(" -------          ------- \n", d->out);
    for (size_t i = 0; i < d->aliases.n; i++)
        fprintf(d->out, " %-16s %s\n", d->aliases.v[i].name, d->aliases.v[i].value);
    return 0;
}

const struct cmd_def cmd_alias_table[] = {
    {"as", cmd_as, "as [/x|/ma|/mu|/e|/c] Name Equivalent: set an alias (the rest of the line)"},
    {"aS", cmd_aS, "aS [/x|/ma|/mu|/e|/c] Name Equivalent: set an alias (up to ';' or quoted)"},
    {"ad", cmd_ad, "ad [/q] Name, ad *: delete aliases"},
    {"al", cmd_al, "al: list the aliases"},
    {NULL, NULL, NULL},
};
