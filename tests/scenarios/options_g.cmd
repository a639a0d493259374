# ARGS: fx_basic
# OPTS: -g
# -g does not stop at the initial break: the first prompt is the final break.
r
# CHECK-NOT: Initial break
# CHECK: fx_basic: sum=41
# CHECK: Exit process
# CHECK: 0:000> r
# CHECK-NEXT: No target
