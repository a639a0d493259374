# ARGS: fx_bp
# Bad breakpoint input: one clear line each, and the list stays as it was.
bp work
bp /c 2 /C 3 depth
bp /x depth
bp /a depth
bp99999999999 depth
bm /a fx_bp!fx_total
bc 1
bp depth "no end
bp 0
bp depth 0
~7 bp depth
bp /t 9 depth
bp /p 9 depth
bp /w depth
bc 9
bc x
bd 3-2
br 0
br 0 1 0 2
bl
# CHECK: 0:000> bp /c 2 /C 3 depth
# CHECK-NEXT: Syntax error: /c and /C cannot be used together
# CHECK-NEXT: 0:000> bp /x depth
# CHECK-NEXT: Syntax error: unknown breakpoint option '/x'
# CHECK-NEXT: 0:000> bp /a depth
# CHECK-NEXT: Syntax error: option '/a' is for bm only
# CHECK-NEXT: 0:000> bp99999999999 depth
bm /a fx_bp!fx_total
bc 1
# CHECK-NEXT: Syntax error: a breakpoint id is a decimal number up to 4294967295
# CHECK-NEXT: 0:000> bm /a fx_bp!fx_total
# CHECK-NEXT:   1: 00005555`{{[0-9a-f]+}} fx_bp!fx_total
# CHECK-NEXT: Warning: breakpoint 1 is on data (fx_total): the program will read 0xCC there; ba w/r watches data
# CHECK-NEXT: 0:000> bc 1
# CHECK-NEXT: 0:000> bp depth "no end
# CHECK-NEXT: Syntax error: unterminated string
# CHECK-NEXT: 0:000> bp 0
# CHECK-NEXT: Memory access error at 00000000`00000000: no code to patch there
# CHECK-NEXT: 0:000> bp depth 0
# CHECK-NEXT: Range error: passes must be 1 to 0xffffffff
# CHECK-NEXT: 0:000> ~7 bp depth
# CHECK-NEXT: Illegal thread error: no thread with that index
# CHECK-NEXT: 0:000> bp /t 9 depth
# CHECK-NEXT: Illegal thread error: no thread 9 (index or TID)
# CHECK-NEXT: 0:000> bp /p 9 depth
# CHECK-NEXT: Illegal process error: no process 9 (index or PID)
# CHECK-NEXT: 0:000> bp /w depth
# CHECK-NEXT: Syntax error: /w takes a quoted condition
# CHECK-NEXT: 0:000> bc 9
# CHECK-NEXT: Breakpoint 9 does not exist
# CHECK-NEXT: 0:000> bc x
# CHECK-NEXT: Syntax error in 'x': breakpoint ids are decimal numbers, ranges or *
# CHECK-NEXT: 0:000> bd 3-2
# CHECK-NEXT: Range error in '3-2'
# CHECK-NEXT: 0:000> br 0
# CHECK-NEXT: Syntax error: br OldID NewID
# CHECK-NEXT: 0:000> br 0 1 0 2
# CHECK-NEXT: Syntax error: breakpoint 0 is renumbered twice
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e 00005555`55555149     0001 (0001)  0:**** fx_bp!work
# CHECK-NEXT: 0:000>
