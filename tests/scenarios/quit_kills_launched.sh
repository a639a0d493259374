# `q` kills a launched target, whether it is at the initial break or has
# run; so does the end of input; `.kill` kills and stays in lindbg.
. "$(dirname "$0")/../lib/scenario.sh"
count() { pgrep -f "$FX/fx_spin" | wc -l; }
before=$(count)
printf 'q\n' | "$LINDBG" "$FX/fx_spin" > s1.out 2>&1 || fail "lindbg failed"
[ "$(count)" -eq "$before" ] || fail "q left fx_spin running"
"$LINDBG" "$FX/fx_spin" < /dev/null > s2.out 2>&1 || fail "lindbg failed"
[ "$(count)" -eq "$before" ] || fail "end of input left fx_spin running"
printf '.kill\n.echo after\nr\n' | "$LINDBG" "$FX/fx_spin" > s3.out 2>&1 || fail "lindbg failed"
expect_in s3.out "^Terminated"
expect_in s3.out "^after"
expect_in s3.out "No target"
[ "$(count)" -eq "$before" ] || fail ".kill left fx_spin running"
echo ok
