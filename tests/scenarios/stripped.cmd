# ARGS: fx_stripped
# A program stripped of every symbol table: its code is named mod+offset,
# x finds nothing in it, but stacks still unwind (CFI stays in .eh_frame),
# gu works, and libc keeps its names.
g
k 4
x fx_stripped!*
lm m fx_stripped
gu
gu
# CHECK: 0:000> k 4
# CHECK-NEXT: Child-SP
# CHECK-NEXT: libc!
# CHECK-NEXT: libc!raise
# CHECK-NEXT: fx_stripped+0x1181
# CHECK-NEXT: fx_stripped+0x11a6
# CHECK-NEXT: 0:000> x fx_stripped!*
# CHECK-NEXT: 0:000> lm m fx_stripped
# CHECK-NEXT: start
# CHECK-NEXT: fx_stripped      (no symbols)
# CHECK: 0:000> gu
# CHECK: 0:000> gu
# CHECK: fx_stripped+0x1181:
# CHECK-NEXT: 00005555`55555181 8b45fc          mov     eax,dword ptr [rbp-4h]
