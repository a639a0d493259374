# ARGS: fx_dlopen
# bu stays tied to its text: unresolved (eu) until the plugin loads, bound
# on the load, unbound again on the unload (staying in the list). A bp on a
# name not loaded yet becomes a bu, with a message. A bp set in the plugin
# goes away with it.
bu libfx_plugin!fx_plugin_twice
bp libfx_plugin!fx_plugin_twice+1
bl
g
bl
r rdi
bp libfx_plugin!fx_plugin_twice+4
bl
g
g
g
bl
# CHECK: 0:000> bp libfx_plugin!fx_plugin_twice+1
# CHECK-NEXT: Bp expression 'libfx_plugin!fx_plugin_twice+1' could not be resolved, adding deferred bp
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 eu                      0001 (0001)  0:**** (libfx_plugin!fx_plugin_twice)
# CHECK-NEXT:  1 eu                      0001 (0001)  0:**** (libfx_plugin!fx_plugin_twice+1)
# CHECK: 0:000> g
# CHECK: ModLoad: {{.*}}libfx_plugin.so
# CHECK: Breakpoint 0 hit
# CHECK: libfx_plugin!fx_plugin_twice:
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e 00007fff`{{[0-9a-f]+}}     0001 (0001)  0:**** libfx_plugin!fx_plugin_twice
# CHECK-NEXT:  1 e 00007fff`{{[0-9a-f]+}}     0001 (0001)  0:**** libfx_plugin!fx_plugin_twice+0x1
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=0000000000000015
# CHECK: 0:000> bl
# CHECK: 2 e 00007fff`{{[0-9a-f]+}}     0001 (0001)  0:**** libfx_plugin!fx_plugin_twice+0x4
# CHECK: 0:000> g
# CHECK: Breakpoint 1 hit
# CHECK: 0:000> g
# CHECK: Breakpoint 2 hit
# CHECK: 0:000> g
# CHECK: Unload module {{.*}}libfx_plugin.so
# CHECK: fx_dlopen: twice(21)=42
# CHECK: 0:000> bl
# CHECK-NEXT:  0 eu                      0001 (0001)  0:**** (libfx_plugin!fx_plugin_twice)
# CHECK-NEXT:  1 eu                      0001 (0001)  0:**** (libfx_plugin!fx_plugin_twice+1)
# CHECK-NEXT: 0:000>
