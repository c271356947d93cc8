#!/usr/bin/env bash
# The notification-click browser test runs its own D-Bus session bus (Debian's dbus-daemon) with a
# stand-in desktop notification service on it (tests/helpers/notification-bus.ts).
set -euo pipefail
exec bash "$(dirname "$0")/apt-install.sh" dbus-daemon "${DBUS_DAEMON_PATH:-/usr/bin/dbus-daemon}" DBUS_DAEMON_PATH
