/* Breakpoints decided in the target: at each resume from a full stop, the
 * breakpoints whose next hits lindbg can decide without a stop (a pass
 * count still running, a /w condition the condition compiler takes, a
 * thread filter, a "gc" or counting command string) get a pad at each
 * location (engine/pads.c); at the end of the run their counters are read
 * back. Between the two, the counters in the memory shared with the
 * target are the truth: a hit the pad leaves to lindbg (the pass that
 * stops, a condition it cannot evaluate) takes its pass there too, with
 * the same atomic operation as the pad. */
#include "arch/x86_64/condcomp.h"
#include "arch/x86_64/padgen.h"
#include "bp/manager.h"
#include "sym/symbols.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bpm_pad_count_pass(struct bp *b)
{
    int64_t v = __atomic_load_n(&b->pad->passes, __ATOMIC_SEQ_CST);
    while (v > 1)
        if (__atomic_compare_exchange_n(&b->pad->passes, &v, v - 1, 0, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST))
            return 0;
    return 1; /* stays at 1, as bp_count_pass */
}

static const char *skip_ws(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* `$tN` or `@$tN`: N, or -1. */
static int treg(const char **s)
{
    const char *p = *s;
    if (*p == '@')
        p++;
    if (p[0] != '$' || (p[1] != 't' && p[1] != 'T') || !isdigit((unsigned char)p[2]))
        return -1;
    char *end;
    long n = strtol(p + 2, &end, 10);
    if (n < 0 || n > 19 || isalnum((unsigned char)*end))
        return -1;
    *s = end;
    return (int)n;
}

int bpm_counting_command(const char *c)
{
    if (!c)
        return -1;
    c = skip_ws(c);
    if (c[0] != 'r' || !isspace((unsigned char)c[1]))
        return -1;
    c = skip_ws(c + 1);
    int n = treg(&c);
    if (n < 0)
        return -1;
    c = skip_ws(c);
    if (*c++ != '=')
        return -1;
    c = skip_ws(c);
    if (treg(&c) != n)
        return -1;
    c = skip_ws(c);
    if (*c++ != '+')
        return -1;
    c = skip_ws(c);
    if (!strncmp(c, "0n1", 3) || !strncmp(c, "0x1", 3))
        c += 3;
    else if (*c == '1')
        c++;
    else
        return -1;
    c = skip_ws(c);
    if (*c++ != ';')
        return -1;
    return bpm_only_gc(c) ? n : -1;
}

/* What a hit that triggers does in the pad (enum x86_pad_action); *treg_n:
 * the $t register a counting command string adds to, -1 none. */
static int pad_action(const struct bp *b, int *treg_n)
{
    *treg_n = -1;
    if (!b->commands || b->one_shot || b->log_message) /* a logpoint says its line */
        return X86_PAD_TRAP;
    if (bpm_only_gc(b->commands))
        return X86_PAD_GO;
    *treg_n = bpm_counting_command(b->commands);
    return *treg_n >= 0 ? X86_PAD_COUNT : X86_PAD_TRAP;
}

struct cond_ctx {
    struct sym_space *sp;
};

/* Globals only: a name the evaluator would take for a local variable of
 * the frame is not a constant, and is not compiled. */
static int cond_symbol(void *ctx, const char *name, size_t len, uint64_t *v)
{
    struct cond_ctx *c = ctx;
    struct lerr e;
    return c->sp ? sym_lookup(c->sp, name, len, v, &e) : 0;
}

/* The function around the request's address, and its gcc `.cold` part,
 * for the pad's check that nothing jumps into the bytes it covers. */
static int function_of(struct sym_space *sp, struct eng_pad_request *rq)
{
    struct sym_entry se;
    char name[256], cold[300];
    if (!sp || sym_symbol_at(sp, rq->addr, &se, name, sizeof name) < 0 || !se.size ||
        rq->addr < se.addr || rq->addr >= se.addr + se.size)
        return -1;
    rq->fstart = se.addr;
    rq->flen = se.size;
    const struct sym_module *mod = sym_module_at(sp, rq->addr);
    int n = mod ? snprintf(cold, sizeof cold, "%s!%s.cold", mod->name, name) : -1;
    uint64_t at;
    struct lerr e;
    if (n > 0 && (size_t)n < sizeof cold && sym_lookup(sp, cold, (size_t)n, &at, &e) == 1 &&
        sym_symbol_at(sp, at, &se, name, sizeof name) == 0 && se.addr == at && se.size) {
        rq->cold_start = at;
        rq->cold_len = se.size;
    }
    return 0;
}

static int worth_a_pad(const struct bp *b, int action)
{
    if (!b->enabled || !b->nlocs || (b->kind != BP_ADDRESS && b->kind != BP_SYMBOLIC))
        return 0;
    if (b->max_depth || b->min_depth || b->proc_index >= 0 || b->waits_restart)
        return 0; /* depth needs an unwind; process filters stay lindbg's */
    return b->passes_left > 1 || b->condition || b->thread_index >= 0 || action != X86_PAD_TRAP;
}

static void plan_one(struct bpm *m, struct bp *b)
{
    int tn;
    int action = pad_action(b, &tn);
    if (!worth_a_pad(b, action) || (action == X86_PAD_COUNT && !m->client.treg_add))
        return;
    pid_t pid = b->locs[0].pid;
    for (size_t i = 1; i < b->nlocs; i++)
        if (b->locs[i].pid != pid)
            return; /* one pass count across processes: lindbg's */
    uint64_t fs = 0;
    if (b->thread_index >= 0 && !(fs = eng_thread_pointer(m->s, pid, b->thread_index)))
        return;
    struct eng_process *p = eng_process_by_pid(m->s, pid);
    struct sym_space *sp = p ? eng_proc_syms(p) : NULL;
    struct lerr e;
    struct x86_pad_counters *c = NULL;
    for (size_t i = 0; i < b->nlocs; i++) {
        struct bp *at[2];
        struct eng_pad_request rq = {.addr = b->locs[i].addr, .fs_filter = fs,
                                     .passes = b->passes_left > 1, .action = action};
        /* another breakpoint at the same place decides with it: lindbg */
        if (bp_at(&m->bps, pid, rq.addr, at, 2) != 1 ||
            function_of(sp, &rq) < 0)
            continue;
        uint8_t code[1024];
        if (b->condition) {
            struct cond_ctx cc = {sp};
            int radix = m->client.radix ? m->client.radix(m->client.ctx) : 16;
            struct x86_cond_env env = {&cc, radix, rq.addr, cond_symbol};
            if (x86_cond_compile(&env, b->condition, code, sizeof code, &rq.cond_len, &e) < 0)
                return; /* not compiled: every location stays lindbg's */
            rq.cond = code;
        }
        if (!c) {
            if (!(c = eng_pad_counters(m->s, pid, &e)))
                return;
            c->passes = b->passes_left;
        }
        if (eng_pad_plant(m->s, pid, &rq, c, &e) == 0) {
            b->pad = c;
            b->pad_pid = pid;
            b->pad_planted = 1;
        }
    }
}

void bpm_pads_plan(void *ctx, pid_t pid)
{
    struct bpm *m = ctx;
    for (size_t i = 0; i < m->bps.n; i++) {
        struct bp *b = m->bps.v[i];
        if (pid && (!b->nlocs || b->locs[0].pid != pid))
            continue;
        b->pad_planted = 0;
        b->pad = NULL;
        plan_one(m, b);
    }
}

/* b's counters back from its pad: passes left, hits taken there, what its
 * counting command added. */
static void sync_one(struct bpm *m, struct bp *b)
{
    struct x86_pad_counters *c = b->pad;
    b->passes_left = (uint32_t)__atomic_load_n(&c->passes, __ATOMIC_SEQ_CST);
    b->hits += __atomic_exchange_n(&c->hits, 0, __ATOMIC_SEQ_CST);
    uint64_t t = __atomic_exchange_n(&c->tdelta, 0, __ATOMIC_SEQ_CST);
    int tn;
    if (t && pad_action(b, &tn) == X86_PAD_COUNT && m->client.treg_add)
        m->client.treg_add(m->client.ctx, (unsigned)tn, t);
    b->pad = NULL;
}

void bpm_pads_sync(void *ctx, pid_t pid)
{
    struct bpm *m = ctx;
    for (size_t i = 0; i < m->bps.n; i++)
        if (m->bps.v[i]->pad && (!pid || m->bps.v[i]->pad_pid == pid))
            sync_one(m, m->bps.v[i]);
}


void bpm_pads_thread_gone(struct bpm *m, pid_t pid, int index)
{
    for (size_t i = 0; i < m->bps.n; i++) {
        struct bp *b = m->bps.v[i];
        if (!b->pad || b->pad_pid != pid || b->thread_index != index)
            continue;
        for (size_t k = 0; k < b->nlocs; k++)
            eng_pad_unplant(m->s, pid, b->locs[k].addr);
    }
}
