#!/usr/bin/env bash
# Installs promtool (shipped by Debian's `prometheus` package), which the metrics test runs
# as the reference for the exposition format, only when it is missing. Idempotent; exits
# non-zero with a clear message when it cannot install it (no root, no apt, no network).
set -uo pipefail
source "$(dirname "$0")/lib/apt-install.sh"

recheck() { command -v promtool >/dev/null 2>&1; }
recheck && exit 0
apt_install ensure-promtool prometheus || exit 1
recheck || { echo "ensure-promtool: promtool still missing after installing prometheus" >&2; exit 1; }
exit 0
