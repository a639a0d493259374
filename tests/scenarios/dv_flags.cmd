# ARGS: fx_types
# dv's WinDbg flags over a real frame (shape_area: three parameters, three
# locals): /t puts each one's type before its name, /i classifies it (prv
# param, prv local), /v says where it lives; together, in that order.
g
gu
gu
dv /t
dv /i
dv /t /v /i
dv /tv
dv /q
# CHECK: 0:000> dv /t
# CHECK-NEXT: struct shape * s = 0x00007fff`{{[0-9a-f]+}}
# CHECK-NEXT:       int depth = 0n1
# CHECK-NEXT:        char tag = 0x71 'q'
# CHECK-NEXT:        int area = 0n12
# CHECK-NEXT: struct point corner = struct point @ 0x00007fff`{{[0-9a-f]+}}
# CHECK-NEXT: long int [3] values = {0n10, 0n20, 0n30}
# CHECK-NEXT: 0:000> dv /i
# CHECK-NEXT: prv param                s = 0x00007fff`{{[0-9a-f]+}}
# CHECK-NEXT: prv param            depth = 0n1
# CHECK-NEXT: prv param              tag = 0x71 'q'
# CHECK-NEXT: prv local             area = 0n12
# CHECK-NEXT: prv local           corner = struct point
# CHECK-NEXT: prv local           values = {0n10, 0n20, 0n30}
# CHECK-NEXT: 0:000> dv /t /v /i
# CHECK-NEXT: prv param  00007fff`{{[0-9a-f]+}} struct shape * s = 0x
# CHECK-NEXT: prv param  00007fff`{{[0-9a-f]+}}       int depth = 0n1
# CHECK-NEXT: prv param  00007fff`{{[0-9a-f]+}}        char tag = 0x71 'q'
# CHECK-NEXT: prv local  00007fff`{{[0-9a-f]+}}        int area = 0n12
# CHECK: 0:000> dv /tv
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}} prm   struct shape * s = 0x
# CHECK: 00007fff`{{[0-9a-f]+}} local        int area = 0n12
# CHECK: 0:000> dv /q
# CHECK-NEXT: Syntax error in 'dv /q': dv [/t] [/v] [/i]
