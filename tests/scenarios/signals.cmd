# ARGS: fx_signal segv
# A signal stops the target as a first-chance event; `g` passes it (the
# program's handler runs); SIGSEGV shows the faulting address; passing it
# again ends the process, and the exit says by which signal.
g
g
g
# CHECK: 0:000> g
# CHECK-NEXT: ModLoad: {{.*}}libc.so.6
# CHECK-NEXT: ({{[0-9a-f]+}}.{{[0-9a-f]+}}): Signal SIGUSR1 (first chance)
# CHECK: libc!{{.*}}kill{{.*}}:
# CHECK: 0:000> g
# CHECK: fx_signal: handler saw 10
# CHECK: Signal SIGSEGV (first chance) at 00000000`00000010
# CHECK: 0:000> g
# CHECK: Exit process 0:{{[0-9a-f]+}}, killed by SIGSEGV
