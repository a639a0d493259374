# ARGS: fx_basic
# .for, .while, .do, .foreach, .block, .break, .continue over a stopped
# program; a loop ends at .break, at its condition, or at an error in its
# body (printed once, the loop and the rest of the line stop).
bp fx_basic!add
g
.for (r $t0 = 0; @$t0 < 5; r $t0 = @$t0 + 1) { .if (@$t0 == 2) { .continue }; .if (@$t0 == 4) { .break }; .echo tick; ? @$t0 }
? @$t0
# CHECK: 0:000> .for (r $t0 = 0;{{.*}}
# CHECK-NEXT: tick
# CHECK-NEXT: Evaluate expression: 0 =
# CHECK-NEXT: tick
# CHECK-NEXT: Evaluate expression: 1 =
# CHECK-NEXT: tick
# CHECK-NEXT: Evaluate expression: 3 =
# CHECK-NEXT: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 4 =
.for (r $t5 = 0; @$t5 < 2; r $t5 = @$t5 + 1) { .for (r $t6 = 0; 1; r $t6 = @$t6 + 1) { .if (@$t6 == 2) { .break }; .echo inner }; .echo outer }
# CHECK: 0:000> .for (r $t5 = 0;{{.*}}
# CHECK-NEXT: inner
# CHECK-NEXT: inner
# CHECK-NEXT: outer
# CHECK-NEXT: inner
# CHECK-NEXT: inner
# CHECK-NEXT: outer
# CHECK-NEXT: 0:000> r $t2 = poi(@rsp)
r $t2 = poi(@rsp)
r $t1 = 0
.while (@rip != @$t2) { p; r $t1 = @$t1 + 1 }
? @rip == @$t2
? @$t1 > 1
k 1
# CHECK: 0:000> .while (@rip != @$t2){{.*}}
# CHECK: 0:000> ? @rip == @$t2
# CHECK-NEXT: Evaluate expression: 1 =
# CHECK-NEXT: 0:000> ? @$t1 > 1
# CHECK-NEXT: Evaluate expression: 1 =
# CHECK: fx_basic!main+
.do { r $t3 = @$t3 + 2 } (@$t3 < 7)
? @$t3
.do { r $t4 = 9 } (0)
? @$t4
# CHECK: 0:000> ? @$t3
# CHECK-NEXT: Evaluate expression: 8 =
# CHECK: 0:000> ? @$t4
# CHECK-NEXT: Evaluate expression: 9 =
dq fx_known L2
.foreach (tok { dq fx_known L2 }) { .echo tok }
.foreach /pS 1 /ps 1 (tok { dq fx_known L2 }) { .echo [${tok}] }
# CHECK: 0:000> dq fx_known L2
# CHECK-NEXT: [[A:[0-9a-f`]+]]{{ +}}[[B:[0-9a-f`]+]]{{ +}}[[C:[0-9a-f`]+]]
# CHECK-NEXT: 0:000> .foreach (tok{{.*}}
# CHECK-NEXT: [[A]]
# CHECK-NEXT: [[B]]
# CHECK-NEXT: [[C]]
# CHECK-NEXT: 0:000> .foreach /pS 1 /ps 1{{.*}}
# CHECK-NEXT: {{\[}}[[B]]{{\]}}
.foreach /pS 6 /ps 5 (m { lm }) { .echo module: m }
# CHECK-NEXT: 0:000> .foreach /pS 6 /ps 5{{.*}}
# CHECK-NEXT: module: fx_basic
# CHECK-NEXT: module: linux_vdso
# CHECK-NEXT: module: ld_linux_x86_64
# CHECK-NEXT: module: libc
.foreach /s (w "one two  three") { .if (@$t7 == 2) { .break }; .echo w; r $t7 = @$t7 + 1 }
# CHECK: 0:000> .foreach /s{{.*}}
# CHECK-NEXT: one
# CHECK-NEXT: two
.block { .echo in block }
.break
.for (r $t8 = 0; @$t8 < 3; r $t8 = @$t8 + 1) { .echo try; nosuchcmd }; .echo rest of line
? @$t8
# CHECK-NEXT: 0:000> .block { .echo in block }
# CHECK-NEXT: in block
# CHECK-NEXT: 0:000> .break
# CHECK-NEXT: Syntax error: .break outside a .for, .while, .do or .foreach loop
# CHECK-NEXT: 0:000> .for (r $t8 = 0;{{.*}}
# CHECK-NEXT: try
# CHECK-NEXT: Syntax error in 'nosuchcmd'
# CHECK-NEXT: 0:000> ? @$t8
# CHECK-NEXT: Evaluate expression: 0 =
