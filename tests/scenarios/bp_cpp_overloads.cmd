# ARGS: fx_cpp
# bm /( includes parameter lists, so overloads get a breakpoint each; a bm
# without it leaves them out and says why (seed 002); the full names
# resolve in expressions and recreate the breakpoints from .bpcmds.
bm fx_cpp!geometry::twice
bm /( fx_cpp!geometry::twice*
? @!"fx_cpp!geometry::twice(double)" == $bp1
.bpcmds
g
g
# CHECK: 0:000> bm fx_cpp!geometry::twice
# CHECK-NEXT: fx_cpp!geometry::twice has overloads: not set (bm /( sets them by parameter list)
# CHECK-NEXT: No matching code symbols found, no breakpoints set.
# CHECK-NEXT: 0:000> bm /( fx_cpp!geometry::twice*
# CHECK-NEXT:   0: 00005555`{{[0-9a-f]+}} fx_cpp!geometry::twice(int)
# CHECK-NEXT:   1: 00005555`{{[0-9a-f]+}} fx_cpp!geometry::twice(double)
# CHECK-NEXT: 0:000> ? @!"fx_cpp!geometry::twice(double)" == $bp1
# CHECK-NEXT: Evaluate expression: 1
# CHECK: 0:000> .bpcmds
# CHECK-NEXT: bu0 @!"fx_cpp!geometry::twice(int)";
# CHECK-NEXT: bu1 @!"fx_cpp!geometry::twice(double)";
# CHECK: 0:000> g
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> g
# CHECK: Signal SIGUSR1
