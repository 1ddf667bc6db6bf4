import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { ingressRiskyAnnotations } from './ingress-risky-annotations.js';

checkCases(ingressRiskyAnnotations, {
  pass: [
    yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
        annotations:
          nginx.ingress.kubernetes.io/ssl-redirect: "true"
          nginx.ingress.kubernetes.io/auth-tls-verify-client: "on"
          nginx.ingress.kubernetes.io/rewrite-target: /
          traefik.ingress.kubernetes.io/router.entrypoints: websecure
      spec:
        rules: [{ host: web.example.com }]`,
    {
      name: 'a snippet annotation on something that is not an Ingress; odd annotation values',
      input: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: x
          annotations:
            nginx.ingress.kubernetes.io/server-snippet: "location / {}"
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: odd
          annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: [false]
            nginx.ingress.kubernetes.io/auth-tls-verify-client: null`,
    },
  ],
  fail: [
    {
      name: 'snippets, HTTPS redirect off, client certificates unverified',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            nginx.ingress.kubernetes.io/configuration-snippet: |
              more_set_headers "X-Frame-Options: DENY";
            nginx.ingress.kubernetes.io/server-snippet: "location /internal { allow all; }"
            nginx.ingress.kubernetes.io/ssl-redirect: false
            nginx.ingress.kubernetes.io/auth-tls-verify-client: optional_no_ca
            nginx.ingress.kubernetes.io/auth-snippet: proxy_set_header X-Debug 1;
        spec:
          rules: [{ host: web.example.com }]`,
      failures: [
        { messageId: 'snippet', line: 6 },
        { messageId: 'snippet', line: 8 },
        { messageId: 'sslRedirectOff', line: 9 },
        { messageId: 'clientCertNotVerified', line: 10 },
        { messageId: 'snippet', line: 11 },
      ],
    },
  ],
});
