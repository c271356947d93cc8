#!/usr/bin/env bash
# `apt-install.sh PACKAGE BINARY PATH_VAR`: installs Debian's PACKAGE (as root, or through sudo)
# unless BINARY is already executable, then checks BINARY is there. PATH_VAR names the variable
# that points the tests at another BINARY. The package starts no service while it installs.
set -euo pipefail
PACKAGE="$1" BINARY="$2" PATH_VAR="$3"
if [ -x "$BINARY" ]; then exit 0; fi
echo "$PACKAGE not found at $BINARY; installing Debian's $PACKAGE package..."
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo > /dev/null; then SUDO="sudo"; else
    echo "Cannot install $PACKAGE: run 'apt-get update && apt-get install -y $PACKAGE' as root, or set $PATH_VAR." >&2
    exit 1
  fi
fi
# policy-rc.d is the Debian way to say "start no service": nginx's package would otherwise start
# the system's nginx on port 80, which nothing here needs.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" > /dev/null
  $SUDO chmod +x "$POLICY"
  trap '$SUDO rm -f "$POLICY"' EXIT
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$PACKAGE" > /dev/null
[ -x "$BINARY" ] || { echo "$PACKAGE install failed; install it with apt-get install -y $PACKAGE" >&2; exit 1; }
