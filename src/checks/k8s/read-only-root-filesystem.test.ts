import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.js';

checkCases(readOnlyRootFilesystem, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
            securityContext:
              readOnlyRootFilesystem: true
            volumeMounts:
              - { name: tmp, mountPath: /tmp }
        volumes:
          - { name: tmp, emptyDir: {} }`,
    {
      name: 'a CronJob with an init container',
      input: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: backup }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: wait
                      securityContext: { readOnlyRootFilesystem: true }
                  containers:
                    - name: backup
                      securityContext: { readOnlyRootFilesystem: true }`,
    },
    { name: 'a Service has no containers', input: 'apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: { ports: [{ port: 80 }] }\n' },
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
      name: 'the pod-level setting does not exist and does not count',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            readOnlyRootFilesystem: true
          containers:
            - name: a
              securityContext:
                readOnlyRootFilesystem: true
            - name: b
              securityContext:
                readOnlyRootFilesystem: false`,
      failures: [{ messageId: 'writable', line: 13 }],
    },
    {
      name: 'a string "true" is not a boolean',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: app
                  securityContext:
                    readOnlyRootFilesystem: "true"`,
      failures: [{ messageId: 'notSet', line: 10 }],
    },
    {
      name: 'Helm output with a # Source comment; the unnamed container is still reported',
      input: yaml`
        ---
        # Source: chart/templates/worker.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: worker
        spec:
          template:
            spec:
              containers:
                - image: worker:1.0
                  securityContext:
                    runAsNonRoot: true`,
      failures: [{ messageId: 'notSet', line: 12 }],
    },
  ],
});
