# ARGS: fx_intarget cross 1000
# entry_b jumps into entry_a's third byte, as glibc's mempcpy jumps into
# memmove: nothing in entry_a says so, only a search of the whole module's
# code finds it. A jump written over entry_a's first 5 bytes would send
# entry_b into its middle; the breakpoint stays an int3 (bl does not mark
# it) and counts every call.
bp entry_a "r $t3=@$t3+1; gc"
bp1 done
g
bl
? @$t3
g
# CHECK: fx_intarget: cross 8497500
# CHECK: 0:000> bl
# CHECK-NEXT:  0 e {{.*}}fx_intarget!entry_a "r $t3=@$t3+1; gc"{{$}}
# CHECK: Evaluate expression: 1000 =
# CHECK: Exit process
