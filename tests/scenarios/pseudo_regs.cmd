# ARGS: fx_threads
# The pseudo-registers of issue 18: $tid is the id `~` shows for the
# current thread, $tpid the process's, $teb the thread pointer (`~`'s
# Teb, whose first quadword points to itself on x86-64), $retreg is rax,
# $exp the last value `?` printed, with and without '@'; `r $` lists them.
bp worker
g
# CHECK: fx_threads!worker:
~
# CHECK: {{^}}.  {{[0-9]+}}  Id: [[PID:[0-9a-f]+]].[[TID:[0-9a-f]+]] Suspend: 0 Teb: [[TEBHI:[0-9a-f]+]]`[[TEBLO:[0-9a-f]+]] Unfrozen
? @$tid
# CHECK: Evaluate expression: {{[0-9]+}} = 00000000`{{0*}}[[TID]]{{$}}
? $tpid
# CHECK: Evaluate expression: {{[0-9]+}} = 00000000`{{0*}}[[PID]]{{$}}
r $teb
# CHECK: $teb=[[TEBHI]][[TEBLO]]{{$}}
dq @$teb L1
# CHECK: [[TEBHI]]`[[TEBLO]]  [[TEBHI]]`[[TEBLO]]{{$}}
r rax
# CHECK: rax=[[RAX:[0-9a-f]+]]
r $retreg
# CHECK: $retreg=[[RAX]]{{$}}
? 0x1234+1
# CHECK: = 00000000`00001235
? @$exp*2
# CHECK: Evaluate expression: 9322 = 00000000`0000246a
? $exp
# CHECK: Evaluate expression: 9322 =
? $pagesize
# CHECK: Evaluate expression: 4096 = 00000000`00001000
? @$ptrsize
# CHECK: Evaluate expression: 8 =
r $t3=7
r $
# CHECK: $ip=
# CHECK-NEXT: $ra=
# CHECK-NEXT: $csp=
# CHECK-NEXT: $retreg=[[RAX]]{{$}}
# CHECK-NEXT: $exentry=
# CHECK-NEXT: $tid={{0*}}[[TID]]{{$}}
# CHECK-NEXT: $tpid={{0*}}[[PID]]{{$}}
# CHECK-NEXT: $teb=[[TEBHI]][[TEBLO]]{{$}}
# CHECK-NEXT: $peb=[[PEB:[0-9a-f]+]]
# CHECK-NEXT: $thread=[[TEBHI]][[TEBLO]]{{$}}
# CHECK-NEXT: $proc=[[PEB]]{{$}}
# CHECK-NEXT: $exp=0000000000000008
# CHECK-NEXT: $ptrsize=0000000000000008
# CHECK-NEXT: $pagesize=0000000000001000
# CHECK-NEXT: $t3=0000000000000007
# $peb is the loader's r_debug: its r_version is 1
dd @$peb L1
# CHECK: 00000001
bp /w "@$tid == 0" worker
bl
# CHECK: @$tid == 0
r $tid=5
# CHECK: Bad register error at '$tid'
.kill
? @$tid
? @$teb
? @rip
? $exentry
# once the process is gone each says why, in one line (the message used to
# be copied onto itself and come out empty)
# CHECK: 0:{{[0-9]+}}> ? @$tid
# CHECK-NEXT: No target: the process has exited (nothing to inspect)
# CHECK-NEXT: 0:{{[0-9]+}}> ? @$teb
# CHECK-NEXT: No target: the process has exited (nothing to inspect)
# CHECK-NEXT: 0:{{[0-9]+}}> ? @rip
# CHECK-NEXT: No target: the process has exited (nothing to inspect)
# CHECK-NEXT: 0:{{[0-9]+}}> ? $exentry
# CHECK-NEXT: No target: the process has exited (nothing to inspect)
q
