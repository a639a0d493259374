# dt against GDB at the same stop (inspect() in fx_dt, stopped in raise;
# fx_dt_cpp stopped in raise; fx_dt built with DWARF 4 too): for every member path below, the value dt
# shows is the value GDB prints (integers, enums by name, bitfields masked
# to their width, text, pointers, floats to 6 digits), and its offset (the
# sum of the offsets on dt's path lines; for a bitfield its first bit,
# unit offset * 8 + Pos; for a static member its address) is where GDB
# puts it (&((T *)0)->path, ptype /o).
. "$(dirname "$0")/../lib/scenario.sh"

# value_of FILE N: the value on the last line of block N of a session
block() { awk -v n="$2" '/^0:000> dt / { k++ } k == n && !/^0:000>/' "$1"; }

# compare LABEL OURS GDB: OURS is dt's text after " : ", GDB gdb's after "= "
compare() {
    local label=$1 ours=$2 gdbv=$3 o g
    case "$ours" in
    0n*) o=${ours#0n}; g=$gdbv ;;
    0y*) o=$((2#${ours#0y})); g=$(( gdbv & ((1 << ${#ours} - 2) - 1) )) ;;
    0x*\"*) o="$(printf '%x' "0x$(echo "$ours" | sed 's/^0x//; s/`//; s/ .*//')") ${ours#*  }"
            g="$(printf '%x' "$(echo "$gdbv" | sed 's/ .*//')") ${gdbv#* }" ;;
    0x*) o=$(printf '%x' "0x$(echo "$ours" | sed 's/^0x//; s/`//; s/ .*//')")
         g=$(printf '%x' "$(echo "$gdbv" | grep -oE '0x[0-9a-f]+' | head -1)") ;;
    \[*\"*) o=${ours#*  }; g="\"$(echo "$gdbv" | sed 's/^"//; s/\\000.*//; s/"$//')\"" ;;
    *\(0n*\)) o=${ours%% *}; g=$gdbv ;;
    *.*) o=$ours; g=$(printf '%g' "$gdbv") ;;
    *) o=$ours; g=$gdbv ;;
    esac
    [ "$o" = "$g" ] || fail "$label: dt shows '$ours' ($o), gdb '$gdbv' ($g)"
}

check_prog() { # prog var type frame-cmds gdb-prefix paths...
    local prog=$1 var=$2 type=$3 pre=$4 gvar=$5
    shift 5
    { printf '%b' "$pre"; for p in "$@"; do printf 'dt -r %s %s\ndt %s %s\n' "$var" "$p" "$type" "$p"; done; } > cmds
    "$LINDBG" "$FX/$prog" < cmds > ours.out 2>&1 || fail "lindbg failed on $prog"
    local -a gargs=(-nx -batch -ex 'break raise' -ex run -ex up -ex 'set language c++')
    for p in "$@"; do
        gargs+=(-ex "output $gvar.$p" -ex 'echo \n')
        gargs+=(-ex "output/x $gvar.$p" -ex 'echo \n')
        gargs+=(-ex "output (long)&(($type *)0)->$p" -ex 'echo \n')
    done
    gdb "${gargs[@]}" "$FX/$prog" 2>/dev/null | tail -n $((3 * $#)) > gdb.out
    local i=0
    for p in "$@"; do
        i=$((i + 1))
        block ours.out $((2 * i - 1)) > b
        block ours.out $((2 * i)) > layout
        [ -s b ] && [ -s layout ] || { cat ours.out; fail "no dt output for $p"; }
        local last ours g gx goff off
        last=$(tail -1 b)
        ours=${last#* : }
        g=$(sed -n "$((3 * i - 2))p" gdb.out)
        gx=$(sed -n "$((3 * i - 1))p" gdb.out)
        goff=$(sed -n "$((3 * i))p" gdb.out)
        checked=$((checked + 1))
        case "$ours" in 0y*) compare "$prog $p" "$ours" "$gx" ;; *) compare "$prog $p" "$ours" "$g" ;; esac
        off=0
        for o in $(grep -o '+0x[0-9a-f]*' b); do off=$((off + ${o#+})); done
        if grep -q '^ *=' b; then
            # a static member: where it is, against gdb's address of it
            off=$((0x$(grep -o '^ *=[0-9a-f`]*' b | tail -1 | sed 's/[ =`]//g')))
        fi
        [ "$off" = "$goff" ] || { cat b; fail "$prog $p: offset $off, gdb $goff"; }
        if grep -q ': Pos ' layout; then
            # a bitfield: its first bit, against gdb's ptype /o "byte: bit"
            local pos bit parent=${p%.*} leaf=${p##*.}
            pos=$(grep -o 'Pos [0-9]*' layout | tail -1)
            pos=${pos#Pos }
            local holder="(($type *)0)->$parent"
            [ "$parent" = "$p" ] && holder=$type
            bit=$(gdb -nx -batch -ex "ptype /o $holder" "$FX/$prog" 2>/dev/null |
                  grep -E " $leaf : [0-9]+;" | grep -oE '[0-9]+: *[0-9]+' | head -1)
            [ -n "$bit" ] || fail "$prog $p: gdb's ptype /o shows no bit offset"
            # both counted from the start of the struct holding the field
            local gbit=$(( ${bit%%:*} * 8 + ${bit##*: } ))
            local unit=$(( $(grep -o '+0x[0-9a-f]*' layout | tail -1 | sed 's/+//') ))
            [ $(( unit * 8 + pos )) -eq "$gbit" ] ||
                fail "$prog $p: first bit $(( unit * 8 + pos )), gdb $gbit"
            checked_bits=$((checked_bits + 1))
        fi
    done
}

checked=0 checked_bits=0
check_prog fx_dt rp 'struct record' 'g\ngu\ngu\n' '(*rp)' \
    label text mode fl.ready fl.level fl.delta fl.wide num.i num.f mid.in.lo mid.in.hi \
    mid.count next
check_prog fx_dt fx_misc 'struct misc' 'g\n' fx_misc ia fa ld ok big vp
# the same program with DWARF 4 (bitfields counted from the other end)
check_prog fx_dt_dwarf4 rp 'struct record' 'g\ngu\ngu\n' '(*rp)' fl.ready fl.level fl.delta fl.wide
check_prog fx_dt_cpp fx_dog 'zoo::Dog' 'g\n' fx_dog legs id weight count
[ "$checked" -eq 27 ] && [ "$checked_bits" -eq 9 ] || fail "compared $checked values, $checked_bits bit positions"
echo ok
