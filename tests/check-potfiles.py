#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks po/POTFILES.in: sorted, every listed file exists, and every source file with
translatable strings (_(), N_(), C_(), NC_(), g_dgettext, translatable="yes", or a
desktop/metainfo/schema file) is listed. In a git checkout only committed files count, so a
colleague's unfinished file does not fail the check.

Usage: check-potfiles.py SOURCE_ROOT"""
import os
import re
import subprocess
import sys

root = sys.argv[1]
MARKS = re.compile(r'(\b(N|C|NC)?_\s*\(|\bg_dn?gettext\s*\(|translatable="yes")')
ALWAYS = re.compile(r'^data/[^/]+\.(desktop\.in|metainfo\.xml\.in|gschema\.xml)$')


def source_files():
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "src", "ui", "data"],
                             check=True, capture_output=True, text=True).stdout
        return [f for f in out.splitlines() if os.path.exists(os.path.join(root, f))]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for top in ("src", "ui", "data"):
            for d, _, names in os.walk(os.path.join(root, top)):
                files += [os.path.relpath(os.path.join(d, n), root) for n in names]
        return files


listed = []
with open(os.path.join(root, "po", "POTFILES.in")) as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.append(line)

problems = []
if listed != sorted(listed):
    problems.append("POTFILES.in is not sorted")
if len(set(listed)) != len(listed):
    problems.append("POTFILES.in lists a file twice")
for path in listed:
    if not os.path.exists(os.path.join(root, path)):
        problems.append("listed but missing: " + path)

for path in sorted(source_files()):
    if path in listed:
        continue
    if ALWAYS.match(path):
        problems.append("not listed: " + path)
        continue
    if not path.endswith((".c", ".h", ".ui")):
        continue
    with open(os.path.join(root, path), encoding="utf-8") as f:
        text = f.read()
    if path.endswith((".c", ".h")):
        text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    if MARKS.search(text):
        problems.append("has translatable strings but is not in POTFILES.in: " + path)

for p in problems:
    print(p)
print("POTFILES.in: %d files listed, %d problems" % (len(listed), len(problems)))
sys.exit(1 if problems else 0)
