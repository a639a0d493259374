# ARGS: fx_bpthreads
# ~Nn and ~Nm count suspensions: a thread runs only when its count is back
# to 0 (and it is not frozen). Suspended twice and resumed once, a worker
# stays stopped while the others make their 70,000 calls; resumed again,
# its 10,000 follow. Resuming a thread that is not suspended is refused.
bu fx_bpthreads!run
g
bc *
~.n
~.n
~.m
~.
bp hit "r $t0=@$t0+1; j (@$t0==0n70000) '.echo seventy-thousand' ; 'gc'"
g
? @$t0
~*m
~*
~#m
g
? @$t0
# CHECK: fx_bpthreads!run:
# CHECK: > ~.{{$}}
# CHECK-NEXT: .{{ +}}[[T:[1-8]]]  Id: {{.*}} Suspend: 1 Teb: {{.*}} Unfrozen
# CHECK: seventy-thousand
# CHECK: ? @$t0
# CHECK-NEXT: Evaluate expression: 70000
# CHECK: > ~*m
# CHECK-NEXT: {{.*}}> ~*
# CHECK: {{^}}   [[T]]  Id: {{.*}} Suspend: 0 Teb:
# CHECK: > ~#m
# CHECK-NEXT: Thread {{[0-9]}} is not suspended (~Nn suspends it)
# CHECK: fx_bpthreads: total=80000
# CHECK: ? @$t0
# CHECK-NEXT: Evaluate expression: 80000
