# ARGS: fx_signal segv
# A signal stops the target as a first-chance event; `g` passes it (the
# program's handler runs); SIGSEGV shows the faulting address; passing it
# on, the process dies of it: it stops once more on its way out (second
# chance), and the next g ends it, the exit saying by which signal.
g
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
# CHECK-NEXT: Signal SIGSEGV (!!! second chance !!!) at 00000000`00000010
# CHECK: 0:000> g
# CHECK-NEXT: Exit process 0:{{[0-9a-f]+}}, killed by SIGSEGV
