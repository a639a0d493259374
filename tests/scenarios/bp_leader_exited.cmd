# ARGS: fx_leader_exit
# main ends with pthread_exit while its thread goes on: the leader cannot
# stop any more (its end is reported after the thread's), so a breakpoint
# the thread hits stops without waiting for it, and g goes on.
bp fx_leader_exit!work
g
g
g
g
# CHECK: Breakpoint 0 hit
# CHECK: Breakpoint 0 hit
# CHECK: Breakpoint 0 hit
# CHECK: fx_leader_exit: worker done
# CHECK: Exit process
