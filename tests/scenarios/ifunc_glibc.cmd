# ARGS: fx_glibc
# glibc's indirect functions (strlen, memcpy, memset, strcmp, cos are
# STT_GNU_IFUNC: the symbol is a resolver). A breakpoint on one goes on
# the implementation this process uses, read from where the loader wrote
# it, and says so; set before libc is loaded, it waits and follows. It is
# hit from the program and from inside libc (puts calls strlen). memcpy's
# older version (memcpy@GLIBC_2.2.5) no longer makes memcpy ambiguous.
# x shows an indirect function with its implementation.
bp1 libc!strlen
bu fx_glibc!main
g
x libc!strlen
x libc!memcpy*
bp libc!memcpy
bp libm!cos
bl
g
k 2
g
k 2
g
k 2
g
k 2
bc *
g
# CHECK: ModLoad: {{.*}}libc.so.6
# CHECK-NEXT: libc!strlen is an indirect function: the breakpoint goes on libc!__strlen_{{[a-z0-9_]+}}, the implementation this process uses
# CHECK: 0:000> x libc!strlen
# CHECK-NEXT: {{[0-9a-f`]+}} libc!strlen (indirect function -> libc!__strlen_{{[a-z0-9_]+}})
# CHECK-NEXT: 0:000> x libc!memcpy*
# CHECK-NEXT: {{[0-9a-f`]+}} libc!memcpy (indirect function -> libc!__mem{{[a-z0-9_]+}})
# CHECK-NEXT: {{[0-9a-f`]+}} libc!memcpy@GLIBC_2.2.5
# CHECK-NEXT: 0:000> bp libc!memcpy
# CHECK-NEXT: libc!memcpy is an indirect function: the breakpoint goes on libc!__mem{{[a-z0-9_]+}}, the implementation this process uses
# CHECK-NEXT: 0:000> bp libm!cos
# CHECK-NEXT: libm!cos is an indirect function: the breakpoint goes on libm!__cos_{{[a-z0-9]+}}, the implementation this process uses
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} fx_glibc!main
# CHECK-NEXT:  1 e {{.*}} libc!__strlen_{{[a-z0-9_]+$}}
# CHECK-NEXT:  2 e {{.*}} libc!__mem{{[a-z0-9_]+$}}
# CHECK-NEXT:  3 e {{.*}} libm!__cos_{{[a-z0-9]+$}}
# CHECK: Breakpoint 1 hit
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP
# CHECK-NEXT: {{.*}} libc!__strlen_
# CHECK-NEXT: {{.*}} fx_glibc!main+0x
# CHECK: Breakpoint 2 hit
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP
# CHECK-NEXT: {{.*}} libc!__mem
# CHECK-NEXT: {{.*}} fx_glibc!main+0x
# CHECK: Breakpoint 1 hit
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP
# CHECK-NEXT: {{.*}} libc!__strlen_
# CHECK-NEXT: {{.*}} libc!_IO_puts+0x
# CHECK: Breakpoint 3 hit
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP
# CHECK-NEXT: {{.*}} libm!__cos_
# CHECK-NEXT: {{.*}} fx_glibc!main+0x
# CHECK: fx_glibc: 2 0 0.878
