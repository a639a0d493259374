# ARGS: fx_dt_cpp
# dt over C++: qualified names resolve through namespaces (ns::Type,
# mod!ns::inner::Type); a class shows its base classes' members in place
# (Animal's vtable pointer as __VFN_table, legs, then Tag's id at +0xc, as
# GDB's ptype /o lays them out), its own members, and its static member
# at its address (=addr, value 3 as GDB's p zoo::Dog::count); variables
# by qualified name: a static member, a variable in nested namespaces;
# `this` in a method (a const pointer to a class) followed to the object.
g
dt zoo::Dog
dt fx_dog
dt fx_dt_cpp!zoo::inner::Pen
dt -b fx_pen
dt zoo::Dog fx_dog
dt zoo::Dog weight id
dt class zoo::Animal
dt zoo::Nothing
dt zoo::Dog::count
dt fx_dt_cpp!zoo::inner::spare width
dt zoo::spare
bm fx_dt_cpp!*Dog::sound
g
dt -r this weight legs
# CHECK: 0:000> dt zoo::Dog
# CHECK-NEXT: fx_dt_cpp!zoo::Dog
# CHECK-NEXT:    +0x000 __VFN_table : Ptr64
# CHECK-NEXT:    +0x008 legs             : Int4B
# CHECK-NEXT:    +0x00c id               : Int4B
# CHECK-NEXT:    +0x010 weight           : Double
# CHECK-NEXT:    =[[COUNT:00005555`[0-9a-f]+]] count            : Int4B
# CHECK-NEXT: 0:000> dt fx_dog
# CHECK-NEXT: Global var @ [[DOG:00005555`[0-9a-f]+]] Type zoo::Dog
# CHECK-NEXT:    +0x000 __VFN_table : 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x008 legs             : 0n4
# CHECK-NEXT:    +0x00c id               : 0n77
# CHECK-NEXT:    +0x010 weight           : 12.5
# CHECK-NEXT:    =[[COUNT]] count            : 0n3
# CHECK-NEXT: 0:000> dt fx_dt_cpp!zoo::inner::Pen
# CHECK-NEXT: fx_dt_cpp!zoo::inner::Pen
# CHECK-NEXT:    +0x000 width            : Int2B
# CHECK-NEXT:    +0x008 resident         : Ptr64 zoo::Dog
# CHECK-NEXT: 0:000> dt -b fx_pen
# CHECK-NEXT: Global var @ {{.*}} Type zoo::inner::Pen
# CHECK-NEXT:    +0x000 width            : 0n9
# CHECK-NEXT:    +0x008 resident         : 0x[[DOG]] zoo::Dog
# CHECK-NEXT:       +0x000 __VFN_table : 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:       +0x008 legs             : 0n4
# CHECK: 0:000> dt zoo::Dog fx_dog
# CHECK-NEXT: fx_dt_cpp!zoo::Dog
# CHECK-NEXT:    +0x000 __VFN_table : 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x008 legs             : 0n4
# CHECK: 0:000> dt zoo::Dog weight id
# CHECK-NEXT: fx_dt_cpp!zoo::Dog
# CHECK-NEXT:    +0x010 weight           : Double
# CHECK-NEXT:    +0x00c id               : Int4B
# CHECK-NEXT: 0:000> dt class zoo::Animal
# CHECK-NEXT: fx_dt_cpp!zoo::Animal
# CHECK-NEXT:    +0x000 __VFN_table : Ptr64
# CHECK-NEXT:    +0x008 legs             : Int4B
# CHECK-NEXT: 0:000> dt zoo::Nothing
# CHECK-NEXT: Couldn't resolve error at 'zoo::Nothing': no such variable or type
# CHECK-NEXT: 0:000> dt zoo::Dog::count
# CHECK-NEXT: Global var @ [[COUNT]] Type int
# CHECK-NEXT:    0n3
# CHECK-NEXT: 0:000> dt fx_dt_cpp!zoo::inner::spare width
# CHECK-NEXT: Global var @ 00005555`{{[0-9a-f]+}} Type zoo::inner::Pen
# CHECK-NEXT:    +0x000 width            : 0n4
# CHECK-NEXT: 0:000> dt zoo::spare
# CHECK-NEXT: Couldn't resolve error at 'zoo::spare': no such variable or type
# CHECK: 0:000> dt -r this weight legs
# CHECK-NEXT: Local var {{.*}}Type const zoo::Dog*
# CHECK-NEXT: 0x[[DOG]]
# CHECK-NEXT:    +0x010 weight           : 12.5
# CHECK-NEXT:    +0x008 legs             : 0n4
