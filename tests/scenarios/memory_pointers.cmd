# ARGS: fx_memmap
# dps/dqs/dds name what each pointer points into, dpa/dpu show the string,
# dc the double words with their ASCII, dyb the bits; `d` goes on in the
# same format. A string longer than dpa shows (256 characters) ends in
# "..."; da reads one in chunks and shows all it is asked for, 48
# characters a line. Code read through them shows the program's bytes, not the
# breakpoint's int3: fx_stop's first quad word is the same before its
# breakpoint is planted and while it is.
dq fx_stop L1
bp fx_stop
g
dq @rsp L1
dps @rsp L1
dqs fx_stop L1
dpa fx_names L3
dpu fx_wides L2
dda fx_names L1
dds fx_words L2
dc fx_words L4
d
dc fx_words L6
dyb fx_bits L6
dps 0 L2
dps fx_names L1
dps fx_wides L2
dpa fx_longs L1
da fx_long L130
da fx_long
# CHECK: 0:000> dq fx_stop L1
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  [[CODE:[0-9a-f]+`[0-9a-f]+]]
# CHECK: Breakpoint 0 hit
# CHECK: 0:001> dq @rsp L1
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}}  [[RET:[0-9a-f]+`[0-9a-f]+]]
# CHECK: 0:001> dps @rsp L1
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}}  [[RET]] fx_memmap!fx_inner+0x{{[0-9a-f]+$}}
# CHECK-NEXT: 0:001> dqs fx_stop L1
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  [[CODE]]{{( .*)?$}}
# CHECK-NEXT: 0:001> dpa fx_names L3
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00005555`{{[0-9a-f]+}} "alpha"
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00005555`{{[0-9a-f]+}} "beta"
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00005555`{{[0-9a-f]+}} "gamma"
# CHECK-NEXT: 0:001> dpu fx_wides L2
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00005555`{{[0-9a-f]+}} "wide"
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00005555`{{[0-9a-f]+}} "de"
# CHECK-NEXT: 0:001> dda fx_names L1
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  {{[0-9a-f]{8}$}}
# CHECK-NEXT: 0:001> dds fx_words L2
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  64636261{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00676665{{$}}
# CHECK-NEXT: 0:001> dc fx_words L4
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}0  64636261 00676665 deadbeef 00000005  abcdefg.........
# CHECK-NEXT: 0:001> d
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}0  00905a4d 0000ff03 00000000 00000000  MZ..............
# CHECK: 0:001> dc fx_words L6
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  64636261 00676665 deadbeef 00000005  abcdefg.........
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00905a4d 0000ff03                    MZ......
# CHECK-NEXT: 0:001> dyb fx_bits L6
# CHECK-NEXT:                    76543210 76543210 76543210 76543210
# CHECK-NEXT:                    -------- -------- -------- --------
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  01001101 01011010 10010000 00000000  4d 5a 90 00
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00000011 11111111                    03 ff
# CHECK-NEXT: 0:001> dps 0 L2
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK-NEXT: 0:001> dps fx_names L1
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00005555`{{[0-9a-f]+}} fx_memmap+0x{{[0-9a-f]+$}}
# CHECK-NEXT: 0:001> dps fx_wides L2
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00005555`{{[0-9a-f]+}} fx_memmap!fx_wide{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00005555`{{[0-9a-f]+}} fx_memmap!fx_wide+0x4{{$}}
# CHECK-NEXT: 0:001> dpa fx_longs L1
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  00005555`{{[0-9a-f]+}} "{{x{128}x{128}"}}...{{$}}
# CHECK-NEXT: 0:001> da fx_long L130
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{12}"}}{{$}}
# CHECK-NEXT: 0:001> da fx_long
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{48}"}}{{$}}
# CHECK-NEXT: 00005555`{{[0-9a-f]+}}  "{{x{16}"}}{{$}}
