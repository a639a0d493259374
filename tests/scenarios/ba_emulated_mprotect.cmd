# ARGS: fx_mprotect
# The program changes the protection of a watched page itself (read-only,
# then writable again): the emulated data breakpoint keeps watching, and
# sees the write made after the program's own mprotect calls.
.dbgregs emulate
ba w8 fx_page
g
g
g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by {{.*}}mov     qword ptr [fx_mprotect!fx_page ({{.*}})],1h
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by {{.*}}mov     qword ptr [fx_mprotect!fx_page ({{.*}})],3h
# CHECK: 0:000> g
# CHECK-NEXT: fx_mprotect: 3 2
