import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { secretsInEnv } from './secrets-in-env.js';

checkCases(secretsInEnv, {
  pass: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: api }
      spec:
        template:
          spec:
            containers:
              - name: api
                env:
                  - name: POSTGRES_PASSWORD_FILE
                    value: /etc/app/secrets/POSTGRES_PASSWORD
                volumeMounts:
                  - { name: app-secrets, mountPath: /etc/app/secrets, readOnly: true }
            volumes:
              - name: app-secrets
                secret: { secretName: app-secrets, defaultMode: 0400 }`,
    {
      name: 'ConfigMaps and field references are not secrets',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: web
              envFrom:
                - configMapRef: { name: web-config }
              env:
                - name: POD_IP
                  valueFrom:
                    fieldRef: { fieldPath: status.podIP }
                - name: MODE
                  valueFrom:
                    configMapKeyRef: { name: web-config, key: MODE }`,
    },
    {
      name: 'odd shapes do not crash',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: odd }
        spec:
          containers:
            - name: a
              env: "SECRET=1"
              envFrom: [null, 3, { secretRef: null }]
            - name: b
              env: [null, { name: X }, { name: Y, valueFrom: [] }]`,
    },
  ],
  fail: [
    {
      name: 'one failure per secretKeyRef entry, at that entry',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api }
        spec:
          template:
            spec:
              containers:
                - name: api
                  env:
                    - name: SECRET_KEY
                      valueFrom:
                        secretKeyRef:
                          name: app-secrets
                          key: SECRET_KEY
                    - name: LOG_LEVEL
                      value: info
                    - name: B2_APP_KEY
                      valueFrom:
                        secretKeyRef: { name: app-secrets, key: B2_APP_KEY, optional: true }`,
      failures: [
        { messageId: 'secretKeyRef', line: 10 },
        { messageId: 'secretKeyRef', line: 17 },
      ],
    },
    {
      name: 'envFrom a whole Secret, in an init container of a CronJob',
      input: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: export }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: fetch
                      envFrom:
                        - configMapRef: { name: export-config }
                        - secretRef:
                            name: export-credentials
                  containers:
                    - name: export`,
      failures: [{ messageId: 'secretRef', line: 14 }],
    },
    {
      name: 'Helm output: both forms in one container, in a List item',
      input: yaml`
        # Source: chart/templates/worker.yaml
        apiVersion: v1
        kind: List
        items:
          - apiVersion: apps/v1
            kind: Deployment
            metadata: { name: worker }
            spec:
              template:
                spec:
                  containers:
                    - name: worker
                      envFrom:
                        - secretRef: { name: worker-env }
                      env:
                        - { name: REDIS_PASSWORD, valueFrom: { secretKeyRef: { name: redis, key: password } } }`,
      failures: [
        { messageId: 'secretRef', line: 14 },
        { messageId: 'secretKeyRef', line: 16 },
      ],
    },
  ],
});
