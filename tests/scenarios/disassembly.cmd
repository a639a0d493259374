# ARGS: fx_stack
# u shows labels where symbols start and names call targets; u goes on
# where it stopped; ub goes backward; uf shows a whole function.
u leaf L3
u
ub leaf+0x15 L2
uf leaf
u 0
u leaf L0
# CHECK: 0:000> u leaf L3
# CHECK-NEXT: fx_stack!leaf:
# CHECK-NEXT: 00005555`5555516c 55              push    rbp
# CHECK-NEXT: 00005555`5555516d 4889e5          mov     rbp,rsp
# CHECK-NEXT: 00005555`55555170 4883ec10        sub     rsp,10h
# CHECK-NEXT: 0:000> u
# CHECK-NEXT: fx_stack!leaf+0x8:
# CHECK-NEXT: 00005555`55555174 897dfc          mov     dword ptr [rbp-4h],edi
# CHECK: 0:000> ub leaf+0x15 L2
# CHECK-NEXT: fx_stack!leaf+0xb:
# CHECK-NEXT: 00005555`55555177 bf0c000000      mov     edi,0Ch
# CHECK-NEXT: 00005555`5555517c e8{{[0-9a-f]+}}      call
# CHECK-NEXT: 0:000> uf leaf
# CHECK-NEXT: fx_stack!leaf:
# CHECK: 00005555`5555518a c3              ret
# CHECK-NEXT: 0:000> u 0
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK: 0:000> u leaf L0
# CHECK-NEXT: Range error: a count of 0
