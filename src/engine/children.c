/* Children made by fork and vfork. Not followed (the default), a child is
 * let go clean: the program's bytes where our traps are, the program's
 * page protection, no debug registers (they are not inherited). Followed
 * (-o, .childdbg 1), it becomes a process of the session with its own
 * index, made just as clean first; the command layer then gives it its
 * parent's breakpoints. A vfork child shares its parent's memory until it
 * execs or exits: the parent's traps are lifted meanwhile, and no trap may
 * be planted in the child before its exec. */
#include "engine/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The child's first stop (unless the run loop already took it), then the
 * child made clean: our page protection undone (shared with the parent for
 * a vfork), and our traps: lifted in the parent for a vfork, else the
 * program's bytes written into the child and our page of out-of-line
 * copies unmapped from it. Returns a handle on the child
 * (NULL when it is gone); *sig: a signal that arrived for it meanwhile. */
static struct tgt_proc *clean_child(struct session *s, struct eng_process *p, pid_t child,
                                    int vfork, int *sig)
{
    struct tgt_event ev;
    *sig = 0;
    if (!eng_take_early_stop(s, child))
        s->be->wait_thread(s->be, child, &ev, NULL);
    struct tgt_proc *cp = s->be->adopt(s->be, child, p->tp, NULL);
    if (!cp)
        return NULL;
    if (p->nwpages)
        eng_watch_release_child(p, cp, vfork, sig);
    if (vfork) {
        /* shared memory: lift the traps until the child execs or exits
         * (the parent thread waits meanwhile); pads go back to traps */
        eng_pads_unplant_all(p);
        for (size_t i = 0; i < p->sites.n; i++)
            bp_site_lift(&p->sites.sites[i], p->tp, NULL);
        p->vfork_lifted = 1;
    } else {
        for (size_t i = 0; i < p->sites.n; i++)
            tgt_write_mem(cp, p->sites.sites[i].addr, &p->sites.sites[i].orig, 1, NULL);
        eng_pads_release_child(p, cp, sig);
        eng_ool_release_child(p, cp, sig); /* a vfork child's pages are its parent's */
    }
    return cp;
}

void eng_release_fork_child(struct session *s, struct eng_process *p, pid_t child, int vfork)
{
    int sig;
    struct tgt_proc *cp = clean_child(s, p, child, vfork, &sig);
    if (cp)
        tgt_close(cp);
    tgt_detach(p->tp, child, sig, NULL);
}

struct eng_process *eng_follow_fork_child(struct session *s, struct eng_process *p, pid_t child,
                                          int vfork)
{
    int sig;
    struct tgt_proc *cp = clean_child(s, p, child, vfork, &sig);
    if (!cp) {
        tgt_detach(p->tp, child, 0, NULL);
        return NULL;
    }
    struct eng_process *np = eng_new_process(s, cp, p->launched);
    struct eng_thread *t = eng_add_thread(np, child);
    t->pending_sig = sig;
    np->vfork_parent = vfork ? p->pid : 0;
    np->parent_pid = p->pid;
    char path[4096];
    tgt_exe_path(cp, path, sizeof path);
    struct eng_event ev = {.kind = ENG_EVT_PROCESS_CREATE, .pid = child, .tid = child,
                           .proc_index = np->index, .code = p->pid, .path = path};
    eng_emit(s, &ev);
    /* a vfork child's modules are its parent's until it execs; planting
     * the loader's trap would write into the parent */
    if (!vfork)
        eng_modules_initial(s, np);
    return np;
}

struct eng_process *eng_fork_child(struct session *s, struct eng_process *p, pid_t child,
                                   int vfork)
{
    if (s->follow_children)
        return eng_follow_fork_child(s, p, child, vfork);
    eng_release_fork_child(s, p, child, vfork);
    return NULL;
}

void eng_vfork_done(struct eng_process *p)
{
    eng_watch_reapply(p);
    if (!p->vfork_lifted)
        return;
    for (size_t i = 0; i < p->sites.n; i++)
        bp_site_drop(&p->sites.sites[i], p->tp, NULL);
    p->vfork_lifted = 0;
}
