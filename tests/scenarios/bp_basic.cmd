# ARGS: fx_bp
# bp on a symbol: bl in WinDbg's layout, the hit report, the original bytes
# in every view (db, u), ids (first free, bpN, bp[expr], reuse says so),
# bc bd be br with lists and ranges, $bpN.
bp work
bl
db work L4
u work L1
g
r rdi
bp[1+2] depth
bp7 mem_fill
bp7 mem_clear
bl
? $bp3 == depth
bd 0-3
bl
be 3
bl 3
br 3 5 7 8
bl
bc 5,8
bl
# CHECK: 0:000> bp work
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e 00005555`55555149     0001 (0001)  0:**** fx_bp!work
# CHECK-NEXT: 0:000> db work L4
# CHECK-NEXT: 00005555`55555149  55 48 89 e5
# CHECK-NEXT: 0:000> u work L1
# CHECK-NEXT: fx_bp!work:
# CHECK-NEXT: 00005555`55555149 55              push    rbp
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: rax=
# CHECK: fx_bp!work:
# CHECK-NEXT: 00005555`55555149 55              push    rbp
# CHECK-NEXT: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000000
# CHECK: 0:000> bp7 mem_clear
# CHECK-NEXT: breakpoint 7 redefined
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e 00005555`55555149     0001 (0001)  0:**** fx_bp!work
# CHECK-NEXT:  3 e 00005555`{{[0-9a-f]+}}     0001 (0001)  0:**** fx_bp!depth
# CHECK-NEXT:  7 e 00005555`{{[0-9a-f]+}}     0001 (0001)  0:**** fx_bp!mem_clear
# CHECK-NEXT: 0:000> ? $bp3 == depth
# CHECK-NEXT: Evaluate expression: 1
# CHECK: 0:000> bl
# CHECK-NEXT:  0 d 00005555`55555149
# CHECK-NEXT:  3 d 00005555`
# CHECK-NEXT:  7 e 00005555`
# CHECK: 0:000> bl 3
# CHECK-NEXT:  3 e 00005555`{{.*}}fx_bp!depth
# CHECK-NEXT: 0:000> br 3 5 7 8
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 d {{.*}}fx_bp!work
# CHECK-NEXT:  5 e {{.*}}fx_bp!depth
# CHECK-NEXT:  8 e {{.*}}fx_bp!mem_clear
# CHECK-NEXT: 0:000> bc 5,8
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 d {{.*}}fx_bp!work
# CHECK-NEXT: 0:000>
