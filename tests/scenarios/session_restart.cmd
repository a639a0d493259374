# ARGS: fx_loop /dev/null 2
# .restart runs the program again with every breakpoint kept: bu and the
# bm-made ones resolve again, bp and ba go back to their addresses as the
# module that holds each loads (a bp in libc waits for libc), disabled ones
# stay disabled, every pass count starts again. After .kill and after the
# process exits the session stays usable: bl, .bpcmds, .restart.
bu fx_loop!main
bp fx_loop!work 3
ba w8 fx_loop!fx_counter
g
bp libc!nanosleep
bd 2
g
bl 1
.restart
bl
g
bl 3
be 2
g
bl 1 2
bc 1 2
g
bc 3
g
bl
.bpcmds
.restart
g
.kill
bl
g
.restart
bl
# CHECK: Breakpoint 0 hit
# CHECK: Breakpoint 1 hit
# CHECK: 0:000> bl 1
# CHECK-NEXT:  1 e 00005555`55555199     0001 (0003)  0:**** fx_loop!work
# CHECK: 0:000> .restart
# CHECK-NEXT: CommandLine: {{.*}}fx_loop /dev/null 2
# CHECK-NEXT: ModLoad: {{.*}}fx_loop
# CHECK: Initial break after exec
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e 00005555`555551e0     0001 (0001)  0:**** fx_loop!main
# CHECK-NEXT:  1 e 00005555`55555199     0003 (0003)  0:**** fx_loop!work
# CHECK-NEXT:  2 d 00005555`55558050 w8 0001 (0001)  0:**** fx_loop!fx_counter
# CHECK-NEXT:  3 eu                      0001 (0001)  0:**** (0x00007fff{{[0-9a-f]+}})
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> bl 3
# CHECK-NEXT:  3 e 00007fff`{{[0-9a-f]+}}     0001 (0001)  0:**** libc!__nanosleep
# CHECK: 0:000> be 2
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: Breakpoint 2 hit
# CHECK: 0:000> bl 1 2
# CHECK-NEXT:  1 e 00005555`55555199     0002 (0003)  0:**** fx_loop!work
# CHECK-NEXT:  2 e 00005555`55558050 w8 0001 (0001)  0:**** fx_loop!fx_counter
# CHECK: Breakpoint 3 hit
# CHECK: libc!__nanosleep:
# CHECK: fx_loop: sum=1006719627 counter=2000
# CHECK-NEXT: Exit process 0:{{[0-9a-f]+}}, code 0
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 eu                      0001 (0001)  0:**** (fx_loop!main)
# CHECK-NEXT: 0:000> .bpcmds
# CHECK-NEXT: bu0 @!"fx_loop!main";
# CHECK-NEXT: 0:000> .restart
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> .kill
# CHECK-NEXT: Terminated
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 eu                      0001 (0001)  0:**** (fx_loop!main)
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: No runnable debuggees
# CHECK: 0:000> .restart
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e 00005555`555551e0     0001 (0001)  0:**** fx_loop!main
