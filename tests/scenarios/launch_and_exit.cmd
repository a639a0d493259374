# ARGS: fx_basic one two
# Launch stops at the initial break, right after exec, with only the
# program and the loader mapped; `g` runs to the exit and reports its code;
# a second `g` says there is nothing left to run.
g
g
r
# CHECK: CommandLine: {{.*}}fx_basic one two
# CHECK: ModLoad: 00005555`55554000 {{[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]`[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]}}   {{.*}}/fx_basic
# CHECK: ModLoad: 00007fff`{{[0-9a-f]+}} {{.*}}ld-linux-x86-64.so.2
# CHECK-NOT: ModLoad
# CHECK: ({{[0-9a-f]+}}.{{[0-9a-f]+}}): Initial break after exec
# CHECK: rip=00007ffff7fe{{[0-9a-f]+}}
# CHECK: 0:000> g
# CHECK: fx_basic: sum=43 first=de
# CHECK: Exit process 0:{{[0-9a-f]+}}, code 2b
# CHECK: 0:000> g
# CHECK-NEXT: No runnable debuggees: the process has exited
# CHECK: 0:000> r
# CHECK-NEXT: No target: the process has exited
