"""A Debug Adapter Protocol client for the scenarios that drive
`lindbg --dap` from Python (and for bench/dap_client.py): Content-Length
framing over the adapter's standard streams, requests answered in order,
the events seen meanwhile kept until asked for. A message that does not
come in time, or an adapter that closes its output, is a failure given to
`fail` (a function of one message, which does not return)."""
import json
import os
import select
import subprocess
import sys


class DapError(Exception):
    pass


def fail(msg):
    """A scenario's failure: said, and the script ends."""
    print("FAIL:", msg)
    sys.exit(1)


def check(what, got, want):
    if got != want:
        fail("%s: %r, wanted %r" % (what, got, want))
    print("ok", what)


def _raise(msg):
    raise DapError(msg)


class Adapter:
    def __init__(self, argv, stderr=None, log=None, fail=_raise):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=stderr if stderr is not None else subprocess.DEVNULL)
        self.seq, self.buf, self.events = 0, b"", []
        self.log, self.fail = log, fail

    def send(self, command, args=None):
        self.seq += 1
        m = {"seq": self.seq, "type": "request", "command": command}
        if args is not None:
            m["arguments"] = args
        data = json.dumps(m).encode()
        if self.log:
            self.log.write(">> %s\n" % data.decode())
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.p.stdin.flush()
        return self.seq

    def read(self, timeout=30):
        """The next message; timeout None waits as long as it takes."""
        while True:
            h = self.buf.find(b"\r\n\r\n")
            if h >= 0:
                n = int([l.split(b":")[1] for l in self.buf[:h].split(b"\r\n")
                         if l.lower().startswith(b"content-length")][0])
                if len(self.buf) >= h + 4 + n:
                    m = json.loads(self.buf[h + 4:h + 4 + n])
                    self.buf = self.buf[h + 4 + n:]
                    if self.log:
                        self.log.write("<< %s\n" % json.dumps(m))
                        self.log.flush()
                    return m
            if timeout is not None and not select.select([self.p.stdout], [], [], timeout)[0]:
                self.fail("no message from the adapter in %s s" % timeout)
            chunk = os.read(self.p.stdout.fileno(), 1 << 16)
            if not chunk:
                self.fail("the adapter closed its output")
            self.buf += chunk

    def request(self, command, args=None, ok=True, timeout=30):
        """The whole response; its success must be `ok` (None: either)."""
        s = self.send(command, args)
        while True:
            m = self.read(timeout)
            if m.get("type") == "event":
                self.events.append(m)
            elif m.get("type") == "response" and m.get("request_seq") == s:
                if ok is not None and m.get("success") != ok:
                    self.fail("%s %s: success %s, wanted %s (%s)" % (
                        command, json.dumps(args), m.get("success"), ok, m.get("message")))
                return m

    def event(self, name, timeout=30):
        """The first event of that name, seen already or coming."""
        while True:
            for i, m in enumerate(self.events):
                if m.get("event") == name:
                    return self.events.pop(i)
            m = self.read(timeout)
            if m.get("type") == "event":
                self.events.append(m)

    def kill(self):
        self.p.kill()
