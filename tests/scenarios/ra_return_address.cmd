# ARGS: fx_ra
# $ra is the current frame's return address, from the unwinder: at a
# function's first instruction (it was the caller's caller's, read through
# rbp), after its prologue, and in a leaf without a frame pointer. It is
# what k shows as frame 0's RetAddr, and bp /1 @$ra stops right after the
# call.
bu fx_ra!framed
bu fx_ra!flat
g
k 2
? @$ra
t
t
? @$ra
bp /1 @$ra
g
g
k 2
? @$ra
.frame 1
? @$ra
g
# CHECK: fx_ra!framed:
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP
# CHECK-NEXT: {{[0-9a-f]+}}`{{[0-9a-f]+}} [[RA1:[0-9a-f]+`[0-9a-f]+]] {{ *}}fx_ra!framed [
# CHECK: 0:000> ? @$ra
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = [[RA1]]
# CHECK: fx_ra!framed+0x4:
# CHECK: 0:000> ? @$ra
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = [[RA1]]
# CHECK: Breakpoint 2 hit
# CHECK: fx_ra!main+0x{{[0-9a-f]+}}:
# CHECK-NEXT: [[RA1]] {{[0-9a-f]+}} {{ *}}mov
# CHECK: fx_ra!flat:
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP
# CHECK-NEXT: {{[0-9a-f]+}}`{{[0-9a-f]+}} [[RA2:[0-9a-f]+`[0-9a-f]+]] {{ *}}fx_ra!flat [
# CHECK-NEXT: {{[0-9a-f]+}}`{{[0-9a-f]+}} [[RA3:[0-9a-f]+`[0-9a-f]+]] {{ *}}fx_ra!main+
# CHECK: 0:000> ? @$ra
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = [[RA2]]
# CHECK: 0:000> ? @$ra
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = [[RA3]]
# CHECK: fx_ra: 6
