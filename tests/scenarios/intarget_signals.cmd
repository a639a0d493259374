# ARGS: fx_intarget signals 1000000
# A timer's signal every 200 us while a million hits run through a pad:
# every signal that finds a thread inside a pad is delivered with the
# program's address in its frame (the handler returns into the program),
# and no pass is lost.
bp hit 0n1000001
bp1 done
g
bl
g
# CHECK: fx_intarget: signals total 1499999500000 ticked 1
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} 0001 (f4241)  0:**** fx_intarget!hit (in target)
# CHECK: Exit process
