# ARGS: fx_exec $FX/fx_basic
# exec while breakpoints and data breakpoints (one in a debug register, one
# emulated by page protection) are set: both hit in the old image, then the
# exec takes them with the old address space; the new program runs to its
# normal end without a stop of theirs.
bp before
ba w8 fx_seen
.dbgregs emulate
ba w8 fx_seen+8
.dbgregs auto
bl
g
g
g
g
bl
g
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}fx_exec!before
# CHECK-NEXT:  1 e {{.*}} w8 0001 (0001)  0:**** fx_exec!fx_seen
# CHECK-NEXT:  2 e {{.*}} w8 0001 (0001)  0:**** fx_exec!fx_seen+0x8 (emulated: page protection)
# CHECK: Breakpoint 0 hit
# CHECK: Breakpoint 1 hit
# CHECK: Breakpoint 2 hit
# CHECK: 0:000> g
# CHECK-NEXT: fx_exec: before=2
# CHECK-NEXT: Exec {{.*}}fx_basic
# CHECK: fx_basic: sum=42 first=de
# CHECK-NEXT: Exit process
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT: 0:000> g
