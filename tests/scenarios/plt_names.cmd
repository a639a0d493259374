# ARGS: fx_glibc
# PLT entries have names, made from the ELF's relocations as GDB makes
# them (`puts@plt`): u shows them on calls, bp takes them, k and ln name
# a stop in one, x lists them. The lazy-binding .plt and .plt.got
# (__cxa_finalize, reached through the GOT).
g main
uf main
bp fx_glibc!puts@plt
g
k 2
ln @rip
ln @rip+6
u fx_glibc!strlen@plt L1
x fx_glibc!*@plt
? puts@plt - fx_glibc!puts@plt
# CHECK: 0:000> uf main
# CHECK: call    fx_glibc!strlen@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc!memcpy@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc!memset@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc!puts@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc!cos@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc!strcmp@plt (00005555`{{[0-9a-f]+}})
# CHECK: call    fx_glibc!printf@plt (00005555`{{[0-9a-f]+}})
# CHECK: 0:000> bp fx_glibc!puts@plt
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: fx_glibc!puts@plt:
# CHECK-NEXT: {{[0-9a-f`]+}} ff25{{[0-9a-f]+}} jmp
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     fx_glibc!puts@plt
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     fx_glibc!main+0x{{[0-9a-f]+}} [{{.*}}fx_glibc.c @ 16]
# CHECK: 0:000> ln @rip
# CHECK-NEXT: ({{[0-9a-f`]+}})   fx_glibc!puts@plt   |  ({{[0-9a-f`]+}})   fx_glibc!strlen@plt
# CHECK-NEXT: Exact matches:
# CHECK-NEXT:     fx_glibc!puts@plt
# CHECK: 0:000> ln @rip+6
# CHECK-NEXT: ({{[0-9a-f`]+}})   fx_glibc!puts@plt+0x6   |
# CHECK: 0:000> u fx_glibc!strlen@plt L1
# CHECK-NEXT: fx_glibc!strlen@plt:
# CHECK-NEXT: {{[0-9a-f`]+}} ff25
# CHECK: 0:000> x fx_glibc!*@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc!puts@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc!strlen@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc!printf@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc!memset@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc!cos@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc!strcmp@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc!memcpy@plt
# CHECK-NEXT: {{[0-9a-f`]+}} fx_glibc!__cxa_finalize@plt
# CHECK: 0:000> ? puts@plt - fx_glibc!puts@plt
# CHECK-NEXT: Evaluate expression: 0 = 00000000`00000000
