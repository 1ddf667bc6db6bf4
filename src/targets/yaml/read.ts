/** Narrowing readers for untyped YAML data: wrong shapes read as absent, never throw. */
export type YamlRecord = Record<string, unknown>;

export function asRecord(value: unknown): YamlRecord | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as YamlRecord) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

export function recordsOf(value: unknown): YamlRecord[] {
  return asArray(value).flatMap((item): YamlRecord[] => {
    const record = asRecord(item);
    return record ? [record] : [];
  });
}

/**
 * A value of the data as a message shows it: a scalar as written, a map or a list as compact
 * JSON (never `[object Object]`: a value where a scalar belongs is what the reader must see).
 */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return Array.isArray(value) ? '[…]' : '{…}';
    }
  }
  return String(value);
}
