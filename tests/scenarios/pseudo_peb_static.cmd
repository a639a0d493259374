# ARGS: fx_static
# $peb in a static program: no dynamic loader reports an r_debug, and
# glibc's own _r_debug stands in (its r_version is 1 once main runs).
bp main
g
? @$peb == fx_static!_r_debug
dd @$peb L1
# CHECK: 0:000> ? @$peb == fx_static!_r_debug
# CHECK-NEXT: Evaluate expression: 1 = 00000000`00000001
# CHECK-NEXT: 0:000> dd @$peb L1
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  00000001
