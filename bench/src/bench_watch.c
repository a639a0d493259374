/* Writes to watched globals, for data-breakpoint benchmarks.
 * usage: bench_watch MODE N
 *   one     g0 written N times
 *   six     g0..g5 written in turn, N rounds (a tight loop)
 *   spread  g0..g5 written in turn, N rounds, each write after about 1,000
 *           instructions of other work
 *   other   `other`, on the same page as g0..g5, written N times (no
 *           watched byte is touched: the cost of a fault that is no hit) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

volatile long g0, g1, g2, g3, g4, g5, other;

/* about 1,000 instructions that touch no global */
__attribute__((noinline)) static long work(long x)
{
    for (int k = 0; k < 200; k++)
        __asm__ volatile("add $1, %0" : "+r"(x));
    return x;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    const char *mode = argv[1];
    long n = atol(argv[2]), x = 0;
    for (long i = 0; i < n; i++) {
        if (!strcmp(mode, "one")) {
            g0 = i;
        } else if (!strcmp(mode, "six")) {
            g0 = i; g1 = i; g2 = i; g3 = i; g4 = i; g5 = i;
        } else if (!strcmp(mode, "spread")) {
            x = work(x); g0 = i; x = work(x); g1 = i; x = work(x); g2 = i;
            x = work(x); g3 = i; x = work(x); g4 = i; x = work(x); g5 = i;
        } else {
            other = i;
        }
    }
    printf("bench_watch: %s %ld %ld\n", mode, n, x + g0 + other);
    return 0;
}
