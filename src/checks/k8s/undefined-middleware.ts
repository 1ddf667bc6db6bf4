import type { K8sObject } from '../../targets/k8s/objects.js';
import { UNSET_NAMESPACE_NOTE } from '../../targets/k8s/selectors.js';
import { middlewareIndex, middlewareRefsOf, type MiddlewareIndex, type MiddlewareRef } from '../../targets/k8s/traefik.js';
import { defineCheck } from '../define.js';

/*
 * Only references to Kubernetes CRD middlewares are checked (`<namespace>-<name>@kubernetescrd` on an
 * Ingress; IngressRoute and chain entries without another provider): `@file`, `@docker` and
 * `@internal` middlewares live outside the manifests. Namespaces match when equal or when either is
 * unset. A repository that defines no Middleware at all manages them elsewhere and is skipped.
 * Secrets referenced by ingress-nginx auth annotations and Traefik basicAuth are the business of
 * k8s/secret-not-created.
 */
export const undefinedMiddleware = defineCheck({
  id: 'k8s/undefined-middleware',
  title: 'Traefik middlewares referenced by routes are defined',
  severity: 'medium',
  target: 'k8s-object',
  kinds: ['Ingress', 'traefik.io/IngressRoute', 'traefik.containo.us/IngressRoute', 'traefik.io/Middleware', 'traefik.containo.us/Middleware'],
  why:
    'Traefik refuses a router whose middleware does not exist: the route answers 404 and the error is only in the ' +
    'Traefik log. When the missing middleware is the authentication or allow-list meant to protect the route, ' +
    'a later "fix" that drops the reference to bring the site back silently removes the protection. A typo in the ' +
    '`<namespace>-<name>@kubernetescrd` form is the usual cause.',
  fix: [
    'Reference the Middleware as `<namespace>-<name>@kubernetescrd` on an Ingress, or by name (and namespace) on an',
    'IngressRoute, and make sure the Middleware object is applied:',
    '',
    '    traefik.ingress.kubernetes.io/router.middlewares: honeydue-admin-auth@kubernetescrd',
    '    ---',
    '    apiVersion: traefik.io/v1alpha1',
    '    kind: Middleware',
    '    metadata: { name: admin-auth, namespace: honeydue }',
    '',
    UNSET_NAMESPACE_NOTE,
  ].join('\n'),
  refs: [
    'Traefik documentation: Kubernetes Ingress provider, router.middlewares annotation',
    'Traefik documentation: Kubernetes CRD provider, IngressRoute middlewares and the chain middleware',
  ],
  messages: {
    undefinedMiddleware: '{kind} "{name}" references middleware "{reference}", which no manifest defines',
  },
  claims: [
    {
      about: 'referenced middlewares exist',
      names: [
        ['middleware*', 'not defined'],
        ['middleware*', 'undefined'],
        ['middleware*', 'does not exist'],
        ['middleware*', 'kubernetescrd', 'typo'],
        ['middleware*', 'reference*', 'missing'],
      ],
    },
  ],
  evaluate(object, ctx) {
    const refs = middlewareRefsOf(object);
    if (refs.length === 0) return ctx.notApplicable();
    const index = ctx.shared(middlewareIndex);
    if (!index.any) return ctx.notApplicable();
    for (const ref of refs) {
      if (!ref.crd || index.resolve(ref).length > 0) continue;
      const related = sameNameElsewhere(ref, index).map((middleware) => ({
        at: middleware.at('metadata.name'),
        message: `Middleware "${middleware.name}" is defined here, in namespace ${middleware.namespace ?? '(unset)'}`,
      }));
      ctx.fail(ref.at, 'undefinedMiddleware', { kind: object.kind, name: object.name, reference: ref.written }, { related });
    }
  },
});

/** Middlewares of the referenced name in another namespace: the reference may name the wrong namespace. */
function sameNameElsewhere(ref: MiddlewareRef, index: MiddlewareIndex): K8sObject[] {
  const crd = ref.crd!;
  // `<namespace>-<name>` may split at any dash.
  const names = 'name' in crd ? [crd.name] : [...crd.combined.matchAll(/-/g)].map((dash) => crd.combined.slice(dash.index + 1));
  return names.flatMap((name) => index.named(name));
}
