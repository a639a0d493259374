# ARGS: fx_dlopen
# A source line in a library not loaded yet stays deferred, then follows
# the same rule when the library loads: line 18 of fx_plugin.c is blank,
# so the breakpoint goes on line 19, the next line with code in its
# function, and says so.
bu `fx_plugin.c:18`
bl
g
bl
k 1
# CHECK: 0:000> bl
# CHECK-NEXT:  0 eu {{.*}}(`fx_plugin.c:18`)
# CHECK: ModLoad: {{.*}}libfx_plugin.so
# CHECK-NEXT: Breakpoint 0: line 18 has no code: set at line 19, the next in fx_plugin_six
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e 00007fff`{{[0-9a-f]+}} {{.*}}libfx_plugin!fx_plugin_six+0x
# CHECK: 0:000> k 1
# CHECK-NEXT: Child-SP
# CHECK-NEXT: {{.*}}libfx_plugin!fx_plugin_six+0x{{[0-9a-f]+}} [{{.*}}fx_plugin.c @ 19]
