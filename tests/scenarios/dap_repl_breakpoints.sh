# The editor's breakpoints and the Debug Console's share one manager, and
# neither takes the other's: a breakpoint typed in the console that got the
# id of one the editor set (deleted there) survives the editor's next
# setBreakpoints (and the program's output comes whole: a character a
# pipe read cuts is not split); a frame's source is where .srcsubst says (typed in the
# console); a logpoint writes its values as the Variables view does
# (a pointer with its text, an enum by name, an array whole).
. "$(dirname "$0")/../lib/scenario.sh"
src="$(cd "$(dirname "$0")/../fixtures" && pwd)/fx_dt.c"
line=$(grep -n 'raise(SIGUSR1);' "$src" | head -1 | cut -d: -f1)
loop_src="$(cd "$(dirname "$0")/../fixtures" && pwd)/fx_loop.c"
work_line=$(grep -n 'sum += work' "$loop_src" | cut -d: -f1)
python3 - "$LINDBG" "$FX" "$src" "$line" "$loop_src" "$work_line" <<'PY' || fail "DAP session"
import os, sys
sys.path.insert(0, os.path.join(os.environ["ROOT"], "tests", "lib"))
import dapclient

lindbg, fx, src, line, loop_src, work_line = sys.argv[1:7]

fail, check = dapclient.fail, dapclient.check

# 1. ownership
a = dapclient.Adapter([lindbg, "--dap"], fail=fail)
a.request("initialize", {"adapterID": "t"})
a.request("launch", {"program": fx + "/fx_loop", "args": ["/dev/null", "2"]})
a.event("initialized")
bp = a.request("setBreakpoints", {"source": {"path": loop_src},
                                  "breakpoints": [{"line": int(work_line)}]})["body"]["breakpoints"][0]
check("editor's breakpoint", (bp["id"], bp["verified"]), (1, True))
a.request("configurationDone")
st = a.event("stopped")["body"]
check("stop at it", st["hitBreakpointIds"], [1])
# the console deletes it and sets its own, which takes its id (0)
a.request("evaluate", {"expression": "bc 0; bp fx_loop!work", "context": "repl"})
bl = a.request("evaluate", {"expression": "bl", "context": "repl"})["body"]["result"]
check("console's breakpoint has id 0", bl.split()[0:1], ["0"])
# the editor clears its breakpoints in that file: the console's stays
a.request("setBreakpoints", {"source": {"path": loop_src}, "breakpoints": []})
bl = a.request("evaluate", {"expression": "bl", "context": "repl"})["body"]["result"]
check("console's breakpoint kept", "fx_loop!work" in bl, True)
a.request("continue", {"threadId": st["threadId"]})
st = a.event("stopped")["body"]
# its hits are its own (id 0 + 1), not reported as the editor's
check("console's breakpoint hit", (st["reason"], st["hitBreakpointIds"]), ("breakpoint", [1]))
f = a.request("stackTrace", {"threadId": st["threadId"], "levels": 1})["body"]["stackFrames"][0]
check("in work", "work" in f["name"], True)
# the sources moved: the console's .srcsubst finds them for the editor
os.makedirs("moved", exist_ok=True)
open("moved/fx_loop.c", "w").write(open(loop_src).read())
a.request("evaluate", {"expression": ".srcsubst %s %s/moved" % (os.path.dirname(loop_src), os.getcwd()),
                       "context": "repl"})
f = a.request("stackTrace", {"threadId": st["threadId"], "levels": 1})["body"]["stackFrames"][0]
check("source through .srcsubst", f["source"]["path"], os.getcwd() + "/moved/fx_loop.c")
a.request("disconnect", {"terminateDebuggee": True})
a.p.wait(timeout=30)

# 2. a logpoint's values as the Variables view shows them
a = dapclient.Adapter([lindbg, "--dap"], fail=fail)
a.request("initialize", {"adapterID": "t"})
a.request("launch", {"program": fx + "/fx_dt"})
a.event("initialized")
a.request("setExceptionBreakpoints", {"filters": ["SIGSEGV"]})
msg = "label={rp->label} mode={copy.mode} text={copy.text} scores={copy.scores} bad={no_such}"
a.request("setBreakpoints", {"source": {"path": src}, "breakpoints": [{"line": int(line), "logMessage": msg}]})
a.request("configurationDone")
a.event("terminated")
out = "".join(m["body"]["output"] for m in a.events if m.get("event") == "output"
              and m["body"].get("category") == "console")
got = [l for l in out.split("\n") if l.startswith("label=")]
check("one logpoint line", len(got), 1)
check("its values", got[0].split(" bad=")[0],
      'label="head" mode=MODE_FAST text=%s "hello dt" scores={10, 20, 30, 40}'
      % got[0].split("text=")[1].split()[0])
check("a name it cannot resolve", got[0].split(" bad=")[1].startswith("<Couldn't resolve"), True)
check("no stop", [m for m in a.events if m.get("event") == "stopped"], [])
a.request("disconnect", {})
a.p.wait(timeout=30)

# 3. the program's output whole: a character a pipe read cuts, a NUL
a = dapclient.Adapter([lindbg, "--dap"], fail=fail)
a.request("initialize", {"adapterID": "t"})
a.request("launch", {"program": fx + "/fx_dap", "args": ["bytes"]})
a.event("initialized")
a.request("configurationDone")
a.event("terminated")
out = "".join(m["body"]["output"] for m in a.events if m.get("event") == "output"
              and m["body"].get("category") == "stdout")
check("the program's output", out, "a" * 4094 + "\u00e9\nx?y\n")
a.request("disconnect", {})
a.p.wait(timeout=30)
PY
