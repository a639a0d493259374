# ARGS: fx_basic
# Inside a { block } only quotes and braces count: a '(' or a comment's
# quote there opens nothing; a $$ comment ends at ';' or at the block's
# '}'. .foreach: /s strings take \" as the lexer does, a directory is no
# file, a huge /ps count ends the walk.
.if (1) { .echo open ( paren }
.echo next1
.for (r $t0=0; @$t0<2; r $t0=@$t0+1) { .echo ( }; .echo next2
.if (1) { $$ a "quote; .echo in }
.if (1) { $$ note }; .echo next3
.if (1) { .echo x; * note; .echo never }; .echo next4
.foreach /s (x "a \"b\" c") { .echo [${x}] }
.foreach /f (x "/") { .echo x }
.foreach /ps 0xffffffffffffffff (x { .echo a b }) { .echo x }
.echo done
# CHECK: 0:000> .if (1) { .echo open ( paren }
# CHECK-NEXT: open ( paren
# CHECK-NEXT: 0:000> .echo next1
# CHECK-NEXT: next1
# CHECK-NEXT: 0:000> .for (r $t0=0; @$t0<2; r $t0=@$t0+1) { .echo ( }; .echo next2
# CHECK-NEXT: {{^\($}}
# CHECK-NEXT: {{^\($}}
# CHECK-NEXT: next2
# CHECK-NEXT: 0:000> .if (1) { $$ a "quote; .echo in }
# CHECK-NEXT: in
# CHECK-NEXT: 0:000> .if (1) { $$ note }; .echo next3
# CHECK-NEXT: next3
# CHECK-NEXT: 0:000> .if (1) { .echo x; * note; .echo never }; .echo next4
# CHECK-NEXT: x
# CHECK-NEXT: next4
# CHECK-NEXT: 0:000> .foreach /s (x "a \"b\" c") { .echo [${x}] }
# CHECK-NEXT: [a]
# CHECK-NEXT: ["b"]
# CHECK-NEXT: [c]
# CHECK-NEXT: 0:000> .foreach /f (x "/") { .echo x }
# CHECK-NEXT: Couldn't read file '/': Is a directory
# CHECK-NEXT: 0:000> .foreach /ps 0xffffffffffffffff (x { .echo a b }) { .echo x }
# CHECK-NEXT: a
# CHECK-NEXT: 0:000> .echo done
