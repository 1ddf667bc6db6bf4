# Sourced by the ensure-*.sh scripts: apt_install TAG PACKAGE... installs Debian packages
# for a test's real servers and tools, serialised across parallel test files, waiting for
# another apt's lock, as root or with passwordless sudo. Returns non-zero with a clear
# message (prefixed TAG) when it cannot. `recheck`, if defined, is called after taking the
# lock: another process may have installed everything meanwhile (it then returns 0).

apt_install() {
  local tag=$1
  shift
  if command -v flock >/dev/null 2>&1; then
    exec 9>"${TMPDIR:-/tmp}/harden-${tag}.lock"
    flock -w 900 9 || { echo "${tag}: timed out waiting for another install" >&2; return 1; }
    if declare -F recheck >/dev/null && recheck; then return 0; fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "${tag}: missing $*, and apt-get is not available; install them by hand" >&2
    return 1
  fi
  local sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); else
      echo "${tag}: missing $*; need root (or passwordless sudo) to apt-get install them" >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  local apt_opts=(-o DPkg::Lock::Timeout=300)
  if ! "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" update -qq; then
    echo "${tag}: apt-get update failed; cannot install $*" >&2
    return 1
  fi
  if ! "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "$@"; then
    echo "${tag}: apt-get install $* failed" >&2
    return 1
  fi
}
