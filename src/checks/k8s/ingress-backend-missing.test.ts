import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { ingressBackendMissing } from './ingress-backend-missing.js';

const api = yaml`
  apiVersion: v1
  kind: Service
  metadata: { name: api, namespace: honeydue }
  spec:
    selector: { app: api }
    ports:
      - { name: http, port: 8000, targetPort: http }`;

checkCases(ingressBackendMissing, {
  pass: [
    {
      name: 'backends by port name and number; an IngressRoute; a TraefikService',
      input: {
        'api.yaml': api,
        'ingress.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata: { name: api, namespace: honeydue }
          spec:
            defaultBackend:
              service: { name: api, port: { number: 8000 } }
            rules:
              - host: api.example.com
                http:
                  paths:
                    - path: /
                      backend:
                        service: { name: api, port: { name: http } }
          ---
          apiVersion: traefik.io/v1alpha1
          kind: IngressRoute
          metadata: { name: api, namespace: honeydue }
          spec:
            routes:
              - match: Host(\`api.example.com\`)
                services:
                  - { name: api, port: http }
                  - { name: canary, kind: TraefikService }`,
      },
    },
    {
      name: 'no Service in the repository: deployed elsewhere; resource backends',
      input: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: web }
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    backend:
                      service: { name: web, port: { number: 80 } }
                  - path: /static
                    backend:
                      resource: { apiGroup: k8s.example.com, kind: StorageBucket, name: static }`,
    },
  ],
  fail: [
    {
      name: 'deployed with its workload but no Service at all',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            metadata: { labels: { app: web } }
            spec: { containers: [{ name: web, image: web:1 }] }
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: web }
        spec:
          defaultBackend:
            service: { name: web, port: { number: 80 } }`,
      failures: [{ messageId: 'noService', line: 14 }],
    },
    {
      name: 'the Service exists only in another copy of the app (a sibling kustomization)',
      input: {
        'kustomize/base/kustomization.yaml': 'resources: [service.yaml]\n',
        'kustomize/base/service.yaml': yaml`
          apiVersion: v1
          kind: Service
          metadata: { name: frontend }
          spec:
            selector: { app: frontend }
            ports: [{ port: 80 }]`,
        'release/kubernetes-manifests.yaml': yaml`
          apiVersion: v1
          kind: Service
          metadata: { name: frontend-external }
          spec:
            selector: { app: frontend }
            ports: [{ port: 80 }]
          ---
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata: { name: frontend }
          spec:
            defaultBackend:
              service: { name: frontend, port: { number: 80 } }`,
      },
      failures: [{ messageId: 'noService', line: 13, related: [{ at: 'kustomize/base/service.yaml:3', message: 'Service "frontend" is defined here, in namespace (unset)' }] }],
    },
    {
      name: 'the legacy serviceName / servicePort backend',
      input: {
        'api.yaml': api,
        'ingress.yaml': yaml`
          apiVersion: extensions/v1beta1
          kind: Ingress
          metadata: { name: old, namespace: honeydue }
          spec:
            backend:
              serviceName: api
              servicePort: 80
            rules:
              - http:
                  paths:
                    - backend:
                        serviceName: web
                        servicePort: http`,
      },
      failures: [
        { messageId: 'noPort', line: 7, related: [{ at: 'api.yaml:6', message: 'Service "api" declares ports 8000 (http)' }] },
        { messageId: 'noService', line: 12 },
      ],
    },
    {
      name: 'a Service renamed in one file; a port name and a port number that do not exist',
      input: {
        'api.yaml': api,
        'ingress.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata: { name: api, namespace: honeydue }
          spec:
            rules:
              - host: api.example.com
                http:
                  paths:
                    - path: /
                      backend:
                        service:
                          name: api-svc
                          port: { name: http }
                    - path: /v2
                      backend:
                        service:
                          name: api
                          port:
                            name: web
          ---
          apiVersion: traefik.io/v1alpha1
          kind: IngressRoute
          metadata: { name: api, namespace: honeydue }
          spec:
            routes:
              - match: Host(\`api.example.com\`)
                services:
                  - name: api
                    port: 80`,
      },
      failures: [
        { messageId: 'noService', line: 12 },
        { messageId: 'noPort', line: 19 },
        { messageId: 'noPort', line: 29 },
      ],
    },
    {
      name: 'a Service of that name in another namespace',
      input: {
        'api.yaml': api,
        'ingress.yaml': yaml`
          apiVersion: networking.k8s.io/v1
          kind: Ingress
          metadata: { name: api, namespace: web }
          spec:
            defaultBackend:
              service: { name: api, port: { number: 8000 } }`,
      },
      failures: [{ messageId: 'noService', line: 6, related: [{ at: 'api.yaml:3', message: 'Service "api" is defined here, in namespace honeydue' }] }],
    },
  ],
});
