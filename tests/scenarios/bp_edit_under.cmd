# ARGS: fx_bp 3
# Every view shows the program's bytes, never our 0xCC; eb over a
# breakpoint changes the byte it hides (the trap stays); a second
# breakpoint at one address redefines the first (WinDbg), and the site
# stays under the new one.
bp work
bp work+1
bp work+2
bc 2
bp9 work
db work L2
eb work+1 90
db work L2
eb work+1 48
u work L2
g
bc 9
g
# CHECK: 0:000> bp work+2
# CHECK-NEXT: Warning: breakpoint 2 is inside an instruction of work: the program will run a changed instruction
# CHECK: 0:000> bp9 work
# CHECK-NEXT: breakpoint 0 redefined as breakpoint 9
# CHECK: 0:000> db work L2
# CHECK-NEXT: 55 48
# CHECK: 0:000> db work L2
# CHECK-NEXT: 55 90
# CHECK: 0:000> u work L2
# CHECK-NEXT: fx_bp!work:
# CHECK-NEXT: 55              push    rbp
# CHECK-NEXT: 4889e5          mov     rbp,rsp
# CHECK: 0:000> g
# CHECK: Breakpoint 9 hit
# CHECK: 0:000> g
# CHECK-NEXT: Breakpoint 1 hit
