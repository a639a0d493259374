# ARGS: fx_crash null
# A null-pointer write the program does not handle: the first-chance stop,
# then on g a second chance, the process stopped on its way out with its
# registers, stack, locals and memory still there; the next g ends it.
# .lastevent and .exr -1 say what happened at each stop.
.lastevent
.exr -1
bp fx_crash!crash_null
g
.lastevent
g
.lastevent
.exr -1
g
k
r rip
.lastevent
.exr -1
dv
db @rsp L8
~
.dbgregs emulate
ba w4 fx_crash!fx_zero
g
.lastevent
.exr -1
.exr 12345678
.exr
# CHECK: 0:000> .lastevent
# CHECK-NEXT: Last event: [[PID:[0-9a-f]+]].[[PID]]: Initial break after exec
# CHECK-NEXT:   debugger time: {{(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z][a-z] [ 0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9] 2[0-9][0-9][0-9] \(UTC [-+] [0-9]+:[0-9][0-9]\)}}
# CHECK-NEXT: 0:000> .exr -1
# CHECK-NEXT: The last event is not a signal: Initial break after exec
# CHECK: Breakpoint 0 hit
# CHECK: 0:000> .lastevent
# CHECK-NEXT: Last event: [[PID]].[[PID]]: Breakpoint 0 hit
# First chance.
# CHECK: 0:000> g
# CHECK-NEXT: ([[PID]].[[PID]]): Signal SIGSEGV (first chance) at 00000000`00000000
# CHECK: 0:000> .lastevent
# CHECK-NEXT: Last event: [[PID]].[[PID]]: Signal SIGSEGV (first chance) at 00000000`00000000
# CHECK-NEXT:   debugger time:
# CHECK-NEXT: 0:000> .exr -1
# CHECK-NEXT: ExceptionAddress: [[RIP:[0-9a-f]+`[0-9a-f]+]] (fx_crash!crash_null+0x{{[0-9a-f]+}})
# CHECK-NEXT:    ExceptionCode: SIGSEGV (Segmentation fault)
# CHECK-NEXT:           Chance: first
# CHECK-NEXT:       SignalCode: 1 SEGV_MAPERR (address not mapped)
# CHECK-NEXT:     FaultAddress: 00000000`00000000
# CHECK-NEXT: Attempt to write to address 0000000000000000
# Second chance: the same instruction, the same stack.
# CHECK: 0:000> g
# CHECK-NEXT: ([[PID]].[[PID]]): Signal SIGSEGV (!!! second chance !!!) at 00000000`00000000
# CHECK: fx_crash!crash_null+0x{{[0-9a-f]+}}:
# CHECK-NEXT: [[RIP]] 8910 {{.*}}mov     dword ptr [rax],edx
# CHECK: 0:000> k
# CHECK-NEXT: Child-SP
# CHECK-NEXT: fx_crash!crash_null+0x{{[0-9a-f]+}} [{{.*}}fx_crash.c @ {{[0-9]+}}]
# CHECK-NEXT: fx_crash!main+0x{{[0-9a-f]+}}
# CHECK: 0:000> r rip
# CHECK-NEXT: rip=[[RIPFLAT:[0-9a-f]+]]
# CHECK: 0:000> .lastevent
# CHECK-NEXT: Last event: [[PID]].[[PID]]: Signal SIGSEGV (!!! second chance !!!) at 00000000`00000000
# CHECK: 0:000> .exr -1
# CHECK-NEXT: ExceptionAddress: [[RIP]] (fx_crash!crash_null+0x{{[0-9a-f]+}})
# CHECK-NEXT:    ExceptionCode: SIGSEGV (Segmentation fault)
# CHECK-NEXT:           Chance: second (the process dies of it)
# CHECK-NEXT:       SignalCode: 1 SEGV_MAPERR (address not mapped)
# CHECK-NEXT:     FaultAddress: 00000000`00000000
# CHECK-NEXT: Attempt to write to address 0000000000000000
# CHECK: 0:000> dv
# CHECK-NEXT: value = 0n21
# CHECK-NEXT: local = 0n42
# CHECK: 0:000> db @rsp L8
# CHECK-NEXT: {{[0-9a-f]+`[0-9a-f]+}}  {{[0-9a-f][0-9a-f] }}
# CHECK: 0:000> ~
# CHECK-NEXT: .  0  Id: [[PID]].[[PID]]
# No thread is left to make the system call a page watch needs:
# CHECK: 0:000> ba w4 fx_crash!fx_zero
# CHECK-NEXT: Process 0 is on its way out (second chance): no page can be protected for a data breakpoint
# The next g lets it end.
# CHECK: 0:000> g
# CHECK-NEXT: Exit process 0:[[PID]], killed by SIGSEGV
# CHECK: 0:000> .lastevent
# CHECK-NEXT: Last event: [[PID]].[[PID]]: Exit process [[PID]], killed by SIGSEGV
# CHECK: 0:000> .exr -1
# CHECK-NEXT: The last event is not a signal: Exit process [[PID]], killed by SIGSEGV
# CHECK-NEXT: 0:000> .exr 12345678
# CHECK-NEXT: Not available on Linux: .exr ADDRESS reads a Windows EXCEPTION_RECORD, which Linux has not; .exr -1 shows the last signal
# CHECK-NEXT: 0:000> .exr
# CHECK-NEXT: Syntax error in '.exr': use .exr -1 (the last signal)
