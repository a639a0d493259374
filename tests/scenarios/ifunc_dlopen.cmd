# ARGS: fx_dlopen
# An indirect function in a library loaded later (dlopen): at its load the
# loader has not chosen the implementation yet (it relocates after telling
# the debugger), so the breakpoint waits; lindbg watches the resolver, and
# when the loader calls it the breakpoint goes on what it returned. Both
# calls (through dlsym and from inside the library) are counted.
bu libfx_plugin!fx_plugin_triple "r $t0=@$t0+1; gc"
g
? @$t0
# CHECK: ModLoad: {{.*}}libfx_plugin.so
# CHECK-NEXT: libfx_plugin!fx_plugin_triple is an indirect function whose implementation the loader has not chosen yet: the breakpoint waits for it
# CHECK-NEXT: libfx_plugin!fx_plugin_triple is an indirect function: the breakpoint goes on libfx_plugin!triple_plain, the implementation this process uses
# CHECK-NOT: Breakpoint 0 hit
# CHECK: fx_dlopen: triple(5)=15 six(5)=30
# CHECK: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 2 =
