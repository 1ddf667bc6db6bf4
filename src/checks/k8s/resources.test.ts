import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { resources } from './resources.js';

checkCases(resources, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
            resources:
              requests: { cpu: 100m, memory: 256Mi }
              limits: { memory: 256Mi }`,
    {
      name: 'limits only: requests default to the limits',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: app
                  resources:
                    limits:
                      cpu: 1
                      memory: 1Gi`,
    },
    {
      name: 'with requireCpuLimit, and ephemeral containers are out of scope',
      options: { requireCpuLimit: true },
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              resources:
                requests: { cpu: 100m, memory: 64Mi }
                limits: { cpu: 500m, memory: 64Mi }
          ephemeralContainers:
            - name: debugger`,
    },
  ],
  fail: [
    {
      name: 'nothing at all is one failure on the container',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              image: app:1
            - name: b
              resources: {}
            - name: c
              resources:
                requests:
                limits: "lots"`,
      failures: [
        { messageId: 'notSet', line: 6 },
        { messageId: 'notSet', line: 9 },
        { messageId: 'notSet', line: 11 },
      ],
    },
    {
      name: 'requests only: the memory limit is missing, the CPU limit is fine by default',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  resources:
                    requests:
                      cpu: 100m
                      memory: 192Mi`,
      failures: [{ messageId: 'memoryLimitMissing', line: 9 }],
    },
    {
      name: 'each missing field on its own, init containers included',
      input: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: migrate }
        spec:
          template:
            spec:
              initContainers:
                - name: wait
                  resources:
                    requests:
                      memory: 32Mi
                    limits:
                      memory: ""
              containers:
                - name: migrate
                  resources:
                    requests: { cpu: 0.5 }
                    limits: { cpu: 1 }`,
      failures: [
        { messageId: 'cpuRequestMissing', line: 10 },
        { messageId: 'memoryLimitMissing', line: 13 },
        { messageId: 'memoryRequestMissing', line: 17 },
        { messageId: 'memoryLimitMissing', line: 18 },
      ],
    },
    {
      name: 'requireCpuLimit',
      options: { requireCpuLimit: true },
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              resources:
                requests: { cpu: 100m }
                limits:
                  memory: 128Mi`,
      failures: [{ messageId: 'cpuLimitMissing', line: 9 }],
    },
  ],
});
