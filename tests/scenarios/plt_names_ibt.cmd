# ARGS: fx_glibc_ibt
# PLT names (see plt_names) in a program linked with IBT's PLT and -z now:
# the entries called are in .plt.sec and start with endbr64; the lazy
# .plt entries that go with them get no name (GDB gives them none).
g main
uf main
bp fx_glibc_ibt!puts@plt
g
k 2
ln @rip
ln @rip+4
u fx_glibc_ibt!strlen@plt L1
x fx_glibc_ibt!*@plt
? puts@plt - fx_glibc_ibt!puts@plt
# CHECK: 0:000> uf main
# CHECK: call    fx_glibc_ibt!strlen@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc_ibt!memcpy@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc_ibt!memset@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc_ibt!puts@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc_ibt!cos@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc_ibt!strcmp@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc_ibt!printf@plt (00005555`{{[0-9a-f]+}})
# CHECK: 0:000> bp fx_glibc_ibt!puts@plt
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: fx_glibc_ibt!puts@plt:
# CHECK-NEXT: {{[0-9a-f`]+}} f30f1efa        endbr64
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     fx_glibc_ibt!puts@plt
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     fx_glibc_ibt!main+0x{{[0-9a-f]+}} [{{.*}}fx_glibc.c @ 16]
# CHECK: 0:000> ln @rip
# CHECK-NEXT: ({{[0-9a-f`]+}})   fx_glibc_ibt!puts@plt   |  ({{[0-9a-f`]+}})   fx_glibc_ibt!strlen@plt
# CHECK-NEXT: Exact matches:
# CHECK-NEXT:     fx_glibc_ibt!puts@plt
# CHECK: 0:000> ln @rip+4
# CHECK-NEXT: ({{[0-9a-f`]+}})   fx_glibc_ibt!puts@plt+0x4   |
# CHECK: 0:000> u fx_glibc_ibt!strlen@plt L1
# CHECK-NEXT: fx_glibc_ibt!strlen@plt:
# CHECK-NEXT: {{[0-9a-f`]+}} f30f1efa        endbr64
# CHECK: 0:000> x fx_glibc_ibt!*@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc_ibt!__cxa_finalize@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc_ibt!puts@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc_ibt!strlen@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc_ibt!printf@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc_ibt!memset@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc_ibt!cos@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc_ibt!strcmp@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc_ibt!memcpy@plt
# CHECK: 0:000> ? puts@plt - fx_glibc_ibt!puts@plt
# CHECK-NEXT: Evaluate expression: 0 = 00000000`00000000
