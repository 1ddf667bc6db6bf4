/** An MTA-STS policy file (RFC 8461 §3.2), as served at https://mta-sts.<domain>/.well-known/mta-sts.txt. */
export interface MtaStsPolicy {
  version: string | undefined;
  mode: 'enforce' | 'testing' | 'none' | undefined;
  /** Seconds; undefined when absent or not a number. */
  maxAge: number | undefined;
  mx: string[];
  errors: string[];
}

const MODES = ['enforce', 'testing', 'none'] as const;
/** RFC 8461 §3.2: max_age is at most 31557600 (one year). */
export const MAX_AGE_LIMIT = 31_557_600;

export function parseMtaStsPolicy(text: string): MtaStsPolicy {
  const errors: string[] = [];
  const fields = new Map<string, string[]>();
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon < 1) {
      errors.push(`"${line.trim().slice(0, 60)}" is not a "key: value" line`);
      continue;
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    fields.set(key, [...(fields.get(key) ?? []), line.slice(colon + 1).trim()]);
  }
  const one = (key: string) => fields.get(key)?.[0];
  const version = one('version');
  if (version !== 'STSv1') errors.push(version === undefined ? 'version: is missing' : `version: ${version} is not STSv1`);
  const modeText = one('mode');
  const mode = MODES.find((m) => m === modeText);
  if (!mode) errors.push(modeText === undefined ? 'mode: is missing' : `mode: ${modeText} is not enforce, testing or none`);
  const maxAgeText = one('max_age');
  let maxAge: number | undefined;
  if (maxAgeText === undefined) errors.push('max_age: is missing');
  else if (!/^\d{1,10}$/.test(maxAgeText) || Number(maxAgeText) > MAX_AGE_LIMIT) errors.push(`max_age: ${maxAgeText} is not a number of seconds up to ${MAX_AGE_LIMIT}`);
  else maxAge = Number(maxAgeText);
  const mx = (fields.get('mx') ?? []).map((pattern) => pattern.toLowerCase().replace(/\.$/, ''));
  if (mx.length === 0 && mode !== 'none') errors.push('no mx: line: the policy names no MX host');
  return { version, mode, maxAge, mx, errors };
}

/** RFC 8461 §4.1: a pattern is a host name, or "*." and a name matching exactly one more label on the left. */
export function mxMatches(pattern: string, host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!pattern.startsWith('*.')) return pattern === name;
  const dot = name.indexOf('.');
  return dot > 0 && name.slice(dot + 1) === pattern.slice(2);
}
