import { redactValue } from '../targets/secrets/redact.js';

/**
 * The plan's problems as they are printed: every string the plan holds is masked where a line quotes it
 * (a literal under a credential-like key whole, anything else as free text is), and only there, so the
 * message's own words ("secrets are references") are never taken for a value.
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
