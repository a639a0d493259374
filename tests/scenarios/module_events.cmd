# ARGS: fx_dlopen
# Modules follow the loader: libc at start-up, a plugin loaded with dlopen
# and unloaded with dlclose; sxe ld / sxe ud make those stop the target.
sx
sxe ld
sx
g
g
lm m libfx*
x libfx_plugin!fx_*
sxd ld
sxe ud
g
lm m libfx*
? libfx_plugin!fx_plugin_twice
sxe nosuch
g
# CHECK: 0:000> sx
# CHECK-NEXT:   ct - Create thread            - output
# CHECK-NEXT:   et - Exit thread              - output
# CHECK-NEXT:  cpr - Create process           - output
# CHECK-NEXT:  epr - Exit process             - output
# CHECK-NEXT:   ld - Load module              - output
# CHECK-NEXT:   ud - Unload module            - output
# CHECK: 0:000> sxe ld
# CHECK-NEXT: 0:000> sx
# CHECK-NEXT:   ct - Create thread            - output
# CHECK-NEXT:   et - Exit thread              - output
# CHECK-NEXT:  cpr - Create process           - output
# CHECK-NEXT:  epr - Exit process             - output
# CHECK-NEXT:   ld - Load module              - break
# CHECK: 0:000> g
# CHECK-NEXT: ModLoad: 00007fff`{{[0-9a-f]+}} 00007fff`{{[0-9a-f]+}}   {{.*}}/libc.so.6
# CHECK-NEXT: ({{[0-9a-f]+}}.{{[0-9a-f]+}}): Load module event (sxe ld)
# CHECK: ld_linux_x86_64!_dl_debug_state:
# CHECK: 0:000> g
# CHECK-NEXT: ModLoad: 00007fff`{{[0-9a-f]+}} 00007fff`{{[0-9a-f]+}}   {{.*}}/build/fixtures/libfx_plugin.so
# CHECK-NEXT: Load module event (sxe ld)
# CHECK: 0:000> lm m libfx*
# CHECK-NEXT: start
# CHECK-NEXT: libfx_plugin     (deferred)
# CHECK: 0:000> x libfx_plugin!fx_*
# CHECK-NEXT: libfx_plugin!fx_plugin_twice
# CHECK-NEXT: libfx_plugin!fx_plugin_triple (indirect function, implementation not chosen yet)
# CHECK-NEXT: libfx_plugin!fx_plugin_six
# CHECK-NEXT: libfx_plugin!fx_plugin_data
# CHECK: 0:000> g
# CHECK-NEXT: Unload module {{.*}}/libfx_plugin.so at 00007fff`{{[0-9a-f]+}}
# CHECK-NEXT: Unload module event (sxe ud)
# CHECK: ld_linux_x86_64!_dl_debug_state:
# CHECK: 0:000> lm m libfx*
# CHECK-NEXT: start
# CHECK-NEXT: 0:000> ? libfx_plugin!fx_plugin_twice
# CHECK-NEXT: Couldn't resolve error at 'libfx_plugin!fx_plugin_twice': no module 'libfx_plugin'
# CHECK: 0:000> sxe nosuch
# CHECK-NEXT: Syntax error in 'sxe nosuch': unknown event or signal (ct, et, cpr, epr, ld, ud, eh, av, SIGUSR1...)
# CHECK: fx_dlopen: twice(21)=42
# CHECK: Exit process 0:{{[0-9a-f]+}}, code 0
