# ARGS: fx_watch
# REQUIRES: debug-registers
# ba through the debug registers: a write stops after the accessing
# instruction, which the report names; r dr7/dr0 show the real registers;
# an execute breakpoint stops before its instruction and goes on from
# there; a thread created after the ba has it too; bl and .bpcmds show
# access and size; clearing them all leaves DR7 empty.
ba w8 fx_watched
bl
g
r dr7, dr0
? poi(fx_watched)
ba2 e1 bump
ba3 w4 fx_small+8
.bpcmds
g
g
bc 0 2
g
bc *
r dr7
g
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e 00005555`{{[0-9a-f]+}} w8 0001 (0001)  0:**** fx_watch!fx_watched
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by 00005555`{{[0-9a-f]+}} {{[0-9a-f]+}}  mov     qword ptr [fx_watch!fx_watched (00005555`{{[0-9a-f]+}})],rax
# CHECK: fx_watch!bump+0x
# CHECK: 0:000> r dr7, dr0
# CHECK-NEXT: dr7=0000000000090001 dr0=[[ADDR:0000555555558[0-9a-f]+]]
# CHECK-NEXT: 0:000> ? poi(fx_watched)
# CHECK-NEXT: Evaluate expression: 0 = 00000000`00000000
# CHECK: 0:000> .bpcmds
# CHECK-NEXT: ba0 w8 0x[[ADDR]] ;
# CHECK-NEXT: ba2 e1 0x0000{{[0-9a-f]+}} ;
# CHECK-NEXT: ba3 w4 0x0000{{[0-9a-f]+}} ;
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 2 hit
# CHECK: fx_watch!bump:
# CHECK-NEXT: push    rbp
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK: Create thread 0:001
# CHECK-NEXT: Breakpoint 3 hit
# CHECK-NEXT: Accessed by {{.*}}mov     dword ptr [fx_watch!fx_small+0x8
# CHECK: fx_watch!writer+0x
# CHECK: 0:001> r dr7
# CHECK-NEXT: dr7=0000000000000000
# CHECK: fx_watch: 8 35 99
