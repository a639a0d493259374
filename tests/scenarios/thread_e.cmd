# ARGS: fx_two
# ~*e runs a command string in each thread, without the thread header that
# ~* prints; ~Ne in thread N; an error in one thread does not stop the next.
bp fx_two!fx_second_here
g
? fx_two!fx_second_here
~*e r rip
~0e r rip; .echo in zero
~*e nosuchcmd; .echo after
~* r rip
~*e r rip; p
# CHECK: 0:001> ? fx_two!fx_second_here
# CHECK-NEXT: Evaluate expression: {{[0-9]+}} = [[HI:[0-9a-f]+]]`[[LO:[0-9a-f]+]]
# CHECK-NEXT: 0:001> ~*e r rip
# CHECK-NEXT: rip=[[ZERO:[0-9a-f]+]]
# CHECK-NEXT: rip=[[HI]][[LO]]
# CHECK-NEXT: 0:001> ~0e r rip; .echo in zero
# CHECK-NEXT: rip=[[ZERO]]
# CHECK-NEXT: in zero
# CHECK-NEXT: 0:001> ~*e nosuchcmd; .echo after
# CHECK-NEXT: Syntax error in 'nosuchcmd'
# CHECK-NEXT: after
# CHECK-NEXT: Syntax error in 'nosuchcmd'
# CHECK-NEXT: after
# CHECK-NEXT: 0:001> ~* r rip
# CHECK-EMPTY:
# CHECK-NEXT:    0  Id:
# CHECK-NEXT: rip=[[ZERO]]
# CHECK-EMPTY:
# CHECK-NEXT: .  1  Id:
# CHECK-NEXT: rip=[[HI]][[LO]]
# CHECK-NEXT: 0:001> ~*e r rip; p
# CHECK-NEXT: Syntax error: ~e does not run 'p' (execution commands, q, .kill, .detach, j, z)
# CHECK-NEXT: 0:001>
