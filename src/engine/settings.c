/* What a front end changes in the session between runs: the current
 * process and thread, frozen and suspended threads, the event and signal
 * filters, following children. Kept behind functions so that the engine's
 * tables stay its own. */
#include "engine/session.h"

int eng_set_backend(struct session *s, const struct tgt_backend *be, struct lerr *e)
{
    if (s->nprocs)
        return lerr_set(e, "The backend cannot change while a process is debugged");
    s->be = be;
    return 0;
}

void eng_thread_set_frozen(struct eng_thread *t, int frozen)
{
    t->frozen = frozen != 0;
}

int eng_thread_suspend(struct eng_thread *t, int delta)
{
    if (delta < 0 && t->suspend + delta < 0)
        return -1;
    t->suspend += delta;
    return 0;
}

static int *filter(struct session *s, enum eng_filter f)
{
    switch (f) {
    case ENG_FILTER_LOAD: return &s->stop_on_load;
    case ENG_FILTER_UNLOAD: return &s->stop_on_unload;
    case ENG_FILTER_PROC_CREATE: return &s->stop_on_proc_create;
    case ENG_FILTER_PROC_EXIT: return &s->stop_on_proc_exit;
    case ENG_FILTER_THREAD_CREATE: return &s->stop_on_thread_create;
    case ENG_FILTER_THREAD_EXIT: break;
    }
    return &s->stop_on_thread_exit;
}

void eng_set_event_stop(struct session *s, enum eng_filter f, int stop)
{
    *filter(s, f) = stop != 0;
}

int eng_event_stops(const struct session *s, enum eng_filter f)
{
    return *filter((struct session *)s, f);
}

void eng_set_signal_mode(struct session *s, int sig, enum eng_sig_mode mode)
{
    if (sig > 0 && sig < ENG_NSIG)
        s->sig_mode[sig] = (unsigned char)mode;
}

enum eng_sig_mode eng_signal_mode(const struct session *s, int sig)
{
    return sig > 0 && sig < ENG_NSIG ? (enum eng_sig_mode)s->sig_mode[sig] : ENG_SIG_STOP;
}

void eng_set_follow_children(struct session *s, int follow)
{
    s->follow_children = follow != 0;
}

int eng_follows_children(const struct session *s)
{
    return s->follow_children;
}

void eng_set_hw_emulate(struct session *s, int emulate)
{
    s->hw_emulate = emulate != 0;
}

void eng_set_bp_hooks(struct session *s, const struct eng_bp_hooks *h, void *ctx)
{
    s->bp_hook = h->hit;
    s->ifunc_hook = h->ifunc;
    s->bp_event_hook = h->event;
    s->pads_plan = h->pads_plan;
    s->pads_sync = h->pads_sync;
    s->bp_hook_ctx = ctx;
}
