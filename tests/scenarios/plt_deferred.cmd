# ARGS: fx_dlopen
# A PLT entry of a library not loaded yet: bu waits for it, stops there
# once dlopen maps the library (the plugin calls its own fx_plugin_triple
# through its PLT), and .bpcmds writes it back by name.
bu libfx_plugin!fx_plugin_triple@plt
g
k 2
.bpcmds
# CHECK: 0:000> bu libfx_plugin!fx_plugin_triple@plt
# CHECK: ModLoad: {{.*}}libfx_plugin.so
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: libfx_plugin!fx_plugin_triple@plt:
# CHECK: 0:000> k 2
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     libfx_plugin!fx_plugin_triple@plt
# CHECK-NEXT: {{[0-9a-f`]+}} {{[0-9a-f`]+}}     libfx_plugin!fx_plugin_six+0x{{[0-9a-f]+}} [{{.*}}fx_plugin.c @ {{[0-9]+}}]
# CHECK: 0:000> .bpcmds
# CHECK-NEXT: bu0 @!"libfx_plugin!fx_plugin_triple@plt";
