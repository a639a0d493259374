# ARGS: fx_cexpr_cpp
# ?? in C++ (values as GDB prints them at the same stops): a reference
# parameter, members through a class pointer and its base class, globals
# qualified by their namespace, types by qualified names; in a method,
# `this` and members by their bare names.
bp `fx_cexpr_cpp.cpp:36`
bp `fx_cexpr_cpp.cpp:26`
g
?? item
?? item.price
?? shelf->count
?? shelf->level
?? shelf->items[1].id
?? &item == &shelf->items[1]
?? &item
?? shelf->items[2].price * item.id
g
?? this
?? count
?? items[2].price
?? this->level
?? level + count
?? sum
?? store::opened
?? store::opened + 1
?? store::main_shelf.count
?? &store::main_shelf == this
?? sizeof(store::Shelf)
?? sizeof(store::Item)
?? (store::Item *)0
?? store::nosuch
q
# CHECK: 0:000> ?? item
# CHECK-NEXT: const store::Item 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x000 id               : 0n2
# CHECK-NEXT:    +0x008 price            : 0n200
# CHECK-NEXT: 0:000> ?? item.price
# CHECK-NEXT: long int 0n200
# CHECK-NEXT: 0:000> ?? shelf->count
# CHECK-NEXT: int 0n3
# CHECK-NEXT: 0:000> ?? shelf->level
# CHECK-NEXT: int 0n7
# CHECK-NEXT: 0:000> ?? shelf->items[1].id
# CHECK-NEXT: int 0n2
# CHECK-NEXT: 0:000> ?? &item == &shelf->items[1]
# CHECK-NEXT: bool true
# CHECK-NEXT: 0:000> ?? &item
# CHECK-NEXT: const store::Item * 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x000 id               : 0n2
# CHECK-NEXT:    +0x008 price            : 0n200
# CHECK-NEXT: 0:000> ?? shelf->items[2].price * item.id
# CHECK-NEXT: long int 0n600
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: Breakpoint 1 hit
# CHECK: 0:000> ?? this
# CHECK-NEXT: const store::Shelf * const 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x000 __BaseClass      : store::Base
# CHECK-NEXT:    +0x008 items            : store::Item [3]
# CHECK-NEXT:    +0x038 count            : 0n3
# CHECK-NEXT: 0:000> ?? count
# CHECK-NEXT: int 0n3
# CHECK-NEXT: 0:000> ?? items[2].price
# CHECK-NEXT: long int 0n300
# CHECK-NEXT: 0:000> ?? this->level
# CHECK-NEXT: int 0n7
# CHECK-NEXT: 0:000> ?? level + count
# CHECK-NEXT: int 0n10
# CHECK-NEXT: 0:000> ?? sum
# CHECK-NEXT: long int 0n600
# CHECK-NEXT: 0:000> ?? store::opened
# CHECK-NEXT: int 0n1999
# CHECK-NEXT: 0:000> ?? store::opened + 1
# CHECK-NEXT: int 0n2000
# CHECK-NEXT: 0:000> ?? store::main_shelf.count
# CHECK-NEXT: int 0n3
# CHECK-NEXT: 0:000> ?? &store::main_shelf == this
# CHECK-NEXT: bool true
# CHECK-NEXT: 0:000> ?? sizeof(store::Shelf)
# CHECK-NEXT: unsigned long 0x40
# CHECK-NEXT: 0:000> ?? sizeof(store::Item)
# CHECK-NEXT: unsigned long 0x10
# CHECK-NEXT: 0:000> ?? (store::Item *)0
# CHECK-NEXT: store::Item * 0x00000000`00000000
# CHECK-NEXT: 0:000> ?? store::nosuch
# CHECK-NEXT: Couldn't resolve error at 'store::nosuch'
