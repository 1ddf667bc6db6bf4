import { redactValue } from '../targets/secrets/redact.js';

/**
 * The plan's problems as they are printed: each string of the plan that would be masked (a literal under a
 * credential-like key whole, anything else as free text is) is replaced wherever it stands as a whole word.
 * Harden's own words are never parsed as assignments ("clientSecret: secrets are …" stays whole); a secret
 * that is itself a common word is masked where that word appears too — the safe side.
 */
export function maskPlanValues(data: unknown): (line: string) => string {
  const masks = new Map<string, string>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      const shown = redactValue(key, value);
      if (value === '' || shown === value) return;
      masks.set(value, shown);
      // As a message quotes it with JSON.stringify: `found "…"`.
      masks.set(JSON.stringify(value).slice(1, -1), JSON.stringify(shown).slice(1, -1));
    } else if (Array.isArray(value)) for (const item of value) visit(item, key);
    else if (value !== null && typeof value === 'object') for (const [name, item] of Object.entries(value)) visit(item, name);
  };
  visit(data, '');
  if (masks.size === 0) return (line) => line;
  const quoted = [...masks.keys()].sort((a, b) => b.length - a.length).map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![A-Za-z0-9_])(?:${quoted.join('|')})(?![A-Za-z0-9_])`, 'g');
  return (line) => line.replace(pattern, (found) => masks.get(found) ?? found);
}
