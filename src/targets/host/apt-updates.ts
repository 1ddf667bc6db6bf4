/** A package an upgrade would install, from `apt-get -s upgrade` or `apt list --upgradable`. */
export interface PendingUpdate {
  readonly name: string;
  readonly installed?: string;
  readonly candidate: string;
  /** Offered by a security archive (`Debian-Security:12/bookworm-security`, `Ubuntu:22.04/jammy-security`). */
  readonly security: boolean;
}

/**
 * Parses the `Inst` lines of `apt-get -s upgrade` / `dist-upgrade` (the check reads `apt list
 * --upgradable`, cheaper; this one holds it to what apt's solver would install, in the tests):
 * `Inst name [installed] (candidate origin/archive, origin/archive [arch])`. A package is a
 * security update when any archive offering the candidate ends in `-security`.
 */
export function parseAptSimulation(output: string): PendingUpdate[] {
  const updates: PendingUpdate[] = [];
  for (const line of output.split('\n')) {
    const match = /^Inst (\S+)(?: \[([^\]]+)\])? \((\S+) ([^[)]*)/.exec(line);
    if (!match) continue;
    const [, name = '', installed, candidate = '', origins = ''] = match;
    updates.push({ name, candidate, security: isSecurityOrigin(origins), ...(installed ? { installed } : {}) });
  }
  return updates;
}

/** Parses `apt list --upgradable`: `name/archive[,archive] candidate arch [upgradable from: installed]`. */
export function parseAptList(output: string): PendingUpdate[] {
  const updates: PendingUpdate[] = [];
  for (const line of output.split('\n')) {
    const match = /^([^/\s]+)\/(\S+) (\S+) \S+(?: \[upgradable from: ([^\]]+)\])?/.exec(line);
    if (!match) continue;
    const [, name = '', archives = '', candidate = '', installed] = match;
    updates.push({ name, candidate, security: isSecurityOrigin(archives), ...(installed ? { installed } : {}) });
  }
  return updates;
}

function isSecurityOrigin(origins: string): boolean {
  return origins.split(/[,\s]+/).some((origin) => /-security$/i.test(origin) || /^Debian-Security:/i.test(origin));
}

/** The packages /var/run/reboot-required.pkgs names (one a line, repeated when several updates asked). */
export function parseRebootPackages(text: string): string[] {
  return [...new Set(text.split('\n').map((line) => line.trim()).filter(Boolean))];
}
