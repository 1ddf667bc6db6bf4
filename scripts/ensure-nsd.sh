#!/usr/bin/env bash
# Installs the authoritative DNS server and zone-signing tools the DNSSEC tests start on
# 127.0.0.1 (nsd, ldns-keygen/ldns-signzone from ldnsutils), only when they are missing.
# Idempotent; exits non-zero with a clear message when it cannot install them.
set -uo pipefail
source "$(dirname "$0")/lib/apt-install.sh"

nsd_bin() {
  command -v nsd >/dev/null 2>&1 || [ -x /usr/sbin/nsd ]
}

recheck() {
  missing=()
  nsd_bin || missing+=(nsd)
  command -v ldns-signzone >/dev/null 2>&1 || missing+=(ldnsutils)
  [ ${#missing[@]} -eq 0 ]
}

recheck && exit 0
apt_install ensure-nsd "${missing[@]}" || exit 1
# The Debian package starts a system-wide nsd on port 53; the tests start their own throwaway instances.
nsd_bin || { echo "ensure-nsd: nsd still missing after install" >&2; exit 1; }
command -v ldns-signzone >/dev/null 2>&1 || { echo "ensure-nsd: ldns-signzone still missing after install" >&2; exit 1; }
exit 0
