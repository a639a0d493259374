# ARGS: fx_throw_dso
# sxe eh with three modules that define __cxa_throw: libstdc++, and two
# libraries with a copy of libstdc++ of their own (-static-libstdc++), one
# linked, one dlopen'd after libstdc++ is loaded. The name alone is
# ambiguous: each module's own definition is watched, the dlopen'd one's
# too (a module loaded after the first trap), so that every throw stops,
# whichever copy it goes through.
sxe eh
g
# CHECK: C++ EH exception - int (first chance)
# CHECK: !__cxa_throw:
k
# CHECK: !__cxa_throw
# CHECK-NEXT: fx_throw_dso!main+
g
# CHECK: C++ EH exception - std::logic_error (first chance)
# CHECK: libfx_throwa!__cxa_throw:
k
# CHECK: libfx_throwa!__cxa_throw
# CHECK-NEXT: libfx_throwa!fx_throw_a+
g
# CHECK: C++ EH exception - std::logic_error (first chance)
# CHECK: libfx_throwb!__cxa_throw:
k
# CHECK: libfx_throwb!__cxa_throw
# CHECK-NEXT: libfx_throwb!fx_throw_b+
g
# CHECK-NOT: C++ EH exception
# CHECK: fx_throw_dso: caught 3
# CHECK: Exit process
q
