# ARGS: fx_basic
# `r` in WinDbg's layout; single registers, parts, flags, assignment;
# pseudo-registers; debug registers; the vector set.
r
r rax=0x1122334455667788
r rax, eax, ax, al, ah
r rbx=5; r rbx
r eax=0
r rax
r zf=1; r zf; r efl
r $t3=@rsp+8; ? @$t3 - @rsp
r dr7, dr0
r xmm0
r foo
r rax=
? @rip == $ip
? $csp == @rsp
? $exentry
# CHECK: 0:000> r
# CHECK-NEXT: rax={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} rbx={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} rcx={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}
# CHECK-NEXT: rdx={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} rsi={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} rdi={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}
# CHECK-NEXT: rip=00007ffff7fe{{[0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} rsp=00007fff{{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} rbp={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}
# CHECK-NEXT:  r8={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}  r9={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} r10={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}
# CHECK-NEXT: r11={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} r12={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} r13={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}
# CHECK-NEXT: r14={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} r15={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}
# CHECK-NEXT: iopl=0         {{(nv|ov) (up|dn) (ei|di) (pl|ng) (nz|zr) (na|ac) (po|pe) (nc|cy)}}
# CHECK-NEXT: cs=0033  ss=002b  ds={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}  es={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}  fs={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}  gs={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}             efl={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}
# CHECK-NEXT: ld_linux_x86_64!_start:
# CHECK-NEXT: 00007fff`f7fe{{[0-9a-f][0-9a-f][0-9a-f][0-9a-f]}} 4889e7          mov     rdi,rsp
# CHECK: 0:000> r rax, eax, ax, al, ah
# CHECK-NEXT: rax=1122334455667788 eax=55667788 ax=7788 al=88 ah=77
# CHECK: 0:000> r rbx=5; r rbx
# CHECK-NEXT: rbx=0000000000000005
# CHECK: 0:000> r rax
# CHECK-NEXT: rax=1122334400000000
# CHECK: 0:000> r zf=1; r zf; r efl
# CHECK-NEXT: zf=1
# CHECK-NEXT: efl=00000{{[0-9a-f]}}{{[4-7c-f]}}{{[0-9a-f]}}
# CHECK: Evaluate expression: 8 = 00000000`00000008
# CHECK: 0:000> r dr7, dr0
# CHECK-NEXT: dr7=0000000000000000 dr0=0000000000000000
# CHECK: 0:000> r xmm0
# CHECK-NEXT: xmm0={{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}
# CHECK: 0:000> r foo
# CHECK-NEXT: Bad register error at 'foo'
# CHECK: 0:000> r rax=
# CHECK-NEXT: Numeric expression missing from ''
# CHECK: 0:000> ? @rip == $ip
# CHECK-NEXT: Evaluate expression: 1 = 00000000`00000001
# CHECK: 0:000> ? $csp == @rsp
# CHECK-NEXT: Evaluate expression: 1 = 00000000`00000001
# CHECK: 0:000> ? $exentry
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = 00005555`55555{{[0-9a-f][0-9a-f][0-9a-f]}}
