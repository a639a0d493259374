#!/usr/bin/env python3
"""A small Debug Adapter Protocol client for the benchmarks: launches a
program under an adapter with one logpoint and times the run.

usage: dap_client.py ADAPTER_CMD PROGRAM SOURCE LINE MESSAGE [ARGS...]
ADAPTER_CMD is one shell word list ("build/lindbg --dap"). Prints
`seconds=S outputs=N stops=K`: S from configurationDone to the program's
end, N the output events whose text starts with the message's first word,
K the stopped events (a logpoint must make none)."""
import os
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib"))
import dapclient  # noqa: E402


def main():
    cmd, program, source, line, message = sys.argv[1:6]
    args = sys.argv[6:]
    a = dapclient.Adapter(shlex.split(cmd))
    a.send("initialize", {"adapterID": "bench", "linesStartAt1": True, "columnsStartAt1": True})
    a.send("launch", {"program": program, "args": args, "cwd": os.getcwd()})
    marker = message.split("{")[0].split()[0] if message.split() else message
    outputs = stops = 0
    configured = False
    start = None
    while True:
        m = a.read(timeout=None)
        if m["type"] == "event":
            ev = m["event"]
            if ev == "initialized" and not configured:
                configured = True
                a.send("setBreakpoints", {"source": {"path": source},
                                          "breakpoints": [{"line": int(line), "logMessage": message}]})
                start = time.time()
                a.send("configurationDone")
            elif ev == "output" and m["body"].get("output", "").lstrip().startswith(marker):
                outputs += m["body"]["output"].count(marker)
            elif ev == "stopped":
                stops += 1
                a.send("continue", {"threadId": m["body"].get("threadId", 0)})
            elif ev in ("exited", "terminated"):
                break
        elif m["type"] == "response" and not m["success"]:
            print("adapter refused %s: %s" % (m["command"], m.get("message")), file=sys.stderr)
    seconds = time.time() - start
    a.send("disconnect", {"terminateDebuggee": True})
    try:
        a.p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        a.p.kill()
    print("seconds=%.6f outputs=%d stops=%d" % (seconds, outputs, stops))


if __name__ == "__main__":
    main()
