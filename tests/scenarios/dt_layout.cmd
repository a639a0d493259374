# ARGS: fx_dt
# dt with a type and no address prints the layout as WinDbg does: the
# module!type line, then each member's offset and WinDbg's word for its
# type (Int4B, Ptr64 Char, [12] Char, Pos N, M Bits for bitfields, the
# name of a nested aggregate, expanded by -r1); a typedef chain resolves
# to its struct, a union's members all sit at +0x000, an enum lists its
# enumerators; fields after the type show only those members; the other
# kinds of member (anonymous, function pointer, long double, bool, two
# dimensions, void *, pointer to pointer, a 40-bit field).
g
dt record
dt -r1 record
dt middle_alias
dt number
dt mode
dt struct flags
dt fx_dt!record mid.count fl.wide
dt nosuch_type
dt misc
# CHECK: 0:000> dt record
# CHECK-NEXT: fx_dt!record
# CHECK-NEXT:    +0x000 label            : [12] Char
# CHECK-NEXT:    +0x010 text             : Ptr64 Char
# CHECK-NEXT:    +0x018 mode             : mode
# CHECK-NEXT:    +0x01c fl               : flags
# CHECK-NEXT:    +0x024 num              : number
# CHECK-NEXT:    +0x028 mid              : middle
# CHECK-NEXT:    +0x038 pairs            : [3] inner
# CHECK-NEXT:    +0x044 scores           : [4] Int4B
# CHECK-NEXT:    +0x058 next             : Ptr64 record
# CHECK-NEXT: 0:000> dt -r1 record
# CHECK-NEXT: fx_dt!record
# CHECK:         +0x01c fl               : flags
# CHECK-NEXT:       +0x000 ready            : Pos 0, 1 Bit
# CHECK-NEXT:       +0x000 level            : Pos 1, 3 Bits
# CHECK-NEXT:       +0x000 delta            : Pos 4, 5 Bits
# CHECK-NEXT:       +0x004 wide             : Pos 0, 20 Bits
# CHECK-NEXT:    +0x024 num              : number
# CHECK-NEXT:       +0x000 i                : Int4B
# CHECK-NEXT:       +0x000 f                : Float
# CHECK-NEXT:       +0x000 bytes            : [4] UChar
# CHECK-NEXT:    +0x028 mid              : middle
# CHECK-NEXT:       +0x000 in               : inner
# CHECK-NEXT:       +0x008 count            : Int8B
# CHECK-NEXT:    +0x038 pairs            : [3] inner
# CHECK: 0:000> dt middle_alias
# CHECK-NEXT: fx_dt!middle_alias
# CHECK-NEXT:    +0x000 in               : inner
# CHECK-NEXT:    +0x008 count            : Int8B
# CHECK-NEXT: 0:000> dt number
# CHECK-NEXT: fx_dt!number
# CHECK-NEXT:    +0x000 i                : Int4B
# CHECK-NEXT:    +0x000 f                : Float
# CHECK-NEXT:    +0x000 bytes            : [4] UChar
# CHECK-NEXT: 0:000> dt mode
# CHECK-NEXT: fx_dt!mode
# CHECK-NEXT:    MODE_OFF = 0n0
# CHECK-NEXT:    MODE_SLOW = 0n3
# CHECK-NEXT:    MODE_FAST = 0n7
# CHECK-NEXT: 0:000> dt struct flags
# CHECK-NEXT: fx_dt!flags
# CHECK-NEXT:    +0x000 ready            : Pos 0, 1 Bit
# CHECK: 0:000> dt fx_dt!record mid.count fl.wide
# CHECK-NEXT: fx_dt!record
# CHECK-NEXT:    +0x028 mid              :
# CHECK-NEXT:       +0x008 count            : Int8B
# CHECK-NEXT:    +0x01c fl               :
# CHECK-NEXT:       +0x004 wide             : Pos 0, 20 Bits
# CHECK-NEXT: 0:000> dt nosuch_type
# CHECK-NEXT: Couldn't resolve error at 'nosuch_type': no such variable or type
# CHECK-NEXT: 0:000> dt misc
# CHECK-NEXT: fx_dt!misc
# CHECK-NEXT:    +0x000                  : <unnamed-tag>
# CHECK-NEXT:    +0x008 fn               : Ptr64     int
# CHECK-NEXT:    +0x010 ld               : Float10
# CHECK-NEXT:    +0x020 ok               : Bool
# CHECK-NEXT:    +0x024 grid             : [2] [3] Int4B
# CHECK-NEXT:    +0x040 vp               : Ptr64 Void
# CHECK-NEXT:    +0x048 argv             : Ptr64 Ptr64 Char
# CHECK-NEXT:    +0x050 big              : Pos 0, 40 Bits
