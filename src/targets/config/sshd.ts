/**
 * OpenSSH server configuration (sshd_config, sshd_config.d/*.conf, or the body of a
 * here-document that writes one), read the way sshd reads it: keywords are
 * case-insensitive, `Keyword value` or `Keyword=value`, `#` comments; the first value
 * obtained for a keyword wins; a `Match` block lasts until the next `Match` and its
 * settings apply only to connections that match it.
 */
export interface SshdSetting {
  /** Lower-case keyword: `permitrootlogin`. */
  readonly keyword: string;
  /** The keyword as written: `PermitRootLogin`. */
  readonly name: string;
  /** The value as written, quotes removed; lower-case comparisons are the caller's. */
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

export interface SshdMatchBlock {
  /** The criteria after `Match`: `User backup`, `Address 10.0.0.0/8`, `all`. */
  readonly criteria: string;
  readonly line: number;
  /** First value per keyword inside this block. */
  readonly settings: ReadonlyMap<string, SshdSetting>;
}

export interface SshdConfig {
  /** First value per keyword outside Match blocks. */
  readonly global: ReadonlyMap<string, SshdSetting>;
  readonly matches: readonly SshdMatchBlock[];
  /** `Include` directives: settings this file cannot see. */
  readonly includes: readonly SshdSetting[];
}

const LINE = /^(\s*)([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+)(.*?)\s*$/;

export function parseSshdConfig(lines: readonly { text: string; line: number }[]): SshdConfig {
  const global = new Map<string, SshdSetting>();
  const matches: { criteria: string; line: number; settings: Map<string, SshdSetting> }[] = [];
  const includes: SshdSetting[] = [];
  let current = global;
  for (const { text, line } of lines) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = LINE.exec(text);
    if (!match) continue;
    const setting: SshdSetting = {
      keyword: match[2]!.toLowerCase(),
      name: match[2]!,
      value: unquote(match[3]!.replace(/\s+#.*$/, '')),
      line,
      column: match[1]!.length + 1,
    };
    if (setting.keyword === 'match') {
      const block = { criteria: setting.value, line, settings: new Map<string, SshdSetting>() };
      matches.push(block);
      current = block.settings;
      continue;
    }
    if (setting.keyword === 'include') {
      includes.push(setting);
      continue;
    }
    if (!current.has(setting.keyword)) current.set(setting.keyword, setting);
  }
  return { global, matches, includes };
}

function unquote(value: string): string {
  const match = /^"(.*)"$/.exec(value);
  return match ? match[1]! : value;
}
