# ARGS: fx_dlopen
# sxe ld:pattern stops only on the loads of matching modules (libc's load
# passes; the plugin's stops).
sxe ld:libfx*
g
lm m libfx*
sxe ld:[
g
# CHECK: 0:000> g
# CHECK-NEXT: ModLoad: {{.*}}libc.so.6
# CHECK-NEXT: ModLoad: {{.*}}libfx_plugin.so
# CHECK-NEXT: Load module event (sxe ld)
# CHECK: 0:000> lm m libfx*
# CHECK-NEXT: start
# CHECK-NEXT: libfx_plugin
# CHECK: 0:000> sxe ld:[
# CHECK-NEXT: Syntax error in pattern '['
# CHECK: fx_dlopen: twice(21)=42
