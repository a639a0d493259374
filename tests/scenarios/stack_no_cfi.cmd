# ARGS: fx_nocfi
# A stop in code without CFI: the caller is the return address on top of
# the stack (nothing was pushed yet), as GDB finds it; following rbp
# instead skipped fx_outer and named its caller.
bp fx_nocfi+2
g
kc
# CHECK: 0:000> kc
# CHECK-NEXT: Call Site
# CHECK-NEXT: fx_nocfi!fx_nocfi{{$}}
# CHECK-NEXT: fx_nocfi!fx_outer [{{.*}}fx_nocfi.c @ 17]
# CHECK-NEXT: fx_nocfi!main [{{.*}}fx_nocfi.c @ 21]
