# ARGS: fx_bpthreads
# ~Nf freezes a thread: g runs every other one. Stopped in a worker, that
# worker is frozen; the others' 70,000 calls are counted, then it is thawed
# and its 10,000 follow. Freezing the only thread that can run is refused.
bu fx_bpthreads!run
g
bc *
~.f
~.
~9f
bp hit "r $t0=@$t0+1; j (@$t0==0n70000) '.echo seventy-thousand' ; 'gc'"
g
? @$t0
~*u
g
? @$t0
# CHECK: fx_bpthreads!run:
# CHECK: > ~.{{$}}
# CHECK-NEXT: .{{ +}}{{[1-8]}}  Id: {{.*}} Suspend: 0 Teb: {{.*}} Frozen
# CHECK: > ~9f
# CHECK-NEXT: Illegal thread error: no thread 9
# CHECK: seventy-thousand
# CHECK: ? @$t0
# CHECK-NEXT: Evaluate expression: 70000
# CHECK: fx_bpthreads: total=80000
# CHECK: ? @$t0
# CHECK-NEXT: Evaluate expression: 80000
