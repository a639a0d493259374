# ARGS: fx_stack
# p over a call that never returns (exit): the process ends during the
# step and the session reports it like any exit.
g
gu
gu
gu
gu
gu
gu
gu
pc
p
pc
p
r
# CHECK: fx_stack!main+0x26:
# CHECK: 0:000> pc
# CHECK: call    {{.*}}
# CHECK: 0:000> p
# CHECK: fx_stack!main+0x48:
# CHECK: 0:000> pc
# CHECK: libc!__libc_start_call_main+0x{{[0-9a-f]+}}:
# CHECK-NEXT: call    libc!exit
# CHECK: 0:000> p
# CHECK-NEXT: fx_stack: result=31 handled=12
# CHECK-NEXT: Exit process 0:{{[0-9a-f]+}}, code 0
# CHECK: 0:000> r
# CHECK-NEXT: No target
