# ARGS: fx_basic
# Bad input gets one clear line and the session goes on; an error ends the
# rest of its line only; quotes keep a ';'.
foo
zq$$
? 1 +* 2
db 0
db 0 L0
r nosuchreg
r xmm99999999999999
r $t99999999999999
gc 1234
t zz
~7
~9 r
.echo "one;two"; .echo three
? 1; nosuch; .echo not-reached
.echo "unterminated
.echo still alive
g
# CHECK: 0:000> foo
# CHECK-NEXT: Syntax error in 'foo': no such command
# CHECK: 0:000> zq$$
# CHECK-NEXT: Syntax error in 'zq': no such command
# CHECK: 0:000> ? 1 +* 2
# CHECK-NEXT: Syntax error at '* 2'
# CHECK: 0:000> db 0
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK: 0:000> db 0 L0
# CHECK-NEXT: Range error: a count of 0
# CHECK: 0:000> r nosuchreg
# CHECK-NEXT: Bad register error at 'nosuchreg'
# CHECK-NEXT: 0:000> r xmm99999999999999
# CHECK-NEXT: Bad register error at 'xmm99999999999999'
# CHECK-NEXT: 0:000> r $t99999999999999
# CHECK-NEXT: Bad register error at '$t99999999999999'
# CHECK: 0:000> gc 1234
# CHECK-NEXT: Syntax error in 'gc 1234': gc takes no arguments here
# CHECK: 0:000> t zz
# CHECK-NEXT: Couldn't resolve error at 'zz'
# CHECK: 0:000> ~7
# CHECK-NEXT: Illegal thread error: no thread 7
# CHECK: 0:000> ~9 r
# CHECK-NEXT: Illegal thread error: no thread with that index
# CHECK: 0:000> .echo "one;two"; .echo three
# CHECK-NEXT: one;two
# CHECK-NEXT: three
# CHECK: 0:000> ? 1; nosuch; .echo not-reached
# CHECK-NEXT: Evaluate expression: 1
# CHECK-NEXT: Syntax error in 'nosuch'
# CHECK-NOT: not-reached
# CHECK: 0:000> .echo "unterminated
# CHECK-NEXT: Syntax error: unterminated string
# CHECK: 0:000> .echo still alive
# CHECK-NEXT: still alive
# CHECK: fx_basic: sum=41
