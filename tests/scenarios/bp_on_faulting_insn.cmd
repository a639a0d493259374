# ARGS: fx_signal segv
# A breakpoint on the very instruction that crashes (the store through a
# bad pointer, main+0x8b as gcc builds this fixture): the breakpoint hits,
# then going on from it reports the SIGSEGV as a first-chance event at that
# instruction instead of delivering it unseen; g then passes it on.
bp fx_signal!main+0x8b
g
g
g
u @rip L1
g
g
# CHECK: Signal SIGUSR1 (first chance)
# CHECK: Breakpoint 0 hit
# CHECK: fx_signal!main+0x8b:
# CHECK: 0:000> g
# CHECK-NEXT: Signal SIGSEGV (first chance) at 00000000`00000010
# CHECK: fx_signal!main+0x8b:
# CHECK: 0:000> u @rip L1
# CHECK-NEXT: fx_signal!main+0x8b:
# CHECK-NEXT: 00005555`{{[0-9a-f]+}} c70001000000    mov     dword ptr [rax],1h
# CHECK: 0:000> g
# CHECK-NEXT: Signal SIGSEGV (!!! second chance !!!) at 00000000`00000010
# CHECK: 0:000> g
# CHECK-NEXT: Exit process {{.*}}, killed by SIGSEGV
