"""Tab at the prompt (libedit): command names, `mod!symbol` of the program
and of libc once loaded, module names, `@register`, `@$pseudo`, a file
name after `$<`; a second Tab
lists the candidates, a long list is asked for first; each completed
command then runs."""
import os
import re
import sys
import pexpect

LINDBG = os.environ["LINDBG"]
FX = os.environ["FX"]
PROMPT = r"0:00\d> "
BELL = "\x07"


def main():
    # a script file to complete, in a directory of its own (the test's
    # directory is the current one)
    os.makedirs("compltest", exist_ok=True)
    with open("compltest/cmds_for_completion.txt", "w") as f:
        f.write(".echo ran-the-completed-script\n")
    child = pexpect.spawn(LINDBG, [FX + "/fx_stack"], encoding="utf-8", timeout=30,
                          dimensions=(40, 200))
    child.logfile_read = sys.stdout
    child.expect("Initial break after exec")
    child.expect(PROMPT)

    # command names: `b` is ambiguous and adds nothing (a bell), the second
    # Tab lists every b command
    child.send("b\t")
    child.expect_exact(BELL)
    child.send("\t")
    child.expect(r"\r\n(b\w* +)+b\w*\r\n")
    listed = child.after.split()
    for want in ["ba", "bc", "bd", "be", "bl", "bm", "bp", "bu"]:
        if want not in listed:
            print("\nmissing from the listing:", want, listed)
            return 1
    if any(not n.startswith("b") for n in listed):
        print("\nnot a b command:", listed)
        return 1
    # the line is kept: `b` + `p`, then a unique symbol prefix of the program
    child.send("p fx_stack!ma\t")
    child.expect_exact("in ")
    child.send("\r")
    child.expect(PROMPT)
    child.sendline("bl")
    child.expect(r" 0 e [0-9a-f`]+ +0001 \(0001\)  0:\*\*\*\* fx_stack!main\r\n")
    child.expect(PROMPT)

    # an ambiguous prefix: the common part at once, the list at the next Tab
    child.send("u fx_stack!__do\t")
    child.expect_exact("_global_dtors_aux")
    child.send("\t")
    child.expect(r"__do_global_dtors_aux +__do_global_dtors_aux_fini_array_entry\r\n")
    child.expect(PROMPT)
    child.send("\r")
    child.expect(r"fx_stack!__do_global_dtors_aux:\r\n")
    child.expect(PROMPT)

    # libc's symbols once it is loaded
    child.sendline("g")
    child.expect("Breakpoint 0 hit")
    child.expect(PROMPT)
    child.send("bp libc!mallo\t")
    child.expect_exact(BELL)  # malloc, mallopt, ...: nothing in common to add
    child.send("\t")
    child.expect(r"\r\n(mallo\w* +)+mallo\w*\r\n")
    listed = child.after.split()
    for want in ["malloc", "mallopt", "malloc_usable_size"]:
        if want not in listed:
            print("\nmissing from the libc listing:", want, listed)
            return 1
    child.expect(PROMPT)
    child.send("c_u\t")
    child.expect_exact("sable_size ")
    child.send("\r")
    child.expect(PROMPT)
    child.sendline("bl")
    child.expect(r" 1 e [0-9a-f`]+ +0001 \(0001\)  0:\*\*\*\* libc!malloc_usable_size\r\n")
    child.expect(PROMPT)

    # thousands of names: asked first; `n` keeps the line as it was
    child.send("x libc!\t\t")
    child.expect(r"Display all (\d+) possibilities\? \(y or n\)")
    if int(child.match.group(1)) < 1000:
        print("\nlibc has more names than", child.match.group(1))
        return 1
    child.send("n")
    child.expect(PROMPT)
    child.send("mallopt\r")
    child.expect(r"[0-9a-f`]{17} libc!mallopt\r\n")
    child.expect(PROMPT)

    # registers after @
    child.send("r @ri\t")
    child.expect_exact("p ")
    child.send("\r")
    child.expect(r"rip=0000[0-9a-f]{12}\r\n")
    child.expect(PROMPT)

    # pseudo-registers the evaluator knows, after $ or @$
    child.send("? @$exen\t")
    child.expect_exact("try ")
    child.send("\r")
    child.expect(r"Evaluate expression: \d+ = [0-9a-f`]{17}\r\n")
    child.expect(PROMPT)

    # a module name before its '!', then one of its symbols
    child.send("x fx_st\t")
    child.expect_exact("ack!")
    child.send("ma\t")
    child.expect_exact("in ")
    child.send("\r")
    child.expect(r"[0-9a-f`]{17} fx_stack!main\r\n")
    child.expect(PROMPT)

    # a directory, then a file name, after $<
    child.send("$<compl\t")
    child.expect_exact("test/")
    child.send("cmds\t")
    child.expect_exact("_for_completion.txt ")
    child.send("\r")
    child.expect("ran-the-completed-script")
    child.expect(PROMPT)

    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    if child.exitstatus != 0:
        print("lindbg exit status", child.exitstatus)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
