#!/usr/bin/env python3
"""A small Debug Adapter Protocol client for the benchmarks: launches a
program under an adapter with one logpoint and times the run.

usage: dap_client.py ADAPTER_CMD PROGRAM SOURCE LINE MESSAGE [ARGS...]
ADAPTER_CMD is one shell word list ("build/lindbg --dap"). Prints
`seconds=S outputs=N stops=K`: S from configurationDone to the program's
end, N the output events whose text starts with the message's first word,
K the stopped events (a logpoint must make none)."""
import json
import os
import shlex
import subprocess
import sys
import time


class Adapter:
    def __init__(self, cmd):
        self.p = subprocess.Popen(shlex.split(cmd), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.seq = 0
        self.buf = b""

    def send(self, command, args=None):
        self.seq += 1
        m = {"seq": self.seq, "type": "request", "command": command}
        if args is not None:
            m["arguments"] = args
        b = json.dumps(m).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        self.p.stdin.flush()
        return self.seq

    def read(self):
        while True:
            i = self.buf.find(b"\r\n\r\n")
            if i >= 0:
                n = int(self.buf[:i].split(b":")[1])
                if len(self.buf) >= i + 4 + n:
                    m = json.loads(self.buf[i + 4:i + 4 + n])
                    self.buf = self.buf[i + 4 + n:]
                    return m
            d = os.read(self.p.stdout.fileno(), 1 << 16)
            if not d:
                raise EOFError("the adapter ended")
            self.buf += d


def main():
    cmd, program, source, line, message = sys.argv[1:6]
    args = sys.argv[6:]
    a = Adapter(cmd)
    a.send("initialize", {"adapterID": "bench", "linesStartAt1": True, "columnsStartAt1": True})
    a.send("launch", {"program": program, "args": args, "cwd": os.getcwd()})
    marker = message.split("{")[0].split()[0] if message.split() else message
    outputs = stops = 0
    configured = False
    start = None
    while True:
        m = a.read()
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
