# A program whose source tree was moved after the build: lsa says it
# cannot find the file DWARF names; .srcpath (by the path relative to the
# compilation directory, or by trailing components) and .srcsubst (GDB's
# set substitute-path) find it again, for lsa, ls and l+s.
. "$(dirname "$0")/../lib/scenario.sh"
top=$PWD
mkdir -p old/src
cat > old/src/moved.c <<'C'
#include <stdio.h>

static int twice(int v)
{
    int r = v * 2; /* MARK-TWICE */
    return r;
}

int main(void)
{
    printf("%d\n", twice(21));
    return 0;
}
C
(cd old && gcc -g -O0 -o moved src/moved.c) || fail "gcc failed"
mv old new
prog="$top/new/moved"

run() { "$LINDBG" "$prog" < "$1" > "$2" 2>&1 || fail "lindbg failed on $1"; }

# 1. nothing set: a clear line naming the file as DWARF has it
printf 'bu moved!twice\ng\nlsa\n.srcpath\n.srcsubst\nq\n' > c1
run c1 o1
expect_in o1 "^Couldn't find source file $top/old/src/moved.c \(not there, nor through \.srcsubst or under \.srcpath\)"
expect_in o1 '^Source search path is: <empty>$'
expect_in o1 '^No source path substitutions$'
expect_not_in o1 'MARK-TWICE'

# 2. .srcpath: the new root (path relative to the compilation directory),
# after an entry that does not have it; ';' separates entries
printf 'bu moved!twice\ng\n.srcpath %s/nowhere;%s/new\nlsa\nls\n' "$top" "$top" > c2
run c2 o2
expect_in o2 "^Source search path is: $top/nowhere;$top/new$"
expect_in o2 '^>    4: \{$'
expect_in o2 '^     5:     int r = v \* 2; /\* MARK-TWICE \*/$'
expect_in o2 '^    11:     printf'

# 3. .srcpath+ appends; the directory of the file itself (trailing components)
printf 'bu moved!twice\ng\n.srcpath %s/nowhere\n.srcpath+ %s/new/src\nlsa\n' "$top" "$top" > c3
run c3 o3
expect_in o3 "^Source search path is: $top/nowhere;$top/new/src$"
expect_in o3 '^>    4: \{$'
expect_in o3 '^     5:     int r = v \* 2; /\* MARK-TWICE \*/$'

# 4. .srcsubst OLD NEW, and l+s shows the line at each stop
printf '.srcsubst %s/old %s/new\nl+s\nbu moved!twice\ng\n' "$top" "$top" > c4
run c4 o4
expect_in o4 "^$top/old -> $top/new$"
expect_in o4 '^>    4: \{$'
expect_not_in o4 "^Couldn't find"


# 5. a substitution whose target lacks the file changes nothing wrongly
printf '.srcsubst %s/old %s/elsewhere\nbu moved!twice\ng\nlsa\n' "$top" "$top" > c5
run c5 o5
expect_in o5 "^Couldn't find source file $top/old/src/moved.c"
echo ok
