/* Event filters: sx lists them; sxe makes an event stop the target, sxd
 * and sxn make it print only. Events: ld (module load), ud (unload). */
#include "cmd/dbg.h"

#include <string.h>

static const struct {
    const char *code, *name;
} events[] = {{"ld", "Load module"}, {"ud", "Unload module"}};

static int *setting(struct dbg *d, const char *code)
{
    return !strcmp(code, "ld") ? &d->s->stop_on_load : &d->s->stop_on_unload;
}

static int cmd_sx(struct dbg *d, const char *args)
{
    if (*args)
        return lerr_set(&d->err, "Syntax error in 'sx %s': use sxe, sxd or sxn to change", args);
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
        fprintf(d->out, "%4s - %-24s - %s\n", events[i].code, events[i].name,
                *setting(d, events[i].code) ? "break" : "output");
    return 0;
}

static int set_filter(struct dbg *d, const char *args, int stop, const char *cmd)
{
    /* sxe ld:name: only loads of matching modules stop */
    if (!strncmp(args, "ld:", 3) && args[3]) {
        if (eng_set_load_filter(d->s, stop ? args + 3 : NULL, &d->err) < 0)
            return -1;
        d->s->stop_on_load = stop;
        return 0;
    }
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        if (!strcmp(args, events[i].code)) {
            if (!strcmp(args, "ld"))
                eng_set_load_filter(d->s, NULL, NULL);
            *setting(d, events[i].code) = stop;
            return 0;
        }
    }
    return lerr_set(&d->err, "Syntax error in '%s %s': unknown event (ld, ud)", cmd, args);
}

static int cmd_sxe(struct dbg *d, const char *a) { return set_filter(d, a, 1, "sxe"); }
static int cmd_sxd(struct dbg *d, const char *a) { return set_filter(d, a, 0, "sxd"); }
static int cmd_sxn(struct dbg *d, const char *a) { return set_filter(d, a, 0, "sxn"); }

const struct cmd_def cmd_event_table[] = {
    {"sx", cmd_sx, "list the event filters"},
    {"sxe", cmd_sxe, "make an event stop the target: sxe ld, sxe ld:name*, sxe ud"},
    {"sxd", cmd_sxd, "make an event only print: sxd ld"},
    {"sxn", cmd_sxn, "make an event only print: sxn ld"},
    {NULL, NULL, NULL},
};
