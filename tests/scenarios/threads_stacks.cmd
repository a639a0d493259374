# ARGS: fx_two
# ~*k: every thread's stack, each after a blank line and the thread's line
# as ~ lists it (WinDbg's layout); the thread prefix goes with k's variants.
bp fx_two!fx_second_here
g
~*k
~*kcn 1
q
# CHECK: 0:00[[CUR:1]]> ~*k
# CHECK-EMPTY:
# CHECK-NEXT:    0  Id: [[PID:[0-9a-f]+]].[[PID]] Suspend: {{[0-9]}} Teb: {{[0-9a-f`]+}} Unfrozen "fx_two"
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK: fx_two!main+0x{{[0-9a-f]+}} [{{.*}}fx_two.c @ 27]
# CHECK: {{^}}.  [[CUR]]  Id: [[PID]].{{[0-9a-f]+}} Suspend: {{[0-9]}} Teb: {{[0-9a-f`]+}} Unfrozen "fx_two"
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     fx_two!fx_second_here [{{.*}}fx_two.c @ 11]
# CHECK-NEXT: {{.*}}fx_two!second+0x{{.*}}fx_two.c @ 18]
# CHECK-NEXT: {{.*}}libc!start_thread+0x
# CHECK: 0:00[[CUR]]> ~*kcn 1
# CHECK-EMPTY:
# CHECK-NEXT:    0  Id:
# CHECK-NEXT:  # Call Site
# CHECK-NEXT: 00 {{.*}}
# CHECK: .  [[CUR]]  Id:
# CHECK-NEXT:  # Call Site
# CHECK-NEXT: 00 fx_two!fx_second_here [
