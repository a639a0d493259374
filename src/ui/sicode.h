/* A signal's si_code in words, as a post-mortem stop reports it. */
#ifndef LINDBG_UI_SICODE_H
#define LINDBG_UI_SICODE_H

#include <signal.h>
#include <stddef.h>

/* "address not mapped to object (SEGV_MAPERR)"; for a code this table
 * does not know: "si_code N". */
const char *fmt_sicode(int sig, int code, char *buf, size_t size);
/* Whether si_addr is meaningful for (sig, code): a fault's address. */
int fmt_sicode_has_addr(int sig, int code);

#endif
