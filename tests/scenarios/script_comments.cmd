# ARGS: fx_basic
# $$ comments end at the next ';', * comments take the rest of the line
# (';' included), as WinDbg's "r eax; $$ some text; r ebx; * more text; r ecx".
r $t0 = 0n5; $$ a comment; r $t1 = 0n7; * r $t0 = 0n99; r $t1 = 0n99
? @$t0 + @$t1
$$ a comment alone {with "odd text
* a comment line; ? 0n99
r eax; $$ some text; r ebx; * more text; r ecx
.echo after
# CHECK: 0:000> ? @$t0 + @$t1
# CHECK-NEXT: Evaluate expression: 12 = 00000000`0000000c
# CHECK-NEXT: 0:000> $$ a comment alone {with "odd text
# CHECK-NEXT: 0:000> * a comment line; ? 0n99
# CHECK-NEXT: 0:000> r eax; $$ some text; r ebx; * more text; r ecx
# CHECK-NEXT: eax={{[0-9a-f]+}}
# CHECK-NEXT: ebx={{[0-9a-f]+}}
# CHECK-NEXT: 0:000> .echo after
