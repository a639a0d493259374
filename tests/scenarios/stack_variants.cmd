# ARGS: fx_stack
# WinDbg's k variants over a real recursion: kc (call sites only), kn
# with f (the stack bytes between a frame and the one inside it), kP (one
# parameter a line), kv (kb's columns and the signal frames: the
# trampoline with the interrupted registers, the interrupted frame), flag
# combinations and a frame count; L drops the source lines.
bp fx_stack!on_usr2
g
g
kc 7
kcn 7
knf 7
kP 7
kv 4
? @rsp+0x30
dq @rsp+0x30+0x80 L1
kcnL 3
kbn 1
q
# CHECK: 0:000> kc 7
# CHECK-NEXT: Call Site
# CHECK-NEXT: fx_stack!on_usr2 [{{.*}}fx_stack.c @ 8]
# CHECK-NEXT: libc!__restore_rt
# CHECK-NEXT: libc!{{.*}}kill{{[a-z_]*}}{{( \[.*\])?$}}
# CHECK-NEXT: libc!raise{{( \[.*\])?$}}
# CHECK-NEXT: fx_stack!leaf [{{.*}}fx_stack.c @ 12]
# CHECK-NEXT: fx_stack!recurse [{{.*}}fx_stack.c @ 19]
# CHECK-NEXT: fx_stack!recurse [{{.*}}fx_stack.c @ 20]
# CHECK-NEXT: 0:000> kcn 7
# CHECK-NEXT:  # Call Site
# CHECK-NEXT: 00 fx_stack!on_usr2 [
# CHECK: 06 fx_stack!recurse [{{.*}}fx_stack.c @ 20]
# CHECK-NEXT: 0:000> knf 7
# CHECK-NEXT:  #   Memory  Child-SP          RetAddr               Call Site
# CHECK-NEXT: 00           00007fff`{{[0-9a-f]+}} {{[0-9a-f`]+}}     fx_stack!on_usr2 [
# the handler's frame is its return address: 8 bytes
# CHECK-NEXT: 01        8  00007fff`{{[0-9a-f]+}} {{[0-9a-f`]+}}     libc!__restore_rt
# CHECK: 05       20  00007fff`{{[0-9a-f]+}} {{[0-9a-f`]+}}     fx_stack!recurse+0x1b [
# CHECK-NEXT: 06       20  00007fff`{{[0-9a-f]+}} {{[0-9a-f`]+}}     fx_stack!recurse+0x2a [
# CHECK-NEXT: 0:000> kP 7
# CHECK-NEXT: Child-SP          RetAddr               Call Site
# CHECK-NEXT: {{.*}} fx_stack!on_usr2(
# CHECK-NEXT: {{^}}			int sig = 0n12) [{{.*}}fx_stack.c @ 8]
# CHECK: fx_stack!leaf(
# CHECK-NEXT: {{^}}			int n = 0n0)+0x15 [{{.*}}fx_stack.c @ 12]
# CHECK-NEXT: fx_stack!recurse(
# CHECK-NEXT: {{^}}			int n = 0n0)+0x1b [
# CHECK-NEXT: fx_stack!recurse(
# CHECK-NEXT: {{^}}			int n = 0n1)+0x2a [
# CHECK-NEXT: 0:000> kv 4
# CHECK-NEXT: Child-SP          RetAddr               : Args to Child                                          : Call Site
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}} {{[0-9a-f`]+}}     : 00000000`0000000c ????????`???????? ????????`???????? : fx_stack!on_usr2 [
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}} [[INTERRUPTED:[0-9a-f`]+]]     : {{.*}} : libc!__restore_rt (Signal trampoline: sigcontext @ [[SC:[0-9a-f`]+]])
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}} {{[0-9a-f`]+}}     : {{.*}} : libc!{{.*}}kill{{.*}} (Interrupted by a signal)
# CHECK-NEXT: 00007fff`{{[0-9a-f]+}} {{[0-9a-f`]+}}     : 00000000`0000000c {{.*}} : libc!raise+0x{{[0-9a-f]+}}{{( \[.*\])?$}}
# the sigcontext is the handler's CFA + 0x28; its rip (+0x80) is where
# the signal came
# CHECK: Evaluate expression: {{[0-9]+}} = [[SC]]
# CHECK-NEXT: 0:000> dq @rsp+0x30+0x80 L1
# CHECK-NEXT: {{[0-9a-f`]+}}  [[INTERRUPTED]]
# CHECK-NEXT: 0:000> kcnL 3
# CHECK-NEXT:  # Call Site
# CHECK-NEXT: 00 fx_stack!on_usr2{{$}}
# CHECK-NEXT: 01 libc!__restore_rt{{$}}
# CHECK-NEXT: 02 libc!{{.*}}kill{{[a-z_]*$}}
# CHECK-NEXT: 0:000> kbn 1
# CHECK-NEXT:  # Child-SP          RetAddr               : Args to Child                                          : Call Site
# CHECK-NEXT: 00 00007fff`{{[0-9a-f]+}} {{[0-9a-f`]+}}     : 00000000`0000000c
