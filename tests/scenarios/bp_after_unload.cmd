# ARGS: fx_dlopen
# A module's unload makes the symbol tables of every module again (a new
# libdwfl session): what lindbg had indexed from the old one (inlined
# calls by name, the debug file's name) must go with it. Breakpoints on
# names after an unload resolve as before (the sanitized build catches a
# read of the old tables).
sxe ud
bp main
g
g
bp2 main
bp3 fx_dlopen!main
bl
lmv m fx_dlopen
# CHECK: Breakpoint 0 hit
# CHECK: Unload module {{.*}}libfx_plugin.so{{.*}}
# CHECK: 0:000> bp2 main
# CHECK-NEXT: breakpoint 0 redefined as breakpoint 2
# CHECK-NEXT: 0:000> bp3 fx_dlopen!main
# CHECK-NEXT: breakpoint 2 redefined as breakpoint 3
# CHECK: 0:000> bl
# CHECK-NEXT:  3 e {{.*}} fx_dlopen!main
