import { headerMap } from '../http/headers/finding.js';
import type { NginxDirective } from './nginx.js';
import { expandIncludes, type IncludeResolver } from './nginx-includes.js';

/** An `add_header` (or `more_set_headers`) that sets a response header. */
export interface NginxHeader {
  readonly name: string;
  readonly value: string;
  readonly directive: NginxDirective;
}

/** What one `server` block answers with, as far as the configuration says. */
export interface NginxServer {
  readonly directive: NginxDirective;
  /** Listens with TLS (`listen 443 ssl`, `ssl_certificate`): HSTS belongs here. */
  readonly tls: boolean;
  /** Answers every request with a redirect at server level (`return 301 https://...`). */
  readonly redirectOnly: boolean;
  /** Headers in effect at server level (its own add_header, else inherited from http). */
  readonly headers: readonly NginxHeader[];
  /** The response headers as a header map, including the Server header `server_tokens` produces. */
  readonly headerMap: ReadonlyMap<string, readonly string[]>;
  /** The directive that sets each header (lower-case name). */
  readonly setBy: ReadonlyMap<string, NginxDirective>;
  /** An `include` that could not be read: headers may be set there, so absence is not certain. */
  readonly unresolvedInclude: boolean;
  /** Locations (at any depth) with their own add_header: they drop the inherited headers. */
  readonly overridingLocations: readonly { directive: NginxDirective; dropped: readonly string[] }[];
}


const HTTPS_PORT = /(?:^|:)443$/;
const REDIRECT_STATUS = /^30[1278]$/;

interface Context {
  headers: NginxHeader[];
  serverTokens: NginxDirective | undefined;
  unresolved: boolean;
}

/** The `server` blocks of a config (top level, as in conf.d fragments, or inside `http`), with their effective headers. */
export function nginxServers(directives: readonly NginxDirective[], resolve: IncludeResolver): NginxServer[] {
  const servers: NginxServer[] = [];
  const top = expandIncludes(directives, resolve, 0);
  const hasHttp = top.list.some((d) => d.name === 'http');
  const root: Context = { headers: ownHeaders(top.list), serverTokens: last(top.list, 'server_tokens'), unresolved: top.unresolved };
  const own = ownDirectives(directives);
  const visit = (list: readonly NginxDirective[], parent: Context, fullConfig: boolean) => {
    for (const directive of list) {
      // Server blocks of included files are reported in their own file.
      if (!own.has(directive)) continue;
      if (directive.name === 'http' && directive.block) {
        const body = expandIncludes(directive.block, resolve, 0);
        const own = ownHeaders(body.list);
        visit(body.list, { headers: own.length > 0 ? own : parent.headers, serverTokens: last(body.list, 'server_tokens') ?? parent.serverTokens, unresolved: parent.unresolved || body.unresolved }, true);
      } else if (directive.name === 'server' && directive.block) {
        servers.push(server(directive, parent, resolve, fullConfig));
      }
    }
  };
  visit(top.list, root, hasHttp);
  return servers;
}

function server(directive: NginxDirective, parent: Context, resolve: IncludeResolver, fullConfig: boolean): NginxServer {
  const body = expandIncludes(directive.block!, resolve, 0);
  const own = ownHeaders(body.list);
  const headers = own.length > 0 ? own : parent.headers;
  const serverTokens = last(body.list, 'server_tokens') ?? parent.serverTokens;
  const tls = body.list.some(
    (d) => (d.name === 'listen' && d.args.some((arg) => arg === 'ssl' || arg === 'quic' || HTTPS_PORT.test(arg))) || d.name === 'ssl_certificate' || (d.name === 'ssl' && d.args[0] === 'on'),
  );
  const redirectOnly = body.list.some((d) => d.name === 'return' && REDIRECT_STATUS.test(d.args[0] ?? ''));
  const pairs: [string, string][] = headers.map((header) => [header.name, header.value]);
  const setBy = new Map<string, NginxDirective>();
  for (const header of headers) if (!setBy.has(header.name.toLowerCase())) setBy.set(header.name.toLowerCase(), header.directive);
  // server_tokens: on by default, and the default is only known when the file holds the whole http context.
  const tokens = serverTokens?.args[0]?.toLowerCase();
  if (tokens === 'on' || tokens === 'build' || (tokens === undefined && fullConfig)) {
    pairs.push(['Server', 'nginx/1.x (server_tokens)']);
    if (serverTokens) setBy.set('server', serverTokens);
  }
  const overridingLocations: { directive: NginxDirective; dropped: string[] }[] = [];
  const inherited = new Set(headers.map((header) => header.name.toLowerCase()));
  const visitLocations = (list: readonly NginxDirective[], effective: Set<string>) => {
    for (const d of list) {
      if ((d.name !== 'location' && d.name !== 'if') || !d.block) continue;
      const inner = expandIncludes(d.block, resolve, 0).list;
      const ownInner = ownHeaders(inner);
      let next = effective;
      if (ownInner.length > 0) {
        const names = new Set(ownInner.map((header) => header.name.toLowerCase()));
        const dropped = [...effective].filter((name) => !names.has(name));
        if (dropped.length > 0 && d.name === 'location') overridingLocations.push({ directive: d, dropped });
        next = names;
      }
      visitLocations(inner, next);
    }
  };
  visitLocations(body.list, inherited);
  return {
    directive,
    tls,
    redirectOnly,
    headers,
    headerMap: headerMap(pairs),
    setBy,
    unresolvedInclude: parent.unresolved || body.unresolved,
    overridingLocations,
  };
}

/** `add_header Name value [always];` and `more_set_headers "Name: value" ...;` of one block (not nested ones). */
function ownHeaders(list: readonly NginxDirective[]): NginxHeader[] {
  const headers: NginxHeader[] = [];
  for (const directive of list) {
    if (directive.name === 'add_header' && directive.args.length >= 2) headers.push({ name: directive.args[0]!, value: directive.args[1]!, directive });
    else if (directive.name === 'more_set_headers') {
      for (const arg of directive.args) {
        if (arg.startsWith('-')) continue;
        const colon = arg.indexOf(':');
        if (colon > 0) headers.push({ name: arg.slice(0, colon).trim(), value: arg.slice(colon + 1).trim(), directive });
      }
    }
  }
  return headers;
}

/** Every directive written in this file, at any depth (not those spliced in from includes). */
export function ownDirectives(directives: readonly NginxDirective[]): Set<NginxDirective> {
  const own = new Set<NginxDirective>();
  const walk = (list: readonly NginxDirective[]) => {
    for (const directive of list) {
      own.add(directive);
      if (directive.block) walk(directive.block);
    }
  };
  walk(directives);
  return own;
}

function last(list: readonly NginxDirective[], name: string): NginxDirective | undefined {
  return list.filter((directive) => directive.name === name).at(-1);
}
