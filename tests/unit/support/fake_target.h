/* A target without a process, for unit tests of the engine: the backend
 * keeps each process's memory in arrays and runs each thread along a
 * script, the addresses it executes in order, so that the real run loop,
 * the breakpoint manager and the choices about passing a site (emulated,
 * stepped, out of line) are driven through the same struct tgt_ops as on
 * ptrace, and what they did to the target can be looked at afterwards.
 *
 * A thread stands on its script's next step; when it runs, a 0xCC at that
 * step's address reports SIGTRAP (SI_KERNEL, rip one past it, as Linux
 * does for int3) and the thread stays there; any other byte is executed:
 * the thread moves to the next step (whatever the byte decodes to, the
 * next instruction is the script's, so a script can jump). A thread whose
 * rip the engine moved off the step (an emulated instruction, a trip
 * through an out-of-line copy, an int3 that is the program's own) has
 * executed it. A step may set rax and rbp when the thread gets there, and
 * may create a thread or fork a process once executed. The end of a
 * script is the thread's exit; a leader that ends before its threads is
 * reported after them, as Linux does.
 *
 * Threads that were resumed run when the engine waits, one instruction
 * each in turn (in the order they were resumed) until one reports an
 * event; an interrupt stops a thread where it stands. The order of events
 * is the same on every run. */
#ifndef LINDBG_TESTS_FAKE_TARGET_H
#define LINDBG_TESTS_FAKE_TARGET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "target/backend.h"

/* Where the program's code is (filled with 1-byte nops, which the engine
 * emulates), its stack, and the vDSO (a `syscall` for injected calls). */
#define FAKE_CODE 0x401000ull
#define FAKE_CODE_SIZE 0x1000ull
#define FAKE_STACK 0x7ffd0000ull
#define FAKE_STACK_SIZE 0x2000ull
#define FAKE_VDSO 0x7fff0000ull
#define FAKE_GADGET (FAKE_VDSO + 0x10)
#define FAKE_PID 1000 /* the launched process; its threads 1001, ... */

enum fake_effect {
    FAKE_NONE,
    FAKE_CLONE, /* a new thread of the process runs `script` */
    FAKE_FORK,  /* a new process (a copy of the memory) runs `script` */
};

#define FAKE_SET_RAX 1u
#define FAKE_SET_RBP 2u

struct fake_step {
    uint64_t addr; /* 0 ends the script: the thread exits */
    unsigned set;  /* FAKE_SET_*: registers the thread has on arriving */
    uint64_t rax, rbp;
    enum fake_effect effect;
    const struct fake_step *script; /* CLONE, FORK */
};

/* The backend: its caps are set by fake_reset. */
extern struct tgt_backend fake_backend;

/* Forgets every process; the next launch runs `script` (kept by pointer)
 * with the capabilities `caps` (enum tgt_cap). */
void fake_reset(unsigned caps, const struct fake_step *script);

/* What the target saw, for the tests to check. */
struct fake_stats {
    unsigned steps;     /* TGT_STEP resumes (on the program's code) */
    unsigned emulated;  /* steps executed because the engine moved rip */
    unsigned ool_runs;  /* ... moved it into a page it mapped (a copy) */
    unsigned injected;  /* system calls run at the vDSO's `syscall` */
    unsigned misuse;    /* the engine used the target wrongly (resumed a
                         * thread that was not stopped, waited for one
                         * that cannot report, touched a gone thread) */
    char misuse_msg[256];
    /* the byte under rip at each TGT_STEP resume (first 32) */
    uint64_t step_at[32];
    uint8_t step_byte[32];
};
extern struct fake_stats fake_stats;

/* Memory as the target has it (0xCC included): 0, or -1 when unmapped. */
int fake_peek(pid_t pid, uint64_t addr, uint8_t *byte);
int fake_poke(pid_t pid, uint64_t addr, uint8_t byte);
/* How many 0xCC bytes the code region of pid holds. */
size_t fake_traps_in_code(pid_t pid);
/* Mapped regions of pid that the engine mapped (mmap through injection). */
size_t fake_mapped_by_engine(pid_t pid);
/* The script position of tid (-1 when unknown), and whether it exited. */
long fake_position(pid_t tid);
int fake_exited(pid_t tid);
/* mmap injected into the target fails (ENOMEM) while set. */
void fake_refuse_mmap(int refuse);

#endif
