import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { ingressAdminAuth } from './ingress-admin-auth.js';

const middlewares = yaml`
  apiVersion: traefik.io/v1alpha1
  kind: Middleware
  metadata: { name: security-headers, namespace: honeydue }
  spec:
    headers: { frameDeny: true }
  ---
  apiVersion: traefik.io/v1alpha1
  kind: Middleware
  metadata: { name: rate-limit, namespace: honeydue }
  spec:
    rateLimit: { average: 100 }
  ---
  apiVersion: traefik.io/v1alpha1
  kind: Middleware
  metadata: { name: admin-auth, namespace: honeydue }
  spec:
    basicAuth: { secret: admin-basic-auth }
  ---
  apiVersion: traefik.containo.us/v1alpha1
  kind: Middleware
  metadata: { name: admin-chain }
  spec:
    chain:
      middlewares:
        - name: security-headers
        - name: admin-auth`;

const adminIngress = (middlewareList: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: admin
    namespace: honeydue
    annotations:
      traefik.ingress.kubernetes.io/router.middlewares: ${middlewareList}
  spec:
    rules:
      - host: admin.myhoneydue.com`;

checkCases(ingressAdminAuth, {
  pass: [
    {
      name: 'admin-auth attached through the annotation (namespace-name@kubernetescrd)',
      input: {
        'ingress/middleware.yaml': middlewares,
        'ingress/admin.yaml': adminIngress('honeydue-security-headers@kubernetescrd,honeydue-admin-auth@kubernetescrd'),
      },
    },
    {
      name: 'basic auth inside a chain; an IngressRoute referencing it by name',
      input: {
        'ingress/middleware.yaml': middlewares,
        'ingress/route.yaml': yaml`
          apiVersion: traefik.io/v1alpha1
          kind: IngressRoute
          metadata: { name: grafana, namespace: honeydue }
          spec:
            routes:
              - match: Host(\`grafana.example.com\`)
                middlewares:
                  - name: admin-chain`,
      },
    },
    {
      name: 'a middleware from another provider or not defined here gets the benefit of the doubt',
      input: {
        'ingress/middleware.yaml': middlewares,
        'ingress/admin.yaml': adminIngress('honeydue-rate-limit@kubernetescrd,sso@file'),
      },
    },
    {
      name: 'ingress-nginx external auth or source allow-list',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            nginx.ingress.kubernetes.io/auth-url: https://oauth2.example.com/oauth2/auth
        spec:
          rules:
            - host: admin.example.com
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: dashboard
          annotations:
            nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8
        spec:
          rules:
            - host: dashboard.example.com`,
    },
    {
      name: 'not an admin host or path',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: web }
        spec:
          rules:
            - host: app.example.com
              http:
                paths:
                  - path: /administrators-guide
            - host: adminton.example.com`,
    },
    { name: 'odd shapes', input: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: x }\nspec:\n  rules: [null, "admin.example.com", { host: 7 }]\n' },
  ],
  fail: [
    {
      name: 'admin gets only security headers and rate limit (k3s-saas)',
      input: {
        'ingress/middleware.yaml': middlewares,
        'ingress/admin.yaml': adminIngress('honeydue-security-headers@kubernetescrd,honeydue-rate-limit@kubernetescrd'),
      },
      failures: [{ messageId: 'noAuth', line: 4 }],
    },
    {
      name: 'no middleware at all (honeydue-lite); an admin path on an app host; an IngressRoute',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          namespace: honeydue
        spec:
          rules:
            - host: admin.example.com
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: app
        spec:
          rules:
            - host: app.example.com
              http:
                paths:
                  - path: /
                  - path: /admin/
        ---
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata:
          name: traefik-dashboard
        spec:
          routes:
            - match: Host(\`traefik.example.com\`) && PathPrefix(\`/dashboard\`)`,
      failures: [
        { messageId: 'noAuth', line: 4 },
        { messageId: 'noAuth', line: 13 },
        { messageId: 'noAuth', line: 25 },
      ],
    },
  ],
});
