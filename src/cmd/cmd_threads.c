/* Thread and process lists and selection: ~ ~Ns ~Nf ~Nu ~Nn ~Nm, | |Ns,
 * .childdbg */
#include "cmd/dbg.h"
#include "ui/format.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void print_thread(struct dbg *d, struct eng_process *p, struct eng_thread *t)
{
    char mark = ' ', a[FMT_ADDR_LEN], name[64];
    if (t->tid == d->s->cur_tid && p == eng_cur_process(d->s))
        mark = '.';
    else if (t->tid == d->s->event_tid)
        mark = '#';
    struct user_regs_struct *r = eng_regs(d->s, t, NULL);
    eng_thread_name(d->s, p, t, name, sizeof name);
    fprintf(d->out, "%c%3d  Id: %x.%x Suspend: %d Teb: %s %s \"%s\"\n", mark, t->index, p->pid,
            t->tid, t->suspend, fmt_addr(a, r ? r->fs_base : 0), t->frozen ? "Frozen" : "Unfrozen",
            name);
}

static int cmd_thread(struct dbg *d, const char *args)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct eng_process *p = eng_cur_process(d->s);
    const char *a = args;
    if (*a == '\0' || (*a == '*' && !a[1])) {
        for (size_t i = 0; i < p->nthreads; i++)
            print_thread(d, p, p->threads[i]);
        return 0;
    }
    if (*a == '*' && (!strcmp(a + 1, "f") || !strcmp(a + 1, "u"))) {
        for (size_t i = 0; i < p->nthreads; i++)
            eng_thread_set_frozen(p->threads[i], a[1] == 'f');
        return 0;
    }
    if (*a == '*' && (!strcmp(a + 1, "n") || !strcmp(a + 1, "m"))) {
        for (size_t i = 0; i < p->nthreads; i++)
            eng_thread_suspend(p->threads[i], a[1] == 'n' ? 1 : -1);
        return 0;
    }
    struct eng_thread *t = NULL;
    if (*a == '.') {
        t = eng_cur_thread(d->s);
        a++;
    } else if (*a == '#') {
        t = eng_find_thread(d->s, d->s->event_tid, NULL);
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
        print_thread(d, p, t);
    } else if (!strcmp(a, "s")) {
        eng_select(d->s, p, t->tid);
        return dbg_print_registers(d);
    } else if (!strcmp(a, "f")) {
        eng_thread_set_frozen(t, 1);
    } else if (!strcmp(a, "u")) {
        eng_thread_set_frozen(t, 0);
    } else if (!strcmp(a, "n")) {
        eng_thread_suspend(t, 1);
    } else if (!strcmp(a, "m")) {
        if (eng_thread_suspend(t, -1) < 0)
            return lerr_set(&d->err, "Thread %d is not suspended (~Nn suspends it)", t->index);
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
    for (size_t i = 0; i < d->s->nprocs; i++) {
        struct eng_process *p = d->s->procs[i];
        if (p->index != n)
            continue;
        if (!p->nthreads)
            return lerr_set(&d->err, "Process %ld has no thread left", n);
        eng_select(d->s, p, p->threads[0]->tid);
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
    for (size_t i = 0; i < d->s->nprocs; i++) {
        struct eng_process *p = d->s->procs[i];
        char exe[4096];
        eng_exe_path(d->s, p, exe, sizeof exe);
        fprintf(d->out, "%c%3d\tid: %x\t%s\tname: %s\n", p == eng_cur_process(d->s) ? '.' : ' ',
                p->index, p->pid, p->launched ? "create" : "attach", exe);
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
