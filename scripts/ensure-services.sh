#!/usr/bin/env bash
# Installs the real servers the service checks' tests start on 127.0.0.1 (redis-server,
# PostgreSQL binaries), only when they are missing. Idempotent; exits non-zero with a
# clear message when it cannot install them (no root, no apt, no network).
set -uo pipefail
source "$(dirname "$0")/lib/apt-install.sh"

pg_bin() {
  command -v initdb >/dev/null 2>&1 && return 0
  ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

recheck() {
  missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  pg_bin || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ]
}

recheck && exit 0
apt_install ensure-services "${missing[@]}" || exit 1
# The Debian packages start system-wide services; the tests start their own throwaway instances.
command -v redis-server >/dev/null 2>&1 || { echo "ensure-services: redis-server still missing after install" >&2; exit 1; }
pg_bin || { echo "ensure-services: PostgreSQL binaries still missing after install" >&2; exit 1; }
exit 0
