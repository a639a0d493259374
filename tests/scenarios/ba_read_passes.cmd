# ARGS: fx_watch
# ba r counts reads too, with passes as for bp; a command string runs.
ba r8 fx_read_me 3 "r rip; gc"
g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by {{.*}}fx_watch!fx_read_me
# CHECK-NEXT: rip=0000555555
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: Accessed by
# CHECK-NEXT: rip=
# CHECK-NEXT: Breakpoint 0 hit
# CHECK-NEXT: Accessed by
# CHECK-NEXT: rip=
# CHECK-NOT: Breakpoint 0 hit
# CHECK: fx_watch: 8 35 99
