#!/usr/bin/env bash
# Installs OpenSSH's server and ssh-keygen for the host tests, which start their own sshd on
# 127.0.0.1 with a throwaway config (never the system's), only when they are missing; as root,
# creates sshd's privilege separation directory (/run/sshd, empty) that the packaged service
# would create on start. Idempotent; exits non-zero with a clear message when it cannot.
set -uo pipefail
source "$(dirname "$0")/lib/apt-install.sh"

recheck() {
  missing=()
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
  [ ${#missing[@]} -eq 0 ]
}

if ! recheck; then
  apt_install ensure-sshd "${missing[@]}" || exit 1
  recheck || { echo "ensure-sshd: ${missing[*]} still missing after install" >&2; exit 1; }
fi
if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
  mkdir -p -m 0755 /run/sshd || { echo "ensure-sshd: cannot create /run/sshd (sshd's privilege separation directory)" >&2; exit 1; }
fi
exit 0
