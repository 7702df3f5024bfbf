#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that every translation in po/LINGUAS is complete for the sources as they are now:
the strings of every file in po/POTFILES.in are extracted afresh (xgettext with the options
of meson's 'glib' preset, and po/its for the built-in rubric), merged into each LANG.po in a
temporary folder, and any message left untranslated or fuzzy fails the check, listed. A
string added without its translation fails here, not in a user's language.

To fix: meson compile -C build pepstudio-update-po, translate what it lists in po/LANG.po.

Usage: check-po-complete.py SOURCE_ROOT"""
import os
import subprocess
import sys
import tempfile

root = sys.argv[1]
po_dir = os.path.join(root, "po")
KEYWORDS = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3",
            "g_dpgettext2:2c,3"]
FLAGS = ["N_:1:pass-c-format", "C_:2:pass-c-format", "NC_:2:pass-c-format",
         "g_dngettext:2:pass-c-format", "g_strdup_printf:1:c-format",
         "g_string_printf:2:c-format", "g_string_append_printf:2:c-format",
         "g_error_new:3:c-format", "g_set_error:4:c-format", "g_printerr:1:c-format",
         "g_printf:1:c-format", "g_snprintf:3:c-format"]

languages = []
with open(os.path.join(po_dir, "LINGUAS")) as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            languages.append(line)

problems = 0
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "pepstudio.pot")
    env = dict(os.environ, GETTEXTDATADIRS=po_dir)
    cmd = ["xgettext", "--package-name=pepstudio", "--from-code=UTF-8", "--add-comments",
           "--directory=" + root, "--files-from=" + os.path.join(po_dir, "POTFILES.in"),
           "--output=" + pot]
    cmd += ["--keyword=" + k for k in KEYWORDS] + ["--flag=" + f for f in FLAGS]
    subprocess.run(cmd, check=True, env=env, stderr=subprocess.DEVNULL)
    for lang in languages:
        merged = os.path.join(tmp, lang + ".po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                        os.path.join(po_dir, lang + ".po"), pot], check=True)
        for what, option in (("untranslated", "--untranslated"), ("fuzzy", "--only-fuzzy")):
            out = subprocess.run(["msgattrib", option, "--no-obsolete", "--no-wrap", merged],
                                 check=True, capture_output=True, text=True).stdout
            for block in out.split("\n\n"):
                lines = [l for l in block.splitlines() if not l.startswith("#")]
                if not lines or "Content-Type:" in block:
                    continue
                msgid = []
                for l in lines:
                    if l.startswith("msgstr") or l.startswith("msgid_plural"):
                        break
                    msgid.append(l[l.index('"') + 1:-1])
                print("%s.po: %s: %s" % (lang, what, "".join(msgid)))
                problems += 1

print("%d languages checked, %d messages untranslated or fuzzy" % (len(languages), problems))
sys.exit(1 if problems else 0)
