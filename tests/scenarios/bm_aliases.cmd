# ARGS: fx_glibc
# bm sets one breakpoint per address, under the public name: glibc's
# aliases (__libc_memmove, __GI_memmove) are not separate targets, and the
# .cold parts GCC splits off (strfromd.cold) are not function entries; x
# lists an address once with its other names. Two indirect functions that
# chose one implementation (memcpy, memmove) make one breakpoint there.
bu fx_glibc!main
g
bc *
x libc!strfromd*
bm libc!strfrom*
bm libc!*memmove
x libc!*memmove
bl
bc *
bm libc!mem*
bl
# CHECK: 0:000> x libc!strfromd*
# CHECK-NEXT: {{.*}} libc!strfromd.cold
# CHECK-NEXT: {{.*}} libc!strfromd{{$}}
# CHECK-NEXT: 0:000> bm libc!strfrom*
# CHECK-NEXT:   0: {{.*}} libc!strfromd
# CHECK-NEXT:   1: {{.*}} libc!strfromf
# CHECK-NEXT:   2: {{.*}} libc!strfroml
# CHECK-NEXT:   3: {{.*}} libc!strfromf128
# CHECK-NEXT: 0:000> bm libc!*memmove
# CHECK-NEXT:   4: {{.*}} libc!memmove (indirect function: libc!__mem{{[a-z0-9_]+}})
# CHECK-NEXT:   5: {{.*}} libc!wmemmove
# CHECK-NEXT: 0:000> x libc!*memmove
# CHECK-NEXT: {{.*}} libc!memmove (indirect function -> libc!__mem{{[a-z0-9_]+}}) (also {{.*}}__GI_memmove{{.*}})
# CHECK-NEXT: {{.*}} libc!wmemmove (also __wmemmove)
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} libc!strfromd
# CHECK-NEXT:  1 e {{.*}} libc!strfromf
# CHECK-NEXT:  2 e {{.*}} libc!strfroml
# CHECK-NEXT:  3 e {{.*}} libc!strfromf128
# CHECK-NEXT:  4 e {{.*}} libc!__mem
# CHECK-NEXT:  5 e {{.*}} libc!wmemmove
# CHECK-NEXT: 0:000>
# CHECK: 0:000> bm libc!mem*
# CHECK-NOT: libc!memmove (indirect
# CHECK: libc!memcpy (indirect function: libc!__mem{{[a-z0-9_]+}})
# CHECK-NOT: libc!memmove (indirect
# CHECK: 0:000> bl
