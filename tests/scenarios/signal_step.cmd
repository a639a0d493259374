# ARGS: fx_signal
# Stepping with a signal pending enters its handler; the stack unwinds
# through the signal frame; gu comes back out to the kernel's trampoline.
g
t
k 3
gu
# CHECK: Signal SIGUSR1 (first chance)
# CHECK: 0:000> t
# CHECK: fx_signal!on_usr1:
# CHECK-NEXT: 00005555`{{[0-9a-f]+}} 55              push    rbp
# CHECK: 0:000> k 3
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_signal!on_usr1 [{{.*}}fx_signal.c @ 10]
# CHECK-NEXT: libc!__restore_rt
# CHECK-NEXT: libc!__pthread_kill_implementation
# CHECK: 0:000> gu
# CHECK: libc!__restore_rt:
