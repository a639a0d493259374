# ARGS: fx_cpp
# ?? in the C++ fixture: in a method reached by its qualified name, `this`
# (a class pointer with its members), members by bare name, a parameter;
# in the caller, a class object's member, types by qualified names.
bp geometry::Counter::bump
g
?? this
?? this->value
?? by * 2 + value
gu
?? c.value
?? &c
?? sizeof(shapes::Point)
?? (shapes::Point *)0 + 1
# CHECK: 0:000> ?? this
# CHECK-NEXT: geometry::Counter * const 0x00007fff`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x000 value            : 0n0
# CHECK-NEXT: 0:000> ?? this->value
# CHECK-NEXT: int 0n0
# CHECK-NEXT: 0:000> ?? by * 2 + value
# CHECK-NEXT: int 0n12
# CHECK: 0:000> ?? c.value
# CHECK-NEXT: int 0n6
# CHECK-NEXT: 0:000> ?? &c
# CHECK-NEXT: geometry::Counter * 0x00007fff`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x000 value            : 0n6
# CHECK-NEXT: 0:000> ?? sizeof(shapes::Point)
# CHECK-NEXT: unsigned long 0x8
# CHECK-NEXT: 0:000> ?? (shapes::Point *)0 + 1
# CHECK-NEXT: shapes::Point * 0x00000000`00000008
