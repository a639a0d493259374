# ARGS: fx_printf
# .printf's conversions over a real program, each checked against what
# other commands say of the same value (?, da, ln): %p %N %y of a
# function, %d %u %x %X %o %c of its data, %ma %s of a string in it,
# %I64x/%llx against the 32 bits of %x, escapes, and the errors.
bp fx_work
g
? fx_work
.printf "p=%p N=%N\n", fx_work, fx_work
ln fx_work+3
.printf "y=%y\n", fx_work+3
? dwo(fx_negative)
.printf "d=%d i=%i u=%u x=%x X=%X o=%o\n", dwo(fx_negative), dwo(fx_negative), dwo(fx_negative), dwo(fx_negative), 0xabc, 8
? qwo(fx_big)
.printf "I64x=%I64x llx=%llx x=%x\n", qwo(fx_big), qwo(fx_big), qwo(fx_big)
? by(fx_letter)
.printf "c=%c [%5d] [%-4x] [%08X]\n", by(fx_letter), by(fx_letter), 0x51, 0x51
da fx_text
.printf "ma=%ma s=%s\n", fx_text, fx_text
.printf "tab\there \"quoted\" 100%% done\n"
.printf /D "dml accepted\n"
.printf "%ma\n", 0
.printf "%d %d\n", 1
.printf "%q\n", 1
.printf "no quote
.printf "%msu\n", fx_text
# CHECK: 0:000> ? fx_work
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = [[FHI:[0-9a-f]+]]`[[FLO:[0-9a-f]+]]
# CHECK-NEXT: 0:000> .printf "p=%p N=%N\n", fx_work, fx_work
# CHECK-NEXT: p=[[FHI]]`[[FLO]] N=[[FHI]]{{[[:xdigit:]]*}}{{[[:xdigit:]]+}}
# CHECK: 0:000> ln fx_work+3
# CHECK-NEXT: ({{.*}})   [[SYM:fx_printf!fx_work\+0x3]]   |
# CHECK-NEXT: 0:000> .printf "y=%y\n", fx_work+3
# CHECK-NEXT: y=[[SYM]] ([[FHI]]`{{[0-9a-f]+}})
# CHECK: 0:000> ? dwo(fx_negative)
# CHECK-NEXT: Evaluate expression: [[U:[0-9]+]] = 00000000`[[X:[0-9a-f]+]]
# CHECK-NEXT: 0:000> .printf
# CHECK-NEXT: d=-42 i=-42 u=[[U]] x=[[X]] X=ABC o=10
# CHECK: 0:000> ? qwo(fx_big)
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = 0[[BHI:[0-9a-f]+]]`[[BLO:[0-9a-f]+]]
# CHECK-NEXT: 0:000> .printf
# CHECK-NEXT: I64x=[[BHI]][[BLO]] llx=[[BHI]][[BLO]] x=[[BLO]]
# CHECK: 0:000> ? by(fx_letter)
# CHECK-NEXT: Evaluate expression: [[C:[0-9]+]] = 00000000`00000051
# CHECK-NEXT: 0:000> .printf
# CHECK-NEXT: c=Q [   [[C]]] [51  ] [00000051]
# CHECK: 0:000> da fx_text
# CHECK-NEXT: {{[0-9a-f`]+}}  "[[TEXT:[^"]+]]"
# CHECK-NEXT: 0:000> .printf
# CHECK-NEXT: ma=[[TEXT]] s=[[TEXT]]
# CHECK-NEXT: 0:000> .printf
# CHECK-NEXT: tab here "quoted" 100% done
# CHECK-NEXT: 0:000> .printf /D
# CHECK-NEXT: {{^}}dml accepted
# CHECK-NEXT: 0:000> .printf "%ma\n", 0
# CHECK-NEXT: Memory access error at 0x0
# CHECK-NEXT: 0:000> .printf "%d %d\n", 1
# CHECK-NEXT: Syntax error: the format needs more arguments than the 1 given
# CHECK-NEXT: 0:000> .printf "%q\n", 1
# CHECK-NEXT: Syntax error: unknown conversion '%q' in the format
# CHECK-NEXT: 0:000> .printf "no quote
# CHECK-NEXT: Syntax error: unterminated string
# CHECK-NEXT: 0:000> .printf "%msu\n", fx_text
# CHECK-NEXT: Syntax error: %msu reads a Windows string structure: not on Linux
