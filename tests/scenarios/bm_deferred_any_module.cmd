# ARGS: fx_dlopen
# A deferred bm without a module part applies to every module as it loads
# (the program's own symbols match nothing at the initial break).
bm fx_plugin_s*
g
# CHECK: 0:000> bm fx_plugin_s*
# CHECK-NEXT: No symbol matches 'fx_plugin_s*' yet: kept as breakpoint 0, a deferred bm applied as modules load
# CHECK: ModLoad: {{.*}}libfx_plugin.so
# CHECK-NEXT:   1: 00007fff`{{[0-9a-f]+}} libfx_plugin!fx_plugin_six (bm fx_plugin_s*, breakpoint 0)
# CHECK-NEXT: Breakpoint 1 hit
