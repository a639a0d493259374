# ARGS: fx_basic
# @@c++ and @@masm may embed each other, but a line that nests them
# without end gets one error line (each parser bounds only its own
# depth), and the session goes on. Either side reads the other's name in
# any case (@@C++, @@MASM), as MASM always did.
? @@c++(@@masm(@@c++(@@masm(@@c++(@@masm(1))))))
? @@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(@@c++(@@masm(1))))))))))))))))))))))))))))))))))))))))
? 2
? @@c++(@@MASM(5) + 1)
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: Syntax error: @@c++ and @@masm nested more than 16 deep
# CHECK-NEXT: 0:000> ? 2
# CHECK-NEXT: Evaluate expression: 2 = 00000000`00000002
# CHECK-NEXT: 0:000> ? @@c++(@@MASM(5) + 1)
# CHECK-NEXT: Evaluate expression: 6 = 00000000`00000006
