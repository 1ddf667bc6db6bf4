#!/usr/bin/env bash
# Installs Debian's chromium, which the dashboard's browser tests drive headless through
# playwright-core (nothing downloads a browser), only when it is missing. Idempotent; exits
# non-zero with a clear message when it cannot.
set -uo pipefail
source "$(dirname "$0")/lib/apt-install.sh"

recheck() { command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; }
recheck && exit 0
apt_install ensure-chromium chromium || exit 1
recheck || { echo "ensure-chromium: chromium still missing after install" >&2; exit 1; }
exit 0
