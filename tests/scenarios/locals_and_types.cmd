# ARGS: fx_types
# DWARF at a stop deep in the program: dv (parameters, locals, their
# values by type), dv /v (where they live), dt on a struct local, on a
# pointer to a struct, on globals, on a type at an address and alone; kp with
# typed parameters, kb with the first three; .frame selects what dv sees.
g
gu
gu
dv
dv /v
dt corner
dt s
dt -r fx_global_shape
dt fx_counter
dt point @rsp
kp 2
kb 1
.frame 1
dv
.frame 9
dt nosuch
dt point
dt point 0
dv extra
# CHECK: 0:000> dv
# CHECK-NEXT:               s = 0x00007fff`{{[0-9a-f]+}}
# CHECK-NEXT:           depth = 0n1
# CHECK-NEXT:             tag = 0x71 'q'
# CHECK-NEXT:            area = 0n12
# CHECK-NEXT:          corner = struct point @ 0x00007fff`{{[0-9a-f]+}}
# CHECK-NEXT:          values = {0n10, 0n20, 0n30}
# CHECK-NEXT: 0:000> dv /v
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}} prm                 s = 0x
# CHECK: 00007fff`{{[0-9a-f]+}} local            area = 0n12
# CHECK: 0:000> dt corner
# CHECK-NEXT: Local var @ 00007fff`{{[0-9a-f]+}} Type point
# CHECK-NEXT:    +0x000 x                : 0n4
# CHECK-NEXT:    +0x004 y                : 0n6
# CHECK-NEXT: 0:000> dt s
# CHECK-NEXT: Local var @ {{.*}} Type shape*
# CHECK-NEXT: 0x00007fff`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x000 name             : [8]  "square"
# CHECK: 0:000> dt -r fx_global_shape
# CHECK-NEXT: Global var @ 00005555`{{[0-9a-f]+}} Type shape
# CHECK-NEXT:    +0x000 name             : [8]  "square"
# CHECK-NEXT:    +0x008 color            : GREEN (0n5)
# CHECK-NEXT:    +0x00c origin           : point
# CHECK-NEXT:       +0x000 x                : 0n3
# CHECK-NEXT:       +0x004 y                : 0n4
# CHECK-NEXT:    +0x018 next             : 0x00000000`00000000 point
# CHECK-NEXT:    +0x020 scale            : 1.5
# CHECK-NEXT:    +0x028 flags            : 0x81 '.'
# CHECK-NEXT: 0:000> dt fx_counter
# CHECK-NEXT: Global var @ {{.*}} Type long int
# CHECK-NEXT:    0n-7
# CHECK: 0:000> dt point @rsp
# CHECK-NEXT: fx_types!point
# CHECK-NEXT:    +0x000 x                : 0n{{-?[0-9]+}}
# CHECK-NEXT:    +0x004 y                : 0n{{-?[0-9]+}}
# CHECK: 0:000> kp 2
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: fx_types!describe(struct shape * s = 0x00007fff`{{[0-9a-f]+}}, int depth = 0n1, char tag = 0x71 'q')+0x64 [{{.*}}fx_types.c @ 33]
# CHECK-NEXT: fx_types!main()+0x{{[0-9a-f]+}} [{{.*}}fx_types.c @ 41]
# CHECK: 0:000> kb 1
# CHECK-NEXT: Args to Child
# CHECK-NEXT: : 00007fff`{{[0-9a-f]+}} 00000000`00000001 00000000`00000071 : fx_types!describe+0x64
# CHECK: 0:000> .frame 1
# CHECK-NEXT: 01 00007fff`{{[0-9a-f]+}} fx_types!main+0x{{[0-9a-f]+}} [{{.*}}fx_types.c @ 41]
# CHECK-NEXT: 0:000> dv
# CHECK-NEXT:           local = struct shape @
# CHECK-NEXT:               r = 0n0
# CHECK-NEXT: 0:000> .frame 9
# CHECK-NEXT: Frame 0x9 is out of range: the stack has 5 frames
# CHECK-NEXT: 0:000> dt nosuch
# CHECK-NEXT: Couldn't resolve error at 'nosuch': no such variable or type
# CHECK-NEXT: 0:000> dt point
# CHECK-NEXT: fx_types!point
# CHECK-NEXT:    +0x000 x                : Int4B
# CHECK-NEXT:    +0x004 y                : Int4B
# CHECK-NEXT: 0:000> dt point 0
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK-NEXT: 0:000> dv extra
# CHECK-NEXT: Syntax error in 'dv extra': dv [/t] [/v] [/i]
