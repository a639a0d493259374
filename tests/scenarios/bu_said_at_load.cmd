# ARGS: fx_glibc
# What a deferred breakpoint says as its module loads (here: the indirect
# function it goes on) is said then, before the program writes to the same
# output: the breakpoint only counts (gc), so no later stop would bring
# the line out first.
bu libc!strrchr "gc"
g
# CHECK: ModLoad: {{.*}}libc.so.6
# CHECK-NEXT: libc!strrchr is an indirect function: the breakpoint goes on libc!{{.*}}, the implementation this process uses
# CHECK-NEXT: hello
# CHECK: Exit process
