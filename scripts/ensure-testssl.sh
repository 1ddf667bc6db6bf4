#!/usr/bin/env bash
# Installs testssl.sh (Debian package testssl.sh), the external reference the TLS comparison
# test holds harden's TLS checks to, only when it is missing. Prints its path. Exits non-zero
# with a clear message when it cannot install it (no root, no apt, no network).
set -uo pipefail
source "$(dirname "$0")/lib/apt-install.sh"

recheck() { command -v testssl >/dev/null 2>&1 || command -v testssl.sh >/dev/null 2>&1; }
where() { command -v testssl 2>/dev/null || command -v testssl.sh; }

if ! recheck; then
  apt_install ensure-testssl testssl.sh || exit 1
  recheck || { echo "ensure-testssl: testssl still missing after install" >&2; exit 1; }
fi
where
