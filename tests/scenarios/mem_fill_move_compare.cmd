# ARGS: fx_memsearch
# f fills a range with a repeated byte pattern, m moves a range (overlapping
# both ways: the bytes read before any is written), c prints each byte
# that differs as WinDbg does ("addr1 b1 - addr2 b2") and nothing when the
# ranges agree. The end form (start end) works as L does; bad input gives
# one error line and changes nothing, as does a range that runs into an
# unmapped page.
bp fx_probe
g
f fx_buf2 L20 41 42 43
db fx_buf2 L28
m fx_buf2 L10 fx_buf2+4
db fx_buf2 L18
m fx_buf2+4 L10 fx_buf2
db fx_buf2 L18
c fx_buf2 L12 fx_buf2+3
c fx_buf fx_buf+3 fx_buf2
f fx_buf2 fx_buf2+7 ff
db fx_buf2 L10
f 0 L10 1
f fx_buf2 L10 100
f fx_buf2 L10
f fx_buf2 L20000000 1
m fx_buf2 L10 0
m fx_buf2 L10
c fx_buf2 L10 0
c fx_buf2 L10 fx_buf zz
f fx_buf2 fx_buf 1
f poi(fx_edge)-2 L4 1
m fx_buf L4 poi(fx_edge)-2
m poi(fx_edge)-2 L4 fx_buf2
c fx_buf L4 poi(fx_edge)-2
db poi(fx_edge)-4 L4
db fx_buf2 L10
# CHECK: 0:000> f fx_buf2 L20 41 42 43
# CHECK-NEXT: 0:000> db fx_buf2 L28
# CHECK-NEXT: [[B:[0-9a-f]+`[0-9a-f]+]]  41 42 43 41 42 43 41 42-43 41 42 43 41 42 43 41  ABCABCABCABCABCA
# CHECK-NEXT: {{.*}}  42 43 41 42 43 41 42 43-41 42 43 41 42 43 41 42  BCABCABCABCABCAB
# CHECK-NEXT: {{.*}}  00 00 00 00 00 00 00 00 {{ *}}........
# CHECK-NEXT: 0:000> m fx_buf2 L10 fx_buf2+4
# CHECK-NEXT: 0:000> db fx_buf2 L18
# CHECK-NEXT: [[B]]  41 42 43 41 41 42 43 41-42 43 41 42 43 41 42 43  ABCAABCABCABCABC
# CHECK-NEXT: {{.*}}  41 42 43 41 43 41 42 43 {{ *}}ABCACABC
# CHECK-NEXT: 0:000> m fx_buf2+4 L10 fx_buf2
# CHECK-NEXT: 0:000> db fx_buf2 L18
# CHECK-NEXT: [[B]]  41 42 43 41 42 43 41 42-43 41 42 43 41 42 43 41  ABCABCABCABCABCA
# CHECK-NEXT: {{.*}}  41 42 43 41 43 41 42 43 {{ *}}ABCACABC
# CHECK-NEXT: 0:000> c fx_buf2 L12 fx_buf2+3
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}d 42 - {{[0-9a-f]+`[0-9a-f]+}}0 41
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}e 43 - {{[0-9a-f]+`[0-9a-f]+}}1 42
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}f 41 - {{[0-9a-f]+`[0-9a-f]+}}2 43
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}1 42 - {{[0-9a-f]+`[0-9a-f]+}}4 43
# CHECK-NEXT: 0:000> c fx_buf fx_buf+3 fx_buf2
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}0 30 - [[B]] 41
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}1 31 - {{[0-9a-f]+`[0-9a-f]+}}1 42
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}2 32 - {{[0-9a-f]+`[0-9a-f]+}}2 43
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}3 33 - {{[0-9a-f]+`[0-9a-f]+}}3 41
# CHECK-NEXT: 0:000> f fx_buf2 fx_buf2+7 ff
# CHECK-NEXT: 0:000> db fx_buf2 L10
# CHECK-NEXT: [[B]]  ff ff ff ff ff ff ff ff-43 41 42 43 41 42 43 41  ........CABCABCA
# CHECK-NEXT: 0:000> f 0 L10 1
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK-NEXT: 0:000> f fx_buf2 L10 100
# CHECK-NEXT: Value too large for 1 byte(s): 100
# CHECK-NEXT: 0:000> f fx_buf2 L10
# CHECK-NEXT: Syntax error: a pattern of bytes is needed after the range
# CHECK-NEXT: 0:000> f fx_buf2 L20000000 1
# CHECK-NEXT: Range error: more than 256 MiB; use L? for a larger range
# CHECK-NEXT: 0:000> m fx_buf2 L10 0
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK-NEXT: 0:000> m fx_buf2 L10
# CHECK-NEXT: Syntax error: a second address is needed after the range
# CHECK-NEXT: 0:000> c fx_buf2 L10 0
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK-NEXT: 0:000> c fx_buf2 L10 fx_buf zz
# CHECK-NEXT: Syntax error at 'zz'
# CHECK-NEXT: 0:000> f fx_buf2 fx_buf 1
# CHECK-NEXT: Range error: the end is below the start
# CHECK-NEXT: 0:000> f poi(fx_edge)-2 L4 1
# CHECK-NEXT: Memory access error at [[E:[0-9a-f]+`[0-9a-f]+]]
# CHECK-NEXT: 0:000> m fx_buf L4 poi(fx_edge)-2
# CHECK-NEXT: Memory access error at [[E]]
# CHECK-NEXT: 0:000> m poi(fx_edge)-2 L4 fx_buf2
# CHECK-NEXT: Memory access error at [[E]]
# CHECK-NEXT: 0:000> c fx_buf L4 poi(fx_edge)-2
# CHECK-NEXT: Memory access error at [[E]]
# CHECK-NEXT: 0:000> db poi(fx_edge)-4 L4
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  65 64 67 65 {{ *}}edge
# CHECK-NEXT: 0:000> db fx_buf2 L10
# CHECK-NEXT: [[B]]  ff ff ff ff ff ff ff ff-43 41 42 43 41 42 43 41  ........CABCABCA
