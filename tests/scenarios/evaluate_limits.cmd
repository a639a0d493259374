# ARGS: fx_basic
# A number that does not fit in 64 bits is an error (it wrapped before);
# module names are case-insensitive as in WinDbg, in every command.
? 0n18446744073709551615
? 0n18446744073709551616
? 0x1ffffffffffffffff
? 1ffff`ffffffff`ffffffff
? FX_BASIC!add == fx_basic!add
? Fx_Basic!add+1 - fx_basic!add
bp FX_BASIC!add
bu Fx_basic!main
x FX_BASIC!ad*
bl
# CHECK: 0:000> ? 0n18446744073709551615
# CHECK-NEXT: Evaluate expression: -1 = ffffffff`ffffffff
# CHECK-NEXT: 0:000> ? 0n18446744073709551616
# CHECK-NEXT: Overflow error at '0n18446744073709551616': the number does not fit in 64 bits
# CHECK-NEXT: 0:000> ? 0x1ffffffffffffffff
# CHECK-NEXT: Overflow error at '0x1ffffffffffffffff'
# CHECK-NEXT: 0:000> ? 1ffff`ffffffff`ffffffff
# CHECK-NEXT: Overflow error at '1ffff`ffffffff`ffffffff'
# CHECK-NEXT: 0:000> ? FX_BASIC!add == fx_basic!add
# CHECK-NEXT: Evaluate expression: 1 =
# CHECK-NEXT: 0:000> ? Fx_Basic!add+1 - fx_basic!add
# CHECK-NEXT: Evaluate expression: 1 =
# CHECK: 0:000> x FX_BASIC!ad*
# CHECK-NEXT: {{.*}} fx_basic!add
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} fx_basic!add
# CHECK-NEXT:  1 e {{.*}} fx_basic!main
