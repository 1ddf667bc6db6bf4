import { headerMap } from '../http/headers/finding.js';
import { manifestObjects } from './manifest-targets.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asBoolean, asNumber, asRecord, asString } from '../yaml/read.js';
import type { YamlPath } from '../yaml/source.js';
import type { K8sObject } from './objects.js';
import { isTraefik, middlewareIndex, middlewareRefsOf } from './traefik.js';

/** The response headers a Traefik `headers` Middleware sends, and the field that sets each. */
export interface TraefikResponseHeaders {
  /** Lower-case name → values, as a live response would carry them. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  /** The field that sets a header (lower-case name), from the object's root. */
  readonly fields: ReadonlyMap<string, YamlPath>;
  /** Where a missing header belongs: `customResponseHeaders` when there is one, else `headers`. */
  readonly anchor: YamlPath;
}

const BASE: YamlPath = ['spec', 'headers'];

/** The typed fields of spec.headers that send a response header. */
const FIELDS: readonly { field: string; header: string; value: (raw: unknown, spec: Record<string, unknown>) => string | undefined }[] = [
  {
    field: 'stsSeconds',
    header: 'Strict-Transport-Security',
    value: (raw, spec) => {
      const seconds = asNumber(raw);
      if (seconds === undefined || seconds <= 0) return undefined;
      return `max-age=${seconds}${asBoolean(spec.stsIncludeSubdomains) ? '; includeSubDomains' : ''}${asBoolean(spec.stsPreload) ? '; preload' : ''}`;
    },
  },
  { field: 'contentSecurityPolicy', header: 'Content-Security-Policy', value: (raw) => asString(raw) },
  { field: 'contentSecurityPolicyReportOnly', header: 'Content-Security-Policy-Report-Only', value: (raw) => asString(raw) },
  { field: 'frameDeny', header: 'X-Frame-Options', value: (raw, spec) => (asBoolean(raw) && !asString(spec.customFrameOptionsValue) ? 'DENY' : undefined) },
  { field: 'customFrameOptionsValue', header: 'X-Frame-Options', value: (raw) => asString(raw) },
  { field: 'contentTypeNosniff', header: 'X-Content-Type-Options', value: (raw) => (asBoolean(raw) ? 'nosniff' : undefined) },
  { field: 'browserXssFilter', header: 'X-XSS-Protection', value: (raw, spec) => (asBoolean(raw) && !asString(spec.customBrowserXSSValue) ? '1; mode=block' : undefined) },
  { field: 'customBrowserXSSValue', header: 'X-XSS-Protection', value: (raw) => asString(raw) },
  { field: 'referrerPolicy', header: 'Referrer-Policy', value: (raw) => asString(raw) },
  { field: 'permissionsPolicy', header: 'Permissions-Policy', value: (raw) => asString(raw) },
  { field: 'featurePolicy', header: 'Feature-Policy', value: (raw) => asString(raw) },
];

/** Response headers that make a Middleware a security-headers middleware (not CORS or request rewriting only). */
const SECURITY_HEADERS = new Set([
  'strict-transport-security', 'content-security-policy', 'content-security-policy-report-only', 'x-frame-options',
  'x-content-type-options', 'x-xss-protection', 'referrer-policy', 'permissions-policy', 'feature-policy',
  'cross-origin-opener-policy', 'cross-origin-resource-policy', 'cross-origin-embedder-policy',
]);

/**
 * Reads a Traefik `headers` Middleware (traefik.io or traefik.containo.us) as the response
 * headers it sends; undefined when it sets no security response header (a CORS or
 * request-header middleware). customResponseHeaders win over the typed fields, and an
 * empty value removes the header, as Traefik does.
 */
export function traefikResponseHeaders(object: K8sObject): TraefikResponseHeaders | undefined {
  if (!isTraefik(object, 'Middleware')) return undefined;
  const spec = asRecord(asRecord(object.data.spec)?.headers);
  return spec ? traefikHeadersOf(spec, BASE) : undefined;
}

/**
 * The same for a `headers` section anywhere (a Kubernetes Middleware's spec.headers, a
 * file-provider `http.middlewares.<name>.headers`), with field paths under `base`.
 */
export function traefikHeadersOf(spec: Record<string, unknown>, base: YamlPath): TraefikResponseHeaders | undefined {
  const pairs = new Map<string, [string, string]>();
  const fields = new Map<string, YamlPath>();
  for (const { field, header, value } of FIELDS) {
    const text = value(spec[field], spec);
    if (text === undefined) continue;
    pairs.set(header.toLowerCase(), [header, text]);
    fields.set(header.toLowerCase(), [...base, field]);
  }
  const custom = asRecord(spec.customResponseHeaders);
  for (const [name, raw] of Object.entries(custom ?? {})) {
    const text = asString(raw) ?? '';
    fields.set(name.toLowerCase(), [...base, 'customResponseHeaders', name]);
    if (text.trim() === '') pairs.delete(name.toLowerCase());
    else pairs.set(name.toLowerCase(), [name, text]);
  }
  if (![...pairs.keys()].some((name) => SECURITY_HEADERS.has(name))) return undefined;
  return { headers: headerMap(pairs.values()), fields, anchor: custom ? [...base, 'customResponseHeaders'] : base };
}

/** For each headers Middleware, the response headers the other middlewares on its routers send. */
export interface RouterHeaders {
  /**
   * Whether every router that uses `middleware` (an Ingress or IngressRoute, through chains too)
   * also gets `header` from another middleware; false when the middleware is on no router.
   */
  coveredElsewhere(middleware: K8sObject, header: string): boolean;
}

/** Middlewares split across several objects (one for HSTS, one for CSP) are judged together per router. */
export const routerHeadersIndex = defineIndex<RouterHeaders>('k8s/traefik-router-headers', (workspace) => {
  const middlewares = useIndex(workspace, middlewareIndex);
  const sent = new Map<K8sObject, TraefikResponseHeaders | undefined>();
  const headersOf = (object: K8sObject) => {
    if (!sent.has(object)) sent.set(object, traefikResponseHeaders(object));
    return sent.get(object);
  };
  const routersOf = new Map<K8sObject, Set<K8sObject>[]>();
  for (const object of manifestObjects(workspace)) {
    if (object.kind !== 'Ingress' && !isTraefik(object, 'IngressRoute')) continue;
    const onRouter = new Set<K8sObject>();
    const expand = (refs: ReturnType<typeof middlewareRefsOf>) => {
      for (const ref of refs) {
        for (const middleware of middlewares.resolve(ref)) {
          if (onRouter.has(middleware)) continue;
          onRouter.add(middleware);
          expand(middlewareRefsOf(middleware));
        }
      }
    };
    expand(middlewareRefsOf(object));
    for (const middleware of onRouter) {
      const list = routersOf.get(middleware);
      if (list) list.push(onRouter);
      else routersOf.set(middleware, [onRouter]);
    }
  }
  return {
    coveredElsewhere(middleware, header) {
      const routers = routersOf.get(middleware);
      if (!routers || routers.length === 0) return false;
      return routers.every((router) => [...router].some((other) => other !== middleware && headersOf(other)?.headers.has(header) === true));
    },
  };
});
