# ARGS: fx_loop /dev/null 2
# bm over .restart: the breakpoints a pattern made resolve again in the new
# process, and a deferred pattern applied again as libc loads finds them
# there (no second breakpoint for the same function).
bm libc!nanosle*
bm fx_loop!wor*
g
.restart
bl
g
bl
.bpcmds
# CHECK: 0:000> .restart
# CHECK: 0:000> bl
# CHECK-NEXT:  0 eu                      0001 (0001)  0:**** (bm libc!nanosle*) deferred
# CHECK-NEXT:  1 e 00005555`55555199     0001 (0001)  0:**** fx_loop!work
# CHECK-NEXT:  2 eu                      0001 (0001)  0:**** (libc!nanosleep)
# CHECK-NEXT: 0:000> g
# CHECK-NOT: libc!nanosleep (bm
# CHECK: Breakpoint 1 hit
# CHECK: 0:000> bl
# CHECK-NEXT:  0 eu                      0001 (0001)  0:**** (bm libc!nanosle*) deferred
# CHECK-NEXT:  1 e 00005555`55555199     0001 (0001)  0:**** fx_loop!work
# CHECK-NEXT:  2 e 00007fff`{{[0-9a-f]+}}     0001 (0001)  0:**** libc!__nanosleep
# CHECK-NEXT: 0:000> .bpcmds
# CHECK-NEXT: bm libc!nanosle* ;
# CHECK-NEXT: bu1 @!"fx_loop!work";
# CHECK-NEXT: bu2 @!"libc!nanosleep";
