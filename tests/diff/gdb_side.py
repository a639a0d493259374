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


def frame_record(frame):
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
            rec["vars"].append([sym.name, bool(sym.is_argument)] + list(value_of(sym, frame)))
        if block.function is not None:
            break
        block = block.superblock
    return rec


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
                frames.append(frame_record(frame))
                frame = frame.older()
            stops.append({"pc": pc, "frames": frames})
        gdb.execute("continue", to_string=True)
except gdb.error as e:
    stops.append({"error": str(e)})
json.dump(stops, open(cfg["out"], "w"))
gdb.execute("kill")
