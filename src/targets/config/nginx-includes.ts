import type { NginxDirective } from './nginx.js';

/** The parsed directives of the files an `include` pattern names, relative to the including file; undefined when none can be read. */
export type IncludeResolver = (pattern: string) => readonly NginxDirective[] | undefined;

/** Includes that never hold headers or access rules (MIME types, fastcgi/proxy parameters, charsets). */
const HARMLESS_INCLUDE = /(?:^|\/)(?:mime\.types|[\w-]*\.types|fastcgi_params|fastcgi\.conf|proxy_params|uwsgi_params|scgi_params|koi-\w+|win-utf)$/;
const MAX_INCLUDE_DEPTH = 4;

/** A block's directives with its includes spliced in; `unresolved` when an include could not be read. */
export function expandIncludes(list: readonly NginxDirective[], resolve: IncludeResolver, depth = 0): { list: NginxDirective[]; unresolved: boolean } {
  const out: NginxDirective[] = [];
  let unresolved = false;
  for (const directive of list) {
    if (directive.name !== 'include') {
      out.push(directive);
      continue;
    }
    const pattern = directive.args[0] ?? '';
    if (HARMLESS_INCLUDE.test(pattern)) continue;
    const included = depth < MAX_INCLUDE_DEPTH ? resolve(pattern) : undefined;
    if (!included) {
      unresolved = true;
      continue;
    }
    const inner = expandIncludes(included, resolve, depth + 1);
    out.push(...inner.list);
    unresolved ||= inner.unresolved;
  }
  return { list: out, unresolved };
}
