import { fileMiddlewareNames, providerDirectory, traefikFilesIndex, traefikHeaderSections, type TraefikFile, type TraefikHeaderSection } from '../../targets/config/traefik-file.js';
import { PROXY_HEADER_CLAIMS } from '../../targets/http/headers/claims.js';
import { ALL_HEADER_MESSAGE_IDS, headerMessages, securityHeaderFindings } from '../../targets/http/headers/rules.js';
import { traefikHeadersOf } from '../../targets/k8s/traefik-headers.js';
import { defineIndex, useIndex } from '../../targets/repo/shared-index.js';
import { asRecord, type YamlRecord } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

export const traefikFileSecurityHeaders = defineCheck({
  id: 'repo/traefik-file-security-headers',
  title: 'Traefik file-provider headers middlewares send strong browser security headers',
  severity: 'medium',
  target: 'repo-file',
  why:
    'With compose, Traefik\'s security headers usually live in the file provider\'s dynamic configuration ' +
    '(`http.middlewares.<name>.headers` in a rules directory): that middleware decides HSTS, Content-Security-Policy, ' +
    'frame options, nosniff, Cross-Origin policies, Referrer-Policy and whether the deprecated X-XSS-Protection is ' +
    'sent. This check reads it the way k8s/traefik-security-headers reads a Middleware object (stsSeconds, ' +
    'contentSecurityPolicy, frameDeny, customFrameOptionsValue, contentTypeNosniff, browserXssFilter, referrerPolicy, ' +
    'customResponseHeaders) and applies the rules harden applies to live responses. A header missing here but set by ' +
    'another headers middleware on every router or chain that uses this one (in the same rules directory) is not ' +
    'reported. Values holding Go templates ({{env "DOMAIN"}}) are read with a placeholder. TOML files are read too ' +
    '(`[http.middlewares.secure.headers]`), and a Traefik v1 frontend\'s `[frontends.<name>.headers]` (`STSSeconds`, ' +
    '`browserXSSFilter`: field names are read without case, as Traefik does).',
  fix: [
    'Complete the middleware and attach it (directly or through a chain) to every router:',
    '',
    '    http:',
    '      middlewares:',
    '        secure-headers:',
    '          headers:',
    '            stsSeconds: 63072000',
    '            stsIncludeSubdomains: true',
    '            stsPreload: true',
    '            contentSecurityPolicy: "default-src \'self\'; object-src \'none\'; base-uri \'none\'; frame-ancestors \'none\'"',
    '            contentTypeNosniff: true',
    '            referrerPolicy: strict-origin-when-cross-origin',
    '            customResponseHeaders:',
    '              Cross-Origin-Opener-Policy: same-origin',
    '              Cross-Origin-Resource-Policy: same-site',
    '              Server: ""',
  ].join('\n'),
  refs: [
    'Traefik documentation, Headers middleware (file provider) and File provider',
    'OWASP HTTP Headers Cheat Sheet; OWASP Secure Headers Project',
    'RFC 6797 (HSTS); W3C Content Security Policy Level 3',
  ],
  messages: headerMessages(ALL_HEADER_MESSAGE_IDS),
  claims: [...PROXY_HEADER_CLAIMS],
  evaluate(file, ctx) {
    const config = ctx.shared(traefikFilesIndex).get(file.file);
    const sections = config ? traefikHeaderSections(config) : [];
    if (!config || (sections.length === 0 && !asRecord(asRecord(config.data.http)?.middlewares))) return ctx.notApplicable();
    const coverage = ctx.shared(fileRouterHeadersIndex);
    for (const section of sections) {
      const sent = traefikHeadersOf(section.headers, section.path);
      if (!sent) continue;
      for (const finding of securityHeaderFindings(sent.headers)) {
        if (finding.missing && section.kind === 'middleware' && coverage.coveredElsewhere(providerDirectory(file.file), section.name, finding.header)) continue;
        const at = config.locate(finding.missing ? sent.anchor : (sent.fields.get(finding.header) ?? sent.anchor));
        ctx.fail(file.at(at.line, at.column), finding.messageId, finding.data);
      }
    }
  },
});

interface FileRouterHeaders {
  /** Whether every router or chain of the directory that uses `middleware` gets `header` from another middleware. */
  coveredElsewhere(directory: string, middleware: string, header: string): boolean;
}

const fileRouterHeadersIndex = defineIndex<FileRouterHeaders>('config/traefik-file-router-headers', (workspace) => {
  const byDirectory = new Map<string, TraefikFile[]>();
  for (const config of useIndex(workspace, traefikFilesIndex).values()) {
    const directory = providerDirectory(config.file);
    byDirectory.set(directory, [...(byDirectory.get(directory) ?? []), config]);
  }
  return {
    coveredElsewhere(directory, middleware, header) {
      const configs = byDirectory.get(directory) ?? [];
      const definitions = new Map<string, YamlRecord>();
      const sections = new Map<string, TraefikHeaderSection>();
      for (const config of configs) {
        for (const [name, raw] of Object.entries(asRecord(asRecord(config.data.http)?.middlewares) ?? {})) definitions.set(name, asRecord(raw) ?? {});
        for (const section of traefikHeaderSections(config)) if (section.kind === 'middleware') sections.set(section.name, section);
      }
      const expand = (names: string[], into: Set<string>) => {
        for (const name of names) {
          if (into.has(name)) continue;
          into.add(name);
          expand(fileMiddlewareNames(asRecord(definitions.get(name)?.chain)?.middlewares), into);
        }
      };
      const users: Set<string>[] = [];
      const routers = configs.flatMap((config) => Object.values(asRecord(asRecord(config.data.http)?.routers) ?? {}));
      for (const router of routers) {
        const used = new Set<string>();
        expand(fileMiddlewareNames(asRecord(router)?.middlewares), used);
        if (used.has(middleware)) users.push(used);
      }
      // A chain is how file-provider setups share middlewares: one that holds this one counts as a user.
      for (const [name, definition] of definitions) {
        if (!asRecord(definition.chain)) continue;
        const used = new Set<string>();
        expand([name], used);
        if (used.has(middleware) && name !== middleware) users.push(used);
      }
      if (users.length === 0) return false;
      return users.every((used) =>
        [...used].some((other) => {
          if (other === middleware) return false;
          const section = sections.get(other);
          return section !== undefined && traefikHeadersOf(section.headers, [])?.headers.has(header) === true;
        }),
      );
    },
  };
});
