"""Ctrl+C ten times in a row while the target runs: one break-in, the
target is not killed by the extra interrupts, the session goes on, and the
target runs on after g."""
import os
import sys
import time
import pexpect

LINDBG = os.environ["LINDBG"]
FX = os.environ["FX"]
PROMPT = r"0:00\d> "


def main():
    child = pexpect.spawn(LINDBG, [FX + "/fx_spin"], encoding="utf-8", timeout=20,
                          dimensions=(40, 200))
    child.logfile_read = sys.stdout
    child.expect(PROMPT)
    child.sendline("g")
    child.expect("fx_spin: spinning")
    time.sleep(0.3)
    for _ in range(10):
        child.sendintr()
        time.sleep(0.01)
    child.expect(r"Break-in \(Ctrl\+C\)")
    child.expect(PROMPT)
    time.sleep(0.5)
    child.sendline(".echo alive")
    child.expect("alive")
    child.expect(PROMPT)
    child.sendline("~")
    child.expect(r"Unfrozen")
    child.expect(PROMPT)
    # the target was not killed by the interrupts: it runs on, and breaks in again
    child.sendline("g")
    child.expect("g\r\n")
    time.sleep(0.5)
    child.sendintr()
    child.expect(r"Break-in \(Ctrl\+C\)")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    out = child.before or ""
    if "Exit process" in out:
        print("the target died")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
