# ARGS: fx_churn
# 100 threads are created and destroyed (in waves of 10) while a breakpoint
# in the function they all call fires: every one of the 5,000 hits is
# counted, and the program's own count agrees.
bp hit "r $t0=@$t0+1; gc"
g
? @$t0
# CHECK: fx_churn: calls=5000
# CHECK: Exit process
# CHECK: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 5000 = 00000000`00001388
