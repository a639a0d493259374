/* Thread and process lists and selection: ~ ~Ns ~Nf ~Nu ~Nn ~Nm, | |Ns,
 * .childdbg */
#include "cmd/dbg.h"
#include "ui/format.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void dbg_print_thread(struct dbg *d, struct eng_process *p, struct eng_thread *t)
{
    char mark = ' ', a[FMT_ADDR_LEN], name[64];
    pid_t tid = eng_thread_tid(t);
    if (tid == eng_cur_tid(d->s) && p == eng_cur_process(d->s))
        mark = '.';
    else if (tid == eng_event_tid(d->s))
        mark = '#';
    struct user_regs_struct *r = eng_regs(d->s, t, NULL);
    eng_thread_name(d->s, p, t, name, sizeof name);
    fprintf(d->out, "%c%3d  Id: %x.%x Suspend: %d Teb: %s %s \"%s\"\n", mark,
            eng_thread_index(t), eng_proc_pid(p), tid, eng_thread_suspend_count(t),
            fmt_addr(a, r ? r->fs_base : 0), eng_thread_frozen(t) ? "Frozen" : "Unfrozen", name);
}

static int cmd_thread(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct eng_process *p = eng_cur_process(d->s);
    const char *a = args;
    if (*a == '\0' || (*a == '*' && !a[1])) {
        for (size_t i = 0; i < eng_proc_nthreads(p); i++)
            dbg_print_thread(d, p, eng_proc_thread_at(p, i));
        return 0;
    }
    if (*a == '*' && (!strcmp(a + 1, "f") || !strcmp(a + 1, "u"))) {
        for (size_t i = 0; i < eng_proc_nthreads(p); i++)
            eng_thread_set_frozen(eng_proc_thread_at(p, i), a[1] == 'f');
        return 0;
    }
    if (*a == '*' && (!strcmp(a + 1, "n") || !strcmp(a + 1, "m"))) {
        for (size_t i = 0; i < eng_proc_nthreads(p); i++)
            eng_thread_suspend(eng_proc_thread_at(p, i), a[1] == 'n' ? 1 : -1);
        return 0;
    }
    struct eng_thread *t = NULL;
    if (*a == '.') {
        t = eng_cur_thread(d->s);
        a++;
    } else if (*a == '#') {
        t = eng_find_thread(d->s, eng_event_tid(d->s), NULL);
        a++;
    } else if (isdigit((unsigned char)*a)) {
        char *end;
        unsigned long i = strtoul(a, &end, 10);
        t = eng_thread_by_index(p, (int)i);
        if (!t)
            return lerr_set(&d->err, "Illegal thread error: no thread %lu", i);
        a = end;
    } else {
        return lerr_set(&d->err, "Syntax error in '~%s'", args);
    }
    if (!t)
        return lerr_set(&d->err, "Illegal thread error: no such thread");
    a = dbg_skip(a);
    if (*a == '\0') {
        dbg_print_thread(d, p, t);
    } else if (!strcmp(a, "s")) {
        eng_select(d->s, p, eng_thread_tid(t));
        return dbg_print_registers(d);
    } else if (!strcmp(a, "f")) {
        eng_thread_set_frozen(t, 1);
    } else if (!strcmp(a, "u")) {
        eng_thread_set_frozen(t, 0);
    } else if (!strcmp(a, "n")) {
        eng_thread_suspend(t, 1);
    } else if (!strcmp(a, "m")) {
        if (eng_thread_suspend(t, -1) < 0)
            return lerr_set(&d->err, "Thread %d is not suspended (~Nn suspends it)",
                            eng_thread_index(t));
    } else {
        return lerr_set(&d->err, "Syntax error in '~%s'", args);
    }
    return 0;
}

/* |Ns: the process with index N becomes current (its current thread:
 * the first) */
static int select_process(struct dbg *d, const char *args)
{
    char *end;
    long n = strtol(args, &end, 10);
    if (end == args || strcmp(end, "s"))
        return lerr_set(&d->err, "Syntax error in '|%s': |Ns selects process N", args);
    for (size_t i = 0; i < eng_nprocs(d->s); i++) {
        struct eng_process *p = eng_proc_at(d->s, i);
        if (eng_proc_index(p) != n)
            continue;
        if (!eng_proc_nthreads(p))
            return lerr_set(&d->err, "Process %ld has no thread left", n);
        eng_select(d->s, p, eng_thread_tid(eng_proc_thread_at(p, 0)));
        d->frame = 0;
        return 0;
    }
    return lerr_set(&d->err, "Illegal process error: no process %ld (| lists them; an exited one is gone)", n);
}

static int cmd_process(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    if (*args)
        return select_process(d, args);
    for (size_t i = 0; i < eng_nprocs(d->s); i++) {
        struct eng_process *p = eng_proc_at(d->s, i);
        char exe[4096];
        eng_exe_path(d->s, p, exe, sizeof exe);
        fprintf(d->out, "%c%3d\tid: %x\t%s\tname: %s\n", p == eng_cur_process(d->s) ? '.' : ' ',
                eng_proc_index(p), eng_proc_pid(p), eng_proc_is_core(p) ? "core" : eng_proc_launched(p) ? "create" : "attach", exe);
    }
    return 0;
}

static int cmd_childdbg(struct dbg *d, const char *args)
{
    if (!strcmp(args, "1"))
        eng_set_follow_children(d->s, 1);
    else if (!strcmp(args, "0"))
        eng_set_follow_children(d->s, 0);
    else if (*args)
        return lerr_set(&d->err, "Syntax error: .childdbg 0 or .childdbg 1");
    fprintf(d->out, "Processes created by the current process will %sbe debugged\n",
            eng_follows_children(d->s) ? "" : "not ");
    return 0;
}

const struct cmd_def cmd_thread_table[] = {
    {"~", cmd_thread, "threads: ~ lists, ~Ns switches, ~Nf/~Nu (~*f/~*u) freeze/thaw, ~Nn/~Nm suspend/resume, ~N cmd runs in N"},
    {"|", cmd_process, "processes: | lists, |Ns switches to process N"},
    {".childdbg", cmd_childdbg, "debug child processes too: .childdbg 1 (as -o), .childdbg 0"},
    {NULL, NULL, NULL},
};
