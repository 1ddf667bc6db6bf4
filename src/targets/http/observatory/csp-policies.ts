/** Directive name → its sources, lower-case. */
export type Directives = Map<string, Set<string>>;

const REPEATABLE = new Set(['report-uri', 'report-to']);
const MIN_POLICY_LENGTH = 6;

export class InvalidPolicy extends Error {}

/** Parses one or more policies into directive → sources (lower-case); throws InvalidPolicy. */
export function parsePolicies(policies: readonly string[]): { directives: Directives; repeatedReporting: boolean } {
  const cleaned = policies.map((policy) => policy.replace(/[\r\n]/g, '').trim());
  let repeatedReporting = false;
  const parsed = cleaned.map((policy) => {
    if (policy.length < MIN_POLICY_LENGTH) throw new InvalidPolicy(policy);
    const directives: Directives = new Map();
    for (const part of policy.split(';')) {
      const [rawName, ...sources] = part.trim().split(/\s+/);
      if (!rawName) continue;
      const name = rawName.toLowerCase();
      if (directives.has(name)) {
        if (!REPEATABLE.has(name)) throw new InvalidPolicy(`${name} repeated`);
        repeatedReporting = true;
      }
      const list = sources.map((source) => source.trim().toLowerCase()).filter(Boolean);
      directives.set(name, new Set(list.length === 0 && name.endsWith('-src') ? ["'none'"] : list));
    }
    return directives;
  });
  const [first, ...rest] = parsed;
  const directives: Directives = new Map(first ?? []);
  for (const policy of rest) {
    for (const [name, sources] of policy) {
      const earlier = directives.get(name);
      // A later policy can only narrow what the first allowed.
      directives.set(name, earlier ? intersect(earlier, sources) : new Set(["'none'"]));
    }
  }
  for (const [name, sources] of directives) if (sources.size === 0) directives.set(name, new Set(["'none'"]));
  return { directives, repeatedReporting };
}

/** Sources allowed by both lists: equal, or one a path-prefix (ending in /) of the other. */
function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const kept = new Set<string>();
  for (const x of a) for (const y of b) {
    if (x === y || (x.endsWith('/') && y.startsWith(x))) kept.add(y);
    else if (y.endsWith('/') && x.startsWith(y)) kept.add(x);
  }
  return kept;
}

/** The directives of the policies, or none when they do not parse. */
export function tryParse(policies: readonly string[]): Directives {
  try {
    return parsePolicies(policies).directives;
  } catch {
    return new Map();
  }
}
