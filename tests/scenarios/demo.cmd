# ARGS: demo $ROOT/examples/demo-input.txt
# The bundled demo, as `make run` starts it: its buffer is empty at the
# initial break, and the program runs to its normal result.
db %addr(demo_buffer) L10
da %addr(demo_buffer)
g
# CHECK: 0:000> db
# CHECK-NEXT: 00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00  ................
# CHECK: 0:000> da
# CHECK-NEXT: ""
# CHECK: demo-input.txt: 110 bytes, 21 words, checksum cc9c3280
# CHECK: most common letter: o (9 times)
# CHECK: Exit process 0:{{[0-9a-f]+}}, code 0
