# ARGS: fx_printf
# .printf's limits: widths and precisions above 4096 are refused (a
# precision of 2147483647 wrote 2 GB), \x without hex digits is an error
# (it ended the string), and %ly adds the source line that k shows.
bp fx_work
g
k 1
.printf "%ly|\n", @rip
.printf "%y|\n", @rip
.printf "%.2147483647d|\n", 1
.printf "%9999999d|\n", 1
.printf "[%4096d]\n", 7
.printf "[ab\xZ]\n"
.printf "[\x41\x4a]\n"
.echo alive
# CHECK: 0:000> k 1
# CHECK-NEXT: Child-SP
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}} fx_printf!fx_work {{\[}}[[LINE:.*fx_printf\.c @ [0-9]+]]{{\]}}
# CHECK-NEXT: 0:000> .printf "%ly|\n", @rip
# CHECK-NEXT: fx_printf!fx_work ({{[0-9a-f]+`[0-9a-f]+}}) {{\[}}[[LINE]]{{\]}}|
# CHECK-NEXT: 0:000> .printf "%y|\n", @rip
# CHECK-NEXT: fx_printf!fx_work ({{[0-9a-f]+`[0-9a-f]+}})|
# CHECK-NEXT: 0:000> .printf "%.2147483647d|\n", 1
# CHECK-NEXT: Syntax error: width or precision above 4096 in the format
# CHECK-NEXT: 0:000> .printf "%9999999d|\n", 1
# CHECK-NEXT: Syntax error: width or precision above 4096 in the format
# CHECK-NEXT: 0:000> .printf "[%4096d]\n", 7
# CHECK-NEXT: [{{ +}}7]
# CHECK-NEXT: 0:000> .printf "[ab\xZ]\n"
# CHECK-NEXT: Syntax error: \x needs hex digits in the format string
# CHECK-NEXT: 0:000> .printf "[\x41\x4a]\n"
# CHECK-NEXT: [AJ]
# CHECK-NEXT: 0:000> .echo alive
# CHECK-NEXT: alive
