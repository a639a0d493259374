# ARGS: fx_opt
# Variables of -O2 code (fx_opt, built -O2 -g), each value checked
# against what GDB 13 prints at the same stop: location lists, a constant
# (DW_AT_const_value), entry values resolved through the caller's call
# site (n after its register was reused), a struct split over two
# registers (DW_OP_piece), callee-saved registers of frame 1 and 2, a
# .constprop clone whose constant parameter was dropped (the ABI entry
# shortcut must not hand it rdx), a frame whose return address lies in
# inlined code, and <optimized out> where GDB says so.
bp fx_opt!entry_val
g
dv
bc *
bp fx_opt!fx_stop
g
g
kp 2
.frame 1
dv /v
g
.frame 1
dv
dt p
g
.frame 1
dv
.frame 2
dv
g
bc *
bp fx_opt!worker.constprop.0
g
dv
kp 2
bc *
bp fx_opt!fx_stop
g
.frame 1
dv
g
g
.frame 1
dv
.frame 2
dv
g
.frame 1
dv
bc *
bp fx_opt!many
g
dv
bp fx_opt!peek
g
.frame 1
dv
kp 2
# entry of entry_val: parameters in their registers (GDB: n=11, m=22)
# CHECK: 0:000> dv
# CHECK-NEXT:               n = 0n11
# CHECK-NEXT:               m = 0n22
# second call in entry_val: n lives only as DW_OP_entry_value(rdi), m in
# rbx, a callee-saved register recovered for frame 1 (GDB: n=11, m=22)
# CHECK: 0:000> kp 2
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: {{.*}} fx_opt!fx_stop(long int v = 0n22)
# CHECK-NEXT: {{.*}} fx_opt!entry_val(long int n = 0n11, long int m = 0n22)+0x15
# CHECK: 0:000> dv /v
# CHECK-NEXT: @register         prm                 n = 0n11
# CHECK-NEXT: @register         prm                 m = 0n22
# by_pieces: p in rdi:rsi pieces, k a constant (GDB: p = {a = 12, b = 13}, k = 42)
# CHECK: fx_opt!by_pieces+0x11
# CHECK-NEXT: 0:000> dv
# CHECK-NEXT:               p = {a = 0n12, b = 0n13}
# CHECK-NEXT:               k = 0n42
# CHECK-NEXT: 0:000> dt p
# CHECK-NEXT: Local var (not in memory) p = {a = 0n12, b = 0n13}
# saved_regs: x an entry value, kept in rbx, other in rbp (GDB: 11 14 77 114)
# CHECK: fx_opt!saved_regs+0x19
# CHECK-NEXT: 0:000> dv
# CHECK-NEXT:               x = 0n11
# CHECK-NEXT:               y = 0n14
# CHECK-NEXT:            kept = 0n77
# CHECK-NEXT:           other = 0n114
# main, two frames up (GDB: argc=1, base=11, s=179, p=<optimized out>)
# CHECK: fx_opt!main+0x{{[0-9a-f]+}}
# CHECK-NEXT: 0:000> dv
# CHECK-NEXT:            argc = 0n1
# CHECK-NEXT:            argv = 0x00007fff`{{[0-9a-f]+}}
# CHECK-NEXT:            base = 0n11
# CHECK-NEXT:               s = 0n179
# CHECK-NEXT:               p = <optimized out>
# entry of the clone: mode is the constant 3, not rdx; r and i as at
# location view 0 (GDB: value=11, extra=1, mode=3, r=11, i=0)
# CHECK: fx_opt!worker.constprop.0:
# CHECK: 0:000> dv
# CHECK-NEXT:           value = 0n11
# CHECK-NEXT:           extra = 0n1
# CHECK-NEXT:            mode = 0n3
# CHECK-NEXT:               r = 0n11
# CHECK-NEXT:               i = 0n0
# CHECK-NEXT: 0:000> kp 2
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: {{.*}} fx_opt!worker.constprop.0(long int value = 0n11, long int extra = 0n1, int mode = 0n3)
# CHECK-NEXT: {{.*}} fx_opt!main(int argc = 0n1, {{.*}})+0x{{[0-9a-f]+}}
# in the clone, r in rbx (GDB: value=11, extra=1, mode=3, r=95)
# CHECK: fx_opt!worker.constprop.0+0x15
# CHECK-NEXT: 0:000> dv
# CHECK-NEXT:           value = 0n11
# CHECK-NEXT:           extra = 0n1
# CHECK-NEXT:            mode = 0n3
# CHECK-NEXT:               r = 0n95
# the return address is in inl_helper inlined into has_inline: frame 1 is
# the inlined call, frame 2 has_inline (GDB: inl_helper q=14 t=19;
# has_inline z=15 w=14 res=<optimized out>)
# CHECK: (Inline Function) fx_opt!inl_helper
# CHECK-NEXT: 0:000> dv
# CHECK-NEXT:               q = 0n14
# CHECK-NEXT:               t = 0n19
# CHECK: fx_opt!has_inline+0x11
# CHECK-NEXT: 0:000> dv
# CHECK-NEXT:               z = 0n15
# CHECK-NEXT:               w = 0n14
# CHECK-NEXT:             res = <optimized out>
# CHECK: fx_opt!has_inline+0x1a
# CHECK-NEXT: 0:000> dv
# CHECK-NEXT:               z = 0n15
# CHECK-NEXT:               w = 0n14
# CHECK-NEXT:             res = 0n38
# entry of many: g and h are on the stack (DW_OP_fbreg 0 and 8 over the
# CFA), written by the caller (GDB: 11 2 3 4 5 6 18 19)
# CHECK: fx_opt!many:
# CHECK: 0:000> dv
# CHECK-NEXT:               a = 0n11
# CHECK-NEXT:               b = 0n2
# CHECK-NEXT:               c = 0n3
# CHECK-NEXT:               d = 0n4
# CHECK-NEXT:               e = 0n5
# CHECK-NEXT:               f = 0n6
# CHECK-NEXT:               g = 0n18
# CHECK-NEXT:               h = 0n19
# at peek's first instruction, frame 1's s and n are still in rdi and rsi
# (GDB: s = "opt", n = 41)
# CHECK: fx_opt!peek:
# CHECK: fx_opt!use_peek+0x5
# CHECK-NEXT: 0:000> dv
# CHECK-NEXT:               s = 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:               n = 0n41
# CHECK-NEXT:               a = <optimized out>
