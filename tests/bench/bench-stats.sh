#!/bin/sh
# bench-stats.sh PEPCTL [CHILDREN] — what `pepctl stats` costs with its signature check, each
# beside the figures alone (`stats --no-verify`) in the same run: the least CPU seconds (user
# + system) of 5 runs each, on `pepctl demo --children CHILDREN` (2000 by default).
#
#   verify     the full check (every signature of every signed PEP), which stats ran first
#              on every run before it read the marks
#   unchanged  stats on a file whose marks are up to date: no PEP checked again
#   one-edit   stats after one signed-off PEP was edited with sqlite3 behind the lock's back
#   figures    stats --no-verify: the figures alone, the floor
set -eu
pepctl=$1
children=${2:-2000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
times="$dir/times"

best () {
  : > "$times"
  for i in 1 2 3 4 5; do
    [ -z "${prepare:-}" ] || $prepare
    /usr/bin/time -o "$times" -a -f "%U %S" "$@" > /dev/null 2>&1 || true
  done
  awk '{ t = $1 + $2; if (NR == 1 || t < b) b = t } END { printf "%.2f", b }' "$times"
}

"$pepctl" demo "$dir/demo.db" --children "$children" > /dev/null
"$pepctl" verify "$dir/demo.db" > /dev/null 2>&1
cp "$dir/demo.db" "$dir/marked.db"

edit_one () {
  cp "$dir/marked.db" "$dir/demo.db"
  sqlite3 "$dir/demo.db" "$(sqlite3 "$dir/demo.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%lock%'")
    UPDATE plan SET voice_hopes = 'Rewritten' WHERE id = (SELECT max (id) FROM plan WHERE status = 'signed-off');"
}

figures=$(best "$pepctl" stats "$dir/demo.db" --no-verify)
verify=$(best "$pepctl" verify "$dir/demo.db")
unchanged=$(best "$pepctl" stats "$dir/demo.db")
prepare=edit_one
one_edit=$(best "$pepctl" stats "$dir/demo.db")
prepare=

echo "pepctl demo --children $children: $(sqlite3 "$dir/marked.db" "SELECT count (*) FROM plan_checked") signed PEPs"
printf '%-10s %6s s  %5.1f× the figures alone\n' \
  verify "$verify" "$(echo "$verify $figures" | awk '{ print $1 / $2 }')" \
  unchanged "$unchanged" "$(echo "$unchanged $figures" | awk '{ print $1 / $2 }')" \
  one-edit "$one_edit" "$(echo "$one_edit $figures" | awk '{ print $1 / $2 }')" \
  figures "$figures" 1
