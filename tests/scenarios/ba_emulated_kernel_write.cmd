# ARGS: fx_kwrite $ROOT/examples/demo-input.txt
# Seed 001's program with the data breakpoint emulated by page protection:
# memset's stores and read()'s kernel write are both reported, and read()
# into the protected page works (the page is opened for the call).
.dbgregs emulate
ba w8 fx_buffer ".echo seen; gc"
g
# CHECK: Breakpoint 0 hit
# CHECK-NEXT: Accessed by {{.*}}
# CHECK-NEXT: seen
# CHECK: Breakpoint 0 hit (kernel write: read(3, 00005555`{{[0-9a-f]+}}, 63) = 63)
# CHECK-NEXT: seen
# CHECK: fx_kwrite: read 63 bytes, first 'T'
