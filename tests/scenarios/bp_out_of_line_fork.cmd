# ARGS: fx_ool 2000 fork
# The page of copies does not go into a fork child: the child (let go, as
# by default) has no executable page of lindbg's, while the parent, still
# debugged, has it.
bp fx_ool_lea 0n100000
g
# CHECK: fx_ool: sum=8004000 ok lea=ok
# CHECK: fx_ool: child anon-exec=0
# CHECK: fx_ool: anon-exec={{[1-9]}}
