"""Property: every hit is counted once. A breakpoint on hit() counts its
hits with "r $t0=@$t0+1; gc"; whatever kind of stop the session is at
(initial break, a breakpoint, a data breakpoint by debug register or by
page protection, a kernel write, after t and p, after Ctrl+C, after a
first-chance signal) and whatever is changed there (breakpoints added,
removed, disabled next to it; data breakpoints of each mechanism added and
removed; eb next to the site; .dbgregs emulate and auto), $t0 must end at
the program's own count. Sessions are generated from fixed seeds, on one
thread and on eight; every kind of stop must have been seen, and the
counting breakpoint must have been decided in the target (a pad: `bl`
says "(in target)") at some stops and by lindbg at others (a breakpoint
inside the bytes its jump would cover keeps it an int3).

The program's own count of the SIGUSR1s it sent itself is checked too,
but a shortfall is only said, not a failure: under 8 threads and Ctrl+C
one signal in about a hundred sessions is lost, a known open bug.

EXACT_SESSIONS (default 4) sets the sessions per thread count at least;
more are run, up to three times that, until every kind of stop was seen.
EXACT_SEED=N replays one session; EXACT_LOG_DIR keeps failing sessions'
whole transcripts."""
import os
import random
import re
import signal
import sys
import time
import pexpect
from pexpect.popen_spawn import PopenSpawn

LINDBG = os.environ["LINDBG"]
FX = os.environ["FX"]
PROMPT = r"\d+:\d{3}> "
ROUNDS = 40
MAX_STOPS = 24
SESSIONS = int(os.environ.get("EXACT_SESSIONS", "4"))

KINDS = ["initial", "bp", "ba_dr", "ba_emulated", "kernel_write", "step", "ctrl_c", "signal",
         "in_target", "int3"]


class Session:
    def __init__(self, threads, rng):
        self.rng = rng
        self.threads = threads
        # through pipes (a script session): Ctrl+C is a SIGINT to lindbg
        self.child = PopenSpawn([LINDBG, FX + "/fx_exact", str(threads), str(ROUNDS)],
                                encoding="utf-8", timeout=60)
        self.log = []
        self.typed = []  # what was typed, to replay a failure
        self.seen = set()
        self.marker = None   # None, "on", "off": bp 1 on marker
        self.mid = False     # bp 5 inside hit(), never stopping
        self.flag = None     # None, "dr", "emulated": ba 2 on fx_flag
        self.kw = False      # ba 3 on a thread's part of fx_buf
        self.emulate = False
        self.lost_signal = None

    def cmd(self, line):
        self.typed.append(line)
        self.child.sendline(line)
        self.child.expect(PROMPT)
        out = self.child.before
        self.log.append(line + "\n" + out)
        return out

    def start(self):
        self.child.expect(PROMPT)
        self.log.append(self.child.before)
        self.dr_fire = "do not trigger" not in self.cmd(".dbgregs")
        out = self.cmd("u hit L3")
        addrs = re.findall(r"^([0-9a-f]{8}`[0-9a-f]{8}) ", out, re.M)
        self.second = addrs[1].replace("`", "")  # hit's second instruction
        self.cmd('bp0 hit "r $t0=@$t0+1; gc"')
        self.cmd("sxe usr1")

    def change(self):
        r = self.rng
        options = ["marker_add", "marker_rm", "marker_toggle", "mid_add", "mid_rm",
                   "flag_emulated", "flag_rm", "kw_add", "kw_rm", "eb", "dbgregs", "none"]
        if self.dr_fire:
            options.append("flag_dr")
        what = r.choice(options)
        if what == "marker_add" and self.marker is None:
            self.cmd("bp1 marker")
            self.marker = "on"
        elif what == "marker_rm" and self.marker:
            self.cmd("bc 1")
            self.marker = None
        elif what == "marker_toggle" and self.marker:
            self.cmd("bd 1" if self.marker == "on" else "be 1")
            self.marker = "off" if self.marker == "on" else "on"
        elif what == "mid_add" and not self.mid:
            self.cmd(r.choice(['bp5 %s "gc"' % self.second,
                               'bp5 /w "@rdi==0x7fffffff" %s' % self.second,
                               "bp5 %s 0x100000" % self.second]))
            self.mid = True
        elif what == "mid_rm" and self.mid:
            self.cmd(r.choice(["bc 5", "bd 5"]))
            self.mid = False
        elif what in ("flag_dr", "flag_emulated") and not self.flag:
            want = "emulated" if what == "flag_emulated" or not self.dr_fire else "dr"
            if want == "emulated" and not self.emulate:
                self.cmd(".dbgregs emulate")
                self.emulate = True
            elif want == "dr" and self.emulate:
                self.cmd(".dbgregs auto")
                self.emulate = False
            self.cmd("ba2 w8 fx_flag")
            self.flag = want
        elif what == "flag_rm" and self.flag:
            self.cmd("bc 2")
            self.flag = None
        elif what == "kw_add" and not self.kw:
            self.cmd("ba3 w8 fx_buf+0x%x" % (64 * r.randrange(self.threads)))
            self.kw = True
        elif what == "kw_rm" and self.kw:
            self.cmd("bc 3")
            self.kw = False
        elif what == "eb":
            k = r.randrange(1, 4)
            self.cmd("eb hit+%d by(hit+%d)" % (k, k))
        elif what == "dbgregs" and not self.flag:
            self.emulate = not self.emulate
            self.cmd(".dbgregs emulate" if self.emulate else ".dbgregs auto")

    def classify(self, out, stepped):
        lines = [l for l in out.splitlines() if l.strip()]
        events = [l for l in lines if re.search(r"Breakpoint \d+ hit|Break-in|Signal SIGUSR1|"
                                                r"Exit process", l)]
        last = events[-1] if events else ""
        if "Exit process" in last:
            return "exit"
        if "Break-in (Ctrl+C)" in last:
            return "ctrl_c"
        if "Signal SIGUSR1" in last:
            return "signal"
        m = re.search(r"Breakpoint (\d+) hit", last)
        if m and m.group(1) == "1":
            return "bp"
        if m and m.group(1) == "3" and "kernel write" in last:
            return "kernel_write"
        if m and m.group(1) == "2":
            return "ba_dr" if self.flag == "dr" else "ba_emulated"
        if m and m.group(1) == "0":
            return "step" if stepped else "bp0"
        return "step" if stepped else "other"

    def resume(self):
        r = self.rng
        how = r.choices(["g", "t", "p", "t 3", "p 4", "ctrl_c"], [10, 2, 2, 1, 2, 3])[0]
        if how == "ctrl_c":
            return self.interrupt(r.random() * 0.05)
        else:
            out = self.cmd(how) if how != "g" else None
            if out is None:
                self.typed.append("g")
                self.child.sendline("g")
                self.child.expect(PROMPT)
                out = self.child.before
        self.log.append(how + "\n" + out)
        return self.classify(out, how[0] in "tp")

    def run(self):
        self.start()
        self.seen.add("initial")
        for _ in range(self.rng.randrange(0, 3)):
            self.change()
        kind = None
        for _ in range(MAX_STOPS):
            kind = self.resume()
            if kind == "exit":
                break
            self.seen.add(kind)
            # how the run that just ended decided the counting breakpoint
            self.seen.add("in_target" if "(in target)" in self.cmd("bl 0") else "int3")
            for _ in range(self.rng.randrange(1, 3)):
                self.change()
        if kind != "exit":
            for n in (1, 2, 3, 5):
                self.cmd("bc %d" % n)  # an error for one that is not there
            self.cmd("sxi usr1")
            # the program runs on, stopping only for the counting breakpoint:
            # a Ctrl+C now finds it running (or in that breakpoint's command)
            kind = self.interrupt(0.01)
            if kind == "ctrl_c":
                self.seen.add(kind)
            while kind != "exit":
                kind = self.resume_plain()
        out = "".join(self.log)
        m = re.search(r"fx_exact: hits=(\d+) signals=(\d+)", out)
        counted = self.cmd("? @$t0")
        c = re.search(r"Evaluate expression: (\d+) =", counted)
        self.child.sendline("q")
        self.child.expect(pexpect.EOF)
        self.child.wait()
        if not m or not c:
            return "no result (program: %s, counter: %s)" % (bool(m), bool(c))
        want = self.threads * ROUNDS
        signals = self.threads * len([i for i in range(ROUNDS) if i % 16 == 11])
        if int(m.group(1)) != want:
            return "the program was disturbed: %s" % m.group(0)
        if int(c.group(1)) != want:
            return "counted %s hits for %d" % (c.group(1), want)
        if int(m.group(2)) != signals:
            # a known open bug (rare, under 8 threads and Ctrl+C): said, and
            # counted in the summary, but not a failure of the property
            self.lost_signal = "the program saw %s of its %d signals" % (m.group(2), signals)
        return None

    def interrupt(self, delay):
        self.typed.append("g  $$ Ctrl+C")
        self.child.sendline("g")
        time.sleep(delay)
        os.kill(self.child.proc.pid, signal.SIGINT)
        self.child.expect(PROMPT)
        out = self.child.before
        self.log.append("g (Ctrl+C)\n" + out)
        return self.classify(out, False)

    def resume_plain(self):
        self.typed.append("g")
        self.child.sendline("g")
        self.child.expect(PROMPT)
        out = self.child.before
        self.log.append("g\n" + out)
        return "exit" if "Exit process" in out or "nothing to run" in out.lower() else "more"


def main():
    failures = 0
    only = os.environ.get("EXACT_SEED")
    if only:  # one session again: EXACT_SEED=8000
        seed = int(only)
        s = Session(8 if seed >= 8000 else 1, random.Random(seed))
        err = s.run()
        print("".join(s.log))
        print("typed: " + " | ".join(s.typed))
        print("seed=%d stops=%s %s" % (seed, sorted(s.seen), err or "exact"))
        return 1 if err else 0
    for threads in (1, 8):
        seen = set()
        dr_fire = True
        for n in range(SESSIONS * 3):
            if n >= SESSIONS and seen >= set(KINDS) - ({"ba_dr"} if not dr_fire else set()):
                break
            seed = 1000 * threads + n
            s = Session(threads, random.Random(seed))
            try:
                err = s.run()
            except pexpect.ExceptionPexpect as ex:
                err = "session failed: %s" % type(ex).__name__
            dr_fire = getattr(s, "dr_fire", True)
            seen |= s.seen
            print("threads=%d seed=%d stops=%s %s%s" % (threads, seed, sorted(s.seen),
                                                        err or "exact",
                                                        " (but %s)" % s.lost_signal
                                                        if s.lost_signal else ""))
            if err:
                failures += 1
                print("".join(s.log)[-6000:])
                if os.environ.get("EXACT_LOG_DIR"):  # the whole session, to study
                    with open("%s/exact-%d.log" % (os.environ["EXACT_LOG_DIR"], seed), "w") as f:
                        f.write("".join(s.log))
                print("typed: " + " | ".join(s.typed))
        want = set(KINDS) - ({"ba_dr"} if not dr_fire else set())
        if not dr_fire:
            print("threads=%d: debug registers do not fire here: ba_dr not exercised" % threads)
        if not want <= seen:
            print("threads=%d: kinds of stop never seen: %s" % (threads, sorted(want - seen)))
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
