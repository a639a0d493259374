# ARGS: fx_basic
# t runs one instruction (t N: N of them), printing the registers and the
# next instruction each time; the first step from the exec stop executes
# the loader's first instruction.
t
t 2
? @rip - $exentry > 0
# CHECK: 0:000> t
# CHECK-NEXT: rax=
# CHECK: rip=00007ffff7fe{{[0-9a-f]+}} rsp=
# CHECK: ld_linux_x86_64!_start+0x3:
# CHECK-NEXT: 00007fff`f7fe{{[0-9a-f]+}} e8{{[0-9a-f]+}}      call    ld_linux_x86_64!_dl_start (00007fff`f7fe{{[0-9a-f]+}})
# CHECK: 0:000> t 2
# CHECK: ld_linux_x86_64!_dl_start:
# CHECK-NEXT: 00007fff`f7fe{{[0-9a-f]+}} 55              push    rbp
# CHECK: rax=
# CHECK: 00007fff`f7fe{{[0-9a-f]+}}
# CHECK: 0:000> ?
