# ARGS: fx_sigdisp
# lindbg ignores SIGPIPE for itself; neither the program it starts nor a
# .shell command may inherit that: `yes | head -2` ends quietly (yes dies
# of SIGPIPE instead of printing "Broken pipe"), and the program finds
# SIGPIPE at its default.
.shell "yes | head -2"
g
q
# CHECK: 0:000> .shell "yes | head -2"
# CHECK-NEXT: y
# CHECK-NEXT: y
# CHECK-NEXT: .shell: Process exited
# CHECK-NEXT: 0:000> g
# CHECK: fx_sigdisp: SIGPIPE default
