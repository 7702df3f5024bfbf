#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest without the runtime (which cannot be fetched here): valid JSON,
the app ID, a GNOME 43 runtime (GTK 4.8 and libadwaita 1.2, as on Debian 12), a meson module,
and no permission the app does not need: no network, no home or host files (files come
through the portal)."""
import json
import sys

manifest = json.load(open(sys.argv[1]))
errors = []
if manifest.get("id") != sys.argv[2]:
    errors.append("id is %r, not %r" % (manifest.get("id"), sys.argv[2]))
if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("runtime-version") != "43":
    errors.append("runtime should be org.gnome.Platform 43 (GTK 4.8, libadwaita 1.2)")
for arg in manifest.get("finish-args", []):
    if arg.startswith("--share=network") or arg.startswith("--filesystem="):
        errors.append("permission not needed: " + arg)
if manifest["modules"][-1].get("buildsystem") != "meson":
    errors.append("the app module is not built with meson")
for e in errors:
    print("flatpak manifest:", e)
sys.exit(1 if errors else 0)
