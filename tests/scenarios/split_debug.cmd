# ARGS: fx_split
# DWARF in a separate file named by .gnu_debuglink beside the program: it is
# found, and names, lines and variables come from it.
g
gu
gu
lmv m fx_split
dv
kp 1
# CHECK: 0:000> lmv m fx_split
# CHECK: Debug file: {{.*}}/build/fixtures/fx_split.debug
# CHECK: 0:000> dv
# CHECK-NEXT:               s = 0x00007fff`
# CHECK: fx_split!describe(struct shape * s = {{.*}}, int depth = 0n1, char tag = 0x71 'q')+0x64 [{{.*}}fx_types.c @ 33]
