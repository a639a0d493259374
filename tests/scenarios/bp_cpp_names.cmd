# ARGS: fx_cpp
# C++ names resolve whole wherever an address goes, as x shows them:
# templates (shapes::twice<int>), parameter lists that tell overloads apart
# (blanks do not count), operators. bl shows the parameter list where a
# name has overloads; .bpcmds writes such names in @!"..." so that they
# replay exactly. An unknown overload is one clear line and sets nothing.
bp fx_cpp!shapes::twice<int> "r $t0=@$t0+1; gc"
bp fx_cpp!shapes::add(int, int) "r $t0=@$t0+1; gc"
bu fx_cpp!shapes::add(long,long) "r $t0=@$t0+1; gc"
bu fx_cpp!shapes::Point::operator== "r $t0=@$t0+1; gc"
bp fx_cpp!shapes::add(char)
? fx_cpp!shapes::add(int,int) == fx_cpp!shapes::add(int, int)
bl
.bpcmds
g
gh
? @$t0
# CHECK: 0:000> bp fx_cpp!shapes::add(char)
# CHECK-NEXT: Overload error at 'fx_cpp!shapes::add(char)': no overload with these parameters
# CHECK-NEXT: 0:000> ? fx_cpp!shapes::add(int,int) == fx_cpp!shapes::add(int, int)
# CHECK-NEXT: Evaluate expression: 1 =
# CHECK-NEXT: 0:000> bl
# CHECK-NEXT:  0 e {{.*}} fx_cpp!shapes::twice<int> "r $t0=@$t0+1; gc"
# CHECK-NEXT:  1 e {{.*}} fx_cpp!shapes::add(int, int) "r $t0=@$t0+1; gc"
# CHECK-NEXT:  2 e {{.*}} fx_cpp!shapes::add(long, long) "r $t0=@$t0+1; gc"
# CHECK-NEXT:  3 e {{.*}} fx_cpp!shapes::Point::operator== "r $t0=@$t0+1; gc"
# CHECK-NEXT: 0:000> .bpcmds
# CHECK-NEXT: bp0 0x{{[0-9a-f]+}} "r $t0=@$t0+1; gc" ;
# CHECK-NEXT: bp1 0x{{[0-9a-f]+}} "r $t0=@$t0+1; gc" ;
# CHECK-NEXT: bu2 @!"fx_cpp!shapes::add(long,long)" "r $t0=@$t0+1; gc";
# CHECK-NEXT: bu3 @!"fx_cpp!shapes::Point::operator==" "r $t0=@$t0+1; gc";
# CHECK: fx_cpp: shapes 3 7 10 1
# CHECK: 0:000> ? @$t0
# CHECK-NEXT: Evaluate expression: 4 =
