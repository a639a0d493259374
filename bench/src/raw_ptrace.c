/* The floor: the least work per hit a ptrace debugger can do on this
 * machine. Runs PROGRAM N with a 0xCC at ADDR (ASLR off) and goes past
 * every hit without stopping for anyone:
 *   step     put the byte back, single-step, re-insert (two stops a hit)
 *   onestop  execute the `push rbp` under the trap itself (one stop a hit)
 *   ool      run `push rbp` from a copy followed by a jump back, written
 *            once at SCRATCH (padding after the program's code): one
 *            stop a hit, registers read and written once, nothing else
 *   oolpoll  the same, waiting by polling (waitpid WNOHANG, sched_yield)
 *            for up to 200 us before sleeping, as lindbg does
 * usage: raw_ptrace step|onestop ADDR PROGRAM N
 *        raw_ptrace ool|oolpoll ADDR SCRATCH PROGRAM N; prints the hits. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t wait_for(pid_t pid, int *st, int poll)
{
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (poll) {
        pid_t got = waitpid(pid, st, WNOHANG);
        if (got != 0)
            return got;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - t0.tv_sec) * 1000000000L + (now.tv_nsec - t0.tv_nsec) > 200000L)
            break;
        sched_yield();
    }
    return waitpid(pid, st, 0);
}

int main(int argc, char **argv)
{
    if (argc < 5)
        return 2;
    int onestop = strcmp(argv[1], "onestop") == 0;
    int poll = strcmp(argv[1], "oolpoll") == 0;
    int ool = poll || strcmp(argv[1], "ool") == 0;
    uint64_t addr = strtoull(argv[2], NULL, 16);
    uint64_t scratch = ool ? strtoull(argv[3], NULL, 16) : 0;
    char **prog = argv + (ool ? 4 : 3);
    if (ool && argc < 6)
        return 2;
    pid_t pid = fork();
    if (pid == 0) {
        personality(ADDR_NO_RANDOMIZE);
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        execv(prog[0], prog);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0); /* the exec stop */
    errno = 0;
    long word = ptrace(PTRACE_PEEKTEXT, pid, addr, 0);
    if (errno)
        return 3;
    if (ool) {
        /* push rbp; jmp rel32 back to the instruction after it */
        uint8_t copy[8] = {0x55, 0xe9};
        int32_t rel = (int32_t)(addr + 1 - (scratch + 6));
        memcpy(copy + 2, &rel, 4);
        long w;
        memcpy(&w, copy, 8);
        if (ptrace(PTRACE_POKETEXT, pid, scratch, w) < 0)
            return 3;
    }
    long trapped = (word & ~0xffL) | 0xcc;
    ptrace(PTRACE_POKETEXT, pid, addr, trapped);
    unsigned long hits = 0;
    for (;;) {
        ptrace(PTRACE_CONT, pid, 0, 0);
        if (wait_for(pid, &st, poll) < 0 || WIFEXITED(st) || WIFSIGNALED(st))
            break;
        if (WSTOPSIG(st) != SIGTRAP)
            continue;
        struct user_regs_struct r;
        ptrace(PTRACE_GETREGS, pid, 0, &r);
        if (r.rip - 1 != addr)
            continue;
        hits++;
        if (ool) {
            r.rip = scratch;
            ptrace(PTRACE_SETREGS, pid, 0, &r);
        } else if (onestop) {
            /* push rbp, done here: one stop a hit */
            r.rsp -= 8;
            ptrace(PTRACE_POKEDATA, pid, r.rsp, r.rbp);
            r.rip = addr + 1;
            ptrace(PTRACE_SETREGS, pid, 0, &r);
        } else {
            r.rip = addr;
            ptrace(PTRACE_SETREGS, pid, 0, &r);
            ptrace(PTRACE_POKETEXT, pid, addr, word);
            ptrace(PTRACE_SINGLESTEP, pid, 0, 0);
            waitpid(pid, &st, 0);
            ptrace(PTRACE_POKETEXT, pid, addr, trapped);
        }
    }
    printf("%lu\n", hits);
    return 0;
}
