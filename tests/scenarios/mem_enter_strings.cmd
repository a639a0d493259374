# ARGS: fx_memsearch
# ea writes a string's bytes (no NUL), eza with its NUL; eu and ezu the
# same in UTF-16 (UTF-8 input: é is 00e9, € 20ac, 😀 a surrogate pair).
# Read back with da, du and db; the program sees the new bytes. A string
# that cannot be written whole is not written at all.
bp fx_probe
g
ea fx_buf "Hi there"
da fx_buf
eza fx_buf "Hey"
da fx_buf
db fx_buf L8
eu fx_buf2 "Wide"
du fx_buf2
db fx_buf2 L10
ezu fx_buf2 "Wi"
du fx_buf2
db fx_buf2 L8
eu fx_buf2 "é€😀"
db fx_buf2 L8
ea 0 "x"
ea fx_buf x
ea fx_buf "x" y
ea fx_buf ""
ea
eu 0 "x"
ea fx_buf2+3c "ab"
db fx_buf2+38 L8
ea poi(fx_edge)-2 "abc"
ezu poi(fx_edge)-4 "ab"
db poi(fx_edge)-4 L4
db fx_buf L8
g
# CHECK: 0:000> ea fx_buf "Hi there"
# CHECK-NEXT: 0:000> da fx_buf
# CHECK-NEXT: [[B:[0-9a-f]+`[0-9a-f]+]]  "Hi there89abcdefghijklmnopqrstuvwxyz"
# CHECK-NEXT: 0:000> eza fx_buf "Hey"
# CHECK-NEXT: 0:000> da fx_buf
# CHECK-NEXT: [[B]]  "Hey"
# CHECK-NEXT: 0:000> db fx_buf L8
# CHECK-NEXT: [[B]]  48 65 79 00 68 65 72 65 {{ *}}Hey.here
# CHECK-NEXT: 0:000> eu fx_buf2 "Wide"
# CHECK-NEXT: 0:000> du fx_buf2
# CHECK-NEXT: [[W:[0-9a-f]+`[0-9a-f]+]]  "Wide"
# CHECK-NEXT: 0:000> db fx_buf2 L10
# CHECK-NEXT: [[W]]  57 00 69 00 64 00 65 00-00 00 00 00 00 00 00 00  W.i.d.e.........
# CHECK-NEXT: 0:000> ezu fx_buf2 "Wi"
# CHECK-NEXT: 0:000> du fx_buf2
# CHECK-NEXT: [[W]]  "Wi"
# CHECK-NEXT: 0:000> db fx_buf2 L8
# CHECK-NEXT: [[W]]  57 00 69 00 00 00 65 00 {{ *}}W.i...e.
# CHECK-NEXT: 0:000> eu fx_buf2 "é€😀"
# CHECK-NEXT: 0:000> db fx_buf2 L8
# CHECK-NEXT: [[W]]  e9 00 ac 20 3d d8 00 de {{ *}}... =...
# CHECK-NEXT: 0:000> ea 0 "x"
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK-NEXT: 0:000> ea fx_buf x
# CHECK-NEXT: Syntax error: a string in double quotes is needed at 'x'
# CHECK-NEXT: 0:000> ea fx_buf "x" y
# CHECK-NEXT: Syntax error at 'y'
# CHECK-NEXT: 0:000> ea fx_buf ""
# CHECK-NEXT: Syntax error: an empty string
# CHECK-NEXT: 0:000> ea
# CHECK-NEXT: Syntax error: an address and a "string" are needed
# CHECK-NEXT: 0:000> eu 0 "x"
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK-NEXT: 0:000> ea fx_buf2+3c "ab"
# CHECK-NEXT: 0:000> db fx_buf2+38 L8
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  00 00 00 00 61 62 00 00 {{ *}}....ab..
# CHECK-NEXT: 0:000> ea poi(fx_edge)-2 "abc"
# CHECK-NEXT: Memory access error at [[E:[0-9a-f]+`[0-9a-f]+]]
# CHECK-NEXT: 0:000> ezu poi(fx_edge)-4 "ab"
# CHECK-NEXT: Memory access error at [[E]]
# CHECK-NEXT: 0:000> db poi(fx_edge)-4 L4
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  65 64 67 65 {{ *}}edge
# CHECK-NEXT: 0:000> db fx_buf L8
# CHECK-NEXT: [[B]]  48 65 79 00 68 65 72 65 {{ *}}Hey.here
# CHECK: fx_memsearch: {{.*}} needle-in-rodata Hey marker 42 42
