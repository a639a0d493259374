# lindbg --dap, from a client speaking the protocol (Content-Length framed
# JSON): five data breakpoints on one page, more than the four debug
# registers, each stop reported as a "data breakpoint" with its id; a new
# set replaces the old one, a hit count holds the stop back; readMemory
# shows the program's bytes under a breakpoint (as GDB reads them from the
# file); writeMemory; disassemble around a function, backward too, with
# its source line; modules; loadedSources; the signal filters.
. "$(dirname "$0")/../lib/scenario.sh"
prog="$FX/fx_dapwatch"
touch_off=$(nm "$prog" | awk '$3 == "touch" {print $1}')
[ -n "$touch_off" ] || fail "no touch in $prog"
# the first bytes and instruction of touch as the file has them
gdb -batch -ex 'set disassembly-flavor intel' -ex 'x/16xb touch' -ex 'x/i touch' "$prog" > gdb.out 2>&1
# and its first line, as GDB finds it
touch_line=$(gdb -batch -ex 'info line *touch' "$prog" | sed -n 's/^Line \([0-9]*\) of.*/\1/p')
[ -n "$touch_line" ] || fail "gdb has no line for touch"
python3 - "$LINDBG" "$prog" "$touch_off" "$touch_line" gdb.out <<'PY' || fail "DAP session"
import base64, json, os, select, subprocess, sys, time

lindbg, prog, touch_off, touch_line, gdb_out = sys.argv[1:6]
touch_off, touch_line = int(touch_off, 16), int(touch_line)
gdb = open(gdb_out).read().split("\n")
gdb_bytes = bytes(int(w, 16) for l in gdb if l.startswith("0x") and ":\t" in l
                  for w in l.split(":\t", 1)[1].split())
gdb_insn = [l for l in gdb if "<touch>:" in l and "\t0x" not in l][0].split(":", 1)[1].split()[0]
assert len(gdb_bytes) == 16, gdb

def start(name):
    global p, buf, seq, events, log
    p = subprocess.Popen([lindbg, "--dap"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=open(name + ".stderr", "w"))
    buf, seq, events, log = b"", 0, [], open(name + ".log", "w")

start("dap")

def fail(msg):
    print("FAIL:", msg)
    p.kill()
    sys.exit(1)

def send(cmd, args=None):
    global seq
    seq += 1
    m = {"seq": seq, "type": "request", "command": cmd}
    if args is not None:
        m["arguments"] = args
    body = json.dumps(m).encode()
    log.write(">> %s\n" % body.decode())
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    p.stdin.flush()
    return seq

def read_msg(timeout):
    global buf
    end = time.time() + timeout
    while True:
        h = buf.find(b"\r\n\r\n")
        if h >= 0:
            n = int([l.split(b":")[1] for l in buf[:h].split(b"\r\n")
                     if l.lower().startswith(b"content-length")][0])
            if len(buf) >= h + 4 + n:
                m = json.loads(buf[h + 4:h + 4 + n])
                buf = buf[h + 4 + n:]
                log.write("<< %s\n" % json.dumps(m))
                log.flush()
                return m
        left = end - time.time()
        if left <= 0 or not select.select([p.stdout], [], [], left)[0]:
            fail("no message from the adapter in %d s" % timeout)
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            fail("the adapter closed its output")
        buf += chunk

def request(cmd, args=None, ok=True, timeout=30):
    s = send(cmd, args)
    while True:
        m = read_msg(timeout)
        if m["type"] == "event":
            events.append(m)
        elif m["type"] == "response" and m["request_seq"] == s:
            if ok and not m["success"]:
                fail("%s failed: %s" % (cmd, m.get("message")))
            return m.get("body") or {}

def event(name, timeout=30):
    while True:
        for i, m in enumerate(events):
            if m["event"] == name:
                return events.pop(i).get("body") or {}
        events.append(read_msg(timeout))

def check(cond, what, got=None):
    if not cond:
        fail("%s%s" % (what, "" if got is None else ": %s" % json.dumps(got)))

caps = request("initialize", {"adapterID": "lindbg", "clientID": "check", "linesStartAt1": True,
                              "columnsStartAt1": True, "pathFormat": "path",
                              "supportsMemoryReferences": True})
filters = {f["filter"]: f for f in caps.get("exceptionBreakpointFilters", [])}
check("SIGSEGV" in filters and filters["SIGSEGV"].get("default") is True
      and filters["cpp_throw"].get("default") is False, "initialize's exception filters", caps)
check(caps.get("supportsDataBreakpoints") and caps.get("supportsReadMemoryRequest")
      and caps.get("supportsDisassembleRequest"), "initialize's capabilities", caps)
request("launch", {"program": prog, "args": [], "cwd": os.getcwd(), "stopOnEntry": False})
event("initialized")
request("setFunctionBreakpoints", {"breakpoints": [{"name": "main"}]})
request("configurationDone")
st = event("stopped")
tid = st["threadId"]

# modules: the program, where its file is, and libc
mods = request("modules", {})["modules"]
me = [m for m in mods if m["name"] == "fx_dapwatch"]
check(me and me[0]["path"].endswith("/fx_dapwatch"), "modules: the program", mods)
check(any(m["name"].startswith("libc.so") for m in mods), "modules: libc", mods)
base, end = (int(x, 16) for x in me[0]["addressRange"].split("-"))
touch = base + touch_off
check(base <= touch < end, "touch in the program's range", me)

# a breakpoint on touch: readMemory shows the program's bytes, not 0xCC
r = request("setFunctionBreakpoints", {"breakpoints": [{"name": "main"}, {"name": "touch"}]})
check(all(b["verified"] for b in r["breakpoints"]), "breakpoint on touch", r)
r = request("readMemory", {"memoryReference": hex(touch), "count": 16})
check(int(r["address"], 16) == touch and base64.b64decode(r["data"]) == gdb_bytes,
      "readMemory at touch = the file's bytes %s" % gdb_bytes.hex(), r)
r = request("readMemory", {"memoryReference": hex(base), "offset": -16, "count": 32})
check(r.get("unreadableBytes") == 16 and r["data"] == "", "readMemory before the program", r)

# disassemble: three instructions before touch, touch's first, its line
r = request("disassemble", {"memoryReference": hex(touch), "instructionOffset": -3,
                            "instructionCount": 8, "resolveSymbols": True})["instructions"]
check(len(r) == 8, "disassemble: 8 rows", r)
addrs = [int(i["address"], 16) for i in r]
check(addrs == sorted(addrs) and addrs[3] == touch, "disassemble: touch is row 3", r)
check(addrs[2] + len(r[2]["instructionBytes"].split()) == touch, "disassemble: row 2 ends at touch", r)
check(r[3]["instruction"].split()[0] == gdb_insn and "touch" in r[3].get("symbol", "")
      and r[3].get("line") == touch_line and r[3]["location"]["path"].endswith("fx_dapwatch.c"),
      "disassemble: touch's first instruction (%s, line %d)" % (gdb_insn, touch_line), r[3])
r = request("disassemble", {"memoryReference": hex(base), "instructionOffset": -2,
                            "instructionCount": 3})["instructions"]
check(len(r) == 3 and r[0].get("presentationHint") == "invalid"
      and int(r[2]["address"], 16) == base, "disassemble: unmapped rows are invalid", r)

srcs = request("loadedSources")["sources"]
check(any(s["path"].endswith("tests/fixtures/fx_dapwatch.c") for s in srcs), "loadedSources", srcs)
request("setFunctionBreakpoints", {"breakpoints": []})

# five data breakpoints on one page: page protection past four registers
info = {}
for name, size in (("w_a", 4), ("w_b", 4), ("fx_dapwatch!w_c", 4), ("&w_d", 8), ("w_e", 2)):
    r = request("dataBreakpointInfo", {"name": name, "frameId": 0})
    check(r.get("dataId") and r["dataId"].endswith(":%d" % size)
          and set(r.get("accessTypes", [])) >= {"read", "write", "readWrite"},
          "dataBreakpointInfo %s" % name, r)
    info[name] = r["dataId"]
pages = {int(i.split(":")[0], 16) >> 12 for i in info.values()}
check(len(pages) == 1, "the five on one page", info)
# a local of the frame: where `dv /v` says it is
fr = request("stackTrace", {"threadId": tid})["stackFrames"]
r = request("dataBreakpointInfo", {"name": "rounds", "frameId": fr[0]["id"]})
dv = request("evaluate", {"expression": "dv /v", "context": "repl", "frameId": fr[0]["id"]})["result"]
at = [l.split()[0].replace("`", "") for l in dv.split("\n") if l.split()[-3:-2] == ["rounds"]]
check(at and r.get("dataId") == "0x%x:4" % int(at[0], 16), "dataBreakpointInfo of local rounds (%s)" % dv, r)
r = request("dataBreakpointInfo", {"name": "no_such_variable"})
check("dataId" in r and r["dataId"] is None and r.get("description"), "an unknown name", r)
r = request("setDataBreakpoints", {"breakpoints": [{"dataId": i, "accessType": "write"}
                                                   for i in info.values()]})["breakpoints"]
check(len(r) == 5 and all(b["verified"] for b in r) and len({b["id"] for b in r}) == 5,
      "setDataBreakpoints: five", r)
ids = [b["id"] for b in r]
for k, name in enumerate(info):
    request("continue", {"threadId": tid})
    st = event("stopped")
    check(st.get("reason") == "data breakpoint" and st.get("hitBreakpointIds") == [ids[k]],
          "stop %d: data breakpoint %d (%s)" % (k + 1, ids[k], name), st)

# writeMemory, read back
r = request("writeMemory", {"memoryReference": info["w_a"].split(":")[0],
                            "data": base64.b64encode(b"\x78\x56\x34\x12").decode()})
check(r.get("bytesWritten") == 4, "writeMemory", r)
r = request("readMemory", {"memoryReference": info["w_a"].split(":")[0], "count": 4})
check(base64.b64decode(r["data"]) == b"\x78\x56\x34\x12", "readMemory after writeMemory", r)

# a new set replaces the old one; its hit count lets two writes pass
r = request("dataBreakpointInfo", {"name": "counters[2]"})
cid = r["dataId"]
r = request("setDataBreakpoints", {"breakpoints": [{"dataId": cid, "accessType": "write",
                                                    "hitCondition": "3"}]})["breakpoints"]
check(len(r) == 1 and r[0]["verified"], "setDataBreakpoints: the counter", r)
request("continue", {"threadId": tid})
st = event("stopped")
check(st.get("reason") == "data breakpoint" and st.get("hitBreakpointIds") == [r[0]["id"]],
      "the counter's third write stops", st)
m = request("readMemory", {"memoryReference": cid.split(":")[0], "count": 4})
check(int.from_bytes(base64.b64decode(m["data"]), "little") == 21, "counters[2] after 3 rounds", m)

# signals as exception filters: one chosen stops, the others pass with a
# second-chance stop, as sxe and sxd set them
r = request("setExceptionBreakpoints", {"filters": ["SIGSEGV"]})["breakpoints"]
check(len(r) == 1 and r[0]["verified"], "setExceptionBreakpoints", r)
r = request("evaluate", {"expression": "sx", "context": "repl"})
sx = r.get("result", "") + "".join(e["body"].get("output", "") for e in events
                                   if e["event"] == "output")
check(any("SIGSEGV" in l and l.rstrip().endswith("- break") for l in sx.split("\n"))
      and any("SIGABRT" in l and "second-chance break" in l for l in sx.split("\n")),
      "sx after the filters", sx)

request("setDataBreakpoints", {"breakpoints": []})
request("continue", {"threadId": tid})
ex = event("exited")
check(ex.get("exitCode") == 0, "the program exits", ex)
request("disconnect", {}, ok=False)
p.wait(timeout=30)

# the filters in a run: SIGUSR1 ("other signals", left out) reaches the
# program's handler without a stop, SIGSEGV (chosen) stops at once
start("signals")
request("initialize", {"adapterID": "lindbg", "clientID": "check"})
request("launch", {"program": os.path.dirname(prog) + "/fx_signal", "args": ["segv"],
                   "cwd": os.getcwd(), "stopOnEntry": False})
event("initialized")
request("setExceptionBreakpoints", {"filters": ["SIGSEGV"]})
request("configurationDone")
st = event("stopped")
check(st.get("reason") == "exception" and "SIGSEGV" in json.dumps(st), "only SIGSEGV stops", st)
out = ""
while "handler saw" not in out:  # the program's output comes on its own
    out += event("output", timeout=10).get("output", "")
check("handler saw 10" in out, "SIGUSR1 reached the handler", out)
request("disconnect", {"terminateDebuggee": True}, ok=False)
p.wait(timeout=30)
print("ok")
PY
echo ok
