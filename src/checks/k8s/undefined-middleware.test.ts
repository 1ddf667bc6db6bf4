import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { undefinedMiddleware } from './undefined-middleware.js';

const middlewares = yaml`
  apiVersion: traefik.io/v1alpha1
  kind: Middleware
  metadata: { name: rate-limit, namespace: my-app }
  spec:
    rateLimit: { average: 100 }
  ---
  apiVersion: traefik.containo.us/v1alpha1
  kind: Middleware
  metadata: { name: admin-auth, namespace: my-app }
  spec:
    basicAuth: { secret: admin-basic-auth }`;

checkCases(undefinedMiddleware, {
  pass: [
    {
      name: 'namespace and name both with dashes',
      input: {
        'middleware.yaml': middlewares,
        'ingress.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: admin
            namespace: my-app
            annotations:
              traefik.ingress.kubernetes.io/router.middlewares: my-app-rate-limit@kubernetescrd, my-app-admin-auth@kubernetescrd,sso@file,redirect@internal`,
      },
    },
    {
      name: 'IngressRoute entries by name, the namespace defaulting to the route; a chain',
      input: {
        'middleware.yaml': middlewares,
        'route.yaml': yaml`
          apiVersion: traefik.io/v1alpha1
          kind: IngressRoute
          metadata: { name: api, namespace: my-app }
          spec:
            routes:
              - match: Host(\`api.example.com\`)
                middlewares:
                  - name: rate-limit
                  - name: headers@file
          ---
          apiVersion: traefik.io/v1alpha1
          kind: Middleware
          metadata: { name: secured, namespace: my-app }
          spec:
            chain:
              middlewares: [{ name: rate-limit }, { name: admin-auth, namespace: my-app }]`,
      },
    },
    {
      name: 'no Middleware in the repository: managed elsewhere',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            traefik.ingress.kubernetes.io/router.middlewares: infra-auth@kubernetescrd`,
    },
  ],
  fail: [
    {
      name: 'a Middleware without namespace is in default, not in the namespace of the Ingress',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: plain }
        spec:
          rateLimit: { average: 100 }
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: my-app
          annotations:
            traefik.ingress.kubernetes.io/router.middlewares: my-app-plain@kubernetescrd,default-plain@kubernetescrd`,
      failures: [{ messageId: 'undefinedMiddleware', line: 13, related: [{ at: 'manifest.yaml:3', message: 'Middleware "plain" is defined here, in namespace (unset)' }] }],
    },
    {
      name: 'a typo in the annotation, a wrong namespace, and an IngressRoute entry',
      input: {
        'middleware.yaml': middlewares,
        'ingress.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata:
            name: web
            namespace: my-app
            annotations:
              traefik.ingress.kubernetes.io/router.middlewares: my-app-ratelimit@kubernetescrd,other-rate-limit@kubernetescrd
          ---
          apiVersion: traefik.io/v1alpha1
          kind: IngressRoute
          metadata: { name: api, namespace: my-app }
          spec:
            routes:
              - match: Host(\`api.example.com\`)
                middlewares:
                  - name: rate-limit
                    namespace: prod`,
      },
      failures: [
        { messageId: 'undefinedMiddleware', line: 7 },
        { messageId: 'undefinedMiddleware', line: 7, related: [{ at: 'middleware.yaml:3', message: 'Middleware "rate-limit" is defined here, in namespace my-app' }] },
        { messageId: 'undefinedMiddleware', line: 16, related: [{ at: 'middleware.yaml:3', message: 'Middleware "rate-limit" is defined here, in namespace my-app' }] },
      ],
    },
  ],
});
