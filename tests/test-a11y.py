#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The accessibility test: PEP Studio as a screen reader sees it.

Starts the real app on a generated demo file under X with the AT-SPI bus running, opens each
window and dialog in turn (one start of the app each, through PEPSTUDIO_OPEN and friends,
README "Accessibility"), walks the accessible tree of each window as Orca would read it, and
fails on:

  - an interactive element (button, toggle, check, radio, entry, combo box, list item, table
    row, link, slider, spin button, menu item, tab) without a name;
  - an element a screen reader reads (anything but the toolkit's unnamed layout containers)
    whose name is a class name (GtkImage, AdwGizmo, PepChart…): GTK 4.8 names an element
    by its class when nothing else names it;
  - a table without column headers: elements of role column header, or, since GTK 4.8 gives
    a GtkColumnView's titles no role of their own, its header row's titles, each named;
  - a chart or drawing (role canvas or drawing area, or an image larger than an icon) with
    no name or no description.

Each failure is printed with its window and the role path to it. Usage:

  test-a11y.py PEPSTUDIO PEPCTL

It runs itself in a D-Bus session of its own (dbus-run-session), which starts the AT-SPI bus
when the app asks for it, and under xvfb-run when there is no display.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

SCREEN = "-screen 0 1280x800x24 -noreset"


def run_inside_session():
    """Starts this script again in a D-Bus session of its own (and an X server when needed)."""
    if os.environ.get("PEP_A11Y_INNER") == "1":
        return
    command = [sys.executable, os.path.abspath(__file__)] + sys.argv[1:]
    if not os.environ.get("DISPLAY"):
        command = ["xvfb-run", "-a", "-s", SCREEN] + command
    env = dict(os.environ, PEP_A11Y_INNER="1")
    # libatspi warns of what GTK 4 does not offer (its cache): not fatal here, as the suite's
    # G_DEBUG=fatal-warnings would make it.
    env.pop("G_DEBUG", None)
    for tool in ["dbus-run-session"] + command[:1]:
        if shutil.which(tool) is None:
            print("1..0 # SKIP %s is not installed" % tool)
            sys.exit(0)
    os.execvpe("dbus-run-session", ["dbus-run-session", "--"] + command, env)


run_inside_session()

import pyatspi  # noqa: E402  (after the session exists: it connects to its bus)
from gi.repository import Atspi  # noqa: E402

# Roles a user acts on: each needs a name.
INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW,
    pyatspi.ROLE_LINK, pyatspi.ROLE_SLIDER, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_TREE_ITEM,
}
# The toolkit's layout containers, which GTK 4.8 names by class (GtkStackPage, AdwGizmo,
# GtkScrollbar…) and which a screen reader does not read out: no name is asked of them.
LAYOUT = {
    pyatspi.ROLE_PANEL, pyatspi.ROLE_FILLER, pyatspi.ROLE_SCROLL_PANE, pyatspi.ROLE_SCROLL_BAR,
    pyatspi.ROLE_SEPARATOR, pyatspi.ROLE_VIEWPORT, pyatspi.ROLE_APPLICATION,
}
TABLES = {pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE}
DRAWINGS = {pyatspi.ROLE_CANVAS, pyatspi.ROLE_DRAWING_AREA}
CLASS_NAME = re.compile(r"(Gtk|Adw|Pep)[A-Z][A-Za-z0-9]*")
ICON_SIZE = 48  # an image larger than this both ways is a picture or chart, not an icon


def is_class_name(name):
    return CLASS_NAME.fullmatch(name.strip()) is not None


class Node:
    """One accessible element, read once (each read is a D-Bus call)."""

    def __init__(self, accessible, parent):
        self.accessible = accessible
        self.parent = parent
        self.role = accessible.getRole()
        self.role_name = accessible.getRoleName()
        self.name = accessible.name or ""
        self.description = accessible.description or ""
        self.children = []

    def label(self):
        if self.name and not is_class_name(self.name):
            shown = self.name if len(self.name) <= 40 else self.name[:39] + "…"
            return "%s '%s'" % (self.role_name, shown)
        return self.role_name

    def path(self):
        """The role path from the window, leaving out unnamed layout containers."""
        steps = []
        node = self
        while node is not None:
            if (node.role not in LAYOUT or (node.name and not is_class_name(node.name))
                    or node.parent is None):
                steps.append(node.label())
            node = node.parent
        return " > ".join(reversed(steps))


def read_tree(accessible, parent=None, depth=0):
    node = Node(accessible, parent)
    if depth < 80:
        for i in range(accessible.childCount):
            child = accessible.getChildAtIndex(i)
            if child is not None:
                node.children.append(read_tree(child, node, depth + 1))
    return node


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def column_headers(table):
    """A table's column headers: elements of role column header, or (GTK 4.8) the titles in
    the first row of a GtkColumnView, which are its only children that are not cells."""
    headers = [n for n in walk(table) if n.role == pyatspi.ROLE_COLUMN_HEADER]
    if headers:
        return headers
    for child in table.children:
        if child.role == pyatspi.ROLE_TABLE_ROW:
            return [c for c in child.children if c.role != pyatspi.ROLE_TABLE_CELL]
        break
    return []


def extents(node):
    try:
        box = node.accessible.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return box.width, box.height
    except Exception:  # no Component interface
        return 0, 0


def check_window(window):
    """The failures in one window's tree, each a line."""
    failures = []
    for node in walk(window):
        name = node.name.strip()
        if node.role in INTERACTIVE and not name:
            failures.append("%s: no name" % node.path())
        if name and is_class_name(name) and node.role not in LAYOUT:
            failures.append("%s: named by its class, %s" % (node.path(), name))
        if node.role in TABLES:
            headers = column_headers(node)
            if not headers:
                failures.append("%s: a table without column headers" % node.path())
            for header in headers:
                if not header.name.strip() or is_class_name(header.name):
                    failures.append("%s: a column header without a name" % header.path())
        drawing = node.role in DRAWINGS
        if node.role == pyatspi.ROLE_IMAGE:
            width, height = extents(node)
            drawing = width > ICON_SIZE and height > ICON_SIZE
        if drawing and (not name or is_class_name(name)):
            failures.append("%s: a chart or drawing without a name" % node.path())
        if drawing and not node.description.strip():
            failures.append("%s: a chart or drawing without a description" % node.path())
    return failures


# The app ---------------------------------------------------------------------------------------

def make_demo(pepctl, folder):
    path = os.path.join(folder, "demo.db")
    subprocess.run([pepctl, "demo", path, "--children", "40", "--seed", "16"], check=True,
                   stdout=subprocess.DEVNULL)
    with sqlite3.connect("file:%s?mode=ro" % path, uri=True) as db:
        plan, child = db.execute(
            "SELECT id, child_id FROM plan WHERE status = 'draft' AND kind = 'school-age' "
            "ORDER BY id LIMIT 1").fetchone()
    return path, plan, child


def settings_env(folder, role):
    """Settings in a key file of their own, with the role the window needs."""
    config = os.path.join(folder, "config-" + role)
    os.makedirs(os.path.join(config, "glib-2.0", "settings"), exist_ok=True)
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[io/github/pepstudio/PepStudio]\nrole='%s'\nuser-name='Alex Tester'\n" % role)
    return {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config}


def app_of(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:  # an application that has just gone
            pass
    return None


def windows_of(app):
    found = []
    for i in range(app.childCount):
        window = app.getChildAtIndex(i)
        if window is not None:
            found.append(window)
    return found


def open_and_walk(app_bin, db, extra_env, wanted, settle):
    """Starts the app with @extra_env, waits for a window whose title @wanted accepts, lets
    it settle (lists filling in, figures worked out) and returns [(title, failures)]."""
    env = dict(os.environ)
    for name in ("NO_AT_BRIDGE", "G_DEBUG", "PEPSTUDIO_OPEN", "PEPSTUDIO_OPEN_PLAN",
                 "PEPSTUDIO_OPEN_CHILD"):
        env.pop(name, None)
    env["GTK_A11Y"] = "atspi"
    env.update(extra_env)
    process = subprocess.Popen([app_bin, db], env=env)
    try:
        deadline = time.monotonic() + 60
        chosen = []
        seen = []
        while time.monotonic() < deadline and not chosen:
            time.sleep(0.5)
            if process.poll() is not None:
                raise RuntimeError("the app exited with status %d" % process.returncode)
            app = app_of(process.pid)
            if app is None:
                continue
            # Its windows as they are now: libatspi would keep the list it read before they came.
            app.set_cache_mask(Atspi.Cache.NONE)
            seen = [w.name for w in windows_of(app)]
            chosen = [w for w in windows_of(app) if wanted(w.name or "")]
        if not chosen:
            raise RuntimeError("no window appeared beside %s" % seen)
        time.sleep(settle)
        results = []
        for window in [w for w in windows_of(app) if wanted(w.name or "")]:
            results.append((window.name, check_window(read_tree(window))))
        return results
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    app_bin, pepctl = sys.argv[1], sys.argv[2]
    folder = tempfile.mkdtemp(prefix="pep-a11y-")
    try:
        db, plan, child = make_demo(pepctl, folder)
        teacher = settings_env(folder, "designated-teacher")
        officer = settings_env(folder, "qa-officer")

        # The main window is titled after its file ("Demo — Invented Children — PEP Studio").
        def main_window(title):
            return title.endswith("PEP Studio")

        def other_than_main(title):
            return not main_window(title)

        # (what, environment, which windows to walk, seconds to let it settle)
        views = [
            ("child list", dict(teacher), main_window, 2),
            ("child page", dict(teacher, PEPSTUDIO_OPEN_CHILD=str(child)), main_window, 2),
            ("PEP editor", dict(teacher, PEPSTUDIO_OPEN_PLAN=str(plan)), main_window, 2),
            ("PEP editor, targets", dict(teacher, PEPSTUDIO_OPEN_PLAN="%d:targets" % plan),
             main_window, 2),
            ("QA queue", dict(officer, PEPSTUDIO_OPEN="qa"), other_than_main, 3),
            ("QA workspace", dict(officer, PEPSTUDIO_OPEN="qa:review"), other_than_main, 3),
            ("follow-ups", dict(officer, PEPSTUDIO_OPEN="qa:follow-ups"), other_than_main, 3),
            ("dashboard", dict(officer, PEPSTUDIO_OPEN="dashboard"), other_than_main, 5),
            ("Preferences", dict(teacher, PEPSTUDIO_OPEN="preferences"), other_than_main, 2),
            ("Preferences, authority", dict(officer, PEPSTUDIO_OPEN="preferences:authority"),
             other_than_main, 2),
            ("Export", dict(teacher, PEPSTUDIO_OPEN="export"), other_than_main, 2),
            ("Add a Child", dict(teacher, PEPSTUDIO_OPEN="action:win.add-child"),
             other_than_main, 2),
            ("About", dict(teacher, PEPSTUDIO_OPEN="action:app.about"), other_than_main, 2),
            ("Shortcuts", dict(teacher, PEPSTUDIO_OPEN="action:win.show-help-overlay"),
             other_than_main, 2),
        ]
        only = os.environ.get("PEP_A11Y_ONLY")  # to run one view by hand
        if only:
            views = [v for v in views if v[0] in only.split(",")]

        print("1..%d" % len(views))
        failed = 0
        for number, (what, env, wanted, settle) in enumerate(views, 1):
            try:
                results = open_and_walk(app_bin, db, env, wanted, settle)
            except RuntimeError as error:
                results = [(what, ["could not open it: %s" % error])]
            lines = []
            for title, failures in results:
                lines += ["%s: %s" % (title, f) for f in dict.fromkeys(failures)]
            if lines:
                failed += 1
                print("not ok %d - %s: %d failures" % (number, what, len(lines)))
                for line in lines:
                    print("# " + line)
            else:
                print("ok %d - %s (%s)" % (number, what, ", ".join(t for t, _ in results)))
            sys.stdout.flush()
        return 1 if failed else 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
