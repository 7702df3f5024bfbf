#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The accessibility test: PEP Studio as a screen reader sees it.

Starts the real app on a generated demo file under X with the AT-SPI bus running, opens each
window and dialog in turn (one start of the app each, through PEPSTUDIO_OPEN and friends,
README "Accessibility"), walks the accessible tree of each window as Orca would read it, and
fails on:

  - an interactive element (button, toggle, check, radio, entry, combo box, list item, table
    row, link, slider, spin button, menu item, tab) without a name;
  - an interactive element whose name is read twice: the same words twice over ("Add Add",
    GTK 4.8 joining a name given to the element and its label's), or an only child that is
    not a control (its label) and says the name again;
  - a toggle button without a description; in the QA window, a filter (a drop-down) whose
    control does not say what it shows;
  - an element a screen reader reads (anything but the toolkit's unnamed layout containers)
    whose name is a class name (GtkImage, AdwGizmo, PepChart…): GTK 4.8 names an element
    by its class when nothing else names it;
  - a table without column headers: elements of role column header, or, since GTK 4.8 gives
    a GtkColumnView's titles no role of their own, its header row's titles, each named;
  - a chart or drawing (role canvas or drawing area, or an image larger than an icon) with
    no name or no description.

Then it listens, as Orca does, to what the app says unasked (README "Accessibility"), driving
it with key presses (xdotool) and the buttons' own AT-SPI actions, and fails when:

  - tabbing into a single-line field (an entry row: Legal forename, Hours of education, Your
    name, the QA "reason for rating it differently") raises no focus event on an element named
    by the field;
  - a field's error (a date that does not exist, hours that are not a number, a rating that
    departs from the proposal without a reason) or a toast is not announced: no change of the
    description of the element that has the focus (the event Orca reads out in GTK 4.8, which
    has no announce call) carrying what is shown.
  - Tab from the child list's search reaches no column title saying how it sorts, or Space
    on it does not sort the list the other way and say so on the title.

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

SCREEN = "-screen 0 1280x800x24 -noreset -r"  # -r: no key auto-repeat (see test-keyboard.c)


def run_inside_session():
    """Starts this script again in a D-Bus session of its own (and an X server when needed)."""
    if os.environ.get("PEP_A11Y_INNER") == "1":
        # The TAP stream goes to the descriptor the outer run kept for it.
        sys.stdout = os.fdopen(int(os.environ["PEP_A11Y_TAP_FD"]), "w", buffering=1)
        return
    command = [sys.executable, os.path.abspath(__file__)] + sys.argv[1:]
    if not os.environ.get("DISPLAY"):
        command = ["xvfb-run", "-a", "-s", SCREEN] + command
    env = dict(os.environ, PEP_A11Y_INNER="1")
    # A runtime folder of its own: the AT-SPI bus keeps its address there (or in ~/.cache when
    # there is none), which a make test of another clone running beside this one would share.
    runtime = os.path.join(os.environ.get("G_TEST_BUILDDIR", "."), "a11y-runtime")
    os.makedirs(runtime, mode=0o700, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = runtime
    # libatspi warns of what GTK 4 does not offer (its cache): not fatal here, as the suite's
    # G_DEBUG=fatal-warnings would make it.
    env.pop("G_DEBUG", None)
    for tool in ["dbus-run-session"] + command[:1]:
        if shutil.which(tool) is None:
            print("1..0 # SKIP %s is not installed" % tool)
            sys.exit(0)
    # The session's services (the AT-SPI registry) print to the daemon's standard output:
    # that goes to standard error, the TAP stream to a descriptor of its own.
    sys.stdout.flush()
    tap = os.dup(1)
    os.set_inheritable(tap, True)
    os.dup2(2, 1)
    env["PEP_A11Y_TAP_FD"] = str(tap)
    os.execvpe("dbus-run-session", ["dbus-run-session", "--"] + command, env)


run_inside_session()

import pyatspi  # noqa: E402  (after the session exists: it connects to its bus)
from gi.repository import Atspi, GLib  # noqa: E402

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


def repeats(node):
    """Whether a screen reader reads @node's name twice: the name is the same words twice
    (a label of the element's own added to its name), or its only child says its name again."""
    name = " ".join(node.name.split())
    half = len(name) // 2
    if len(name) % 2 == 1 and name[half] == " " and name[:half] == name[half + 1:]:
        return True
    # (An only child that is itself a control, the button inside a drop-down or a menu
    # button, is where the focus goes: named after its owner on purpose, README.)
    return (len(node.children) == 1 and node.children[0].role not in INTERACTIVE
            and " ".join(node.children[0].name.split()).casefold() == name.casefold())


def check_filters(window):
    """The QA window's filters (drop-downs): the control in each, which has the focus, says
    what the filter shows, more than its name."""
    failures = []
    for node in walk(window):
        if node.role != pyatspi.ROLE_COMBO_BOX:
            continue
        for child in node.children:
            if child.role in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON):
                said = child.description.strip()
                if not said or said == child.name.strip():
                    failures.append("%s: a filter that does not say what it shows"
                                    % child.path())
    return failures


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
        if node.role in INTERACTIVE and name and repeats(node):
            failures.append("%s: its name is read twice" % node.path())
        if node.role == pyatspi.ROLE_TOGGLE_BUTTON and not node.description.strip():
            failures.append("%s: a toggle without a description of what it does"
                            % node.path())
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


def settings_env(folder, role, name="Alex Tester"):
    """Settings in a key file of their own, with the role the window needs."""
    config = os.path.join(folder, "config-%s-%s" % (role, name.replace(" ", "-")))
    os.makedirs(os.path.join(config, "glib-2.0", "settings"), exist_ok=True)
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[io/github/pepstudio/PepStudio]\nrole='%s'\nuser-name='%s'\n" % (role, name))
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
            tree = read_tree(window)
            failures = check_window(tree)
            if window.name == "Quality Assurance":
                failures += check_filters(tree)
            results.append((window.name, failures))
        return results
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()



# What the app says unasked --------------------------------------------------------------------

class Listener:
    """The focus and description events of one app, as Orca receives them."""

    KINDS = ["object:state-changed:focused", "object:property-change:accessible-description"]

    def __init__(self, pid):
        self.pid = pid
        self.events = []  # (kind, role, name, description or "", focused)
        for kind in self.KINDS:
            pyatspi.Registry.registerEventListener(self.on_event, kind)

    def close(self):
        for kind in self.KINDS:
            pyatspi.Registry.deregisterEventListener(self.on_event, kind)

    def on_event(self, event):
        try:
            source = event.source
            if source.get_process_id() != self.pid:
                return
            if event.type.startswith("object:state-changed:focused") and not event.detail1:
                return
            focused = source.getState().contains(pyatspi.STATE_FOCUSED)
            text = event.any_data if isinstance(event.any_data, str) else ""
            self.events.append((event.type, source.getRole(), source.name or "", text, focused,
                                source.description or ""))
        except Exception:  # an element that has just gone
            pass

    def focus_names(self):
        return [e[2] for e in self.events if e[0].startswith("object:state-changed:focused")]

    def said(self, predicate):
        """Whether a description change reached the focus (or the window, when nothing in it
        has the focus) with a text @predicate accepts."""
        return any(e[0].startswith("object:property-change:accessible-description")
                   and e[3] and (e[4] or e[1] == pyatspi.ROLE_FRAME) and predicate(e[3])
                   for e in self.events)


def pump(seconds):
    """Lets AT-SPI's events in for @seconds."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not context.iteration(False):
            time.sleep(0.02)


def keys(title, *names):
    """Presses @names in the window titled @title (xdotool, through the X server)."""
    subprocess.run(["xdotool", "search", "--sync", "--name", "^%s$" % re.escape(title),
                    "windowfocus", "--sync"], check=True, stdout=subprocess.DEVNULL,
                   timeout=20)
    for name in names:
        if name.startswith("type:"):
            subprocess.run(["xdotool", "type", "--delay", "40", name[5:]], check=True)
        else:
            subprocess.run(["xdotool", "key", name], check=True)
        pump(0.4)


def find(node, predicate):
    for n in walk(node):
        if predicate(n):
            return n
    return None


def start_app(app_bin, db, extra_env):
    env = dict(os.environ)
    for name in ("NO_AT_BRIDGE", "G_DEBUG", "PEPSTUDIO_OPEN", "PEPSTUDIO_OPEN_PLAN",
                 "PEPSTUDIO_OPEN_CHILD"):
        env.pop(name, None)
    env["GTK_A11Y"] = "atspi"
    env.update(extra_env)
    return subprocess.Popen([app_bin, db], env=env)


# How much slower than usual this build runs (make test sets 5 under the sanitizers), as
# tests/test-util.c's test_time_scale() reads it.
TIME_SCALE = max(1.0, float(os.environ.get("PEP_TEST_TIME_SCALE") or 1))


def wait_window(process, wanted, seconds=60):
    deadline = time.monotonic() + seconds * TIME_SCALE
    while time.monotonic() < deadline:
        pump(0.3)
        if process.poll() is not None:
            raise RuntimeError("the app exited with status %d" % process.returncode)
        app = app_of(process.pid)
        if app is None:
            continue
        app.set_cache_mask(Atspi.Cache.NONE)
        for window in windows_of(app):
            if wanted(window.name or ""):
                return window
    raise RuntimeError("no window appeared")


def stop_app(process):
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tab_to(listener, title, field, most):
    """Tabs until the focus is on @field; each press must raise a focus event."""
    failures = []
    for _ in range(most):
        before = len(listener.events)
        keys(title, "Tab")
        pump(0.3)
        names = [e[2] for e in listener.events[before:]
                 if e[0].startswith("object:state-changed:focused")]
        if not names:
            failures.append("Tab raised no focus event (after %s)"
                            % (listener.focus_names()[-1:] or ["the start"])[0])
        if names and names[-1].startswith(field):
            return failures
    failures.append("Tab never brought the focus to '%s' (focus events: %s)"
                    % (field, listener.focus_names()))
    return failures


def shown_labels(window):
    return {n.name for n in walk(read_tree(window)) if n.role == pyatspi.ROLE_LABEL}


def check_add_child(app_bin, db, env):
    """Add a Child: its entry rows say they have the focus, a date that does not exist is said."""
    process = start_app(app_bin, db, dict(env, PEPSTUDIO_OPEN="action:win.add-child"))
    listener = Listener(process.pid)
    failures = []
    try:
        window = wait_window(process, lambda t: t == "Add a Child")
        pump(1.5)
        failures += tab_to(listener, "Add a Child", "Date of birth", 4)
        keys("Add a Child", "shift+Tab", "shift+Tab")
        for field in ("Legal forename", "Legal surname", "Date of birth"):
            if not any(n.startswith(field) for n in listener.focus_names()):
                failures.append("no focus event named '%s' (focus events: %s)"
                                % (field, listener.focus_names()))
        tab_to(listener, "Add a Child", "Date of birth", 3)
        keys("Add a Child", "type:31/02/2020")
        pump(0.5)
        labels = shown_labels(window)
        if not listener.said(lambda text: text in labels and "31/02/2020" in text):
            failures.append("the date of birth's error was not announced")
    finally:
        listener.close()
        stop_app(process)
    return [("Add a Child", failures)]


def check_editor(app_bin, db, plan, env):
    """The editor: Hours of education says it has the focus; hours that are no number are said."""
    title = "Demo — Invented Children — PEP Studio"
    process = start_app(app_bin, db, dict(env, PEPSTUDIO_OPEN_PLAN="%d:education" % plan))
    listener = Listener(process.pid)
    failures = []
    try:
        window = wait_window(process, lambda t: t.endswith("PEP Studio"))
        title = window.name
        pump(2)
        failures += tab_to(listener, title, "Hours of education", 30)
        keys(title, "ctrl+a", "type:lots")
        pump(0.5)
        labels = shown_labels(window)
        if not listener.said(lambda text: text in labels and "lots" in text):
            failures.append("the hours' error was not announced")
    finally:
        listener.close()
        stop_app(process)
    return [("PEP editor, Education", failures)]


def first_row_name(window):
    """The name of the first row of the first table's body (after its titles' row)."""
    table = find(read_tree(window), lambda n: n.role in TABLES)
    if table is None:
        return None
    rows = [n for n in walk(table) if n.role == pyatspi.ROLE_TABLE_ROW
            and any(c.role == pyatspi.ROLE_TABLE_CELL for c in n.children)]
    return rows[0].name if rows else None


def check_sort(app_bin, db, env):
    """The child list sorted by keyboard: Tab from the search reaches a column title, which
    says it is one and how it sorts; Space sorts by it the other way, and the title says so."""
    process = start_app(app_bin, db, env)
    listener = Listener(process.pid)
    failures = []
    try:
        window = wait_window(process, lambda t: t.endswith("PEP Studio"))
        title = window.name
        pump(2)
        before_first = first_row_name(window)
        keys(title, "ctrl+f")
        header = None
        for _ in range(8):
            start = len(listener.events)
            keys(title, "Tab")
            pump(0.3)
            focus = [e for e in listener.events[start:]
                     if e[0].startswith("object:state-changed:focused")]
            if focus and focus[-1][5].startswith("Column header"):
                header = focus[-1]
                break
        if header is None:
            failures.append("Tab never reached a column title (focus events: %s)"
                            % listener.focus_names())
            return [("child list, sorted by keyboard", failures)]
        if "sorted in ascending order" not in header[5]:
            failures.append("the title '%s' does not say it sorts the list: '%s'"
                            % (header[2], header[5]))
        keys(title, "space")
        pump(1)
        if not listener.said(lambda text: text.startswith("Column header")
                             and "sorted in descending order" in text):
            failures.append("sorting by '%s' with Space was not said on the title" % header[2])
        after_first = first_row_name(window)
        if before_first is None or after_first == before_first:
            failures.append("the first row is still '%s' after sorting the other way"
                            % before_first)
    finally:
        listener.close()
        stop_app(process)
    return [("child list, sorted by keyboard", failures)]


def check_preferences(app_bin, db, env):
    process = start_app(app_bin, db, dict(env, PEPSTUDIO_OPEN="preferences"))
    listener = Listener(process.pid)
    failures = []
    try:
        window = wait_window(process, lambda t: t == "Preferences")
        pump(1.5)
        failures += tab_to(listener, window.name, "Your name", 12)
    finally:
        listener.close()
        stop_app(process)
    return [("Preferences", failures)]


def first_section_to_depart(pepctl, db):
    """The queue's first PEP (what qa:review opens) and a section whose proposal is above Red."""
    queue = subprocess.run([pepctl, "queue", db], check=True, capture_output=True, text=True)
    plan = queue.stdout.split("\t", 1)[0]
    report = subprocess.run([pepctl, "qa", db, plan], check=True, capture_output=True,
                            text=True).stdout
    for line in report.splitlines():
        match = re.fullmatch(r"([A-Z][^:]+): (Amber|Green|Gold)", line)
        if match:
            return match.group(1)
    raise RuntimeError("no section of PEP %s proposes above Red" % plan)


def press_button(window, name):
    # ("Make Private Make Private": GTK 4.8 adds a label's text to a button's own)
    button = find(read_tree(window), lambda n: n.name in (name, name + " " + name) and n.role in
                  (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON))
    if button is None:
        raise RuntimeError("no button '%s'" % name)
    action = button.accessible.queryAction()
    action.doAction(0)


def check_qa(app_bin, pepctl, db, env):
    """The QA workspace: rating a section below its proposal asks the reason, aloud, and the
    reason row says it has the focus; leaving with it unsaved says so (a toast)."""
    section = first_section_to_depart(pepctl, db)
    process = start_app(app_bin, db, dict(env, PEPSTUDIO_OPEN="qa:review"))
    listener = Listener(process.pid)
    failures = []
    try:
        window = wait_window(process, lambda t: t == "Quality Assurance")
        pump(3)
        keys("Quality Assurance")  # the window in front, as the person's
        press_button(window, "%s: Red" % section)
        pump(1)
        labels = shown_labels(window)
        if not any(n.startswith("Reason") for n in listener.focus_names()):
            failures.append("the reason row raised no focus event (focus events: %s)"
                            % listener.focus_names())
        if not listener.said(lambda text: text in labels and "reason" in text.lower()):
            failures.append("the missing reason was not announced")
        press_button(window, "Back to the Lists")
        pump(1)
        if not listener.said(lambda text: text.startswith("Some ratings are not saved")):
            failures.append("the toast 'Some ratings are not saved' was not announced")
    finally:
        listener.close()
        stop_app(process)
    return [("QA workspace", failures)]


def check_toast_on_open(app_bin, db, env, folder):
    """A file others can read says so as it opens (a toast), and its Make Private button says
    what it did (another)."""
    shared = os.path.join(folder, "shared.db")
    shutil.copyfile(db, shared)
    os.chmod(shared, 0o644)
    process = start_app(app_bin, shared, env)
    listener = Listener(process.pid)
    failures = []
    try:
        window = wait_window(process, lambda t: t.endswith("PEP Studio"))
        pump(2)
        keys(window.name)  # the window in front, as the person's
        press_button(window, "Make Private")
        pump(1)
        if not listener.said(lambda text: text == "Only you can read this file now"):
            failures.append("the toast 'Only you can read this file now' was not announced")
    finally:
        listener.close()
        stop_app(process)
    return [("main window", failures)]


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

        # (what, how) for what the app says unasked; these press keys, with xdotool
        spoken = [
            ("announced: Make Private toast", lambda: check_toast_on_open(app_bin, db, teacher,
                                                                        folder)),
            ("announced: Add a Child's fields", lambda: check_add_child(app_bin, db, teacher)),
            ("announced: Hours of education", lambda: check_editor(app_bin, db, plan, teacher)),
            ("announced: Your name", lambda: check_preferences(app_bin, db, teacher)),
            ("announced: a table sorted by keyboard", lambda: check_sort(app_bin, db, teacher)),
            # The demo's own QA officer, whose demo key is on the demo's officers list.
            ("announced: QA reason and toast",
             lambda: check_qa(app_bin, pepctl, db,
                              settings_env(folder, "qa-officer", "Quinn Officer"))),
        ]
        if only:
            spoken = [v for v in spoken if v[0] in only.split(",")]
        has_xdotool = shutil.which("xdotool") is not None

        print("1..%d" % (len(views) + len(spoken)))
        failed = 0
        steps = [(what, lambda env=env, wanted=wanted, settle=settle:
                  open_and_walk(app_bin, db, env, wanted, settle))
                 for what, env, wanted, settle in views] + spoken
        for number, (what, run) in enumerate(steps, 1):
            if what.startswith("announced") and not has_xdotool:
                print("ok %d - %s # SKIP xdotool is not installed" % (number, what))
                continue
            try:
                results = run()
            except (RuntimeError, subprocess.SubprocessError) as error:
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
