# !address against /proc/PID/maps as the program itself read it right
# before the stop (fx_memmap copies it): the same regions, each with the
# protection its r/w/x bits give, the usage its name gives ([heap] Heap,
# a library's file Image with its module, [vvar] Other, [stack] the first
# thread's Stack), two Stack regions for the two threads, the second
# thread's glibc arena heap (both its parts) as Heap, Guard only right
# below a Stack, and Free rows that are exactly the gaps between the
# mappings.
. "$(dirname "$0")/../lib/scenario.sh"
printf 'bp fx_stop\ng\n!address\n' > cmds
timeout 60 "$LINDBG" -cf cmds "$FX/fx_memmap" "$PWD/maps" < /dev/null > out 2>&1 || { cat out; fail "lindbg failed"; }
[ -s maps ] || { cat out; fail "the program wrote no copy of its maps"; }
"$PYTHON" - out maps <<'PY' || exit 1
import re, sys
out, maps = open(sys.argv[1]).read().splitlines(), open(sys.argv[2]).read().splitlines()
def num(t): return int(t.replace("`", ""), 16)
rows = []
for line in out:
    m = re.match(r"^[+ ] +([0-9a-f]+`[0-9a-f]+) +([0-9a-f]+`[0-9a-f]+) +([0-9a-f]+`[0-9a-f]+) +(.*)$", line)
    if m:
        rest = m.group(4).split()
        rows.append((num(m.group(1)), num(m.group(2)), num(m.group(3)), rest))
if not rows:
    sys.exit("FAIL: no !address rows:\n" + "\n".join(out))
words = {"---": "PAGE_NOACCESS", "r--": "PAGE_READONLY", "rw-": "PAGE_READWRITE",
         "r-x": "PAGE_EXECUTE_READ", "rwx": "PAGE_EXECUTE_READWRITE", "--x": "PAGE_EXECUTE"}
busy = [r for r in rows if "MEM_FREE" not in r[3]]
if len(busy) != len(maps):
    sys.exit("FAIL: %d regions shown, maps has %d" % (len(busy), len(maps)))
prev = 0
for row, line in zip(busy, maps):
    f = line.split(None, 5)
    start, end = (int(x, 16) for x in f[0].split("-"))
    path = f[5] if len(f) > 5 else ""
    if (row[0], row[1], row[2]) != (start, end, end - start):
        sys.exit("FAIL: %s shown as %x-%x" % (line, row[0], row[1]))
    typ, state, prot, usage = row[3][:4]
    if prot != words[f[1][:3]]:
        sys.exit("FAIL: %s shown with %s" % (line, prot))
    want = {"[heap]": "Heap", "[vvar]": "Other", "[vsyscall]": "Other", "[stack]": "Stack"}.get(path)
    if path.endswith("/libc.so.6"):
        want = "Image"
        if "[libc;" not in row[3]:
            sys.exit("FAIL: %s not named as libc: %s" % (line, row[3]))
    if want and usage != want:
        sys.exit("FAIL: %s shown as %s" % (line, usage))
    if start < 0x7ffffffff000 and prev < start:
        gap = [r for r in rows if r[0] == prev and r[1] == start and "Free" in r[3]]
        if not gap:
            sys.exit("FAIL: no Free row for the gap %x-%x" % (prev, start))
    prev = end
# glibc's thread arenas: rw at a 64 MB boundary, then --- up to the next
# one (the second thread mallocs); Guard only right below a Stack
arenas = 0
for i in range(len(maps) - 1):
    f, g = maps[i].split(None, 5), maps[i + 1].split(None, 5)
    s, e = (int(x, 16) for x in f[0].split("-"))
    s2, e2 = (int(x, 16) for x in g[0].split("-"))
    if (len(f) == 5 and len(g) == 5 and f[1].startswith("rw-") and g[1].startswith("---")
            and s % (64 << 20) == 0 and s2 == e and e2 == s + (64 << 20)):
        arenas += 1
        if busy[i][3][3] != "Heap" or busy[i + 1][3][3] != "Heap":
            sys.exit("FAIL: arena heap %s / %s shown as %s / %s" % (maps[i], maps[i + 1], busy[i][3][3], busy[i + 1][3][3]))
if arenas != 1:
    sys.exit("FAIL: %d thread arena heaps in the maps, not 1" % arenas)
for i, r in enumerate(busy):
    if r[3][3] == "Guard" and not (i + 1 < len(busy) and busy[i + 1][3][3] == "Stack" and busy[i + 1][0] == r[1]):
        sys.exit("FAIL: Guard %x-%x not right below a Stack" % (r[0], r[1]))
stacks = [r for r in busy if r[3][3] == "Stack"]
if len(stacks) != 2:
    sys.exit("FAIL: %d Stack regions, not 2" % len(stacks))
print("ok: %d regions" % len(busy))
PY
