# ARGS: fx_memsearch
# L-n: the range of n units that ends at the address (WinDbg's
# Address L-Size), the same in every command that takes a range: db, dd,
# dq, dc, dqs, s, c. A count may carry a radix prefix (L0x10, L0n2). u has no backward count (ub does that) and says so;
# L-0 and a range below address 0 are errors.
bp fx_probe
g
db fx_buf+10 L-10
db fx_buf+8 L-3
dd fx_dwords+10 L-2
dq fx_qwords+10 L-1
s -d fx_dwords+10 L-10 cafef00d
c fx_buf+4 L-4 fx_buf+1
dc fx_buf+10 L-4
dqs fx_qwords+10 L-2
db fx_buf+10 L-0
db 8 L-10
u fx_probe L-2
db fx_buf+4 L- 4
db fx_buf L0x10
dd fx_dwords+8 L0n2
# CHECK: 0:000> db fx_buf+10 L-10
# CHECK-NEXT: [[B:[0-9a-f]+`[0-9a-f]+]]  30 31 32 33 34 35 36 37-38 39 61 62 63 64 65 66  0123456789abcdef
# CHECK-NEXT: 0:000> db fx_buf+8 L-3
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}5  35 36 37 {{ *}}567
# CHECK-NEXT: 0:000> dd fx_dwords+10 L-2
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  55667788 cafef00d
# CHECK-NEXT: 0:000> dq fx_qwords+10 L-1
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  feedface`cafebeef
# CHECK-NEXT: 0:000> s -d fx_dwords+10 L-10 cafef00d
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  cafef00d 55667788 cafef00d {{[0-9a-f]{8}$}}
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  cafef00d {{([0-9a-f]{8} ?){3}$}}
# CHECK-NEXT: 0:000> c fx_buf+4 L-4 fx_buf+1
# CHECK-NEXT: [[B]] 30 - {{[0-9a-f]+`[0-9a-f]+}}1 31
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}1 31 - {{[0-9a-f]+`[0-9a-f]+}}2 32
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}2 32 - {{[0-9a-f]+`[0-9a-f]+}}3 33
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}3 33 - {{[0-9a-f]+`[0-9a-f]+}}4 34
# CHECK-NEXT: 0:000> dc fx_buf+10 L-4
# CHECK-NEXT: [[B]]  33323130 37363534 62613938 66656463  0123456789abcdef
# CHECK-NEXT: 0:000> dqs fx_qwords+10 L-2
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  01234567`89abcdef
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  feedface`cafebeef
# CHECK-NEXT: 0:000> db fx_buf+10 L-0
# CHECK-NEXT: Range error: a count of 0
# CHECK-NEXT: 0:000> db 8 L-10
# CHECK-NEXT: Range error: the range starts below address 0
# CHECK-NEXT: 0:000> u fx_probe L-2
# CHECK-NEXT: Range error: u takes no L-; ub disassembles backward
# CHECK-NEXT: 0:000> db fx_buf+4 L- 4
# CHECK-NEXT: [[B]]  30 31 32 33 {{ *}}0123
# CHECK-NEXT: 0:000> db fx_buf L0x10
# CHECK-NEXT: [[B]]  30 31 32 33 34 35 36 37-38 39 61 62 63 64 65 66  0123456789abcdef
# CHECK-NEXT: 0:000> dd fx_dwords+8 L0n2
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  55667788 cafef00d
