#!/usr/bin/env python3
"""Writes a C program with N small functions (and full DWARF when built with
-g), for measuring how debuggers scale with program size:
    bench/gen_functions.py 50000 > build/bench/f50k.c
Every function is reachable from main, so none is dropped by the linker;
the program calls every 997th of them argv[1] times (1 by default)."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
out = sys.stdout
out.write("#include <stdio.h>\n#include <stdlib.h>\n\n")
out.write("struct rec { int id; long total; const char *name; };\n\n")
for i in range(n):
    out.write(f"int fn_{i}(int x) {{ struct rec r = {{{i}, x, \"fn_{i}\"}}; "
              f"return (int)(r.total * 3 + r.id) ^ {i % 97}; }}\n")
out.write("\ntypedef int (*fn_t)(int);\nstatic fn_t table[] = {\n")
for i in range(n):
    out.write(f"    fn_{i},\n")
out.write("};\n\nint main(int argc, char **argv)\n{\n    long sum = 0;\n")
out.write("    int rounds = argc > 1 ? atoi(argv[1]) : 1;\n")
out.write("    for (int r = 0; r < rounds; r++)\n")
out.write("        for (unsigned i = 0; i < sizeof table / sizeof table[0]; i += 997)\n")
out.write("            sum += table[i](r);\n")
out.write('    printf("sum=%ld\\n", sum);\n    return 0;\n}\n')
