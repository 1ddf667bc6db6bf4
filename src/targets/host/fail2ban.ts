/** The jail names of `fail2ban-client status` (`` `- Jail list:	sshd, nginx-http-auth ``). */
export function fail2banJails(statusOutput: string): string[] {
  const list = /Jail list:\s*(.*)$/m.exec(statusOutput)?.[1] ?? '';
  return list.split(',').map((name) => name.trim()).filter(Boolean);
}

/** A jail of SSH logins: `sshd` (and `ssh` of older Debian releases, `sshd-ddos`). */
export function isSshJail(name: string): boolean {
  return /^sshd?($|[-_])/i.test(name);
}

/** The files fail2ban reads its jails from, in its order: jail.conf, jail.d/*.conf, jail.local, jail.d/*.local. */
export function jailFileOrder(dir: string, jailDEntries: readonly string[]): string[] {
  const sorted = [...jailDEntries].sort();
  return [`${dir}/jail.conf`, ...sorted.filter((name) => name.endsWith('.conf')).map((name) => `${dir}/jail.d/${name}`), `${dir}/jail.local`, ...sorted.filter((name) => name.endsWith('.local')).map((name) => `${dir}/jail.d/${name}`)];
}

/** Where a jail is enabled or disabled last, over files read in order (INI sections; `[DEFAULT] enabled` applies to jails that say nothing). */
export interface JailState {
  readonly enabled: boolean;
  readonly file?: string;
  readonly line?: number;
}

export function enabledJails(files: readonly { path: string; text: string }[]): Map<string, JailState> {
  const jails = new Map<string, JailState>();
  let defaultEnabled: JailState = { enabled: false };
  const declared = new Set<string>();
  for (const { path, text } of files) {
    let section = '';
    for (const [index, raw] of text.split('\n').entries()) {
      const line = raw.replace(/^\s*[#;].*$/, '');
      const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
      if (header) {
        section = header[1]!.trim();
        if (section !== 'DEFAULT' && section !== 'INCLUDES' && section !== 'Definition') declared.add(section);
        continue;
      }
      const enabled = /^\s*enabled\s*[=:]\s*(\S+)/i.exec(line);
      if (!enabled || !section) continue;
      const state = { enabled: /^(true|yes|1|on)$/i.test(enabled[1]!), file: path, line: index + 1 };
      if (section === 'DEFAULT') defaultEnabled = state;
      else jails.set(section, state);
    }
  }
  for (const name of declared) if (!jails.has(name)) jails.set(name, defaultEnabled);
  return jails;
}
