# ARGS: fx_watch
# ba's rules, one clear line each and nothing changed: alignment, e takes
# size 1, i is for kernel mode, bad letters and sizes, unmapped memory. A
# second one on the same place, access and size redefines the first (its
# command string, its thread), as in WinDbg. A fifth data breakpoint is
# emulated by page protection, and bl says so.
ba w8 fx_watched
ba w4 fx_watched+2
ba e4 bump
ba i1 fx_watched
ba x4 fx_watched
ba w3 fx_watched
ba w4 0
ba w8 fx_watched "r rax"
~0 ba w8 fx_watched
ba w8 fx_small
ba w4 fx_small+4
ba w2 fx_small+c
ba w1 fx_read_me
ba
bl
# CHECK: 0:000> ba w4 fx_watched+2
# CHECK-NEXT: Alignment error: a 4-byte processor breakpoint needs an address that is a multiple of 4 (00005555`5555{{[0-9a-f]+}}2 is not)
# CHECK-NEXT: 0:000> ba e4 bump
# CHECK-NEXT: Syntax error: ba e takes size 1
# CHECK-NEXT: 0:000> ba i1 fx_watched
# CHECK-NEXT: ba i is refused: I/O-port breakpoints need kernel-mode debugging
# CHECK-NEXT: 0:000> ba x4 fx_watched
# CHECK-NEXT: Syntax error: ba needs an access (e, r, w or i) and a size
# CHECK-NEXT: 0:000> ba w3 fx_watched
# CHECK-NEXT: Syntax error: the size of a processor breakpoint is 1, 2, 4 or 8
# CHECK-NEXT: 0:000> ba w4 0
# CHECK-NEXT: Memory access error at 00000000`00000000: nothing is mapped there
# CHECK-NEXT: 0:000> ba w8 fx_watched "r rax"
# CHECK-NEXT: breakpoint 0 redefined
# CHECK-NEXT: 0:000> ~0 ba w8 fx_watched
# CHECK-NEXT: breakpoint 0 redefined
# CHECK-NEXT: 0:000> ba w8 fx_small
# CHECK-NEXT: 0:000> ba w4 fx_small+4
# CHECK-NEXT: 0:000> ba w2 fx_small+c
# CHECK-NEXT: 0:000> ba w1 fx_read_me
# CHECK-NEXT: 0:000> ba
# CHECK-NEXT: Syntax error: ba needs an access
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e 00005555`5555{{[0-9a-f]+}} w8 0001 (0001)  0:~000 fx_watch!fx_watched
# CHECK-NEXT:  1 e {{.*}} w8 0001 (0001)  0:**** fx_watch!fx_small
# CHECK-NEXT:  2 e {{.*}} w4 0001 (0001)  0:**** fx_watch!fx_small+0x4
# CHECK-NEXT:  3 e {{.*}} w2 0001 (0001)  0:**** fx_watch!fx_small+0xc
# CHECK-NEXT:  4 e {{.*}} w1 0001 (0001)  0:**** fx_watch!fx_read_me (emulated: page protection)
# CHECK-NEXT: 0:000>
