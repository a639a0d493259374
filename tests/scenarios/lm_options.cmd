# ARGS: fx_stack
# lm's WinDbg options at the initial break (the program, the vDSO and the
# loader are mapped): lmf shows image paths in place of the symbol state,
# lm m PATTERN only the matching modules, lm v m PATTERN and lmvm PATTERN
# their details, option words together (lm fm).
lmf
lm m fx*
lm v m fx_stack
lmvm ld*
lm fm ld*
lm m
lm zz
# CHECK: 0:000> lmf
# CHECK-NEXT: start             end                 module name
# CHECK-NEXT: 00005555`{{[0-9a-f]+}} 00005555`{{[0-9a-f]+}}   fx_stack         {{/.*}}/fx_stack{{$}}
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}   linux_vdso       linux-vdso.so.1{{$}}
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}   ld_linux_x86_64  /{{.*}}/ld-linux-x86-64.so.2{{$}}
# CHECK-NEXT: 0:000> lm m fx*
# CHECK-NEXT: start             end                 module name
# CHECK-NEXT: 00005555`{{[0-9a-f]+}} 00005555`{{[0-9a-f]+}}   fx_stack         {{\((deferred|dwarf symbols)\) +}}{{/.*}}/fx_stack{{$}}
# CHECK-NEXT: 0:000> lm v m fx_stack
# CHECK-NEXT: start             end                 module name
# CHECK-NEXT: {{.*}}   fx_stack         {{\((deferred|dwarf symbols)\) +}}{{/.*}}/fx_stack{{$}}
# CHECK-NEXT:     Image path: {{/.*}}/fx_stack{{$}}
# CHECK-NEXT:     Load bias:  00005555`{{[0-9a-f]+}}
# CHECK-NEXT:     Build ID:   {{[0-9a-f]+$}}
# CHECK-NEXT:     Debug file: none needed (DWARF in the image)
# CHECK-NEXT:     Symbols:    {{[0-9]+}} (dwarf symbols)
# CHECK-NEXT: 0:000> lmvm ld*
# CHECK-NEXT: start             end                 module name
# CHECK-NEXT: {{.*}}   ld_linux_x86_64  {{.*}}ld-linux-x86-64.so.2{{$}}
# CHECK-NEXT:     Image path: /{{.*}}/ld-linux-x86-64.so.2
# CHECK: 0:000> lm fm ld*
# CHECK-NEXT: start             end                 module name
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}   ld_linux_x86_64  /{{.*}}/ld-linux-x86-64.so.2{{$}}
# CHECK-NEXT: 0:000> lm m
# CHECK-NEXT: Syntax error: lm m needs a module pattern
# CHECK-NEXT: 0:000> lm zz
# CHECK-NEXT: Syntax error in 'lm zz': lm [v][f] [m pattern]
