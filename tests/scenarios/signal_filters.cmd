# ARGS: fx_signal segv
# Signal filters: sxn prints a line and passes the signal on (the handler
# runs), sxi passes it silently, sxe stops (at the first chance, and at
# the second when the program dies of it); sxd stops at the second chance
# only; av is SIGSEGV; sx lists them.
sxn usr1
sxe av
sx
g
g
g
sxi SIGUSR1
sxd 11
sx
sxe nosuch
sxi SIGKILL
# CHECK: 0:000> sx{{$}}
# CHECK-NEXT:   ct - Create thread            - output
# CHECK-NEXT:   et - Exit thread              - output
# CHECK-NEXT:  cpr - Create process           - output
# CHECK-NEXT:  epr - Exit process             - output
# CHECK-NEXT:   ld - Load module              - output
# CHECK-NEXT:   ud - Unload module            - output
# CHECK:      - SIGUSR1                  - output
# CHECK-NEXT:   av - SIGSEGV                  - break
# CHECK:      - SIGCHLD                  - ignore
# CHECK: 0:000> g
# CHECK: Signal SIGUSR1 (first chance) - passed on
# CHECK: fx_signal: handler saw 10
# CHECK: Signal SIGSEGV (first chance) at 00000000`00000010
# CHECK: 0:000> g
# CHECK-NEXT: Signal SIGSEGV (!!! second chance !!!) at 00000000`00000010
# CHECK: 0:000> g
# CHECK: Exit process {{.*}}, killed by SIGSEGV
# CHECK: 0:000> sx{{$}}
# CHECK:      - SIGUSR1                  - ignore
# CHECK:   av - SIGSEGV                  - second-chance break
# CHECK: 0:000> sxe nosuch
# CHECK-NEXT: Syntax error in 'sxe nosuch': unknown event or signal (ct, et, cpr, epr, ld, ud, eh, av, SIGUSR1...)
# CHECK-NEXT: 0:000> sxi SIGKILL
# CHECK-NEXT: SIGKILL cannot be caught: sxi does not apply
