# ARGS: fx_cexpr
# ?? in WinDbg's format at the third call of consume (len 120, i 2):
# locals, parameters, globals, a pointer to a struct followed by its
# members, a struct, members through pointers and arrays of structs,
# casts, sizeof, pointer arithmetic, registers; @@c++ inside MASM (?, r);
# .frame 1 changes what ?? sees; bad input gives one line each.
bp `fx_cexpr.c:35`
g
g
g
?? i
?? p
?? p->len
?? a[i].y
?? &a[1]
?? fx_points[3]
?? fx_points
?? &a[3] - a
?? sizeof(struct buf)
?? sizeof p->pts
?? (unsigned char)300
?? (struct point *)0x1234
?? p->data
?? fx_name
?? fx_third
?? p->ratio
?? p->mode
?? p->level
?? 'a'
?? p->len > 100
?? -1 < 0u
?? scaled
?? @rsp == @@masm(@rsp)
?? @esp == (unsigned int)@rsp
?? @ax
? @@c++(p->len * 2)
r $t0 = @@c++(a[2].y)
? @$t0
? @@(fx_points[3].y) + 1
?? consume
? @@c++(&consume) == consume
?? *(int *)@@masm(_IO_stdin_used)
.frame 1
?? sum
?? i
.frame 0
?? nosuch
?? p->nosuch
?? 1 +
?? *(int *)0
?? 5 / 0
?? *p + 1
?? p.len
?? i = 3
?? (struct nosuch *)0
?? @nosuchreg
? @@c++(p->)
?? i
# CHECK: 0:000> ?? i
# CHECK-NEXT: int 0n2
# CHECK-NEXT: 0:000> ?? p
# CHECK-NEXT: struct buf * 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x000 len              : 0x78
# CHECK-NEXT:    +0x008 data             : 0x00005555`{{[0-9a-f]+}} "hello"
# CHECK-NEXT:    +0x010 pts              : struct point [3]
# CHECK-NEXT:    +0x028 flag             : 0x0
# CHECK-NEXT:    +0x028 level            : 0x6
# CHECK-NEXT:    +0x02c mode             : MODE_ON (0n3)
# CHECK-NEXT:    +0x030 ratio            : 0.5
# CHECK-NEXT: 0:000> ?? p->len
# CHECK-NEXT: unsigned int 0x78
# CHECK-NEXT: 0:000> ?? a[i].y
# CHECK-NEXT: int 0n6
# CHECK-NEXT: 0:000> ?? &a[1]
# CHECK-NEXT: struct point * 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x000 x                : 0n3
# CHECK-NEXT:    +0x004 y                : 0n4
# CHECK-NEXT: 0:000> ?? fx_points[3]
# CHECK-NEXT: struct point 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT:    +0x000 x                : 0n7
# CHECK-NEXT:    +0x004 y                : 0n-8
# CHECK-NEXT: 0:000> ?? fx_points
# CHECK-NEXT: struct point [4] 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT: 0:000> ?? &a[3] - a
# CHECK-NEXT: long 0n3
# CHECK-NEXT: 0:000> ?? sizeof(struct buf)
# CHECK-NEXT: unsigned long 0x38
# CHECK-NEXT: 0:000> ?? sizeof p->pts
# CHECK-NEXT: unsigned long 0x18
# CHECK-NEXT: 0:000> ?? (unsigned char)300
# CHECK-NEXT: unsigned char 0x2c ','
# CHECK-NEXT: 0:000> ?? (struct point *)0x1234
# CHECK-NEXT: struct point * 0x00000000`00001234
# CHECK-NEXT: 0:000> ?? p->data
# CHECK-NEXT: char * 0x00005555`{{[0-9a-f]+}} "hello"
# CHECK-NEXT: 0:000> ?? fx_name
# CHECK-NEXT: char [6] 0x00005555`{{[0-9a-f]+}} "cexpr"
# CHECK-NEXT: 0:000> ?? fx_third
# CHECK-NEXT: float 0.333333343
# CHECK-NEXT: 0:000> ?? p->ratio
# CHECK-NEXT: double 0.5
# CHECK-NEXT: 0:000> ?? p->mode
# CHECK-NEXT: enum mode MODE_ON (0n3)
# CHECK-NEXT: 0:000> ?? p->level
# CHECK-NEXT: unsigned int 0x6
# CHECK-NEXT: 0:000> ?? 'a'
# CHECK-NEXT: char 0n97 'a'
# CHECK-NEXT: 0:000> ?? p->len > 100
# CHECK-NEXT: bool true
# CHECK-NEXT: 0:000> ?? -1 < 0u
# CHECK-NEXT: bool false
# CHECK-NEXT: 0:000> ?? scaled
# CHECK-NEXT: long int 0n-360
# CHECK-NEXT: 0:000> ?? @rsp == @@masm(@rsp)
# CHECK-NEXT: bool true
# CHECK-NEXT: 0:000> ?? @esp == (unsigned int)@rsp
# CHECK-NEXT: bool true
# CHECK-NEXT: 0:000> ?? @ax
# CHECK-NEXT: unsigned short 0x{{[0-9a-f]+}}
# CHECK-NEXT: 0:000> ? @@c++(p->len * 2)
# CHECK-NEXT: Evaluate expression: 240 = 00000000`000000f0
# CHECK-NEXT: 0:000> r $t0 = @@c++(a[2].y)
# CHECK-NEXT: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 6 = 00000000`00000006
# CHECK-NEXT: 0:000> ? @@(fx_points[3].y) + 1
# CHECK-NEXT: Evaluate expression: -7 = ffffffff`fffffff9
# CHECK-NEXT: 0:000> ?? consume
# CHECK-NEXT: <function> 0x00005555`{{[0-9a-f]+}}
# CHECK-NEXT: 0:000> ? @@c++(&consume) == consume
# CHECK-NEXT: Evaluate expression: 1 = 00000000`00000001
# CHECK-NEXT: 0:000> ?? *(int *)@@masm(_IO_stdin_used)
# CHECK-NEXT: int 0n131073
# CHECK-NEXT: 0:000> .frame 1
# CHECK-NEXT: 01 {{.*}} fx_cexpr!main+0x
# CHECK-NEXT: 0:000> ?? sum
# CHECK-NEXT: int 0n-54
# CHECK-NEXT: 0:000> ?? i
# CHECK-NEXT: int 0n2
# CHECK-NEXT: 0:000> .frame 0
# CHECK: 0:000> ?? nosuch
# CHECK-NEXT: Couldn't resolve error at 'nosuch'
# CHECK-NEXT: 0:000> ?? p->nosuch
# CHECK-NEXT: Couldn't resolve error at 'nosuch': struct buf has no such member
# CHECK-NEXT: 0:000> ?? 1 +
# CHECK-NEXT: Syntax error: the expression ends too early
# CHECK-NEXT: 0:000> ?? *(int *)0
# CHECK-NEXT: Memory access error at 00000000`00000000
# CHECK-NEXT: 0:000> ?? 5 / 0
# CHECK-NEXT: Divide by zero error
# CHECK-NEXT: 0:000> ?? *p + 1
# CHECK-NEXT: Type error: operator needs numbers, not 'struct buf'
# CHECK-NEXT: 0:000> ?? p.len
# CHECK-NEXT: Type error: '.' needs a struct, not 'struct buf *'
# CHECK-NEXT: 0:000> ?? i = 3
# CHECK-NEXT: Type error at '= 3': ?? does not change variables
# CHECK-NEXT: 0:000> ?? (struct nosuch *)0
# CHECK-NEXT: Couldn't resolve error at 'struct nosuch': no such type
# CHECK-NEXT: 0:000> ?? @nosuchreg
# CHECK-NEXT: Bad register error at '@nosuchreg'
# CHECK-NEXT: 0:000> ? @@c++(p->)
# CHECK-NEXT: Syntax error
# CHECK-NEXT: 0:000> ?? i
# CHECK-NEXT: int 0n2
