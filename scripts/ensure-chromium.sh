#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser downloads are not used).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
echo "Chromium not found at $CHROMIUM; installing Debian's chromium package..."
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo > /dev/null; then SUDO="sudo"; else
    echo "Cannot install Chromium: run 'apt-get update && apt-get install -y chromium' as root, or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium > /dev/null
[ -x "$CHROMIUM" ] || { echo "Chromium install failed; install it with apt-get install -y chromium" >&2; exit 1; }
