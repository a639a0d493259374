# ARGS: fx_cpp
# C++ names are demangled everywhere: x, expressions, stacks; overloads of
# one name are an ambiguity that shows each address.
g
x fx_cpp!geometry::*
? geometry::Counter::bump == fx_cpp!geometry::Counter::bump
? geometry::twice
k 3
# CHECK: 0:000> x fx_cpp!geometry::*
# CHECK-NEXT: 00005555`{{[0-9a-f]+}} fx_cpp!geometry::twice
# CHECK-NEXT: 00005555`{{[0-9a-f]+}} fx_cpp!geometry::twice
# CHECK-NEXT: 00005555`{{[0-9a-f]+}} fx_cpp!geometry::Counter::bump
# CHECK-NEXT: 00005555`{{[0-9a-f]+}} fx_cpp!geometry::triple<int>
# CHECK: Evaluate expression: 1 = 00000000`00000001
# CHECK: 0:000> ? geometry::twice
# CHECK-NEXT: Ambiguous symbol 'geometry::twice': fx_cpp!geometry::twice (00005555`{{[0-9a-f]+}}), fx_cpp!geometry::twice (00005555`{{[0-9a-f]+}})
# CHECK: fx_cpp!main+0x{{[0-9a-f]+}} [{{.*}}fx_cpp.cpp @ 33]
