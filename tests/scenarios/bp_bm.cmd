# ARGS: fx_bp
# bm is x + bu per match (seed 002's own example, bm myprog!mem*); data
# symbols only with /a; bm /d makes bp breakpoints at the addresses; the
# .bpcmds lines of each kind.
bm fx_bp!mem_*
bm fx_bp!fx_*
bm /a fx_bp!fx_*
bm /d fx_bp!dep*
bl
.bpcmds
bm fx_bp![
bm
g
# CHECK: 0:000> bm fx_bp!mem_*
# CHECK-NEXT:   0: 00005555`{{[0-9a-f]+}} fx_bp!mem_fill
# CHECK-NEXT:   1: 00005555`{{[0-9a-f]+}} fx_bp!mem_clear
# CHECK-NEXT: 0:000> bm fx_bp!fx_*
# CHECK-NEXT: No matching code symbols found, no breakpoints set.
# CHECK-NEXT: 0:000> bm /a fx_bp!fx_*
# CHECK-NEXT:   2: 00005555`{{[0-9a-f]+}} fx_bp!fx_total
# CHECK-NEXT: Warning: breakpoint 2 is on data (fx_total)
# CHECK-NEXT: 0:000> bm /d fx_bp!dep*
# CHECK-NEXT:   3: 00005555`{{[0-9a-f]+}} fx_bp!depth
# CHECK: 0:000> .bpcmds
# CHECK-NEXT: bu0 @!"fx_bp!mem_fill";
# CHECK-NEXT: bu1 @!"fx_bp!mem_clear";
# CHECK-NEXT: bu2 @!"fx_bp!fx_total";
# CHECK-NEXT: bp3 0x0000555555555{{[0-9a-f]+}} ;
# CHECK-NEXT: 0:000> bm fx_bp![
# CHECK-NEXT: Syntax error in pattern '['
# CHECK-NEXT: 0:000> bm
# CHECK-NEXT: Syntax error: bm needs a symbol pattern
