# ARGS: fx_intarget tight 10
# tight()'s loop jumps back to its third byte: no 5-byte jump may cover its
# start, so its breakpoint stays an int3 decided by lindbg (bl does not
# mark it), and still counts every call.
bp tight "r $t1=@$t1+1; gc"
bp1 done
g
bl
? @$t1
g
# CHECK: fx_intarget: tight 30
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}fx_intarget!tight "r $t1=@$t1+1; gc"{{$}}
# CHECK: Evaluate expression: 10 =
# CHECK: Exit process
