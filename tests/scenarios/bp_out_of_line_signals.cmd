# ARGS: fx_ool 3000 alarm
# A timer signal every 100 us while 4 threads pass two breakpoints 12,000
# times each: the signal often waits while a thread is stopped, and comes
# the moment the thread is sent to the copy of the instruction. The copy
# runs first (every other signal held back meanwhile), then the handler,
# whose frame then holds the program's address after the instruction: not
# the copy's (it goes with the session; the program checks), nor the
# site's (the trap would count the hit twice, and with signals faster than
# a stop, a thread would never get past).
bp fx_ool_lea "r $t0=@$t0+1; gc"
bp fx_ool_add 0n12001
g
? @$t0
bl
# CHECK: fx_ool: alarms taken, in a copy: 0
# CHECK-NEXT: fx_ool: sum=18006000 ok lea=ok
# CHECK: ? @$t0
# CHECK-NEXT: Evaluate expression: 12000 =
# CHECK: 1 eu{{ +}}0001 (2ee1)
