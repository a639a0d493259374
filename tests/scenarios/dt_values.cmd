# ARGS: fx_dt
# dt with values at a stop in inspect(), each value as GDB prints it at
# the same stop (gdb: p *rp, p rp->fl, p *mp, p grid): a pointer to a
# struct followed one level (the pointee's address, then its members);
# char[] and char * as text; an enum by name; bitfields read at their
# bit position (0y + width binary digits: level 5 = 0y101, delta -3 in 5
# bits = 0y11101, wide 0xabcde); -r expands nested structs and unions,
# -a shows array elements, -b everything and the top level's pointers;
# member paths; a pointer through a typedef chain (middle_alias *); a
# pointer held in a register (held, in rbx) followed all the same.
g
gu
gu
dt rp
dt -r rp fl num
dt mp
dt -r1 mp
dt rp mid.in.hi fl.delta
dt -a grid
dt -a2 rp scores
dt -b copy
dt rp nosuch
dt -x rp
dt flags rp+0x1c
dt held mode text
dt -a fx_misc grid
# CHECK: 0:000> dt rp
# CHECK-NEXT: Local var @ 00007fff`{{[0-9a-f]+}} Type record*
# CHECK-NEXT: 0x[[REC:00005555`[0-9a-f]+]]
# CHECK-NEXT:    +0x000 label            : [12]  "head"
# CHECK-NEXT:    +0x010 text             : 0x00005555`{{[0-9a-f]+}}  "hello dt"
# CHECK-NEXT:    +0x018 mode             : MODE_FAST (0n7)
# CHECK-NEXT:    +0x01c fl               : flags
# CHECK-NEXT:    +0x024 num              : number
# CHECK-NEXT:    +0x028 mid              : middle
# CHECK-NEXT:    +0x038 pairs            : [3] inner
# CHECK-NEXT:    +0x044 scores           : [4] 0n10
# CHECK-NEXT:    +0x058 next             : 0x00005555`{{[0-9a-f]+}} record
# CHECK-NEXT: 0:000> dt -r rp fl num
# CHECK-NEXT: Local var @ {{.*}} Type record*
# CHECK-NEXT: 0x[[REC]]
# CHECK-NEXT:    +0x01c fl               : flags
# CHECK-NEXT:       +0x000 ready            : 0y1
# CHECK-NEXT:       +0x000 level            : 0y101
# CHECK-NEXT:       +0x000 delta            : 0y11101
# CHECK-NEXT:       +0x004 wide             : 0y10101011110011011110
# CHECK-NEXT:    +0x024 num              : number
# CHECK-NEXT:       +0x000 i                : 0n1094861636
# CHECK-NEXT:       +0x000 f                : 12.1414
# CHECK-NEXT:       +0x000 bytes            : [4]  "DCBA"
# CHECK-NEXT: 0:000> dt mp
# CHECK-NEXT: Local var @ {{.*}} Type middle_alias*
# CHECK-NEXT: 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x000 in               : inner
# CHECK-NEXT:    +0x008 count            : 0n123456789
# CHECK-NEXT: 0:000> dt -r1 mp
# CHECK:         +0x000 in               : inner
# CHECK-NEXT:       +0x000 lo               : 0n-2
# CHECK-NEXT:       +0x002 hi               : 0n9
# CHECK-NEXT:    +0x008 count            : 0n123456789
# CHECK-NEXT: 0:000> dt rp mid.in.hi fl.delta
# CHECK-NEXT: Local var @ {{.*}} Type record*
# CHECK-NEXT: 0x[[REC]]
# CHECK-NEXT:    +0x028 mid              :
# CHECK-NEXT:       +0x000 in               :
# CHECK-NEXT:          +0x002 hi               : 0n9
# CHECK-NEXT:    +0x01c fl               :
# CHECK-NEXT:       +0x000 delta            : 0y11101
# CHECK-NEXT: 0:000> dt -a grid
# CHECK-NEXT: Local var @ 00007fff`[[GRID:[0-9a-f]+]] Type inner[2]
# CHECK-NEXT: [0] @ 00007fff`[[GRID]]
# CHECK-NEXT: ---------------------------------------------
# CHECK-NEXT:    +0x000 lo               : 0n7
# CHECK-NEXT:    +0x002 hi               : 0n8
# CHECK-EMPTY:
# CHECK-NEXT: [1] @ 00007fff`{{[0-9a-f]+}}
# CHECK-NEXT: ---------------------------------------------
# CHECK-NEXT:    +0x000 lo               : 0n9
# CHECK-NEXT:    +0x002 hi               : 0n10
# CHECK: 0:000> dt -a2 rp scores
# CHECK-NEXT: Local var @ {{.*}} Type record*
# CHECK-NEXT: 0x[[REC]]
# CHECK-NEXT:    +0x044 scores           : [4]
# CHECK-NEXT:       [0] 0n10
# CHECK-NEXT:       [1] 0n20
# CHECK-NEXT: 0:000> dt -b copy
# CHECK-NEXT: Local var @ {{.*}} Type record
# CHECK-NEXT:    +0x000 label            : [12]  "head"
# CHECK:         +0x038 pairs            : [3]
# CHECK-NEXT:       [0] inner
# CHECK-NEXT:          +0x000 lo               : 0n1
# CHECK-NEXT:          +0x002 hi               : 0n2
# CHECK:            [2] inner
# CHECK-NEXT:          +0x000 lo               : 0n5
# CHECK-NEXT:          +0x002 hi               : 0n6
# CHECK-NEXT:    +0x044 scores           : [4]
# CHECK-NEXT:       [0] 0n10
# CHECK-NEXT:       [1] 0n20
# CHECK-NEXT:       [2] 0n30
# CHECK-NEXT:       [3] 0n40
# CHECK-NEXT:    +0x058 next             : 0x00005555`{{[0-9a-f]+}} record
# CHECK-NEXT:       +0x000 label            : [12]  "tail"
# CHECK-NEXT:       +0x010 text             : 0x00005555`{{[0-9a-f]+}}  "end of list"
# CHECK-NEXT:       +0x018 mode             : MODE_OFF (0n0)
# CHECK:            +0x058 next             : 0x00000000`00000000 record
# CHECK-NEXT: 0:000> dt rp nosuch
# CHECK-NEXT: Syntax error at 'nosuch': no such member of rp
# CHECK-NEXT: 0:000> dt -x rp
# CHECK-NEXT: Syntax error at '-x rp': dt [-r[N]] [-a[N]] [-b] name [field] [address]
# CHECK-NEXT: 0:000> dt flags rp+0x1c
# CHECK-NEXT: fx_dt!flags
# CHECK-NEXT:    +0x000 ready            : 0y1
# CHECK-NEXT:    +0x000 level            : 0y101
# CHECK-NEXT:    +0x000 delta            : 0y11101
# CHECK-NEXT:    +0x004 wide             : 0y10101011110011011110
# CHECK-NEXT: 0:000> dt held mode text
# CHECK-NEXT: Local var (not in memory) Type record*
# CHECK-NEXT: 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x018 mode             : MODE_OFF (0n0)
# CHECK-NEXT:    +0x010 text             : 0x00005555`{{[0-9a-f]+}}  "end of list"
# CHECK-NEXT: 0:000> dt -a fx_misc grid
# CHECK-NEXT: Global var @ {{.*}} Type misc
# CHECK-NEXT:    +0x024 grid             : [2] [3]
# CHECK-NEXT:       [0] 0n1
# CHECK-NEXT:       [1] 0n2
# CHECK-NEXT:       [2] 0n3
# CHECK-NEXT:       [3] 0n4
# CHECK-NEXT:       [4] 0n5
# CHECK-NEXT:       [5] 0n6
