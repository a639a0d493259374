# ARGS: fx_vdso
# The vDSO is a module (linux_vdso, from the loader's linux-vdso.so.1): a
# ModLoad line at the initial break, listed by lm, its functions named
# (x, ln, bp), and k unwinds through it with its .eh_frame, also where
# rbp does not yet hold its frame (one instruction in: after push rbp)
# and after it realigned rsp (six in; stepped, so that no breakpoint
# lands inside an instruction of another kernel's vDSO). GDB's bt at
# these stops: clock_gettime (the vDSO's: lindbg's k says
# __vdso_clock_gettime, its ln and x clock_gettime), __clock_gettime,
# sample, main.
# CHECK: ModLoad: {{[0-9a-f`]+}} {{[0-9a-f`]+}}   linux-vdso.so.1
# CHECK: Initial break after exec
lm m linux*
bp sample
g
bc 0
x linux_vdso!*clock_gettime
bp linux_vdso!__vdso_clock_gettime
g
p
k 4
ln @rip
p 5
k 4
ln clock_gettime
? gettimeofday == libc!gettimeofday
# CHECK: 0:000> lm m linux*
# CHECK-NEXT: start             end                 module name
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}   linux_vdso       {{.*}} linux-vdso.so.1
# CHECK: 0:000> x linux_vdso!*clock_gettime
# CHECK-NEXT: {{[0-9a-f`]+}} linux_vdso!clock_gettime (also __vdso_clock_gettime)
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> p
# CHECK: 0:000> k 4
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     linux_vdso!__vdso_clock_gettime+0x{{[0-9a-f]+}}
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     libc!clock_gettime+0x{{[0-9a-f]+}}
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     fx_vdso!sample+0x{{[0-9a-f]+}} [{{.*}}fx_vdso.c @ 11]
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     fx_vdso!main+0x{{[0-9a-f]+}} [{{.*}}fx_vdso.c @ 20]
# CHECK: 0:000> ln @rip
# CHECK-NEXT: ({{[0-9a-f`]+}})   linux_vdso!clock_gettime+0x{{[0-9a-f]+}}   |  ({{[0-9a-f`]+}})   linux_vdso!
# CHECK: 0:000> p 5
# CHECK: 0:000> k 4
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     linux_vdso!__vdso_clock_gettime+0x{{[0-9a-f]+}}
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     libc!clock_gettime+0x{{[0-9a-f]+}}
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     fx_vdso!sample+0x{{[0-9a-f]+}} [{{.*}}fx_vdso.c @ 11]
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     fx_vdso!main+0x{{[0-9a-f]+}} [{{.*}}fx_vdso.c @ 20]
# CHECK: 0:000> ln clock_gettime
# CHECK-NEXT: ({{[0-9a-f`]+}})   libc!clock_gettime   |
# CHECK: 0:000> ? gettimeofday == libc!gettimeofday
# CHECK-NEXT: Evaluate expression: 1 = 00000000`00000001
