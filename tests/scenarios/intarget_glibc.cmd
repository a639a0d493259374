# ARGS: fx_intarget libc 100000
# glibc's own functions, set from the initial break before libc is loaded:
# the program has one thread when the loader reports libc, so the pads are
# planted right then, for this run. strlen (the implementation its ifunc
# chose) is decided in the target. memcpy's implementation may not be:
# on CPUs with ERMS it is memmove's erms entry, whose middle mempcpy jumps
# into (intarget_cross_jump.cmd checks that case with code of its own).
# Both count every call.
bu libc!strlen "r $t0=@$t0+1; gc"
bu libc!memcpy "r $t1=@$t1+1; gc"
bp9 fx_intarget!done
g
bl
? @$t0
? @$t1
g
# CHECK: Breakpoint 9 hit
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} libc!__strlen_{{[a-z0-9]+}} "r $t0=@$t0+1; gc" (in target)
# CHECK-NEXT:  1 e {{.*}} libc!__mem{{[a-z0-9_]+}} "r $t1=@$t1+1; gc"
# CHECK: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 100000 =
# CHECK-NEXT: 0:000> ? @$t1
# CHECK-NEXT: Evaluate expression: 100000 =
# CHECK: fx_intarget: libc 2100000 e
