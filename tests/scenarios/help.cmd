# ARGS: fx_basic
# `.help` and `?` alone list one line per command, from the command tables.
.help
?
# CHECK: 0:000> .help
# CHECK: g        go: run until something stops the target
# CHECK: db       display bytes and ASCII
# CHECK: r        registers
# CHECK: ~        threads
# CHECK: 0:000> ?
# CHECK-NEXT: g        go
