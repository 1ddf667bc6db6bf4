#!/usr/bin/env bash
# Installs restic (Debian's package), whose repositories the backup tests create and list,
# only when it is missing. Idempotent; exits non-zero with a clear message when it cannot.
set -uo pipefail
source "$(dirname "$0")/lib/apt-install.sh"

recheck() { command -v restic >/dev/null 2>&1; }
recheck && exit 0
apt_install ensure-restic restic || exit 1
recheck || { echo "ensure-restic: restic still missing after install" >&2; exit 1; }
exit 0
