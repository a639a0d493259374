"""A breakpoint whose command string re-arms itself with `g` forever: Ctrl+C
still breaks in (at once, every time), the breakpoint can be cleared, and
the program then runs to its end."""
import os
import sys
import time
import pexpect

LINDBG = os.environ["LINDBG"]
FX = os.environ["FX"]
PROMPT = r"0:00\d> "


def main():
    child = pexpect.spawn(LINDBG, [FX + "/fx_loop", "/dev/null", "40"], encoding="utf-8",
                          timeout=20, dimensions=(40, 200))
    child.logfile_read = sys.stdout
    child.expect("Initial break after exec")
    child.expect(PROMPT)
    child.sendline('bp fx_loop!work ".echo again; g"')
    child.expect(PROMPT)
    for _ in range(3):
        child.sendline("g")
        child.expect("again")
        time.sleep(0.5)
        child.sendintr()
        child.expect(PROMPT, timeout=5)
    child.sendline("bc *")
    child.expect(PROMPT)
    child.sendline("g")
    child.expect(r"fx_loop: sum=\d+ counter=40000", timeout=30)
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    return 0 if child.exitstatus == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
