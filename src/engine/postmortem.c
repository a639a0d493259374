/* A process that has ended, opened from its core file: a process of the
 * session like any other for reading (threads, registers, memory, modules),
 * whose backend (target/core.c) has no TGT_CAP_LIVE. Everything that would
 * run it, write it, or plant a trap in it is refused in one line; closing
 * it neither kills nor detaches anything. */
#include "engine/internal.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

int eng_not_live(const struct eng_process *p, const char *what, struct lerr *e)
{
    if (!p || eng_can(p, TGT_CAP_LIVE))
        return 0;
    return lerr_set_code(e, LERR_UNSUPPORTED,
                         "Not supported: the target is a core file, it cannot %s", what);
}

int eng_check_live(struct session *s, const char *what, struct lerr *e)
{
    for (size_t i = 0; i < s->nprocs; i++)
        if (eng_not_live(s->procs[i], what, e) < 0)
            return -1;
    return 0;
}

int eng_proc_is_core(const struct eng_process *p) { return !eng_can(p, TGT_CAP_LIVE); }

/* The loader's r_debug from the program's DT_DEBUG (the loader fills it
 * in), for when the loader's own symbols are not at hand (a core without
 * NT_FILE: no path for it). 0 when not found. */
static uint64_t r_debug_from_dynamic(struct eng_process *p)
{
    uint64_t phdr, phnum, bias = 0, dyn = 0, dynsz = 0;
    int have_bias = 0;
    if (tgt_auxv_entry(p->tp, AT_PHDR, &phdr) < 0 || tgt_auxv_entry(p->tp, AT_PHNUM, &phnum) < 0)
        return 0;
    for (uint64_t i = 0; i < phnum && i < 256; i++) {
        Elf64_Phdr ph;
        if (tgt_read_mem(p->tp, phdr + i * sizeof ph, &ph, sizeof ph, NULL) != 0)
            return 0;
        if (ph.p_type == PT_PHDR) {
            bias = phdr - ph.p_vaddr;
            have_bias = 1;
        } else if (ph.p_type == PT_DYNAMIC) {
            dyn = ph.p_vaddr;
            dynsz = ph.p_memsz;
        }
    }
    for (uint64_t k = 0; have_bias && dyn && k < dynsz / sizeof(Elf64_Dyn) && k < 1024; k++) {
        Elf64_Dyn d;
        if (tgt_read_mem(p->tp, bias + dyn + k * sizeof d, &d, sizeof d, NULL) != 0 ||
            d.d_tag == DT_NULL)
            break;
        if (d.d_tag == DT_DEBUG)
            return d.d_un.d_val;
    }
    return 0;
}

int eng_open_core(struct session *s, const char *core, const char *program, char **warnings,
                  struct lerr *e)
{
    const struct tgt_backend *be = &tgt_core_backend;
    pid_t *tids = NULL;
    size_t n = 0;
    struct tgt_event ev;
    *warnings = NULL;
    struct tgt_proc *tp = be->open_core(be, core, program, &tids, &n, &ev, warnings, e);
    if (!tp)
        return -1;
    /* the session's own backend stays: only this process is read from the
     * core, so that a later .create or .attach still has a way to run */
    struct eng_process *p = eng_new_process(s, tp, 0);
    p->be = be;
    for (size_t i = 0; i < n; i++)
        eng_add_thread(p, tids[i]); /* ENG_THREAD_STOPPED, for good */
    free(tids);
    eng_select(s, p, ev.tid);
    s->event_tid = ev.tid;
    eng_modules_initial(s, p);
    if (!p->r_debug)
        p->r_debug = r_debug_from_dynamic(p);
    /* the loader's list as it was at the end: modules the maps did not
     * show (a library whose path NT_FILE names differently) */
    int loaded, unloaded;
    eng_modules_sync(s, p, &loaded, &unloaded);
    memset(&s->last_stop, 0, sizeof s->last_stop);
    s->last_stop.kind = ENG_STOP_CORE;
    s->last_stop.pid = p->pid;
    s->last_stop.tid = ev.tid;
    s->last_stop.sig = ev.kind == TGT_EV_SIGNAL ? ev.sig : 0;
    s->last_stop.si = ev.si;
    return 0;
}
