/* Output capture (cmd/dbg.h): as /c, .foreach and .shell -ci run commands
 * with d->out turned to a stream of their own. One helper for the three,
 * so that the depth count, by which the log commands know not to swap
 * d->out under a capture, cannot be forgotten by one of them. */
#include "cmd/dbg.h"

void dbg_capture_begin(struct dbg *d, struct dbg_capture *c, FILE *to)
{
    /* what was written before must reach its place before the switch */
    fflush(d->out);
    c->saved = d->out;
    d->out = to;
    d->capture_depth++;
}

void dbg_capture_end(struct dbg *d, struct dbg_capture *c)
{
    fflush(d->out);
    d->out = c->saved;
    d->capture_depth--;
}
