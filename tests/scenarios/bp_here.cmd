# ARGS: fx_bp
# bp with no address: the current instruction.
bp
bl
? $bp0 == $ip
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e 00007fff`{{[0-9a-f]+}}     0001 (0001)  0:**** ld_linux_x86_64!_start
# CHECK: Evaluate expression: 1
