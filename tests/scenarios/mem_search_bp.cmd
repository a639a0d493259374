# ARGS: fx_memsearch
# A search reads memory as the program sees it: under a bp at fx_marker
# (b8 2a 00 00 00 c3) s finds the original bytes and never our 0xcc; a
# string written over the site with ea becomes the byte the trap hides:
# the breakpoint still hits, and the program runs the new instruction
# (mov eax, 0x2b: the second call returns 43).
bp fx_marker
g
s -b fx_marker L6 cc
s -b fx_marker L6 b8 2a 00 00 00 c3
s -[1]b fx_marker-10 L20 b8
ea fx_marker "\xb8\x2b"
s -b fx_marker L6 cc
db fx_marker L6
bl
g
g
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> s -b fx_marker L6 cc
# CHECK-NEXT: 0:000> s -b fx_marker L6 b8 2a 00 00 00 c3
# CHECK-NEXT: [[M:[0-9a-f]+`[0-9a-f]+]]  b8 2a 00 00 00 c3 {{.*}}  .*....{{.*}}
# CHECK-NEXT: 0:000> s -[1]b fx_marker-10 L20 b8
# CHECK-NEXT: [[M]]{{$}}
# CHECK-NEXT: 0:000> ea fx_marker "\xb8\x2b"
# CHECK-NEXT: 0:000> s -b fx_marker L6 cc
# CHECK-NEXT: 0:000> db fx_marker L6
# CHECK-NEXT: [[M]]  b8 2b 00 00 00 c3 {{ *}}.+....
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT: 0 e [[M]] {{.*}}fx_memsearch!fx_marker
# CHECK: Breakpoint 0 hit
# CHECK: fx_memsearch: {{.*}} marker 43 43
