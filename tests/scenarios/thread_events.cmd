# ARGS: fx_watch
# sxe ct and sxe et make thread creation and exit stop the target (they
# only print a line by default); sxd makes them print again.
sxe ct
sxe et
g
~
g
~
sxd ct
sxd et
g
# CHECK: 0:000> g
# CHECK: Create thread 0:001
# CHECK-NEXT: Create thread event (sxe ct)
# CHECK: 0:000> ~
# CHECK-NEXT: .  0  Id:
# CHECK-NEXT:    1  Id:
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: Exit thread 0:001, code 0
# CHECK-NEXT: Exit thread event (sxe et), code 0
# CHECK: 0:000> ~
# CHECK-NEXT: .  0  Id:
# CHECK-NEXT: 0:000> sxd ct
# CHECK-NEXT: 0:000> sxd et
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: fx_watch: 8 35 99
