# ARGS: fx_kwrite $ROOT/examples/demo-input.txt
# Seed 001's oddity, fixed: a buffer filled by memset (user-mode stores:
# the debug registers see them; how many depends on the CPU's memset) and
# then by read() (the kernel's write: debug registers never see it). Both
# are reported; the kernel's says so.
ba w8 fx_buffer ".echo seen; gc"
g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by {{.*}}
# CHECK-NEXT: seen
# CHECK: Breakpoint 0 hit (kernel write: read(3, 00005555`{{[0-9a-f]+}}, 63) = 63)
# CHECK-NEXT: seen
# CHECK: fx_kwrite: read 63 bytes, first 'T'
