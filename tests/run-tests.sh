#!/bin/sh
# `npm test`: type check, lint, format, import cycles, unit and integration tests (vitest), then the browser e2e
# suite (Playwright in Debian's Chromium). Everything runs inside a private D-Bus session with a real gnome-keyring and a
# throwaway HOME, so keychain tests use the real Secret Service and never touch the developer's own
# keyring. Where gnome-keyring is not installed, keychain tests skip with a reason (and fail under CI=true).
set -eu
cd "$(dirname "$0")/.."

if [ -z "${FERRY_TEST_SESSION:-}" ] && command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  FERRY_TEST_SESSION=1
  FERRY_TEST_HOME=$(mktemp -d)
  export FERRY_TEST_SESSION FERRY_TEST_HOME
  HOME="$FERRY_TEST_HOME" exec dbus-run-session -- sh "$0" "$@"
fi
if [ -n "${FERRY_TEST_SESSION:-}" ]; then
  # dbus-daemon complains it cannot raise its fd limit when not root-capable; that is harmless noise.
  printf 'ferry-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  trap 'rm -rf "$FERRY_TEST_HOME"' EXIT
fi

bin=node_modules/.bin
mkdir -p out/test-reports
rm -f out/test-reports/vitest.json out/test-reports/playwright.json
echo "== type check"
"$bin/tsc" -p electron && "$bin/tsc" -p renderer && "$bin/tsc" -p .
echo "== lint (layering rules included)"
"$bin/eslint" . --max-warnings 0
echo "== format (Prettier)"
"$bin/prettier" --check . --log-level warn
echo "== import cycles (dependency-cruiser: none between modules or folders)"
"$bin/depcruise" electron shared renderer sandbox
echo "== unit and integration tests"
status=0
"$bin/vitest" run --reporter=default --reporter=json --outputFile.json=out/test-reports/vitest.json || status=$?
echo "== browser e2e (builds the renderer first)"
"$bin/vite" build --logLevel warn
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PLAYWRIGHT_JSON_OUTPUT_NAME=out/test-reports/playwright.json \
  "$bin/playwright" test --reporter=list,json || status=$?
node tests/summarize-results.ts
exit "$status"
