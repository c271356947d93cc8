#!/usr/bin/env bash
# The whole suite: types, unit + integration (vitest, with Debian's nginx for the proxy tests),
# then the browser tests (Playwright on Debian's Chromium); both installed through apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p client/tsconfig.sw.json
echo "== unit and integration tests"
# The proxy tests run Debian's nginx in front of a test cluster; where it cannot be installed they
# skip, saying why (under CI=true they must run, so there it stops the suite).
bash scripts/ensure-nginx.sh || { [ "${CI:-}" != "true" ] && echo "nginx unavailable: the proxy tests will skip"; }
npx vitest run
if compgen -G "tests/e2e/*.spec.ts" > /dev/null; then
  echo "== end-to-end tests"
  bash scripts/ensure-chromium.sh
  # The notification-click test's private bus; where it cannot be installed that test skips,
  # saying why (under CI=true it must run).
  bash scripts/ensure-dbus.sh || { [ "${CI:-}" != "true" ] && echo "dbus-daemon unavailable: the notification-click test will skip"; }
  node scripts/ensure-build.mjs --force
  npx playwright test
fi
