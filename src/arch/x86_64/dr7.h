/* x86 debug-register encoding: DR7's local-enable, RW and LEN fields for
 * the four address slots DR0-DR3, and DR6's "which slot fired" bits. */
#ifndef LINDBG_ARCH_X86_64_DR7_H
#define LINDBG_ARCH_X86_64_DR7_H

#include <stdint.h>

enum dr_access {
    DR_EXECUTE = 0, /* RW=00 */
    DR_WRITE = 1,   /* RW=01 */
    DR_IO = 2,      /* RW=10: ports, kernel mode only */
    DR_READWRITE = 3, /* RW=11: reads or writes */
};

/* DR7 with slot (0..3) enabled for `access` over `len` bytes (1, 2, 4, 8);
 * the other slots' bits are kept. Returns dr7 unchanged for a bad len. */
uint64_t dr7_set(uint64_t dr7, int slot, enum dr_access access, unsigned len);
/* DR7 with the slot disabled and its fields cleared. */
uint64_t dr7_clear(uint64_t dr7, int slot);
int dr7_enabled(uint64_t dr7, int slot);
enum dr_access dr7_access(uint64_t dr7, int slot);
unsigned dr7_len(uint64_t dr7, int slot);
/* The lowest slot that fired according to DR6, or -1 (a single-step has
 * BS, bit 14, instead). */
int dr6_slot(uint64_t dr6);

#endif
