/* read() calls into a buffer no breakpoint watches, for the cost that the
 * system-call watch (kernel writes into watched memory) adds to a program
 * that never hits it. usage: bench_kw N */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* on pages of their own: the buffer is not on the watched page */
volatile long watched __attribute__((aligned(4096)));
char buffer[64] __attribute__((aligned(4096)));

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1;
    int fd = open("/dev/zero", O_RDONLY);
    long total = 0;
    for (long i = 0; i < n; i++)
        total += read(fd, buffer, sizeof buffer);
    printf("bench_kw: %ld\n", total + watched);
    return 0;
}
