#!/usr/bin/env bash
# Installs the real servers the service checks' tests start on 127.0.0.1 (redis-server,
# PostgreSQL binaries), only when they are missing. Idempotent; exits non-zero with a
# clear message when it cannot install them (no root, no apt, no network).
set -uo pipefail

pg_bin() {
  command -v initdb >/dev/null 2>&1 && return 0
  ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

check_missing() {
  missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  pg_bin || missing+=(postgresql)
}

check_missing
[ ${#missing[@]} -eq 0 ] && exit 0

# Test files run in parallel and may all get here: one installs, the others wait and re-check.
if command -v flock >/dev/null 2>&1; then
  exec 9>"${TMPDIR:-/tmp}/harden-ensure-services.lock"
  flock -w 900 9 || { echo "ensure-services: timed out waiting for another install" >&2; exit 1; }
  check_missing
  [ ${#missing[@]} -eq 0 ] && exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-services: missing ${missing[*]} and apt-get is not available; install them by hand" >&2
  exit 1
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); else
    echo "ensure-services: missing ${missing[*]}; need root (or passwordless sudo) to apt-get install them" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# Another apt may hold the lock (several engineers, CI): wait for it rather than fail.
apt_opts=(-o DPkg::Lock::Timeout=300)
if ! "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" update -qq; then
  echo "ensure-services: apt-get update failed; cannot install ${missing[*]}" >&2
  exit 1
fi
if ! "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "ensure-services: apt-get install ${missing[*]} failed" >&2
  exit 1
fi
# The Debian packages start system-wide services; the tests start their own throwaway instances.
command -v redis-server >/dev/null 2>&1 || { echo "ensure-services: redis-server still missing after install" >&2; exit 1; }
pg_bin || { echo "ensure-services: PostgreSQL binaries still missing after install" >&2; exit 1; }
exit 0
