# The DAP Variables view over fx_dt stopped at its raise() line in inspect:
# scopes (Arguments, Locals, Registers), structs, unions, bitfields, enums,
# char arrays and pointers, arrays paged by start/count, pointers to
# structs expanded one level at a time, compared with GDB's print at the
# same line; setVariable (an array element, a bitfield, a register, and a
# refusal for a variable held in a register), evaluate as hover/watch (C,
# then MASM), and references that die when the target runs; and a struct
# parameter of optimised code held in two registers.
. "$(dirname "$0")/../lib/scenario.sh"
prog="$FX/fx_dt"
src="$(cd "$(dirname "$0")/../fixtures" && pwd)/fx_dt.c"
line=$(grep -n 'raise(SIGUSR1);' "$src" | head -1 | cut -d: -f1)
[ -n "$line" ] || fail "no raise line in $src"

# GDB's values at the same stop, one `print` each
cat > gdb_exprs <<'X'
rp
mp
held
copy.text
copy.mode
copy.fl.ready
copy.fl.level
copy.fl.delta
copy.fl.wide
copy.num.i
copy.num.f
copy.mid.in.lo
copy.mid.in.hi
copy.mid.count
copy.scores[2]
grid[1].lo
grid[1].hi
rp->next->text
held->mode
X
gdb_args=()
while read -r e; do gdb_args+=(-ex "print $e"); done < gdb_exprs
gdb -nx -batch -ex "break fx_dt.c:$line" -ex run "${gdb_args[@]}" "$prog" > gdb.out 2>&1
grep -E '^\$[0-9]+ = ' gdb.out | sed -E 's/^\$[0-9]+ = //' > gdb_values
[ "$(wc -l < gdb_values)" = "$(wc -l < gdb_exprs)" ] || { cat gdb.out; fail "gdb printed no value for each expression"; }

gdb -nx -batch -ex 'break by_pieces' -ex run -ex 'print p' "$FX/fx_opt" > gdb_opt.out 2>&1
opt_p=$(grep -E '^\$1 = ' gdb_opt.out | sed -E 's/^\$1 = //')
[ -n "$opt_p" ] || { cat gdb_opt.out; fail "gdb printed no p in by_pieces"; }

cat > client.py <<'PY'
import json, os, re, select, subprocess, sys

lindbg, prog, src, line = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
opt_p = sys.argv[6]
exprs = open("gdb_exprs").read().split("\n")[:-1]
gdb = dict(zip(exprs, open("gdb_values").read().split("\n")[:-1]))
p, seq, buf, events = None, 0, b"", []

def start():
    global p, seq, buf, events
    p = subprocess.Popen([lindbg, "--dap"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=open("lindbg.err", "a"))
    seq, buf, events = 0, b"", []

def fail(msg):
    print("FAIL: " + msg)
    p.kill()
    sys.exit(1)

def read_msg():
    global buf
    while True:
        if b"\r\n\r\n" in buf:
            head, rest = buf.split(b"\r\n\r\n", 1)
            n = int(re.search(rb"Content-Length: *(\d+)", head, re.I).group(1))
            if len(rest) >= n:
                buf = rest[n:]
                return json.loads(rest[:n])
        r, _, _ = select.select([p.stdout], [], [], 30)
        if not r:
            fail("no message from lindbg in 30 s")
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            fail("lindbg closed its output")
        buf += chunk

def request(cmd, args=None, ok=True):
    global seq
    seq += 1
    msg = {"seq": seq, "type": "request", "command": cmd}
    if args is not None:
        msg["arguments"] = args
    data = json.dumps(msg).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
    p.stdin.flush()
    while True:
        m = read_msg()
        if m.get("type") == "event":
            events.append(m)
        elif m.get("type") == "response" and m.get("request_seq") == seq:
            if m.get("success") != ok:
                fail("%s %s: success %s, wanted %s (%s)" % (cmd, json.dumps(args), m.get("success"), ok, m.get("message")))
            return m

def wait_event(name):
    while True:
        for i, e in enumerate(events):
            if e["event"] == name:
                return events.pop(i)
        events.append(read_msg())

def check(what, got, want):
    if got != want:
        fail("%s: %r, wanted %r" % (what, got, want))
    print("ok %s = %s" % (what, got))

start()
request("initialize", {"adapterID": "lindbg", "linesStartAt1": True, "columnsStartAt1": True})
request("launch", {"program": prog})
wait_event("initialized")
bp = request("setBreakpoints", {"source": {"path": src}, "breakpoints": [{"line": line}]})
check("breakpoint verified", bp["body"]["breakpoints"][0]["verified"], True)
request("configurationDone")
stop = wait_event("stopped")["body"]
check("stop reason", stop["reason"], "breakpoint")
frames = request("stackTrace", {"threadId": stop["threadId"]})["body"]["stackFrames"]
check("frame 0", (re.split(r"[!+( ]", frames[0]["name"].split("!")[-1])[0], frames[0]["line"]), ("inspect", line))
scopes = request("scopes", {"frameId": frames[0]["id"]})["body"]["scopes"]
check("scopes", [s["name"] for s in scopes], ["Arguments", "Locals", "Registers"])
scope = {s["name"]: s["variablesReference"] for s in scopes}

def children(ref, **kw):
    if not ref:
        fail("no children to ask for")
    kw["variablesReference"] = ref
    return request("variables", kw)["body"]["variables"]

def find(vs, name):
    for v in vs:
        if v["name"] == name:
            return v
    fail("no %s among %s" % (name, [v["name"] for v in vs]))

def lookup(scope_name, path):
    v = find(children(scope[scope_name]), path[0])
    for name in path[1:]:
        v = find(children(v["variablesReference"]), name)
    return v

def hexes(s):
    return re.findall(r"0x[0-9a-f]+", s)[:1]

args = children(scope["Arguments"])
check("arguments", [(v["name"], v["type"]) for v in args], [("rp", "struct record *"), ("mp", "middle_alias *")])
check("rp", hexes(find(args, "rp")["value"]), hexes(gdb["rp"]))
check("mp", hexes(find(args, "mp")["value"]), hexes(gdb["mp"]))
locs = children(scope["Locals"])
check("locals", [(v["name"], v["type"]) for v in locs],
      [("copy", "struct record"), ("grid", "struct inner [2]"), ("held", "struct record *")])
check("held", hexes(find(locs, "held")["value"]), hexes(gdb["held"]))
check("copy's value", find(locs, "copy")["value"], "{...}")
check("grid indexedVariables", find(locs, "grid").get("indexedVariables"), 2)

# every scalar GDB printed, reached by expanding the Variables tree
for e in exprs:
    if e in ("rp", "mp", "held"):
        continue
    path = re.split(r"\.|->|(?=\[)", e)
    v = lookup("Arguments" if path[0] in ("rp", "mp") else "Locals", path)
    check(e, v["value"], gdb[e])
    if e.startswith("copy."):
        check(e + " evaluateName", v["evaluateName"], e)

copy = find(children(scope["Locals"]), "copy")
members = children(copy["variablesReference"])
check("copy.label", find(members, "label")["value"], '"head"')
check("copy.scores", find(members, "scores")["value"], "{10, 20, 30, 40}")
check("copy.num.bytes", lookup("Locals", ["copy", "num", "bytes"])["value"], '"DCBA"')
# a page of an array: only the elements asked for
page = children(lookup("Locals", ["copy", "pairs"])["variablesReference"], start=1, count=2)
check("pairs page", [v["name"] for v in page], ["[1]", "[2]"])
check("pairs[2].hi", find(children(page[1]["variablesReference"]), "hi")["value"], "6")
# a pointer to a struct: its pointee's members, one level per request
nxt = lookup("Arguments", ["rp", "next"])
check("rp->next's label", find(children(nxt["variablesReference"]), "label")["value"], '"tail"')
check("null pointer", find(children(nxt["variablesReference"]), "next")["variablesReference"], 0)

# registers of frame 0: the thread's own
regs = children(scope["Registers"])
check("rip", int(hexes(find(regs, "rip")["value"])[0], 16), int(frames[0]["instructionPointerReference"], 16))
check("register names", [r["name"] for r in regs][:4] + [r["name"] for r in regs][-2:],
      ["rax", "rbx", "rcx", "rdx", "rip", "eflags"])

# setVariable: the value is written, read back, and seen by the next request
fid = frames[0]["id"]
scores = find(children(copy["variablesReference"]), "scores")
r = request("setVariable", {"variablesReference": scores["variablesReference"], "name": "[1]", "value": "21*2"})
check("set copy.scores[1]", r["body"]["value"], "42")
check("hover copy.scores", request("evaluate", {"expression": "copy.scores", "frameId": fid, "context": "hover"})["body"]["result"], "{10, 42, 30, 40}")
fl = find(children(copy["variablesReference"]), "fl")
r = request("setVariable", {"variablesReference": fl["variablesReference"], "name": "delta", "value": "-7"})
check("set copy.fl.delta (a 5-bit field)", r["body"]["value"], "-7")
flv = {v["name"]: v["value"] for v in children(fl["variablesReference"])}
check("copy.fl after", flv, {"ready": gdb["copy.fl.ready"], "level": gdb["copy.fl.level"], "delta": "-7", "wide": gdb["copy.fl.wide"]})
r = request("setVariable", {"variablesReference": scope["Locals"], "name": "held", "value": "0"}, ok=False)
check("held refused", r["message"].split(":")[0], "Not supported")
r = request("setVariable", {"variablesReference": scope["Registers"], "name": "rax", "value": "0x1234"})
check("set rax", r["body"]["value"], "0x0000000000001234")
check("watch @rax", request("evaluate", {"expression": "@rax", "frameId": fid, "context": "watch"})["body"]["result"], "4660")

# evaluate: C with a type and children, then MASM
r = request("evaluate", {"expression": "rp->mid", "frameId": fid, "context": "watch"})["body"]
check("watch rp->mid", (r["result"], r["type"], r["variablesReference"] > 0), ("{...}", "middle_alias", True))
check("rp->mid.count", find(children(r["variablesReference"]), "count")["value"], gdb["copy.mid.count"])
r = request("evaluate", {"expression": "by(fx_rec)", "frameId": fid, "context": "watch"})["body"]
check("MASM by(fx_rec)", r["result"], "0x68")
request("evaluate", {"expression": "no_such_name", "frameId": fid, "context": "hover"}, ok=False)

# references end when the target runs
old = copy["variablesReference"]
request("next", {"threadId": stop["threadId"]})
wait_event("stopped")
r = request("variables", {"variablesReference": old}, ok=False)
check("stale reference", r["message"].split(":")[0], "Couldn't resolve error")
request("disconnect", {"terminateDebuggee": True})
p.wait(timeout=30)

# optimised code: a struct parameter that lives split over two registers
# (DW_OP_piece) is shown from its bytes, and cannot be set
start()
request("initialize", {"adapterID": "lindbg"})
request("launch", {"program": sys.argv[5]})
wait_event("initialized")
request("setFunctionBreakpoints", {"breakpoints": [{"name": "by_pieces"}]})
request("configurationDone")
stop = wait_event("stopped")["body"]
frames = request("stackTrace", {"threadId": stop["threadId"]})["body"]["stackFrames"]
scopes = request("scopes", {"frameId": frames[0]["id"]})["body"]["scopes"]
scope = {s["name"]: s["variablesReference"] for s in scopes}
pv = find(children(scope["Arguments"]), "p")
check("by_pieces p", (pv["value"], pv["type"], "memoryReference" in pv), ("{...}", "struct pair", False))
pm = children(pv["variablesReference"])
check("by_pieces p members", "{%s}" % ", ".join("%s = %s" % (v["name"], v["value"]) for v in pm), opt_p)
r = request("setVariable", {"variablesReference": pv["variablesReference"], "name": "a", "value": "5"}, ok=False)
check("p.a refused", r["message"].split(":")[0], "Not supported")
request("disconnect", {"terminateDebuggee": True})
p.wait(timeout=30)
print("ok all")
PY
python3 client.py "$LINDBG" "$prog" "$src" "$line" "$FX/fx_opt" "$opt_p" > client.out 2>&1 || { cat client.out; cat lindbg.err; fail "DAP client failed"; }
expect_in client.out '^ok all$'
echo ok
