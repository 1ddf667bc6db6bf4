import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { ingressTls } from './ingress-tls.js';

checkCases(ingressTls, {
  pass: [
    {
      name: 'TLS terminated by the cloud load balancer: GKE managed certificate (microservices-demo), AWS ALB certificate ARN or HTTPS listener',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: frontend-ingress
          annotations:
            kubernetes.io/ingress.global-static-ip-name: online-boutique-ip
            networking.gke.io/managed-certificates: online-boutique-certificate
        spec:
          rules:
            - host: shop.example.com
              http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: frontend, port: { number: 80 } } } }] }
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: alb
          annotations:
            kubernetes.io/ingress.class: alb
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc
        spec:
          rules: [{ host: a.example.com }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: alb-discovered
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'
        spec:
          rules: [{ host: b.example.com }]`,
    },
    {
      name: 'every host listed in tls, a wildcard covering one label',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: api }
        spec:
          tls:
            - hosts: [api.example.com]
              secretName: api-tls
            - hosts: ["*.apps.example.com"]
              secretName: apps-tls
          rules:
            - host: api.example.com
            - host: shop.apps.example.com
            - http: { paths: [{ path: / }] }`,
    },
    {
      name: 'Traefik TLS by annotation or by the websecure entry point only; a tls entry without hosts',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: a
          annotations:
            traefik.ingress.kubernetes.io/router.tls: "true"
        spec:
          rules: [{ host: a.example.com }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: b
          annotations:
            traefik.ingress.kubernetes.io/router.entrypoints: websecure
        spec:
          rules: [{ host: b.example.com }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: c }
        spec:
          tls: [{ secretName: default-cert }]
          rules: [{ host: c.example.com }]`,
    },
    {
      name: 'an IngressRoute on websecure with tls',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata: { name: api }
        spec:
          entryPoints: [websecure]
          routes:
            - match: Host(\`api.example.com\`)
          tls:
            secretName: api-tls`,
    },
    { name: 'odd shapes', input: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: x }\nspec:\n  tls: [null, { hosts: "x" }]\n  rules: "x"\n' },
  ],
  fail: [
    {
      name: 'an ALB listening on HTTP only; cert-manager annotations without spec.tls issue nothing',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: alb
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}]'
        spec:
          rules: [{ host: a.example.com }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: cm
          annotations:
            cert-manager.io/cluster-issuer: letsencrypt
        spec:
          rules: [{ host: b.example.com }]`,
      failures: [
        { messageId: 'noTls', line: 8 },
        { messageId: 'noTls', line: 17 },
      ],
    },
    {
      name: 'no tls block (honeydue-lite admin), reported at the host',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: admin
          annotations:
            traefik.ingress.kubernetes.io/router.middlewares: honeydue-rate-limit@kubernetescrd
        spec:
          rules:
            - host: admin.example.com
              http:
                paths:
                  - path: /`,
      failures: [{ messageId: 'noTls', line: 9 }],
    },
    {
      name: 'a host missing from tls; the plain-HTTP entry point alongside websecure (k3s-saas web)',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            traefik.ingress.kubernetes.io/router.entrypoints: web,websecure
        spec:
          tls:
            - hosts:
                - app.example.com
              secretName: cert
          rules:
            - host: app.example.com
            - host: www.example.com`,
      failures: [
        { messageId: 'plainHttpEntrypoint', line: 6 },
        { messageId: 'hostNotCovered', line: 14 },
      ],
    },
    {
      name: 'an IngressRoute without tls; a catch-all Ingress without tls (Polaris tlsSettingsMissing)',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata: { name: api }
        spec:
          entryPoints: [web]
          routes:
            - match: Host(\`api.example.com\`)
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: minimal }
        spec:
          rules:
            - http:
                paths: [{ path: /testpath }]`,
      failures: [
        { messageId: 'noTls', line: 7 },
        { messageId: 'noTls', line: 14 },
      ],
    },
  ],
});
