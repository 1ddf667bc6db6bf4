import picomatch from 'picomatch';
import type { AnyCheck } from '../checks/define.js';
import { InputError } from '../errors.js';
import type { PlanItem } from '../plan/schema.js';
import { invocationKey } from './fingerprint.js';
import type { CheckInvocation } from './invocation.js';

export interface Selection {
  /** Check ids, `domain/*` globs or bare domains; empty means the whole catalog. */
  only: readonly string[];
  skip: readonly string[];
  /** Items whose checks run with their parameters, when selected. */
  items: readonly PlanItem[];
}

/** The catalog narrowed by --only/--skip, plus every distinct parameterised check the plan's items ask for (narrowed alike). */
export function selectInvocations(catalog: ReadonlyMap<string, AnyCheck>, { only, skip, items }: Selection): CheckInvocation[] {
  const onlyMatch = compileSelectors(only, catalog);
  const skipMatch = compileSelectors(skip, catalog);
  const invocations = new Map<string, CheckInvocation>();
  const selected = (id: string) => (only.length === 0 || onlyMatch(id)) && !skipMatch(id);
  for (const check of catalog.values()) {
    if (!selected(check.id)) continue;
    invocations.set(check.id, { check, options: check.options.parse({}) as Record<string, unknown>, key: check.id });
  }
  for (const item of items) {
    for (const itemCheck of item.checks) {
      const check = catalog.get(itemCheck.check);
      const key = invocationKey(itemCheck.check, itemCheck.with);
      if (!check || !selected(check.id) || invocations.has(key)) continue;
      invocations.set(key, { check, options: check.options.parse(itemCheck.with) as Record<string, unknown>, key });
    }
  }
  return [...invocations.values()];
}

function compileSelectors(selectors: readonly string[], catalog: ReadonlyMap<string, AnyCheck>): (id: string) => boolean {
  const domains = new Set([...catalog.values()].map((check) => check.domain as string));
  const tests = selectors.map((selector) => {
    if (selector.includes('*')) {
      const matches = picomatch(selector);
      if (![...catalog.keys()].some((id) => matches(id))) throw new InputError([`"${selector}" matches no check (run "harden checks" for the catalog)`]);
      return matches;
    }
    if (!selector.includes('/')) {
      if (!domains.has(selector)) throw new InputError([`unknown check domain "${selector}" (domains: ${[...domains].sort().join(', ')})`]);
      return (id: string) => id.startsWith(`${selector}/`);
    }
    if (!catalog.has(selector)) throw new InputError([`unknown check id "${selector}" (run "harden checks" for the catalog)`]);
    return (id: string) => id === selector;
  });
  return (id) => tests.some((test) => test(id));
}

/**
 * The domains --only/--skip selectors name, so a run can load just those: "all" when one does not
 * name exactly one known domain (a glob across domains, a typo, whose error lists the whole catalog).
 */
export function domainsNamed(selectors: readonly string[], known: readonly string[]): string[] | 'all' {
  const named = new Set<string>();
  for (const selector of selectors) {
    const domain = selector.split('/')[0]!;
    if (domain.includes('*') || !known.includes(domain)) return 'all';
    named.add(domain);
  }
  return [...named];
}
