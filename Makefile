# SPDX-License-Identifier: GPL-3.0-or-later
#
# The two commands of the README:
#   make run    install what is missing, build, and start PEP Studio
#   make test   install what is missing, build, and run every test (UI tests under Xvfb)
# On Debian 12 each installs missing packages with apt-get (through sudo when not root);
# when everything is there, that step does nothing.

BUILD    ?= build
MESON    ?= meson
APP      := $(BUILD)/src/app/pepstudio

BUILD_PACKAGES := meson ninja-build pkg-config gcc libc6-dev \
	libglib2.0-dev libglib2.0-bin libsqlite3-dev libxml2-dev libxml2-utils \
	libgtk-4-dev libadwaita-1-dev gettext desktop-file-utils appstream \
	adwaita-icon-theme fonts-cantarell help2man libsodium-dev nettle-dev libsecret-1-dev \
	libjson-glib-dev libx11-dev
TEST_PACKAGES := xvfb xauth dbus-daemon dbus sqlite3 poppler-utils flatpak-builder valgrind openssl \
	python3-gi python3-pyatspi gir1.2-atspi-2.0 at-spi2-core \
	xdotool

SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps test-deps clean

define install_missing
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q '^install ok installed' || echo "$$p"; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_PACKAGES))

test-deps: deps
	$(call install_missing,$(TEST_PACKAGES))

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD)

build: deps $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)

run: build
	$(APP)

# Every suite runs under one D-Bus session and one X server, so the UI tests have a display.
# Then the core and UI suites run again in a build with AddressSanitizer and
# UndefinedBehaviorSanitizer (leak checking on for the core; GTK's own caches would drown it
# out in the UI tests).
SAN_BUILD := build-sanitize
# The core tests quick enough to run under valgrind in every make test.
VALGRIND_TESTS := upn field term store stats csv rubric checks workflow plan-next
# -r: no key auto-repeat, so that a key press held up by a loaded machine is not repeated.
XVFB := dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -noreset -r"
# The sanitizers make everything several times slower: tests that hold the app to a time
# (an edit saved within a second) allow for it through PEP_TEST_TIME_SCALE. ASan's default fast
# unwinder on malloc: the slow one (fast_unwind_on_malloc=0) made test-privacy's forty pepctl
# runs 4x slower (its 1 200 s limit passed on a busy machine) for nicer leak stacks only.
SAN_ENV := PEP_TEST_TIME_SCALE=5 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=fast_unwind_on_malloc=1

$(SAN_BUILD)/build.ninja:
	$(MESON) setup $(SAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false

test: test-deps $(BUILD)/build.ninja $(SAN_BUILD)/build.ninja
	$(MESON) compile -C $(BUILD)
	$(MESON) compile -C $(SAN_BUILD)
	@status=0; \
	$(XVFB) $(MESON) test -C $(BUILD) --print-errorlogs --num-processes 2 || status=1; \
	cp $(BUILD)/meson-logs/testlog.json $(BUILD)/meson-logs/testlog-all.json; \
	echo "== Again with AddressSanitizer and UndefinedBehaviorSanitizer"; \
	$(SAN_ENV):detect_leaks=1 $(MESON) test -C $(SAN_BUILD) --suite core --print-errorlogs \
	  --num-processes 2 --timeout-multiplier 4 || status=1; \
	cp $(SAN_BUILD)/meson-logs/testlog.json $(SAN_BUILD)/meson-logs/testlog-core.json; \
	$(SAN_ENV):detect_leaks=0 $(XVFB) $(MESON) test -C $(SAN_BUILD) --suite ui --print-errorlogs \
	  --timeout-multiplier 4 || status=1; \
	cp $(SAN_BUILD)/meson-logs/testlog.json $(SAN_BUILD)/meson-logs/testlog-ui.json; \
	echo "== The quick core tests again under valgrind memcheck"; \
	$(MESON) test -C $(BUILD) --setup valgrind --print-errorlogs --num-processes 2 \
	  $(VALGRIND_TESTS) || status=1; \
	logs="$(BUILD)/meson-logs/testlog-all.json $(SAN_BUILD)/meson-logs/testlog-core.json $(SAN_BUILD)/meson-logs/testlog-ui.json $(BUILD)/meson-logs/testlog-valgrind.json"; \
	passed=$$(cat $$logs | grep -c '"result": "OK"'); \
	failed=$$(cat $$logs | grep -c -E '"result": "(FAIL|ERROR|TIMEOUT|UNEXPECTEDPASS)"'); \
	[ $$status = 0 ] || [ $$failed -gt 0 ] || failed=1; \
	echo "tests: $$passed passed, $$failed failed"; \
	for log in $$logs; do \
	  grep -E '"result": "(FAIL|ERROR|TIMEOUT|UNEXPECTEDPASS)"' $$log | \
	    sed -E 's/.*"name": "([^"]*)".*"result": "([A-Z]*)".*/  failed: \1 (\2)/' | \
	    sed "s|^|$$log: |"; \
	done; \
	exit $$status

clean:
	rm -rf $(BUILD) $(SAN_BUILD)
