#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when the keyboard shortcuts window (ui/pep-shortcuts-window.ui) misses an accelerator
that the app has: the ones set with gtk_application_set_accels_for_action, the ones bound
with gtk_widget_class_add_binding_action and the triggers of shortcut controllers
(gtk_shortcut_trigger_parse_string) in src/app/*.c (in a git checkout, the committed
ones, so that a colleague's unfinished file does not fail the check).

Usage: check-shortcuts.py SOURCE_ROOT"""
import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
MODS = {"control": "ctrl", "primary": "ctrl", "ctrl": "ctrl", "alt": "alt", "shift": "shift",
        "super": "super", "meta": "meta"}
MASKS = {"GDK_CONTROL_MASK": "ctrl", "GDK_ALT_MASK": "alt", "GDK_SHIFT_MASK": "shift",
         "GDK_SUPER_MASK": "super", "GDK_META_MASK": "meta"}


def parse_accel(text):
    mods = frozenset(MODS[m.lower()] for m in re.findall(r"<(\w+)>", text))
    key = re.sub(r"<\w+>", "", text).strip().lower()
    return (mods, key)


def show(accel):
    return "+".join(sorted(accel[0]) + [accel[1]])


code = {}  # accel -> where
arrays = {}
app_accels = {}  # action -> accels
try:
    out = subprocess.run(["git", "-C", root, "ls-files", "src/app/*.c"], check=True,
                         capture_output=True, text=True).stdout
    sources = [os.path.join(root, f) for f in out.split()]
    sources = [f for f in sources if os.path.exists(f)]
except (OSError, subprocess.CalledProcessError):
    sources = glob.glob(os.path.join(root, "src", "app", "*.c"))
for path in sorted(sources):
    text = open(path, encoding="utf-8").read()
    name = os.path.relpath(path, root)
    for var, body in re.findall(r"static const char \*(\w+)\[\]\s*=\s*\{([^}]*)\}", text):
        arrays[var] = re.findall(r'"([^"]+)"', body)
    for action, var in re.findall(
            r'gtk_application_set_accels_for_action\s*\([^,]+,\s*"([^"]+)",\s*(\w+)\s*\)', text):
        for accel in arrays.get(var, []):
            app_accels.setdefault(action, []).append(parse_accel(accel))
            code[parse_accel(accel)] = "%s (%s)" % (name, action)
    for key, mask, action in re.findall(
            r'gtk_widget_class_add_binding_action\s*\(\s*\w+,\s*GDK_KEY_(\w+),\s*([^,]+),\s*"([^"]+)"',
            text):
        mods = frozenset(MASKS[m.strip()] for m in mask.split("|") if m.strip() in MASKS)
        code[(mods, key.lower())] = "%s (%s)" % (name, action)

    # Shortcut controllers made in code: gtk_shortcut_trigger_parse_string ("<Control>x|…").
    for triggers in re.findall(r'gtk_shortcut_trigger_parse_string\s*\(\s*"([^"]+)"', text):
        for accel in triggers.split("|"):
            code[parse_accel(accel)] = "%s (shortcut controller)" % name

listed = set()
overlay = ET.parse(os.path.join(root, "ui", "pep-shortcuts-window.ui"))
for obj in overlay.iter("object"):
    if obj.get("class") != "GtkShortcutsShortcut":
        continue
    for prop in obj.findall("property"):
        if prop.get("name") == "accelerator":
            listed.update(parse_accel(a) for a in (prop.text or "").split())
        elif prop.get("name") == "action-name":
            listed.update(app_accels.get(prop.text.strip(), []))

missing = sorted((show(a), where) for a, where in code.items() if a not in listed)
for accel, where in missing:
    print("not in ui/pep-shortcuts-window.ui: %s, from %s" % (accel, where))
print("%d accelerators in src/app, %d missing from the shortcuts window" % (len(code), len(missing)))
sys.exit(1 if missing else 0)
