# ARGS: fx_dlopen
# bm on a library not loaded yet (most of them, at the initial break): the
# pattern is kept as a deferred bm (bl, .bpcmds), and when a matching
# module loads it sets a breakpoint on each matching symbol, once, with the
# pattern's options (an indirect function follows the loader's choice). A
# pattern whose module is loaded but matches nothing sets nothing, as
# before. The breakpoints it set and the pattern replay from .bpcmds
# without setting any twice.
bm libfx_plugin!fx_plugin_t* "r $t0=@$t0+1; gc"
bm fx_dlopen!nosuch*
bl
.bpcmds
g
bl
? @$t0
.bpcmds
# CHECK: 0:000> bm libfx_plugin!fx_plugin_t* "r $t0=@$t0+1; gc"
# CHECK-NEXT: No module matching 'libfx_plugin!fx_plugin_t*' is loaded: kept as breakpoint 0, a deferred bm applied as matching modules load
# CHECK-NEXT: 0:000> bm fx_dlopen!nosuch*
# CHECK-NEXT: No matching code symbols found, no breakpoints set.
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 eu 0001 (0001)  0:**** (bm libfx_plugin!fx_plugin_t*) deferred "r $t0=@$t0+1; gc"
# CHECK-NEXT: 0:000> .bpcmds
# CHECK-NEXT: bm libfx_plugin!fx_plugin_t* "r $t0=@$t0+1; gc" ;
# CHECK: ModLoad: {{.*}}libfx_plugin.so
# CHECK-NEXT:   1: 00007fff`{{[0-9a-f]+}} libfx_plugin!fx_plugin_twice (bm libfx_plugin!fx_plugin_t*, breakpoint 0)
# CHECK-NEXT:   2: libfx_plugin!fx_plugin_triple (bm libfx_plugin!fx_plugin_t*, breakpoint 0)
# CHECK-NEXT: libfx_plugin!fx_plugin_triple is an indirect function: the breakpoint goes on libfx_plugin!triple_plain
# CHECK-NOT: Breakpoint {{[12]}} hit
# CHECK: fx_dlopen: triple(5)=15 six(5)=30
# CHECK: 0:000> bl
# CHECK-NEXT:  0 eu {{.*}}(bm libfx_plugin!fx_plugin_t*) deferred
# CHECK-NEXT:  1 eu {{.*}}(libfx_plugin!fx_plugin_twice)
# CHECK-NEXT:  2 eu {{.*}}(libfx_plugin!fx_plugin_triple)
# CHECK-NEXT: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 3 =
