# ARGS: fx_printf
# ${/v:Name} names the alias in as, aS and ad (it is not replaced there,
# so a script can redefine an alias that exists); $uN is not replaced in
# a Rust legacy mangled name ($u7b$ is '{'); an alias that runs itself is
# stopped after 64 levels with one error line, and the session goes on.
aS Greet hello
aS ${/v:Greet} bye
as ${/v:Name} fx_text
al
da ${Name} L5
ad ${/v:Greet}
al
r $.u7=XX
.echo $u7b$ $u7 [$u7]
.echo _ZN4core3fmt$u7b$$u7b$closure$u7d$$u7d$17h0123456789abcdefE
aS Loop ".block { Loop }"
Loop
.echo still here
# CHECK: 0:000> al
# CHECK-NEXT:   Alias            Value
# CHECK-NEXT:  -------          -------
# CHECK-NEXT:  Greet            bye
# CHECK-NEXT:  Name             fx_text
# CHECK-NEXT: 0:000> da ${Name} L5
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  "hello"
# CHECK-NEXT: 0:000> ad ${/v:Greet}
# CHECK-NEXT: 0:000> al
# CHECK-NEXT:   Alias            Value
# CHECK-NEXT:  -------          -------
# CHECK-NEXT:  Name             fx_text
# CHECK: 0:000> .echo $u7b$ $u7 [$u7]
# CHECK-NEXT: $u7b$ XX [XX]
# CHECK-NEXT: 0:000> .echo _ZN4core3fmt$u7b$$u7b$closure$u7d$$u7d$17h0123456789abcdefE
# CHECK-NEXT: _ZN4core3fmt$u7b$$u7b$closure$u7d$$u7d$17h0123456789abcdefE
# CHECK: 0:000> Loop
# CHECK-NEXT: Recursion error: command nesting deeper than 64
# CHECK-NEXT: 0:000> .echo still here
# CHECK-NEXT: still here
