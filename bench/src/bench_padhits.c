/* The target of bench/run-intarget.sh: hit() called N times, from main or
 * from each of T threads.
 * usage: bench_padhits [N [T]]   N calls (default 1000000); T > 0: T threads
 *                                each make the N calls (8 threads x N passes)
 * Prints `padhits: n=N threads=T checksum=X`; X depends only on N and T, so
 * a run under a debugger proves it changed nothing.
 *
 * hit() is what an in-target breakpoint patches: its first instructions
 * (several, before any branch, none of them a call) are covered by a 5-byte
 * jmp, and no jump inside the function comes back into them (it has no
 * loop). noipa keeps GCC from inlining, cloning (hit.constprop.0) or
 * dropping calls, so `hit` is called exactly N times per caller. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static long n_calls = 1000000;
static volatile long rare;

/* the rare path: a call, so hit() is no leaf and keeps its frame */
__attribute__((noipa)) static void note(unsigned long h)
{
    rare += (long)(h >> 20);
}

__attribute__((noipa)) long hit(int x)
{
    unsigned h = (unsigned)x; /* murmur3's finaliser: short instructions */
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    if ((h & 0xfffff) == 0) /* about once a million calls */
        note(h);
    return (long)(h & 0xffff);
}

static void *run(void *out)
{
    long s = 0;
    for (long i = 0; i < n_calls; i++)
        s += hit((int)i);
    *(long *)out = s;
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        n_calls = atol(argv[1]);
    int t = argc > 2 ? atoi(argv[2]) : 0;
    long sum = 0;
    if (t <= 0) {
        run(&sum);
    } else {
        pthread_t *th = calloc((size_t)t, sizeof *th);
        long *part = calloc((size_t)t, sizeof *part);
        for (int k = 0; k < t; k++)
            if (pthread_create(&th[k], NULL, run, &part[k]) != 0)
                return 1;
        for (int k = 0; k < t; k++) {
            pthread_join(th[k], NULL);
            sum += part[k];
        }
    }
    printf("padhits: n=%ld threads=%d checksum=%ld\n", n_calls, t, sum);
    return 0;
}
