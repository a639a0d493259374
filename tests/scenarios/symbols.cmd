# ARGS: fx_stack
# Names wherever an address goes: mod!sym, sym alone (a name defined in
# several modules is the one they export: the program's _start, not the
# loader's private one; ambiguous names are an error that says which, see
# cpp_names), mod!sym+off, a module alone; x with WinDbg's
# wildcards, ln, lm, lmv. Symbols are read lazily: (deferred) until needed
# (the loader's are read at once: lindbg keeps a trap in it).
lm
? fx_stack!leaf == leaf
? fx_stack!leaf+0x10 - leaf
? fx_stack - fx_stack!leaf < 0
x fx_stack!re*
x /v fx_stack!fx_*
x fx_stack!nomatch*
x *!_dl_debug_st?te
ln leaf
ln leaf+3
lm m fx*
lmv m fx_stack
lmv m ld*
? _start
? nosuchmod!leaf
x nosuchmod!*
x fx_stack![abc
ln 10
lm m [
lm zz
# CHECK: 0:000> lm
# CHECK-NEXT: start             end                 module name
# CHECK-NEXT: 00005555`55554000 00005555`55559000   fx_stack         (deferred) {{.*}}/fx_stack
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}   linux_vdso       (deferred)         linux-vdso.so.1
# CHECK-NEXT: 00007fff`f7fca000 00007fff`f7fff000   ld_linux_x86_64  (dwarf symbols) {{.*}}ld-linux-x86-64.so.2
# CHECK: 0:000> ? fx_stack!leaf == leaf
# CHECK-NEXT: Evaluate expression: 1 = 00000000`00000001
# CHECK: Evaluate expression: 16 = 00000000`00000010
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: 0:000> x fx_stack!re*
# CHECK-NEXT: 00005555`555550d0 fx_stack!register_tm_clones
# CHECK-NEXT: 00005555`5555518b fx_stack!recurse
# CHECK-NEXT: 0:000> x /v fx_stack!fx_*
# CHECK-NEXT: data 00005555`5555802c        4 fx_stack!fx_handled
# CHECK-NEXT: 0:000> x fx_stack!nomatch*
# CHECK-NEXT: 0:000> x *!_dl_debug_st?te
# CHECK-NEXT: 00007fff`f7fcc060 ld_linux_x86_64!_dl_debug_state
# CHECK: 0:000> ln leaf
# CHECK-NEXT: (00005555`5555516c)   fx_stack!leaf   |  (00005555`5555518b)   fx_stack!recurse
# CHECK-NEXT: Exact matches:
# CHECK-NEXT:     fx_stack!leaf
# CHECK: 0:000> ln leaf+3
# CHECK-NEXT: (00005555`5555516c)   fx_stack!leaf+0x3   |  (00005555`5555518b)   fx_stack!recurse
# CHECK-NEXT: 0:000> lm m fx*
# CHECK-NEXT: start
# CHECK-NEXT: fx_stack         (dwarf symbols)
# CHECK-NEXT: 0:000> lmv m fx_stack
# CHECK: Build ID:   {{[0-9a-f]+}}
# CHECK-NEXT: Debug file: none needed (DWARF in the image)
# CHECK: 0:000> lmv m ld*
# CHECK: Debug file: /usr/lib/debug/.build-id/{{.*}}.debug
# CHECK: 0:000> ? _start
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = 00005555`{{[0-9a-f]+}}
# CHECK: 0:000> ? nosuchmod!leaf
# CHECK-NEXT: Couldn't resolve error at 'nosuchmod!leaf': no module 'nosuchmod'
# CHECK: 0:000> x nosuchmod!*
# CHECK-NEXT: Couldn't resolve error at 'nosuchmod': no module matches
# CHECK: 0:000> x fx_stack![abc
# CHECK-NEXT: Syntax error in pattern '[abc': '[' without ']'
# CHECK: 0:000> ln 10
# CHECK-NEXT: No symbol near 00000000`00000010: it is in no module
# CHECK: 0:000> lm m [
# CHECK-NEXT: Syntax error in pattern '['
# CHECK: 0:000> lm zz
# CHECK-NEXT: Syntax error in 'lm zz'
