#!/usr/bin/env bash
# Installs promtool (shipped by Debian's `prometheus` package), which the metrics test runs
# as the reference for the exposition format, only when it is missing. Idempotent; exits
# non-zero with a clear message when it cannot install it (no root, no apt, no network).
set -uo pipefail

have_promtool() { command -v promtool >/dev/null 2>&1; }
have_promtool && exit 0

# Test files run in parallel and may all get here: one installs, the others wait and re-check.
if command -v flock >/dev/null 2>&1; then
  exec 9>"${TMPDIR:-/tmp}/harden-ensure-promtool.lock"
  flock -w 900 9 || { echo "ensure-promtool: timed out waiting for another install" >&2; exit 1; }
  have_promtool && exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-promtool: promtool is missing and apt-get is not available; install Prometheus's promtool by hand" >&2
  exit 1
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); else
    echo "ensure-promtool: promtool is missing; need root (or passwordless sudo) to apt-get install prometheus" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# Another apt may hold the lock (several engineers, CI): wait for it rather than fail.
apt_opts=(-o DPkg::Lock::Timeout=300)
if ! "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" update -qq; then
  echo "ensure-promtool: apt-get update failed; cannot install prometheus" >&2
  exit 1
fi
# Without recommends: prometheus-node-exporter and friends are not needed for promtool.
if ! "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends prometheus; then
  echo "ensure-promtool: apt-get install prometheus failed" >&2
  exit 1
fi
have_promtool || { echo "ensure-promtool: promtool still missing after installing prometheus" >&2; exit 1; }
exit 0
