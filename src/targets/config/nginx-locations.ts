import { expandIncludes, type IncludeResolver } from './nginx-includes.js';
import type { NginxDirective } from './nginx.js';

/** A directive written in this file, with the blocks around it (outermost first), includes spliced in. */
export interface NginxPlacedDirective {
  readonly directive: NginxDirective;
  /** The enclosing blocks' directives: `http`, `server`, `location`, ... */
  readonly enclosing: readonly NginxDirective[];
  /** The contents of each enclosing block and of the file's top level, includes spliced in (outermost first). */
  readonly scopes: readonly (readonly NginxDirective[])[];
  /** An include in one of those scopes could not be read: what it sets is unknown. */
  readonly unresolvedInclude: boolean;
}

/** Every directive of the file's own text, with its enclosing blocks, in file order. */
export function placedDirectives(directives: readonly NginxDirective[], resolve: IncludeResolver): NginxPlacedDirective[] {
  const placed: NginxPlacedDirective[] = [];
  const walk = (list: readonly NginxDirective[], enclosing: NginxDirective[], scopes: (readonly NginxDirective[])[], unresolved: boolean) => {
    const scope = expandIncludes(list, resolve);
    const inScope = [...scopes, scope.list];
    const anyUnresolved = unresolved || scope.unresolved;
    for (const directive of list) {
      placed.push({ directive, enclosing, scopes: inScope, unresolvedInclude: anyUnresolved });
      if (directive.block) walk(directive.block, [...enclosing, directive], inScope, anyUnresolved);
    }
  };
  walk(directives, [], [], false);
  return placed;
}

/** The path of a `location [modifier] path` and its modifier ('' for a prefix match). */
export function locationPath(location: NginxDirective): { modifier: string; path: string } {
  const [first = '', second] = location.args;
  if (second !== undefined && /^(=|~|~\*|\^~)$/.test(first)) return { modifier: first, path: second };
  const glued = /^(=|~\*|~|\^~)(.+)$/.exec(first);
  return glued ? { modifier: glued[1]!, path: glued[2]! } : { modifier: '', path: first };
}

/**
 * Whether requests reaching this directive are restricted: `allow`/`deny`, `auth_basic`,
 * `auth_request` or `internal` in its block or an enclosing one, or a server listening on
 * loopback only. Unknown (true) when an include there could not be read.
 */
export function isAccessRestricted(placed: NginxPlacedDirective): boolean {
  if (placed.unresolvedInclude) return true;
  for (const scope of placed.scopes) {
    for (const directive of scope) {
      if (directive.name === 'allow' || directive.name === 'deny' || directive.name === 'internal' || directive.name === 'auth_request' || directive.name === 'auth_jwt') return true;
      if (directive.name === 'auth_basic' && directive.args[0]?.toLowerCase() !== 'off') return true;
    }
  }
  const server = [...placed.enclosing].reverse().find((directive) => directive.name === 'server');
  const listens = (server?.block ?? []).filter((directive) => directive.name === 'listen');
  return listens.length > 0 && listens.every((listen) => /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost|unix:)/.test(listen.args[0] ?? ''));
}
