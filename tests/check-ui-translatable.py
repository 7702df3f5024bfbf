#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a visible string in a GtkBuilder .ui file is not marked translatable.

Visible strings are the properties people read (label, title, subtitle, tooltips, placeholder
text, descriptions, headings, bodies …), menu attributes (label), GtkStringList items and
GtkShortcutsShortcut titles. A value with no letters (a bullet, a number) is not text to
translate. List item factories inside CDATA are checked too.

Usage: check-ui-translatable.py FILE.ui|DIR…  (a folder: every .ui file under it)"""
import os
import sys
import xml.etree.ElementTree as ET

VISIBLE = {
    "label", "title", "subtitle", "tooltip-text", "tooltip-markup", "placeholder-text",
    "description", "heading", "body", "text", "secondary-text", "button-label",
    "accept-label", "cancel-label", "comments", "copyright", "license", "website-label",
    "translator-credits", "section-title", "attribute-label", "name-label",
}
# Properties named like that which are not for reading.
NOT_TEXT = {
    ("GtkShortcutsSection", "title"),  # set, but the section name is what matters
}


def has_letters(text):
    return any(ch.isalpha() for ch in text)


def check(tree, where, problems):
    for obj in tree.iter():
        cls = obj.get("class") or obj.get("parent") or ""
        for child in obj:
            if child.tag not in ("property", "attribute"):
                continue
            name = child.get("name", "")
            text = (child.text or "").strip()
            if name == "bytes" and text.startswith("<"):
                try:
                    check(ET.fromstring(text), where + " (list item factory)", problems)
                except ET.ParseError as e:
                    problems.append("%s: factory template does not parse: %s" % (where, e))
                continue
            if name not in VISIBLE or (cls, name) in NOT_TEXT:
                continue
            if not text or not has_letters(text) or len(child):
                continue
            if child.get("translatable") != "yes":
                problems.append("%s: %s %s “%s” is not translatable=\"yes\""
                                % (where, cls or child.tag, name, text))
        if obj.tag == "items":
            for item in obj.findall("item"):
                text = (item.text or "").strip()
                if text and has_letters(text) and item.get("translatable") != "yes":
                    problems.append("%s: string list item “%s” is not translatable=\"yes\""
                                    % (where, text))


def main(args):
    paths = []
    for arg in args:
        if os.path.isdir(arg):
            for d, _, names in sorted(os.walk(arg)):
                paths += [os.path.join(d, n) for n in sorted(names) if n.endswith(".ui")]
        else:
            paths.append(arg)
    problems = []
    for path in paths:
        try:
            check(ET.parse(path).getroot(), path, problems)
        except ET.ParseError as e:
            problems.append("%s: does not parse: %s" % (path, e))
    for p in problems:
        print(p)
    print("checked %d .ui files: %d untranslatable strings" % (len(paths), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
