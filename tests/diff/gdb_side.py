# Runs inside GDB (gdb -batch -nx -x gdb_side.py PROG): GDB's half of the
# differential test. Reads its orders from the JSON file named by
# $GDBDIFF_CFG: {"mode": "reach" | "dump", "addrs": [...], "out": path}.
# One temporary breakpoint per address, the program run to its end; at each
# stop, "reach" records the pc, "dump" records frames 0-3 with every
# argument and local that `info args` / `info locals` would print (the
# innermost block outwards up to the function), each as an integer where
# its type is an integer, char, bool, enum or pointer. Python rather than
# parsing `info locals`, so that types are known (a double 0 prints as 0).
import json
import re
import os

import gdb

cfg = json.load(open(os.environ["GDBDIFF_CFG"]))
gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("set print entry-values no")
# the program's stack must start where it does under lindbg (same
# environment and argv): stack addresses are compared too
gdb.execute("set startup-with-shell off")
gdb.execute("unset environment LINES")
gdb.execute("unset environment COLUMNS")
gdb.execute("unset environment GDBDIFF_CFG")
# with thousands of breakpoints, GDB would otherwise remove and insert
# them all at every stop
gdb.execute("set breakpoint always-inserted on")

INT_CODES = (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_CHAR, gdb.TYPE_CODE_BOOL, gdb.TYPE_CODE_ENUM)
ULONG = gdb.lookup_type("unsigned long")


def value_of(sym, frame):
    """('int', n, size), ('opt',) when GDB prints <optimized out> or cannot
    read it, ('skip', why) for values this test does not compare."""
    try:
        v = sym.value(frame)
    except (gdb.error, RuntimeError, ValueError):
        return ("opt",)
    try:
        if v.is_optimized_out:
            return ("opt",)
        t = v.type.strip_typedefs()
        if t.code in INT_CODES:
            return ("int", int(v), t.sizeof)
        if t.code == gdb.TYPE_CODE_PTR:
            return ("int", int(v.cast(ULONG)), 8)
        return ("skip", str(t.code))
    except (gdb.error, RuntimeError, ValueError, OverflowError):
        # synthetic pointers, partly optimized-out values, unreadable memory
        return ("opt",)


CALLEE_SAVED = ("$rbx", "$rbp", "$r12", "$r13", "$r14", "$r15")


def describe(desc):
    """One location (GDB's words, with the DWARF operations that follow a
    "complex DWARF expression") as a short class."""
    if "constant" in desc:
        return "constant"
    if "optimized out" in desc:
        return "optimized out"
    if "static storage" in desc:
        return "static"
    m = re.search(r"a variable in (\$\w+)", desc)
    if m:
        return "register %s" % ("callee-saved" if m.group(1) in CALLEE_SAVED else "caller-saved")
    ops = re.findall(r"DW_OP_(\w+)", desc)
    for key, kind in (("entry_value", "entry value"), ("implicit_pointer", "implicit pointer"),
                      ("parameter_ref", "parameter ref"), ("piece", "pieces"),
                      ("stack_value", "computed (stack_value)")):
        if any(key in o for o in ops):
            return kind
    if ops:
        first = re.sub(r"\d+$", "", ops[0])
        return "expression %s%s" % (first, " ..." if len(ops) > 1 else "")
    return desc.strip()[:40]


def loc_kind(name, pc):
    """How DWARF says where the variable lives at pc, from `info address`
    (in the selected frame): what a value lindbg misses would need."""
    try:
        text = gdb.execute("info address " + name, to_string=True)
    except gdb.error:
        return "?"
    if "multi-location" not in text:
        return describe(text)
    # "Range 0xLO-0xHI: <desc>" blocks: the one that holds pc
    parts = re.split(r"\n\s*(?:Base address 0x[0-9a-f]+\s+)?Range ", text)
    for part in parts[1:]:
        m = re.match(r"0x([0-9a-f]+)-0x([0-9a-f]+): (.*)", part, re.S)
        if m and int(m.group(1), 16) <= pc < int(m.group(2), 16):
            return "loclist: " + describe(m.group(3))
    return "loclist: no range"


def frame_record(frame, depth):
    fn = frame.function()
    rec = {
        "name": fn.name if fn else (frame.name() or "??"),
        "pc": frame.pc(),
        # frames with no stack frame of their own: inlined calls, and the
        # tail calls GDB rebuilds from DW_TAG_call_site
        "inline": frame.type() in (gdb.INLINE_FRAME, gdb.TAILCALL_FRAME),
        "kind": {gdb.INLINE_FRAME: "inline", gdb.TAILCALL_FRAME: "tailcall"}.get(frame.type(), ""),
        "vars": [],
    }
    try:
        block = frame.block()
    except RuntimeError:
        rec["nodebug"] = True
        return rec
    while block is not None:
        for sym in block:
            if not (sym.is_argument or sym.is_variable):
                continue
            val = list(value_of(sym, frame))
            if val[0] == "int":
                frame.select()
                val.append(loc_kind(sym.name, frame.pc() - (1 if depth else 0)))
            rec["vars"].append([sym.name, bool(sym.is_argument)] + val)
        if block.function is not None:
            break
        block = block.superblock
    return rec


def libc_base():
    """Where libc's first mapping starts (to tell a value that differs only
    because the libraries lie elsewhere under the other debugger)."""
    try:
        text = gdb.execute("info proc mappings", to_string=True)
    except gdb.error:
        return 0
    starts = [int(l.split()[0], 16) for l in text.splitlines()
              if "/libc.so" in l and l.split()[0].startswith("0x")]
    return min(starts) if starts else 0


exited = []
gdb.events.exited.connect(lambda ev: exited.append(1))
seen = set()
for a in cfg["addrs"]:
    if a not in seen:
        seen.add(a)
        gdb.Breakpoint("*0x%x" % a, internal=False, temporary=True)

stops = []
try:
    gdb.execute("run", to_string=True)
    while not exited:
        frame = gdb.newest_frame()
        pc = frame.pc()
        if cfg["mode"] == "reach":
            stops.append({"pc": pc})
        else:
            frames = []
            while frame is not None and len(frames) < 4:
                frames.append(frame_record(frame, len(frames)))
                frame = frame.older()
            stops.append({"pc": pc, "frames": frames, "libc": libc_base()})
        gdb.execute("continue", to_string=True)
except gdb.error as e:
    stops.append({"error": str(e)})
json.dump(stops, open(cfg["out"], "w"))
gdb.execute("kill")
