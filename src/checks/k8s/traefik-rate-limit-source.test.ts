import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { traefikRateLimitSource } from './traefik-rate-limit-source.js';

checkCases(traefikRateLimitSource, {
  pass: [
    {
      name: 'keyed on the header the edge sets (k3s-saas-fixed); an explicit ipStrategy',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: rate-limit, namespace: honeydue }
        spec:
          rateLimit:
            average: 100
            burst: 200
            period: 1s
            sourceCriterion:
              requestHeaderName: CF-Connecting-IP
        ---
        apiVersion: traefik.containo.us/v1alpha1
        kind: Middleware
        metadata: { name: in-flight }
        spec:
          inFlightReq:
            amount: 10
            sourceCriterion:
              ipStrategy: { depth: 1 }`,
    },
    {
      name: 'other middlewares; a rateLimit that is not a Traefik CRD; odd shapes',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: headers }
        spec:
          headers: { frameDeny: true }
        ---
        apiVersion: example.com/v1
        kind: Middleware
        metadata: { name: other }
        spec:
          rateLimit: { average: 1 }
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: odd }
        spec:
          rateLimit: 100`,
    },
  ],
  fail: [
    {
      name: 'one limit keyed on the address Traefik sees (k3s-saas)',
      input: yaml`
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata:
          name: rate-limit
          namespace: honeydue
        spec:
          rateLimit:
            average: 100
            burst: 200
            period: 1s
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: { name: in-flight }
        spec:
          inFlightReq: { amount: 10 }`,
      failures: [
        { messageId: 'noSourceCriterion', line: 7 },
        { messageId: 'noSourceCriterion', line: 16 },
      ],
    },
  ],
});
