"""On a terminal: Ctrl+C while the target runs breaks in (the target is
stopped, not killed, and runs on after `g`); Ctrl+C at the prompt gives a
fresh prompt and nothing else; typed commands land in the history file."""
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
    child.expect("Initial break after exec")
    child.expect(PROMPT)
    # Ctrl+C at the prompt: nothing harmful
    child.sendintr()
    child.sendline(".echo still-here")
    child.expect("still-here")
    child.expect(PROMPT)
    child.sendline("g")
    child.expect("fx_spin: spinning")
    for round_no in range(3):
        child.sendintr()
        child.expect(r"Break-in \(Ctrl\+C\)")
        child.expect(PROMPT)
        child.sendline("? fx_spins_is_not_a_symbol_yet")
        child.expect("Couldn't resolve")
        child.expect(PROMPT)
        if round_no < 2:
            child.sendline("g")
            # a ^C flushes unread terminal input: let lindbg take the g first
            child.expect("g\r\n")
            time.sleep(0.3)
    # the target is alive and stopped: registers can be read
    child.sendline("r rip")
    child.expect(r"rip=0000[0-9a-f]{12}")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    if child.exitstatus != 0:
        print("lindbg exit status", child.exitstatus)
        return 1
    hist = os.path.join(os.environ["HOME"], ".lindbg_history")
    # libedit's format: vis(3)-encoded lines, a space is \040
    text = open(hist).read().replace("\\040", " ")
    if ".echo still-here" not in text or "r rip" not in text:
        print("history file lacks the commands:", repr(text))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
