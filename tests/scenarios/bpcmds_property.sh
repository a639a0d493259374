# Property: for many generated breakpoint sets (kinds, ids, options,
# passes, conditions, command strings with quotes and ';', thread filters,
# disabled ones, processor breakpoints), .bpcmds fed back with $< recreates
# exactly the same bl in a new session.
. "$(dirname "$0")/../lib/scenario.sh"
# The same over a C++ program: templates, overloads by parameter list,
# operators, names of modules not loaded yet with blanks in them.
for prog in fx_bp fx_cpp; do
"$PYTHON" - "$LINDBG" "$FX/$prog" <<'PY' || fail "a round trip differed ($prog)"
import random, subprocess, sys
lindbg, prog = sys.argv[1], sys.argv[2]
rng = random.Random(20261125)
if prog.endswith("fx_cpp"):
    targets = ["shapes::twice<int>", "shapes::add(int, int)", "shapes::add(long,long)",
               "shapes::Point::operator==", "geometry::Counter::bump", "main",
               "geometry::twice(double)", "shapes::twice<int>+4"]
    unloaded = ["libfx_plugin!ns::f<int>(int, char const*)", "libfx_plugin!ns::A::operator()"]
    module = "fx_cpp!"
else:
    targets = ["work", "depth", "mem_fill", "mem_clear", "main", "work+4", "depth+4"]
    unloaded = ["libfx_plugin!fx_plugin_twice", "libfx_plugin!fx_plugin_twice+1"]
    module = "fx_bp!"
cmds_pool = ['r rdi', '.echo "a;b"', 'gc', 'j (@rdi==3) \'r rax\' ; \'gc\'', 'r $t0=@$t0+1; gc']

def command():
    kind = rng.choice(["bp", "bu", "bu", "ba"])
    ident = str(rng.randrange(0, 40)) if rng.random() < 0.5 else ""
    opts = []
    if rng.random() < 0.3: opts.append("/1")
    if rng.random() < 0.2: opts.append("/c %d" % rng.randrange(1, 9))
    elif rng.random() < 0.2: opts.append("/C %d" % rng.randrange(1, 9))
    if rng.random() < 0.3: opts.append('/w "@rdi==%d"' % rng.randrange(0, 9))
    prefix = "~0 " if rng.random() < 0.2 else ""
    if kind == "ba":
        what = rng.choice(["e1 main", "e1 " + module + targets[0]] if module == "fx_cpp!"
                          else ["e1 work", "w8 fx_total", "r8 fx_total", "e1 depth"])
        where = what
    else:
        sym = rng.choice(targets)
        where = (module + sym) if kind == "bu" or module == "fx_cpp!" else sym
        if kind == "bu" and rng.random() < 0.25:
            where = rng.choice(unloaded)  # not loaded: stays unresolved (eu)
    passes = " %d" % rng.randrange(2, 50) if rng.random() < 0.3 else ""
    cmd = ' "%s"' % rng.choice(cmds_pool).replace('"', '\\"') if rng.random() < 0.4 else ""
    return "%s%s%s %s %s%s%s" % (prefix, kind, ident, " ".join(opts), where, passes, cmd)

def session(lines):
    text = "\n".join(lines) + "\n"
    r = subprocess.run([lindbg, prog], input=text, capture_output=True, text=True, timeout=60)
    return r.stdout

def after(out, marker):
    """The output of the command `marker`: up to the next prompt."""
    part = out.split("0:000> " + marker + "\n", 1)[1]
    lines = []
    for l in part.split("\n"):
        if l.startswith("0:000>"):
            break
        lines.append(l)
    return lines

for case in range(25):
    lines = [command() for _ in range(rng.randrange(1, 9))]
    if rng.random() < 0.5:
        lines.append("bd %d" % rng.randrange(0, 40))
    first = session(lines + ["bl", ".bpcmds"])
    bl1 = after(first, "bl")
    replay = [l for l in after(first, ".bpcmds") if l]
    open("replay.cmds", "w").write("\n".join(replay) + "\n")
    second = session(["$<replay.cmds", "bl"])
    bl2 = after(second, "bl")
    if not bl1:
        continue
    if bl1 != bl2:
        print("case", case, "set:", lines)
        print("first bl:", bl1)
        print("replayed:", replay)
        print("second bl:", bl2)
        sys.exit(1)
print("ok")
PY
done
echo ok
