# ARGS: fx_fork
# OPTS: -o
# A breakpoint in a shared library of one process is not in another that
# maps the same library (copy-on-write): set in the parent on libc's
# printf, the child's printf runs untouched (its byte there is the
# library's own), and only the parent stops.
sxe cpr
g
|0s
bp libc!printf
|1s
db libc!printf L1
u libc!printf L1
|0s
db libc!printf L1
g
# CHECK: Create process event (sxe cpr)
# CHECK: 1:000> db libc!printf L1
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}}  [[BYTE:[0-9a-f]+]]
# CHECK: 0:000> db libc!printf L1
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}}  [[BYTE]]
# CHECK-NEXT: 0:000> g
# CHECK-NEXT: fx_fork: child 31
# CHECK-NEXT: Exit process 1:{{[0-9a-f]+}}, code 0
# CHECK-NEXT: Breakpoint 0 hit
# CHECK: libc!printf:
