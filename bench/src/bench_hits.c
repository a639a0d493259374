/* The benchmark target: work() called N times (argv[1]). */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) long work(long i) { return i * 3 + 1; }

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 15000, s = 0;
    for (long i = 0; i < n; i++)
        s += work(i);
    printf("%ld\n", s);
    return 0;
}
