#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# pepctl-man.sh HELP2MAN PEPCTL OUTPUT
#
# Writes pepctl's man page from the built binary: help2man turns `pepctl --help` and
# `--version` into the page, and a COMMANDS section holds each command's own --help, so the
# page follows the code with nothing to keep in step by hand.
set -eu

help2man=$1
pepctl=$2
output=$3

# The page is written in the source language, and a sanitizer build must not fail here.
LC_ALL=C.UTF-8
LANGUAGE=
ASAN_OPTIONS=detect_leaks=0
export LC_ALL LANGUAGE ASAN_OPTIONS

include=$(mktemp)
trap 'rm -f "$include"' EXIT

commands=$("$pepctl" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 && $1 != "Commands:" { print $1 }')
[ -n "$commands" ] || { echo "pepctl-man.sh: no commands in pepctl --help" >&2; exit 1; }

{
  echo '[DESCRIPTION]'
  echo 'pepctl works on PEP Studio files \- the SQLite files in which PEP Studio keeps the'
  echo 'Personal Education Plans of children in care \- from the command line, for scripts,'
  echo 'bulk work and benchmarks.'
  echo
  echo '[COMMANDS]'
  for command in $commands; do
    echo ".SS $command"
    echo '.nf'
    # Escape backslashes and lines that would start a roff request.
    "$pepctl" "$command" --help | sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
    echo '.fi'
  done
  echo
  echo '[EXIT STATUS]'
  echo '0 on success, 1 for a usage error, 2 for a data error (a missing, foreign, damaged or'
  echo 'newer file, an unknown PEP). Messages go to standard error.'
} > "$include"

"$help2man" --no-info --no-discard-stderr \
  --name 'work on PEP Studio files from the command line' \
  --section 1 --include "$include" --output "$output" "$pepctl"
