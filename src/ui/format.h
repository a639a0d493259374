/* Output formatting shared by the commands: WinDbg's 64-bit address form
 * with a backtick between the halves. */
#ifndef LINDBG_UI_FORMAT_H
#define LINDBG_UI_FORMAT_H

#include <stdint.h>

#define FMT_ADDR_LEN 18 /* "00007ffd`12345678" and the NUL */

/* Writes "00007ffd`12345678" into buf and returns buf. */
char *fmt_addr(char buf[FMT_ADDR_LEN], uint64_t addr);

/* WinDbg's name for a signal: "SIGSEGV", or "signal 42". */
const char *fmt_signame(int sig, char buf[24]);

#endif
