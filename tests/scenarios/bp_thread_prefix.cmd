# ARGS: fx_bpthreads
# ~0 bp: a breakpoint for thread 0 only (the main thread, which never calls
# hit(): it never stops); ~*bp is for every thread; bl shows the thread.
~0 bp hit
~*bp1 run
bp2 /t 0 /p 0 main
bl
.bpcmds
bc 1 2
g
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}  0:~000 fx_bpthreads!hit
# CHECK-NEXT:  1 e {{.*}}  0:**** fx_bpthreads!run
# CHECK-NEXT:  2 e {{.*}}  0:~000 fx_bpthreads!main
# CHECK: 0:000> .bpcmds
# CHECK-NEXT: ~0 bp0 0x{{[0-9a-f]+}} ;
# CHECK-NEXT: bp1 0x{{[0-9a-f]+}} ;
# CHECK-NEXT: ~0 bp2 /p 0n0 0x{{[0-9a-f]+}} ;
# CHECK: 0:000> g
# CHECK-NOT: Breakpoint 0 hit
# CHECK: fx_bpthreads: total=80000
