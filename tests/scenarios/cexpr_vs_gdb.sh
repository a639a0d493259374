# ?? and @@c++ against GDB's print at the same stop (the third call of
# consume in fx_cexpr, line 35): every expression's value, as a signed
# 64-bit number, is the one GDB prints for (long)(EXPR). Covers locals,
# parameters, globals, members through pointers and arrays of structs,
# bitfields, enums and enumerators, casts, sizeof, the usual arithmetic
# conversions, shifts, pointer arithmetic and difference, logic, ?: .
. "$(dirname "$0")/../lib/scenario.sh"
prog="$FX/fx_cexpr"
cat > exprs <<'X'
i
p->len
p->len * 2
a[i].y
p->pts[i].y
p->pts[i].y + p->pts[0].x
scaled
total
p->ratio * 4
p->flag
p->level
p->level * 100 / 7
p->mode
p->mode == MODE_ON
MODE_ON + 1
sizeof(struct buf)
sizeof(struct point) * 3
sizeof *p
sizeof p->pts / sizeof p->pts[0]
sizeof(long double)
&a[3] - a
&fx_points[3] - &fx_points[1]
(long)(a + 2)
(long)&p->pts[2]
(long)&p->pts[2].y - (long)p
fx_points + 1 == &fx_points[1]
fx_small + fx_byte
fx_small * fx_byte
fx_small < fx_byte
fx_small < p->len
-1 < p->len
(unsigned)fx_small
(unsigned short)fx_small
(signed char)fx_byte
fx_byte << 24
p->len > 100
p->len > 50 && p->len < 100
p->len > 50 || *(int *)0
i == 2 ? p->len : *(int *)0
(unsigned char)300
scaled / 7
scaled % 7
-scaled >> 2
scaled >> 60
(unsigned long)scaled >> 60
p->data[1]
*p->data
p->data[4] - 'a'
(p->len + 1) * 3 - i
p->len & 0xf0
p->len | 3
p->len ^ 0xff
~p->len
~i
!i
!!p
-p->len
(int)(1.75 * i)
(int)(fx_third * 3000)
(int)-2.5
0x7fffffff + 1
2147483647 + 1
4294967295 + 1
0xffffffff + 1
'a' + 1
'\n'
'\x41'
010 + 0x10
1000000 * 1000000
X
{
    printf 'bp `fx_cexpr.c:35`\ng\ng\ng\n'
    while IFS= read -r e; do printf '? @@c++(%s)\n' "$e"; done < exprs
    printf 'q\n'
} > cmds
"$LINDBG" "$prog" < cmds > session.out 2>&1 || fail "lindbg failed"
grep -E '^(Evaluate expression|Couldn|Syntax|Type|Memory)' session.out | sed 's/^Evaluate expression: \([-0-9]*\) = .*/\1/' > ours
args=()
while IFS= read -r e; do args+=(-ex "print (long)($e)"); done < exprs
gdb -nx -batch -ex 'break fx_cexpr.c:35' -ex run -ex continue -ex continue "${args[@]}" "$prog" 2>&1 |
    sed -n 's/^\$[0-9]* = //p' > gdbs
n=$(wc -l < exprs)
[ "$(wc -l < gdbs)" -eq "$n" ] || { cat gdbs; fail "gdb printed $(wc -l < gdbs) of $n values"; }
[ "$(wc -l < ours)" -eq "$n" ] || { cat session.out; fail "lindbg printed $(wc -l < ours) of $n values"; }
paste exprs gdbs ours | awk -F'\t' '$2 != $3 { print "differs: " $1 ": gdb " $2 ", lindbg " $3; bad = 1 } END { exit bad }' ||
    fail "values differ from GDB's"
echo "all $n values agree with GDB"
