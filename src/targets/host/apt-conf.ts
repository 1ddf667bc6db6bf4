/** One assignment of apt's configuration: `APT::Periodic::Unattended-Upgrade "1";`, or an item of a list (key ending in `::`). */
export interface AptSetting {
  readonly key: string;
  readonly value: string;
  readonly file?: string;
  readonly line?: number;
}

/**
 * apt.conf syntax (apt.conf(5)): `A::B "v";`, nested `A { B "v"; };`, lists `L { "a"; "b"; };`
 * (their items get the key `L::`), `//`, `#` and `/* *\/` comments. `apt-config dump` prints
 * the same syntax flattened, so both read here. `#clear` and `#include` are skipped.
 */
export function parseAptConf(text: string, file?: string): AptSetting[] {
  const settings: AptSetting[] = [];
  const scopes: string[] = [];
  const source = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  const token = /"((?:[^"\\]|\\.)*)"|([{};])|([^\s{};"]+)/g;
  let line = 1;
  let pendingKey: string | undefined;
  for (const rawLine of source.split('\n')) {
    const code = rawLine.replace(/(^|\s)(\/\/|#).*$/, '');
    token.lastIndex = 0;
    for (let match = token.exec(code); match; match = token.exec(code)) {
      const [, quoted, punct, word] = match;
      if (word !== undefined) pendingKey = word;
      else if (quoted !== undefined) {
        const prefix = scopes.join('::');
        const key = pendingKey === undefined ? `${prefix}::` : prefix ? `${prefix}::${pendingKey}` : pendingKey;
        settings.push({ key, value: quoted, ...(file ? { file, line } : {}) });
        pendingKey = undefined;
      } else if (punct === '{') {
        if (pendingKey !== undefined) scopes.push(pendingKey);
        pendingKey = undefined;
      } else if (punct === '}') scopes.pop();
      else pendingKey = undefined;
    }
    line++;
  }
  return settings;
}

/** The value of a scalar (the last assignment wins) and the items of a list, case-insensitively by key. */
export function aptValue(settings: readonly AptSetting[], key: string): AptSetting | undefined {
  const lower = key.toLowerCase();
  for (let i = settings.length - 1; i >= 0; i--) if (settings[i]!.key.toLowerCase() === lower) return settings[i];
  return undefined;
}

export function aptList(settings: readonly AptSetting[], key: string): AptSetting[] {
  const lower = `${key.toLowerCase()}::`;
  return settings.filter((setting) => setting.key.toLowerCase() === lower);
}

/** Files apt reads from a parts directory, in its order: names of letters, digits, `_`, `-`, `.` without another extension than .conf. */
export function aptPartFile(name: string): boolean {
  return /^[A-Za-z0-9_.-]+$/.test(name) && (!name.includes('.') || name.endsWith('.conf'));
}
