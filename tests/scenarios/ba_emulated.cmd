# ARGS: fx_watch
# Data breakpoints emulated by page protection (.dbgregs emulate: the path
# of a machine whose debug registers do not fire), on any machine: a write
# stops after the instruction that made it, as in hardware; a read watch
# (r) sees loads; a thread created after the ba is watched too; memory
# views show the real values; bl says how each is done; a page of code is
# refused; once cleared the program ends as it would alone.
.dbgregs emulate
ba w1 bump
ba w8 fx_watched
bl
g
? poi(fx_watched)
g
dq fx_watched L1
ba3 w4 fx_small+8
ba4 r8 fx_read_me
.bpcmds
g
bc 0 4
g
bc *
g
# CHECK: 0:000> ba w1 bump
# CHECK-NEXT: Data breakpoints emulated by page protection cannot watch a page of code
# CHECK-NEXT: 0:000> ba w8 fx_watched
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e 00005555`{{[0-9a-f]+}} w8 0001 (0001)  0:**** fx_watch!fx_watched (emulated: page protection)
# CHECK-NEXT: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by 00005555`{{[0-9a-f]+}} {{[0-9a-f]+}}  mov     qword ptr [fx_watch!fx_watched (00005555`{{[0-9a-f]+}})],rax
# CHECK: fx_watch!bump+0x
# CHECK: 0:000> ? poi(fx_watched)
# CHECK-NEXT: Evaluate expression: 0 = 00000000`00000000
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> dq fx_watched L1
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00000000`00000002
# CHECK: 0:000> .bpcmds
# CHECK-NEXT: ba0 w8 0x0000{{[0-9a-f]+}} ;
# CHECK-NEXT: ba3 w4 0x0000{{[0-9a-f]+}} ;
# CHECK-NEXT: ba4 r8 0x0000{{[0-9a-f]+}} ;
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 4 hit
# CHECK-NEXT: Accessed by {{.*}}  mov     rax,qword ptr [fx_watch!fx_read_me ({{.*}})]
# CHECK: fx_watch!main+0x
# CHECK: 0:000> bc 0 4
# CHECK-NEXT: 0:000> g
# CHECK: Create thread 0:001
# CHECK-NEXT: Breakpoint 3 hit
# CHECK-NEXT: Accessed by {{.*}}mov     dword ptr [fx_watch!fx_small+0x8
# CHECK: fx_watch!writer+0x
# CHECK: 0:001> bc *
# CHECK-NEXT: 0:001> g
# CHECK: fx_watch: 8 35 99
