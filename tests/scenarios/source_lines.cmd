# ARGS: fx_stack
# Source lines: `file.c:N` and `mod!file.c:N` as addresses, line numbers in
# k, lsa and ls, and l+t: p and t step whole source lines (t comes straight
# back from functions without line information, such as libc's).
? `fx_stack.c:17` == fx_stack!recurse
? `fx_stack!fx_stack.c:17` == recurse
u `fx_stack.c:13` L1
g
gu
gu
k 2
lsa
ls
ls 1 2
l+t
l+s
p
t
t
l-t
l-s
.lines -d
k 1
? `fx_stack.c:9999`
? `nosuchmod!fx_stack.c:1`
? `fx_stack.c`
lsa leaf junk
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: 0:000> u `fx_stack.c:13` L1
# CHECK-NEXT: fx_stack!leaf+0x15:
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_stack!leaf+0x15 [{{/.*}}/tests/fixtures/fx_stack.c @ 13]
# CHECK-NEXT: fx_stack!recurse+0x1b [{{/.*}}/tests/fixtures/fx_stack.c @ 19]
# CHECK: 0:000> lsa
# CHECK-NEXT:      8: static void on_usr2
# CHECK: >   13:     return n * 2 + 1;
# CHECK: 0:000> ls
# CHECK-NEXT:     18:     if (n == 0)
# CHECK: 0:000> ls 1 2
# CHECK-NEXT:      1: /* A recursion
# CHECK-NEXT:      2:
# CHECK-NEXT: 0:000> l+t
# CHECK: 0:000> p
# CHECK: fx_stack!leaf+0x1d:
# CHECK-NEXT: 00005555`55555189 c9              leave
# CHECK-NEXT: >   14: }
# CHECK: 0:000> t
# CHECK: fx_stack!recurse+0x2d:
# CHECK: >   21: }
# CHECK: 0:000> t
# CHECK: fx_stack!recurse+0x2a:
# CHECK: >   20:     return recurse(n - 1) + 10;
# CHECK: 0:000> .lines -d
# CHECK-NEXT: Line number information will be ignored
# CHECK: 0:000> k 1
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_stack!recurse+0x{{[0-9a-f]+}}{{$}}
# CHECK: 0:000> ? `fx_stack.c:9999`
# CHECK-NEXT: Line error at '`fx_stack.c:9999`': no code at line 9999 or after it in main
# CHECK: 0:000> ? `nosuchmod!fx_stack.c:1`
# CHECK-NEXT: Couldn't resolve error at '`nosuchmod!fx_stack.c:1`': no module 'nosuchmod'
# CHECK: 0:000> ? `fx_stack.c`
# CHECK-NEXT: Syntax error in '`fx_stack.c`': a source line is `file.c:42`
# CHECK: 0:000> lsa leaf junk
# CHECK-NEXT: Syntax error at 'junk'
