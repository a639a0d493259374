# ARGS: fx_signal
# `gh` swallows the signal that stopped the target: the handler never runs.
g
gh
# CHECK: Signal SIGUSR1 (first chance)
# CHECK: 0:000> gh
# CHECK: fx_signal: handler saw 0
# CHECK: Exit process 0:{{[0-9a-f]+}}, code 0
