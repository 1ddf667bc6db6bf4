import { manifestObjects } from './manifest-targets.js';
import type { Location } from '../location.js';
import { defineIndex, useIndex } from '../repo/shared-index.js';
import { asArray, asRecord, asString, type YamlRecord } from '../yaml/read.js';
import type { K8sObject } from './objects.js';
import { scopeIndex, type ScopeIndex } from './scopes.js';

/** The annotation that attaches Traefik middlewares to the router of a plain Ingress. */
export const ROUTER_MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';
export const ROUTER_ENTRYPOINTS = 'traefik.ingress.kubernetes.io/router.entrypoints';
export const ROUTER_TLS = 'traefik.ingress.kubernetes.io/router.tls';

/** A Traefik CRD (traefik.io or the older traefik.containo.us group) of `kind`. */
export function isTraefik(object: K8sObject, kind: string): boolean {
  return object.kind === kind && /^traefik\.(io|containo\.us)\//.test(object.apiVersion);
}

export function annotationsOf(object: K8sObject): YamlRecord {
  return asRecord(asRecord(object.data.metadata)?.annotations) ?? {};
}

/** One reference to a Traefik middleware. */
export interface MiddlewareRef {
  /** As written: `honeydue-admin-auth@kubernetescrd`, or an IngressRoute entry's name. */
  readonly written: string;
  /** The object whose reference it is. */
  readonly from: K8sObject;
  /**
   * The Kubernetes CRD middleware referred to: `name` plus `namespace` when written apart
   * (IngressRoute, chain; unset: the referring object's), or `combined` = `<namespace>-<name>` (Ingress annotation).
   * Undefined for another provider (`@file`, `@docker`, `@internal`) or no provider on an
   * Ingress annotation: nothing in the manifests can define those.
   */
  readonly crd: { name: string; namespace: string | undefined } | { combined: string } | undefined;
  readonly at: Location;
}

/** Middlewares attached to an Ingress (annotation), an IngressRoute (routes) or a chain Middleware. */
export function middlewareRefsOf(object: K8sObject): MiddlewareRef[] {
  if (object.kind === 'Ingress') {
    const value = asString(annotationsOf(object)[ROUTER_MIDDLEWARES]);
    if (!value) return [];
    const at = object.at(['metadata', 'annotations', ROUTER_MIDDLEWARES]);
    return value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((written) => {
        const [combined, provider] = splitProvider(written);
        return { written, from: object, crd: provider === 'kubernetescrd' ? { combined } : undefined, at };
      });
  }
  const refs: MiddlewareRef[] = [];
  const entry = (record: YamlRecord, path: (string | number)[]) => {
    const written = asString(record.name);
    if (!written) return;
    const [name, provider] = splitProvider(written);
    const crd = provider === undefined || provider === 'kubernetescrd' ? { name, namespace: asString(record.namespace) } : undefined;
    refs.push({ written, from: object, crd, at: object.at([...path, 'name']) });
  };
  if (isTraefik(object, 'IngressRoute')) {
    asArray(asRecord(object.data.spec)?.routes).forEach((route, r) =>
      asArray(asRecord(route)?.middlewares).forEach((item, m) => {
        const record = asRecord(item);
        if (record) entry(record, ['spec', 'routes', r, 'middlewares', m]);
      }),
    );
  }
  if (isTraefik(object, 'Middleware')) {
    asArray(asRecord(asRecord(object.data.spec)?.chain)?.middlewares).forEach((item, m) => {
      const record = asRecord(item);
      if (record) entry(record, ['spec', 'chain', 'middlewares', m]);
    });
  }
  return refs;
}

function splitProvider(written: string): [string, string | undefined] {
  const at = written.lastIndexOf('@');
  return at < 0 ? [written, undefined] : [written.slice(0, at), written.slice(at + 1)];
}

export interface MiddlewareIndex {
  /** The Middleware objects a reference resolves to; empty when no manifest defines it. */
  resolve(ref: MiddlewareRef): K8sObject[];
  /** Whether the repository defines any Traefik Middleware at all. */
  readonly any: boolean;
  /** Every Middleware named `name`, wherever it is deployed. */
  named(name: string): readonly K8sObject[];
}

/** Traefik Middleware objects by name, for references from Ingresses, IngressRoutes and chains. */
export const middlewareIndex = defineIndex<MiddlewareIndex>('k8s/traefik-middlewares', (workspace) => {
  const scopes = useIndex(workspace, scopeIndex);
  const byName = new Map<string, K8sObject[]>();
  for (const object of manifestObjects(workspace)) {
    if (!isTraefik(object, 'Middleware')) continue;
    const list = byName.get(object.name);
    if (list) list.push(object);
    else byName.set(object.name, [object]);
  }
  return {
    any: byName.size > 0,
    named: (name) => byName.get(name) ?? [],
    resolve(ref) {
      const crd = ref.crd;
      if (!crd) return [];
      if ('name' in crd) return (byName.get(crd.name) ?? []).filter((object) => deployedAt(scopes, object, ref.from, crd.namespace));
      // `<namespace>-<name>`: both may contain dashes, so try every split.
      const found: K8sObject[] = [];
      for (let i = crd.combined.indexOf('-'); i > 0; i = crd.combined.indexOf('-', i + 1)) {
        const namespace = crd.combined.slice(0, i);
        for (const object of byName.get(crd.combined.slice(i + 1)) ?? []) if (deployedAt(scopes, object, ref.from, namespace)) found.push(object);
      }
      return found;
    },
  };
});

/** `object` is deployed in a unit of `from`, in `namespace` (`from`'s own there when undefined). */
function deployedAt(scopes: ScopeIndex, object: K8sObject, from: K8sObject, namespace: string | undefined): boolean {
  const placements = scopes.placements(object);
  return scopes.placements(from).some((origin) => placements.some((placement) => placement.unit === origin.unit && placement.namespace === (namespace ?? origin.namespace)));
}

const AUTH_PLUGIN = /auth|oidc|oauth|jwt|sso|keycloak|allow/i;

/**
 * Whether a Middleware restricts who gets through: basic/digest/forward auth, an IP
 * allow-list, an auth-looking plugin, or a chain containing one of those.
 */
export function restrictsAccess(middleware: K8sObject, index: MiddlewareIndex, seen = new Set<K8sObject>()): boolean {
  if (seen.has(middleware)) return false;
  seen.add(middleware);
  const spec = asRecord(middleware.data.spec) ?? {};
  if (['basicAuth', 'digestAuth', 'forwardAuth', 'ipAllowList', 'ipWhiteList'].some((key) => asRecord(spec[key]))) return true;
  if (Object.keys(asRecord(spec.plugin) ?? {}).some((name) => AUTH_PLUGIN.test(name))) return true;
  return middlewareRefsOf(middleware).some((ref) => index.resolve(ref).some((next) => restrictsAccess(next, index, seen)));
}

/** Hosts and path prefixes an IngressRoute's `match` rule names: Host(`a`, `b`), PathPrefix(`/x`). */
export function matchRule(match: string): { hosts: string[]; paths: string[] } {
  const hosts: string[] = [];
  const paths: string[] = [];
  for (const call of match.matchAll(/\b(Host|HostSNI|PathPrefix|Path)\(([^)]*)\)/g)) {
    const values = [...call[2]!.matchAll(/[`"']([^`"']*)[`"']/g)].map((m) => m[1]!);
    (call[1]!.startsWith('Host') ? hosts : paths).push(...values);
  }
  return { hosts, paths };
}

/** Entry points a route is served on: the IngressRoute's spec.entryPoints, or the Ingress annotation. */
export function entryPointsOf(object: K8sObject): { names: string[]; at: Location } | undefined {
  if (object.kind === 'Ingress') {
    const value = asString(annotationsOf(object)[ROUTER_ENTRYPOINTS]);
    if (!value) return undefined;
    return { names: value.split(',').map((name) => name.trim()).filter(Boolean), at: object.at(['metadata', 'annotations', ROUTER_ENTRYPOINTS]) };
  }
  const spec = asRecord(object.data.spec);
  if (!spec || !Array.isArray(spec.entryPoints)) return undefined;
  return { names: asArray(spec.entryPoints).flatMap((name) => asString(name) ?? []), at: object.at('spec.entryPoints') };
}
