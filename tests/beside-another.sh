#!/bin/bash
# beside-another.sh — issue 17's proof that no test depends on the clock or the load:
# `make test` RUNS times in a row in one clean clone while another clean clone runs
# `make test` over and over beside it, on the same machine. Not part of `make test` (about
# two hours on 2 cores); run by hand before a release:
#
#   tests/beside-another.sh [RUNS] [WORKDIR]      (defaults: 3, a new temporary folder)
#
# Prints each run's last line (`tests: N passed, N failed`) and exits 1 if any run failed,
# of either clone (the one beside finishes the run it is in). The logs stay in WORKDIR.
set -u

runs=${1:-3}
work=${2:-$(mktemp -d)}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)

git clone -q "$repo" "$work/measured"
git clone -q "$repo" "$work/beside"

(
  cd "$work/beside"
  n=0
  while [ ! -e "$work/measured.done" ]; do
    n=$((n + 1))
    echo "=== beside run $n $(date +%T)"
    CI=true bash .ci/run
    echo "=== beside run $n rc=$? $(date +%T)"
  done
) > "$work/beside.log" 2>&1 &
beside=$!

status=0
for n in $(seq "$runs"); do
  echo "=== measured run $n $(date +%T)" >> "$work/measured.log"
  (cd "$work/measured" && CI=true bash .ci/run) >> "$work/measured.log" 2>&1 || status=1
  echo "run $n: $(grep '^tests:' "$work/measured.log" | tail -1)"
done
touch "$work/measured.done"
wait "$beside"
echo "beside: $(grep '^=== beside run [0-9]* rc=' "$work/beside.log" | tr '\n' ' ')"
grep -q '^=== beside run [0-9]* rc=[1-9]' "$work/beside.log" && status=1
echo "logs in $work"
exit $status
