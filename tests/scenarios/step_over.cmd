# ARGS: fx_basic
# p runs a call as a whole (here the loader's whole start-up, during which
# libc is loaded), stopping after it in the same frame; t steps into it.
t
p
t
p 2
# CHECK: 0:000> t
# CHECK: ld_linux_x86_64!_start+0x3:
# CHECK-NEXT: call    ld_linux_x86_64!_dl_start
# CHECK: 0:000> p
# CHECK-NEXT: ModLoad: {{.*}}libc.so.6
# CHECK: ld_linux_x86_64!_dl_start_user:
# CHECK: 0:000> t
# CHECK: ld_linux_x86_64!_dl_start_user+0x3:
# CHECK: 0:000> p 2
# CHECK: ld_linux_x86_64!_dl_start_user+0x
# CHECK: ld_linux_x86_64!_dl_start_user+0x
