# ARGS: fx_basic
# OPTS: -c "r rax=7; .echo from-c" -G
# -c runs its commands at the initial break, as if typed; -G quits when the
# process exits instead of stopping at the final break.
r rax
g
.echo never
# CHECK: 0:000> r rax=7; .echo from-c
# CHECK-NEXT: from-c
# CHECK: 0:000> r rax
# CHECK-NEXT: rax=0000000000000007
# CHECK: Exit process
# CHECK-NOT: never
