# ARGS: fx_printf
# Aliases over a real program: as /x (a function's address, then used as
# a breakpoint address), as /ma and /mu (strings in the program, checked
# against da and %mu), as /e, as /c (a command's output), as and aS with
# ';', al, ad, the fixed-name $u0..$u9 (r $.u0=...), and the ${} forms.
# An alias set on a line is not replaced on that line, but is in a block
# of that line (each block is expanded as it runs).
? fx_work
as /x Addr fx_work
as /ma Txt fx_text
da fx_text
as /c Out ? 0x10
as Line r rax; r rbx
aS Phrase "a;b"; aS Word one
al
.echo [${Txt}] ${Txt}x Txt
.echo ${/d:Txt} ${/d:Nope} [${/f:Nope}] ${/n:Txt} ${/n:Nope} ${/v:Txt} ${Nope}
.printf "[%p] ${Out}", Addr
aS Later 5; .echo Later
.echo Later
.printf "[%mu]\n", fx_wide
as /mu W fx_wide
.echo [${W}]
as /e Hm HOME
.echo [${Hm}]
aS V 7; .if (1) { .echo V } .else { .echo no }
.if (${/d:V}) { .echo defined } .else { .echo undefined }
bp Addr
g
ad Txt
ad Txt
.echo Txt
ad /q Txt
as alpha 1
ad *
al
r $.u0=  da fx_text; .echo [$u1]  
$u0
r $.u1
# CHECK: 0:000> ? fx_work
# CHECK-NEXT: Evaluate expression: [[DEC:[0-9]+]] = 0000[[HI:[0-9a-f]+]]`[[LO:[0-9a-f]+]]
# CHECK: 0:000> da fx_text
# CHECK-NEXT: {{[0-9a-f`]+}}  "[[TEXT:[^"]+]]"
# CHECK: 0:000> al
# CHECK-NEXT:   Alias            Value
# CHECK-NEXT:  -------          -------
# CHECK-NEXT:  Addr             0x[[HI]][[LO]]
# CHECK-NEXT:  Line             r rax; r rbx
# CHECK-NEXT:  Out              Evaluate expression: 16 = 00000000`00000010
# CHECK-EMPTY:
# CHECK-NEXT:  Phrase           a;b
# CHECK-NEXT:  Txt              [[TEXT]]
# CHECK-NEXT:  Word             one
# CHECK-NEXT: 0:000> .echo
# CHECK-NEXT: {{^}}[[[TEXT]]] [[TEXT]]x [[TEXT]]
# CHECK-NEXT: 0:000> .echo
# CHECK-NEXT: {{^}}1 0 [] Txt ${/n:Nope} ${/v:Txt} ${Nope}
# CHECK-NEXT: 0:000> .printf
# CHECK-NEXT: {{^}}[0000[[HI]]`[[LO]]] Evaluate expression: 16 = 00000000`00000010
# CHECK-NEXT: 0:000> aS Later 5; .echo Later
# CHECK-NEXT: {{^}}Later
# CHECK-NEXT: 0:000> .echo Later
# CHECK-NEXT: {{^}}5
# CHECK-NEXT: 0:000> .printf "[%mu]\n", fx_wide
# CHECK-NEXT: {{^}}[[[WIDE:wide .+ text]]]
# CHECK-NEXT: 0:000> as /mu W fx_wide
# CHECK-NEXT: 0:000> .echo
# CHECK-NEXT: {{^}}[[[WIDE]]]
# CHECK-NEXT: 0:000> as /e Hm HOME
# CHECK-NEXT: 0:000> .echo
# CHECK-NEXT: {{^}}[/{{.+}}/home]
# CHECK-NEXT: 0:000> aS V 7; .if
# CHECK-NEXT: {{^}}7
# CHECK-NEXT: 0:000> .if
# CHECK-NEXT: {{^}}defined
# CHECK: Breakpoint 0 hit
# CHECK: fx_printf!fx_work:
# CHECK-NEXT: [[HI]]`[[LO]]
# CHECK: 0:000> ad Txt
# CHECK-NEXT: 0:000> ad Txt
# CHECK-NEXT: Couldn't resolve error: no alias named 'Txt'
# CHECK-NEXT: 0:000> .echo Txt
# CHECK-NEXT: {{^}}Txt
# CHECK-NEXT: 0:000> ad /q Txt
# CHECK-NEXT: 0:000> as alpha 1
# CHECK-NEXT: Syntax error: 'alpha' cannot be an alias name
# CHECK-NEXT: 0:000> ad *
# CHECK-NEXT: 0:000> al
# CHECK-NEXT: No aliases
# CHECK-NEXT: 0:000> r $.u0=
# CHECK-NEXT: 0:000> $u0
# CHECK-NEXT: {{[0-9a-f`]+}}  "[[TEXT]]"
# CHECK-NEXT: {{^}}[]
# CHECK-NEXT: 0:000> r $.u1
# CHECK-NEXT: Syntax error: r $.u1=text sets the alias, r cannot show it
