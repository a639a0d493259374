# ARGS: fx_basic
# MASM expressions: radix 16 by default, prefixes, backticks, operators and
# their precedence, comparisons, memory operators, radix changes, errors.
? 10+1
? 0n10
? 0y101
? 0t17
? 1`00000000
? ffffffff`fffffffe
? 2+3*4
? (2+3)*4
? -1
? ~0 >> 3c
? -8 >> 1
? -8 >>> 3c
? 7 % 3
? 7 mod 3 == 1
? 4 or 2 and 1
? 2 xor 3 and 1
? 5 > 3
? !0
? hi 12345678 + low 12345678
? by(%addr(fx_known)) + wo(%addr(fx_known)+2)
? dwo(%addr(fx_known)) == 0xefbeadde
? qwo(%addr(fx_known)) == poi(%addr(fx_known))
? poi @rsp
n 10
? 10
? 0x10
n
n 16
n 7
? 1/0
? (1
? 1 +
? 2 3
? nosuchthing
? poi(0)
# CHECK: 0:000> ? 10+1
# CHECK-NEXT: Evaluate expression: 17 = 00000000`00000011
# CHECK: Evaluate expression: 10 = 00000000`0000000a
# CHECK: Evaluate expression: 5 = 00000000`00000005
# CHECK: Evaluate expression: 15 = 00000000`0000000f
# CHECK: Evaluate expression: 4294967296 = 00000001`00000000
# CHECK: Evaluate expression: -2 = ffffffff`fffffffe
# CHECK: Evaluate expression: 14 = 00000000`0000000e
# CHECK: Evaluate expression: 20 = 00000000`00000014
# CHECK: Evaluate expression: -1 = ffffffff`ffffffff
# CHECK: Evaluate expression: -1 = ffffffff`ffffffff
# CHECK: Evaluate expression: -4 = ffffffff`fffffffc
# CHECK: Evaluate expression: 15 = 00000000`0000000f
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: 0:000> ? 4 or 2 and 1
# CHECK-NEXT: Evaluate expression: 4 = 00000000`00000004
# CHECK: 0:000> ? 2 xor 3 and 1
# CHECK-NEXT: Evaluate expression: 3 = 00000000`00000003
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: Evaluate expression: 26796 = 00000000`000068ac
# CHECK: Evaluate expression: 61596 = 00000000`0000f09c
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: 0:000> ? poi @rsp
# CHECK-NEXT: Evaluate expression: 1 = 00000000`00000001
# CHECK: 0:000> n 10
# CHECK-NEXT: base is 10
# CHECK: 0:000> ? 10
# CHECK-NEXT: Evaluate expression: 10 = 00000000`0000000a
# CHECK: 0:000> ? 0x10
# CHECK-NEXT: Evaluate expression: 16 = 00000000`00000010
# CHECK: 0:000> n
# CHECK-NEXT: base is 10
# CHECK: 0:000> n 7
# CHECK-NEXT: Syntax error: radix must be 8, 10 or 16
# CHECK: 0:000> ? 1/0
# CHECK-NEXT: Divide by zero error
# CHECK: 0:000> ? (1
# CHECK-NEXT: Syntax error at ''
# CHECK: 0:000> ? 1 +
# CHECK-NEXT: Numeric expression missing from ''
# CHECK: 0:000> ? 2 3
# CHECK-NEXT: Syntax error at '3'
# CHECK: 0:000> ? nosuchthing
# CHECK-NEXT: Couldn't resolve error at 'nosuchthing'
# CHECK: 0:000> ? poi(0)
# CHECK-NEXT: Memory access error at 00000000`00000000
