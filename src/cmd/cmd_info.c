/* Commands that evaluate and print: ? .echo n .help */
#include "cmd/dbg.h"
#include "ui/format.h"

#include <stdlib.h>
#include <string.h>

int dbg_print_help(struct dbg *d);

static int cmd_eval(struct dbg *d, const char *args)
{
    if (!*args)
        return dbg_print_help(d);
    struct expr_env env;
    dbg_expr_env(d, &env);
    uint64_t v;
    if (expr_eval_all(&env, args, &v, &d->err) < 0)
        return -1;
    d->last_exp = v;
    char a[FMT_ADDR_LEN];
    fprintf(d->out, "Evaluate expression: %lld = %s\n", (long long)v, fmt_addr(a, v));
    return 0;
}

static int cmd_echo(struct dbg *d, const char *args)
{
    size_t n = strlen(args);
    if (n >= 2 && args[0] == '"' && args[n - 1] == '"')
        fprintf(d->out, "%.*s\n", (int)n - 2, args + 1);
    else
        fprintf(d->out, "%s\n", args);
    return 0;
}

static int cmd_n(struct dbg *d, const char *args)
{
    if (*args) {
        char *end;
        long r = strtol(args, &end, 10);
        if (*dbg_skip(end) || (r != 8 && r != 10 && r != 16))
            return lerr_set(&d->err, "Syntax error: radix must be 8, 10 or 16, not '%s'", args);
        d->radix = (int)r;
    }
    fprintf(d->out, "base is %d\n", d->radix);
    return 0;
}

static int cmd_help(struct dbg *d, const char *args)
{
    (void)args;
    return dbg_print_help(d);
}

const struct cmd_def cmd_info_table[] = {
    {"?", cmd_eval, "evaluate an expression: ? 10+1 (alone: this list)"},
    {".echo", cmd_echo, "print a line of text"},
    {"n", cmd_n, "show or set the default radix: n 10"},
    {".help", cmd_help, "list the commands"},
    {NULL, NULL, NULL},
};
