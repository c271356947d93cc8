#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser downloads are not used).
set -euo pipefail
exec bash "$(dirname "$0")/apt-install.sh" chromium "${CHROMIUM_PATH:-/usr/bin/chromium}" CHROMIUM_PATH
