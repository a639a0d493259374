# ARGS: fx_loop
# bm over a place that has a breakpoint already redefines it: the new one
# keeps the old id and says so; others get the first free ids.
bm fx_loop!work
bp main
bm fx_loop!wor*
bl
# CHECK: 0:000> bm fx_loop!work
# CHECK-NEXT:   0: 00005555`{{[0-9a-f]+}} fx_loop!work
# CHECK: 0:000> bm fx_loop!wor*
# CHECK-NEXT:   0: 00005555`{{[0-9a-f]+}} fx_loop!work (redefined)
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e 00005555`{{[0-9a-f]+}}     0001 (0001)  0:**** fx_loop!work
# CHECK-NEXT:  1 e 00005555`{{[0-9a-f]+}}     0001 (0001)  0:**** fx_loop!main
