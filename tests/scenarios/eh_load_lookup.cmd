# ARGS: fx_dlopen
# sxe eh in a C program (no module defines __cxa_throw): a module load
# looks for it only in the modules just loaded. After .reload (every
# module's symbols deferred) the plugin's dlopen reads the plugin's
# symbols, and no other module's: they stay deferred.
sxe eh
sxe ld:libfx_plugin
bp main
g
# CHECK: Breakpoint 0 hit
.reload
g
# CHECK: Load module event (sxe ld)
lm
# CHECK: 0:000> lm
# CHECK-NEXT: start
# CHECK-NEXT: fx_dlopen        (deferred)
# CHECK-NEXT: linux_vdso       (deferred)
# CHECK-NEXT: ld_linux_x86_64  (deferred)
# CHECK-NEXT: libc             (deferred)
# CHECK-NEXT: libfx_plugin     (dwarf symbols)
g
# CHECK: fx_dlopen: triple(5)=15 six(5)=30
q
