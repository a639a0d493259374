# ARGS: fx_basic
# d* over a global with known bytes: layouts, L counts, ranges (end
# included), continuing where the last display ended, strings.
db %addr(fx_known) L20
db
dw %addr(fx_known) L4
dd %addr(fx_known) L5
dq %addr(fx_known) L3
db %addr(fx_known) %addr(fx_known)+3
da %addr(fx_text)
da %addr(fx_known)+8
db fx_known L4
# CHECK: 0:000> db {{.*}} L20
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  de ad be ef 01 02 03 04-6c 69 6e 64 62 67 00 7f  ........lindbg..
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  10 20 30 40 50 60 70 80-90 a0 b0 c0 d0 e0 f0 ff  . 0@P`p.........
# CHECK: 0:000> db
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  48 65 6c 6c 6f 2c 20 6c-69 6e 64 62 67 00
# CHECK: 0:000> dw {{.*}} L4
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  adde efbe 0201 0403
# CHECK: 0:000> dd {{.*}} L5
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  efbeadde 04030201 646e696c 7f006762
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  40302010
# CHECK: 0:000> dq {{.*}} L3
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  04030201`efbeadde 7f006762`646e696c
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  80706050`40302010
# CHECK: 0:000> db {{.*}}+3
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  de ad be ef{{ +}}....
# CHECK-NOT: 00005555
# CHECK: 0:000> da
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  "Hello, lindbg"
# CHECK: 0:000> da
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  "lindbg"
# CHECK: 0:000> db fx_known L4
# CHECK-NEXT: 00005555`5555{{[0-9a-f]+}}  de ad be ef
