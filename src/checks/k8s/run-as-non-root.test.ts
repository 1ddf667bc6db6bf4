import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { runAsNonRoot } from './run-as-non-root.js';

checkCases(runAsNonRoot, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
            image: app@sha256:0000000000000000000000000000000000000000000000000000000000000000
            securityContext: { runAsNonRoot: true, runAsUser: 1000 }`,
    {
      name: 'inherits runAsNonRoot from the pod',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext: { runAsNonRoot: true }
              containers:
                - name: app`,
    },
    { name: 'not Kubernetes', input: 'name: not-a-manifest\nvalues: [1, 2]\n' },
  ],
  fail: [
    {
      name: 'no securityContext',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app`,
      failures: [{ messageId: 'notSet', line: 6 }],
    },
    {
      name: 'runAsUser 0 on the container wins over the pod',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext: { runAsNonRoot: true }
              containers:
                - name: app
                  securityContext:
                    runAsUser: 0
                - name: sidecar`,
      failures: [{ messageId: 'rootUser', line: 11 }],
    },
  ],
});
