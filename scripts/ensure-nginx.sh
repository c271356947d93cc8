#!/usr/bin/env bash
# The proxy tests run Debian's nginx in front of a test cluster (tests/helpers/nginx-proxy.ts
# starts its own, never the system's).
set -euo pipefail
exec bash "$(dirname "$0")/apt-install.sh" nginx "${NGINX_PATH:-/usr/sbin/nginx}" NGINX_PATH
