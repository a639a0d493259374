/* Breakpoints kept over .restart (manager.h). A bp or ba breakpoint is an
 * address; when its process goes, the address is remembered as a place
 * in a module (file, offset, build-id), so that in the new process it
 * goes to the same code, only if the file is the one it was set in, and
 * wherever the module is mapped (the same address unless -aslr). */
#include "bp/manager.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The address a bp or ba breakpoint stands for (its text is the address
 * it was set at), or 0 for one set on a source line's several places. */
static uint64_t fixed_address(const struct bp *b)
{
    if (strncmp(b->expr, "0x", 2) != 0)
        return 0;
    char *end;
    uint64_t a = strtoull(b->expr + 2, &end, 16);
    return *end ? 0 : a;
}

static int kept_by_address(const struct bp *b)
{
    return b->kind == BP_ADDRESS || b->kind == BP_ACCESS;
}

void bpm_restart_remember(struct bpm *m, pid_t pid)
{
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    struct sym_space *sp = p ? eng_proc_syms(p) : NULL;
    for (size_t i = 0; sp && i < m->bps.n; i++) {
        struct bp *b = m->bps.v[i];
        uint64_t a = fixed_address(b);
        const struct sym_module *mod = a ? sym_module_at(sp, a) : NULL;
        int here = 0;
        for (size_t k = 0; k < b->nlocs; k++)
            here |= b->locs[k].pid == pid && b->locs[k].addr == a;
        if (!kept_by_address(b) || !here)
            continue;
        if (b->home)
            free(b->home->path);
        free(b->home);
        b->home = NULL;
        if (!mod || mod->image_fd > 0) /* the stack, the heap, the vDSO */
            continue;
        b->home = xcalloc(1, sizeof *b->home);
        b->home->path = xstrdup(mod->path);
        b->home->offset = a - mod->start;
        const unsigned char *id;
        size_t n = sym_module_build_id(mod, &id);
        if (n <= sizeof b->home->build_id) {
            memcpy(b->home->build_id, id, n);
            b->home->build_id_len = n;
        }
    }
}

void bpm_restart_begin(struct bpm *m)
{
    for (size_t i = 0; i < m->bps.n; i++) {
        struct bp *b = m->bps.v[i];
        b->hits = 0;
        b->passes_left = b->passes_init;
        b->waits_restart = kept_by_address(b) && !b->nlocs;
    }
}

void bpm_restart_cancel(struct bpm *m)
{
    for (size_t i = 0; i < m->bps.n; i++)
        m->bps.v[i]->waits_restart = 0;
}

static void not_restored(struct bpm *m, struct bp *b, pid_t pid, const char *why)
{
    b->waits_restart = 0;
    struct bpm_note n = {.kind = BPM_NOTE_NOT_RESTORED, .id = b->id, .pid = pid,
                         .addr = fixed_address(b), .text = why};
    m->client.note(m->client.ctx, &n);
}

/* Places b at addr in pid (its text becomes the new address). */
static void place_at(struct bpm *m, struct bp *b, pid_t pid, uint64_t addr)
{
    struct lerr e = {0};
    if (bp_add_location(&m->bps, b, pid, addr, &e) < 0) {
        not_restored(m, b, pid, e.msg);
        return;
    }
    b->waits_restart = 0;
    char text[32];
    snprintf(text, sizeof text, "0x%016llx", (unsigned long long)addr);
    free(b->expr);
    b->expr = xstrdup(text);
    struct bpm_note n = {.kind = BPM_NOTE_RESOLVED, .id = b->id, .pid = pid};
    m->client.note(m->client.ctx, &n);
}

void bpm_restart_on_load(struct bpm *m, pid_t pid, uint64_t start)
{
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    const struct sym_module *mod = p ? sym_module_at(eng_proc_syms(p), start) : NULL;
    if (!mod)
        return;
    for (size_t i = 0; i < m->bps.n; i++) {
        struct bp *b = m->bps.v[i];
        if (!b->waits_restart)
            continue;
        if (!fixed_address(b)) { /* a line's places: found by its text again */
            if (bpm_resolve_in(m, b, pid))
                b->waits_restart = 0;
            continue;
        }
        if (!b->home || strcmp(b->home->path, mod->path) != 0)
            continue;
        const unsigned char *id;
        size_t n = sym_module_build_id(mod, &id);
        if (n != b->home->build_id_len || memcmp(id, b->home->build_id, n) != 0)
            not_restored(m, b, pid, "its module's file changed since it was set (build-id)");
        else if (b->home->offset >= mod->end - mod->start)
            not_restored(m, b, pid, "its module is smaller now");
        else
            place_at(m, b, pid, mod->start + b->home->offset);
    }
}

void bpm_restart_end(struct bpm *m, pid_t pid)
{
    for (size_t i = 0; i < m->bps.n; i++) {
        struct bp *b = m->bps.v[i];
        uint64_t a = fixed_address(b), probe;
        if (!b->waits_restart || !a || b->home)
            continue; /* a module's: placed as it loads */
        /* outside every module: where the new process has the same
         * mapping already (the stack, randomisation off), else never */
        if (eng_read_in(m->s, pid, a, &probe, 1, NULL) == 0)
            place_at(m, b, pid, a);
        else
            not_restored(m, b, pid, "its address was in no module and is not mapped now");
    }
}
