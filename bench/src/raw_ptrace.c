/* The floor: the least work per hit a ptrace debugger can do on this
 * machine. Runs PROGRAM N with a 0xCC at ADDR (ASLR off) and goes past
 * every hit without stopping for anyone:
 *   step     put the byte back, single-step, re-insert (two stops a hit)
 *   onestop  execute the `push rbp` under the trap itself (one stop a hit)
 * usage: raw_ptrace step|onestop ADDR PROGRAM N; prints the hits. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 5)
        return 2;
    int onestop = strcmp(argv[1], "onestop") == 0;
    uint64_t addr = strtoull(argv[2], NULL, 16);
    pid_t pid = fork();
    if (pid == 0) {
        personality(ADDR_NO_RANDOMIZE);
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        execv(argv[3], argv + 3);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0); /* the exec stop */
    errno = 0;
    long word = ptrace(PTRACE_PEEKTEXT, pid, addr, 0);
    if (errno)
        return 3;
    long trapped = (word & ~0xffL) | 0xcc;
    ptrace(PTRACE_POKETEXT, pid, addr, trapped);
    unsigned long hits = 0;
    for (;;) {
        ptrace(PTRACE_CONT, pid, 0, 0);
        if (waitpid(pid, &st, 0) < 0 || WIFEXITED(st) || WIFSIGNALED(st))
            break;
        if (WSTOPSIG(st) != SIGTRAP)
            continue;
        struct user_regs_struct r;
        ptrace(PTRACE_GETREGS, pid, 0, &r);
        if (r.rip - 1 != addr)
            continue;
        hits++;
        if (onestop) {
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
