# ARGS: fx_mprotect crash
# A write the program's own protection forbids, on a page protected for an
# emulated data breakpoint, is the program's fault: reported as its
# SIGSEGV, not taken for a watch access, and passed on by g.
.dbgregs emulate
ba w8 fx_page
g
g
g
g
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK-NEXT: Signal SIGSEGV (first chance) at 00005555`{{[0-9a-f]+}}
# CHECK: fx_mprotect!main+0x
# CHECK-NEXT: {{.*}}mov     qword ptr [fx_mprotect!fx_page+0x10 ({{.*}})],5h
# CHECK: 0:000> g
# CHECK-NEXT: Signal SIGSEGV (!!! second chance !!!) at 00005555`{{[0-9a-f]+}}
# CHECK: 0:000> g
# CHECK-NEXT: Exit process 0:{{[0-9a-f]+}}, killed by SIGSEGV
