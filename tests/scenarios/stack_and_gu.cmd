# ARGS: fx_stack
# k unwinds through libc and the program (DWARF CFI); kn numbers frames;
# gu returns to the caller's frame, one level at a time through recursion
# (the frame must match, not just the address).
g
k
kn 3
gu
gu
gu
k 6
gu
k 4
gu
k 3
k 0
g
# CHECK: Signal SIGUSR2 (first chance)
# CHECK: 0:000> k
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}} 00007fff`{{[0-9a-f]+}}     libc!{{.*}}kill{{.*}}
# CHECK: libc!raise+0x{{[0-9a-f]+}}
# CHECK-NEXT: fx_stack!leaf+0x15
# CHECK-NEXT: fx_stack!recurse+0x1b
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!main+0x26
# CHECK-NEXT: libc!__libc_start_call_main
# CHECK-NEXT: libc!__libc_start_main
# CHECK-NEXT: fx_stack!_start
# CHECK: 0:000> kn 3
# CHECK-NEXT:  # Child-SP          RetAddr               Call Site
# CHECK-NEXT: 00 00007fff`
# CHECK-NEXT: 01 00007fff`{{.*}}libc!raise
# CHECK-NEXT: 02 00007fff`{{.*}}fx_stack!leaf+0x15
# CHECK-NEXT: 0:000> gu
# CHECK: libc!raise+0x{{[0-9a-f]+}}:
# CHECK: 0:000> gu
# CHECK: fx_stack!leaf+0x15:
# CHECK: 0:000> gu
# CHECK: fx_stack!recurse+0x1b:
# CHECK: 0:000> k 6
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_stack!recurse+0x1b
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!main+0x26
# CHECK-NEXT: libc!__libc_start_call_main
# CHECK-NEXT: 0:000> gu
# CHECK: fx_stack!recurse+0x2a:
# CHECK: 0:000> k 4
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!main+0x26
# CHECK-NEXT: 0:000> gu
# CHECK: fx_stack!recurse+0x2a:
# CHECK: 0:000> k 3
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!recurse+0x2a
# CHECK-NEXT: fx_stack!main+0x26
# CHECK-NEXT: 0:000> k 0
# CHECK-NEXT: Range error: between 1 and 4096 frames
# CHECK: fx_stack: result=31 handled=12
