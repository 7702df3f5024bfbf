#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-install.sh BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR MANDIR APP_ID HAVE_MAN
#
# Installs the build into a temporary folder with `meson install --destdir` and checks that
# it holds everything meson means to install (from `meson introspect --installed`) and the
# files a desktop needs: binaries, desktop file, metainfo, schema, icons, the Welsh
# translation, the help, the rubric and its schema, and the man page. Then the installed
# pepctl must run, the installed translation must translate, and the installed app must start
# from that prefix and keep running (under the test's X server; without a display that last
# step is skipped).
set -eu

build=$1 prefix=$2 bindir=$3 datadir=$4 localedir=$5 mandir=$6 app_id=$7 have_man=$8

tmp=$(mktemp -d)
app_pid=
cleanup () {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

dest=$tmp/dest
meson install -C "$build" --destdir "$dest" --no-rebuild > "$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; fail "meson install failed"; }

# Under a destdir, an absolute option such as /usr/local/share lands at DEST/usr/local/share.
in_prefix () {
  case $1 in
    /*) echo "$dest$1" ;;
    *) echo "$dest$prefix/$1" ;;
  esac
}
bin=$(in_prefix "$bindir")
share=$(in_prefix "$datadir")
locale=$(in_prefix "$localedir")
man=$(in_prefix "$mandir")

# Everything meson says it installs is there.
meson introspect "$build" --installed > "$tmp/installed.json"
python3 - "$tmp/installed.json" "$dest" <<'PY' || fail "files missing from the install"
import json, os, sys
installed = json.load(open(sys.argv[1]))
missing = [p for p in installed.values() if not os.path.exists(sys.argv[2] + p)]
for p in missing:
    print("not installed:", p)
print("meson installs %d files" % len(installed))
sys.exit(1 if missing else 0)
PY

for f in \
  "$bin/pepstudio" "$bin/pepctl" \
  "$share/applications/$app_id.desktop" \
  "$share/metainfo/$app_id.metainfo.xml" \
  "$share/glib-2.0/schemas/$app_id.gschema.xml" \
  "$share/icons/hicolor/scalable/apps/$app_id.svg" \
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$locale/cy/LC_MESSAGES/pepstudio.mo" \
  "$share/pepstudio/help/C/index.html" \
  "$share/pepstudio/help/C/child-list.html" \
  "$share/pepstudio/help/C/pep.html"
do
  [ -s "$f" ] || fail "not installed: ${f#$dest}"
done
[ -x "$bin/pepstudio" ] && [ -x "$bin/pepctl" ] || fail "the binaries are not executable"
if [ "$have_man" = true ]; then
  [ -s "$man/man1/pepctl.1" ] || fail "not installed: man page pepctl.1"
  grep -q '^\.TH PEPCTL' "$man/man1/pepctl.1" || fail "pepctl.1 is not a man page"
  grep -q 'COMMANDS' "$man/man1/pepctl.1" || fail "pepctl.1 has no COMMANDS section"
fi
# The rubric, valid against the installed schema, and the exchange schema.
for f in rubric/default.xml schema/rubric.xsd schema/pep-exchange.xsd; do
  [ -s "$share/pepstudio/$f" ] || fail "not installed: $f"
done
xmllint --noout --nonet --schema "$share/pepstudio/schema/rubric.xsd" \
  "$share/pepstudio/rubric/default.xml" || fail "the installed rubric is not valid"

# The installed programs run.
version=$("$bin/pepctl" --version) || fail "installed pepctl --version failed"
case $version in
  "pepctl "[0-9]*) ;;
  *) fail "installed pepctl --version said: $version" ;;
esac
"$bin/pepctl" init "$tmp/test.db" || fail "installed pepctl init failed"

welsh=$(LC_ALL=C.UTF-8 LANGUAGE=cy TEXTDOMAINDIR="$locale" gettext -d pepstudio "No Children Yet")
[ "$welsh" != "No Children Yet" ] || fail "the installed Welsh translation does not translate"

glib-compile-schemas --strict "$share/glib-2.0/schemas" || fail "the installed schema does not compile"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display: the installed app was not started"
  echo "installed and checked in $dest$prefix"
  exit 0
fi

mkdir -p "$tmp/home/data" "$tmp/home/config" "$tmp/home/cache"
env GSETTINGS_SCHEMA_DIR="$share/glib-2.0/schemas" GSETTINGS_BACKEND=memory \
    XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config" \
    XDG_CACHE_HOME="$tmp/home/cache" G_DEBUG=fatal-criticals GSK_RENDERER=cairo \
    GTK_A11Y=none NO_AT_BRIDGE=1 \
    "$bin/pepstudio" "$tmp/test.db" > "$tmp/app.log" 2>&1 &
app_pid=$!
sleep 2
if ! kill -0 "$app_pid" 2>/dev/null; then
  app_pid=
  cat "$tmp/app.log" >&2
  fail "the installed app did not keep running"
fi
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=
if grep -q -E 'CRITICAL|WARNING' "$tmp/app.log"; then
  cat "$tmp/app.log" >&2
  fail "the installed app warned"
fi
echo "installed, checked and started from $dest$prefix"
