# ARGS: fx_memsearch
# s (search memory) with WinDbg's types and output: -a finds a string in
# .rodata (a db line from the hit), over the whole address space with L?
# (unmapped and unreadable pages skipped), -[1] prints addresses only, -u a
# UTF-16 string, -b a byte pattern on the stack (the array fx_probe gets in
# rdi), -w/-d/-q print dw/dd/dq lines from each hit at aligned addresses,
# -sa/-su list strings ([l N] the shortest), a range over 256 MiB needs
# L?, a search goes on past an unmapped hole, and bad input gives one
# error line.
bp fx_probe
g
s -a fx_ro_text L20 "needle"
s -a 0 L?7fffffffffff "needle-in-roda"
s -[1]a 0 L?7fffffffffff "needle-in-roda"
s -u 0 L?7fffffffffff "WideNeedle"
r rdi
s -b @rsp L200 5a a5 3c c3 69
s -w fx_words L10 beef
s -d fx_dwords L10 cafef00d
s -q fx_qwords L10 feedfacecafebeef
s -q fx_qwords+1 L10 feedfacecafebeef
s fx_words fx_words+f 22 22
s -[l 8]sa fx_ro_text L20
s -[l 11]sa fx_ro_text L20
s -su fx_wide L30
s -b 0 L20000000 1
s -b fx_words+4 L-4 11 11
s -b fx_words+2 L-1 11 11
s -a poi(fx_edge)-1000 L3000 "after"
s -a poi(fx_edge)-1000 L3000 "edge"
s
s -x fx_buf L10 1
s -a fx_buf L10 needle
s -[s]b fx_buf L1 1
s -b fx_buf L10 100
s -[1] fx_words L10 ef be
.echo done
# CHECK: 0:000> s -a fx_ro_text L20 "needle"
# CHECK-NEXT: [[RO:[0-9a-f]{8}`[0-9a-f]{8}]]  6e 65 65 64 6c 65 2d 69-6e 2d 72 6f 64 61 74 61  needle-in-rodata
# CHECK-NEXT: 0:000> s -a 0 L?7fffffffffff "needle-in-roda"
# CHECK-NEXT: [[RO]]  6e 65 65 64 6c 65 2d 69-6e 2d 72 6f 64 61 74 61  needle-in-rodata
# CHECK: 0:000> s -[1]a 0 L?7fffffffffff "needle-in-roda"
# CHECK-NEXT: [[RO]]{{$}}
# CHECK: 0:000> s -u 0 L?7fffffffffff "WideNeedle"
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  57 00 69 00 64 00 65 00-4e 00 65 00 65 00 64 00  W.i.d.e.N.e.e.d.
# CHECK: 0:000> r rdi
# CHECK-NEXT: rdi=[[HI:[0-9a-f]{8}]][[LO:[0-9a-f]{8}]]
# CHECK-NEXT: 0:000> s -b @rsp L200 5a a5 3c c3 69
# CHECK-NEXT: [[HI]]`[[LO]]  5a a5 3c c3 69 96 0f f0-5a a5 3c c3 69 96 0f f0  Z.<.i...Z.<.i...
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  5a a5 3c c3 69 96 0f f0-{{.*}}  Z.<.i...{{.*}}
# CHECK-NEXT: 0:000> s -w fx_words L10 beef
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}2  beef 2222 3333 beef 4444 5555 6666 {{[0-9a-f]{4}$}}
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}8  beef 4444 5555 6666 {{([0-9a-f]{4} ?){4}$}}
# CHECK-NEXT: 0:000> s -d fx_dwords L10 cafef00d
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  cafef00d 55667788 cafef00d 89abcdef
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  cafef00d 89abcdef 01234567 cafebeef
# CHECK-NEXT: 0:000> s -q fx_qwords L10 feedfacecafebeef
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  feedface`cafebeef {{[0-9a-f]+`[0-9a-f]+$}}
# CHECK-NEXT: 0:000> s -q fx_qwords+1 L10 feedfacecafebeef
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  feedface`cafebeef
# CHECK-NEXT: 0:000> s fx_words fx_words+f 22 22
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}4  22 22 33 33 ef be 44 44-55 55 66 66 {{.*}}  ""33..DDUUff{{.*}}
# CHECK-NEXT: 0:000> s -[l 8]sa fx_ro_text L20
# CHECK-NEXT: [[RO]]  "needle-in-rodata"
# CHECK-NEXT: 0:000> s -[l 11]sa fx_ro_text L20
# CHECK-NEXT: 0:000> s -su fx_wide L30
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  "WideNeedle"
# CHECK-NEXT: 0:000> s -b 0 L20000000 1
# CHECK-NEXT: Range error: more than 256 MiB; use L? for a larger range
# CHECK-NEXT: 0:000> s -b fx_words+4 L-4 11 11
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  11 11 ef be 22 22 33 33-{{.*}}
# CHECK-NEXT: 0:000> s -b fx_words+2 L-1 11 11
# CHECK-NEXT: 0:000> s -a poi(fx_edge)-1000 L3000 "after"
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}000  61 66 74 65 72 00 00 00-00 00 00 00 00 00 00 00  after...........
# CHECK-NEXT: 0:000> s -a poi(fx_edge)-1000 L3000 "edge"
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}ffc  65 64 67 65 ?? ?? ?? ??-?? ?? ?? ?? ?? ?? ?? ??  edge????????????
# CHECK-NEXT: 0:000> s
# CHECK-NEXT: Syntax error: a range (address L length, or start end) is needed
# CHECK-NEXT: 0:000> s -x fx_buf L10 1
# CHECK-NEXT: Syntax error: unknown search type '-x' (b w d q a u sa su)
# CHECK-NEXT: 0:000> s -a fx_buf L10 needle
# CHECK-NEXT: Syntax error: a string in double quotes is needed at 'needle'
# CHECK-NEXT: 0:000> s -[s]b fx_buf L1 1
# CHECK-NEXT: Syntax error: search flag 's' (saved results) is not supported
# CHECK-NEXT: 0:000> s -b fx_buf L10 100
# CHECK-NEXT: Value too large for 1 byte(s): 100
# CHECK-NEXT: 0:000> s -[1] fx_words L10 ef be
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}2{{$}}
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}8{{$}}
# CHECK-NEXT: 0:000> .echo done
