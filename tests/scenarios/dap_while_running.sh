# What the adapter does with requests that come while the program runs:
# a setBreakpoints queued behind a console command that waits for the stop
# is served at once (the run goes on to hit it, no spinning on break-ins);
# a run the console started is not broken into for it (no `pause` stop);
# and a restart whose program is gone ends the session with exited and
# terminated, not a session with nothing in it.
. "$(dirname "$0")/../lib/scenario.sh"
loop_src="$(cd "$(dirname "$0")/../fixtures" && pwd)/fx_loop.c"
count_line=$(grep -n 'fx_counter++;' "$loop_src" | cut -d: -f1)
cp "$FX/fx_loop" ./prog
python3 - "$LINDBG" "$PWD/prog" "$loop_src" "$count_line" <<'PY' || fail "DAP session"
import os, sys, time
sys.path.insert(0, os.path.join(os.environ["ROOT"], "tests", "lib"))
import dapclient

lindbg, prog, loop_src, count_line = sys.argv[1:5]

fail, check = dapclient.fail, dapclient.check

def session(args, stop_on_entry=False):
    a = dapclient.Adapter([lindbg, "--dap"], fail=fail)
    a.request("initialize", {"adapterID": "t"})
    a.request("launch", {"program": prog, "args": args, "stopOnEntry": stop_on_entry})
    a.event("initialized")
    a.request("configurationDone")
    return a

# 1. [evaluate (waits for the stop), setBreakpoints (served mid-run)]
a = session(["/dev/null", "100"])
time.sleep(0.3)
q = a.send("evaluate", {"expression": "bl", "context": "repl"})
r = a.request("setBreakpoints", {"source": {"path": loop_src}, "breakpoints": [{"line": int(count_line)}]},
              timeout=20)
check("breakpoint set while running", r["body"]["breakpoints"][0]["verified"], True)
st = a.event("stopped", timeout=20)["body"]
check("the run went on to hit it", (st["reason"], st["hitBreakpointIds"]), ("breakpoint", [1]))
a.request("disconnect", {"terminateDebuggee": True})
a.p.wait(timeout=30)

# 2. a run the console started is not broken into for a setBreakpoints
a = session(["/dev/null", "20"], stop_on_entry=True)
a.event("stopped")
a.send("evaluate", {"expression": "g", "context": "repl"})
time.sleep(0.3)
a.request("setBreakpoints", {"source": {"path": loop_src}, "breakpoints": []}, timeout=30)
a.event("terminated", timeout=30)
stops = [m["body"]["reason"] for m in a.events if m.get("event") == "stopped"]
check("no stop in the console's run", stops, [])
a.request("disconnect", {})
a.p.wait(timeout=30)

# 3. restart with the program gone
a = session(["/dev/null", "20"], stop_on_entry=True)
a.event("stopped")
os.unlink(prog)
r = a.request("restart", {}, ok=False)
check("restart refused", r["success"], False)
a.event("exited")
a.event("terminated")
print("ok exited and terminated after a failed restart")
a.request("disconnect", {})
a.p.wait(timeout=30)
PY
