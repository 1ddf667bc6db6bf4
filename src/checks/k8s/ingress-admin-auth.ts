import { UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { annotationsOf, matchRule, middlewareIndex, middlewareRefsOf, restrictsAccess } from '../../targets/k8s/traefik.js';
import { asArray, asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** First DNS label of hosts that serve an administration or operations UI. */
const ADMIN_HOST =
  /^(admin|administration|backoffice|back-office|staff|internal|ops|dashboard|grafana|kibana|prometheus|alertmanager|argocd|argo-cd|traefik|rabbitmq|pgadmin|phpmyadmin|adminer|jenkins|portainer|vault|minio-console|kubernetes-dashboard)\d*([-_].*)?$|^.*[-_]admin$/i;
/** Path prefixes of administration areas. */
const ADMIN_PATH = /^\/(admin|administration|wp-admin|_admin|backoffice|dashboard)(\/|$)/i;
/** Controller annotations (ingress-nginx, HAProxy, Kong, ...) that put authentication or a source allow-list in front. */
const ACCESS_ANNOTATION = /\/(auth-url|auth-type|auth-secret|auth-tls-secret|auth-signin|whitelist-source-range|allowlist-source-range|denylist-source-range|plugins|oauth2?[-\w]*)$/i;

/*
 * Traefik middlewares are resolved against the Middleware objects of the repository deployed with the
 * route (targets/k8s/scopes.ts): an attached basicAuth, digestAuth, forwardAuth, ipAllowList
 * or a chain containing one counts. A reference the repository cannot resolve (another provider,
 * an undefined middleware) may well be authentication, so it is given the benefit of the doubt.
 */
export const ingressAdminAuth = defineCheck({
  id: 'k8s/ingress-admin-auth',
  title: 'Administration hosts behind the ingress require authentication or a source allow-list',
  severity: 'high',
  target: 'k8s-object',
  kinds: ['Ingress', 'traefik.io/IngressRoute', 'traefik.containo.us/IngressRoute'],
  why:
    'Admin UIs, dashboards and back offices are the most valuable pages of a system and the least tested: they are ' +
    'found by certificate-transparency logs and subdomain scanners within hours of getting a certificate. Exposed ' +
    'with only the application login in front, one weak password, default credential or authentication bypass in the ' +
    'app gives away everything. A second, independent gate at the proxy (basic auth, SSO forward auth, client ' +
    'certificates, or a source IP allow-list) stops the drive-by traffic before it reaches the app.',
  fix: [
    'Traefik: define an authentication or allow-list middleware and attach it to the admin router:',
    '',
    '    apiVersion: traefik.io/v1alpha1',
    '    kind: Middleware',
    '    metadata: { name: admin-auth, namespace: honeydue }',
    '    spec:',
    '      basicAuth:',
    '        secret: admin-basic-auth   # htpasswd -nB user (bcrypt)',
    '',
    '    # on the Ingress',
    '    traefik.ingress.kubernetes.io/router.middlewares: honeydue-admin-auth@kubernetescrd',
    '',
    'ingress-nginx: nginx.ingress.kubernetes.io/auth-url (oauth2-proxy) or auth-type: basic with auth-secret, or',
    'nginx.ingress.kubernetes.io/whitelist-source-range: "10.0.0.0/8".',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: [
    'OWASP Top 10 A01:2021 Broken Access Control; OWASP ASVS V4.3 (administrative interfaces)',
    'NSA/CISA Kubernetes Hardening Guide: authentication and authorization in front of exposed services',
    'Traefik documentation: BasicAuth, ForwardAuth and IPAllowList middlewares',
    'ingress-nginx annotations: auth-url, auth-type, whitelist-source-range',
  ],
  messages: {
    noAuth: '{kind} "{name}" routes {target} without an authentication or IP allow-list middleware',
  },
  claims: [
    {
      about: 'admin hosts need authentication or an allow-list at the ingress',
      names: [
        ['admin*', 'ingress*', 'auth*'],
        ['admin*', 'basic auth*'],
        ['admin*', 'basic-auth'],
        ['admin*', 'forward auth*'],
        ['admin*', 'forwardAuth'],
        ['admin*', 'oauth2-proxy'],
        ['admin*', 'SSO'],
        ['admin*', 'IP allow*'],
        ['admin*', 'allowlist'],
        ['admin*', 'ipAllowList'],
        ['admin*', 'whitelist*'],
        ['admin*', 'IP restrict*'],
        ['admin*', 'source IP'],
        ['admin*', 'source IPs'],
        ['admin*', 'middleware'],
        ['admin*', 'publicly'],
        ['admin*', 'exposed'],
        ['admin*', 'unauthenticated'],
        ['dashboard*', 'unauthenticated'],
        ['dashboard*', 'without auth*'],
        ['dashboard*', 'exposed'],
      ],
      unless: ['secret*'],
    },
  ],
  evaluate(object, ctx) {
    const isIngress = object.kind === 'Ingress';
    const target = adminTarget(object);
    if (!target) return ctx.notApplicable();
    if (Object.keys(annotationsOf(object)).some((key) => ACCESS_ANNOTATION.test(key))) return;
    const index = ctx.shared(middlewareIndex);
    for (const ref of middlewareRefsOf(object)) {
      const resolved = index.resolve(ref);
      if (resolved.length === 0 || resolved.some((middleware) => restrictsAccess(middleware, index))) return;
    }
    ctx.fail(object.at('metadata.name'), 'noAuth', { kind: object.kind, name: object.name, target });
  },
});

/** The first admin-looking host or path the object routes, as "admin.example.com" or "example.com/admin". */
function adminTarget(object: { kind: string; data: Record<string, unknown> }): string | undefined {
  const spec = asRecord(object.data.spec) ?? {};
  const routes: { hosts: string[]; paths: string[] }[] =
    object.kind === 'Ingress'
      ? asArray(spec.rules).map((rule) => ({
          hosts: [asString(asRecord(rule)?.host) ?? ''],
          paths: asArray(asRecord(asRecord(rule)?.http)?.paths).flatMap((path) => asString(asRecord(path)?.path) ?? []),
        }))
      : asArray(spec.routes).map((route) => matchRule(asString(asRecord(route)?.match) ?? ''));
  for (const { hosts, paths } of routes) {
    for (const host of hosts) {
      if (ADMIN_HOST.test(host.split('.')[0] ?? '')) return host;
      const path = paths.find((p) => ADMIN_PATH.test(p));
      if (path) return `${host}${path}`;
    }
    const path = paths.find((p) => ADMIN_PATH.test(p));
    if (hosts.length === 0 && path) return path;
  }
  return undefined;
}
