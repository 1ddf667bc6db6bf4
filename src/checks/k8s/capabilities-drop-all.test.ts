import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { capabilitiesDropAll } from './capabilities-drop-all.js';

checkCases(capabilitiesDropAll, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
            securityContext:
              capabilities:
                drop: ["ALL"]`,
    {
      name: 'ALL in any case, with a harmless capability added back',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: proxy
                  securityContext:
                    capabilities:
                      drop: [all]
                      add: [NET_BIND_SERVICE, CAP_CHOWN]`,
    },
    {
      name: 'init containers of a StatefulSet drop ALL too',
      input: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: db }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  securityContext: { capabilities: { drop: [ALL] } }
              containers:
                - name: db
                  securityContext: { capabilities: { drop: [All] } }`,
    },
    {
      name: 'workloads without a readable pod spec have no containers',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: broken }
        spec:
          template: "not a template"
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: broken }
        spec: [1, 2]`,
    },
  ],
  fail: [
    {
      name: 'invalid shapes are read as absent, never a crash',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: odd }
        spec:
          containers:
            - null
            - "just a string"
            - name: 7
              securityContext: privileged
            - name: b
              securityContext:
                capabilities: [ALL]`,
      failures: [
        { messageId: 'dropAllMissing', line: 9 },
        { messageId: 'dropAllMissing', line: 12 },
      ],
    },
    {
      name: 'no securityContext at all',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app`,
      failures: [{ messageId: 'dropAllMissing', line: 6 }],
    },
    {
      name: 'drops a long list, but not ALL: the runtime default set is not fixed',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              securityContext:
                capabilities:
                  drop:
                    - NET_RAW
                    - CHOWN`,
      failures: [{ messageId: 'dropAllMissing', line: 9 }],
    },
    {
      name: 'capabilities on the pod securityContext do not exist',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            capabilities:
              drop: [ALL]
          containers:
            - name: app
              securityContext:
                runAsNonRoot: true`,
      failures: [{ messageId: 'dropAllMissing', line: 10 }],
    },
    {
      name: 'drop written as a string instead of a list',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              securityContext:
                capabilities:
                  drop: ALL`,
      failures: [{ messageId: 'dropAllMissing', line: 9 }],
    },
    {
      name: 'dangerous adds are reported one by one, even after drop ALL',
      input: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              containers:
                - name: agent
                  securityContext:
                    capabilities:
                      drop: [ALL]
                      add:
                        - SYS_ADMIN
                        - NET_BIND_SERVICE
                        - nEt_aDmIn
                        - CAP_SYS_PTRACE
                        - 42`,
      failures: [
        { messageId: 'dangerousAdd', line: 13 },
        { messageId: 'dangerousAdd', line: 15 },
        { messageId: 'dangerousAdd', line: 16 },
      ],
    },
    {
      name: 'add ALL without drop',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec:
          containers:
            - name: shell
              securityContext:
                capabilities:
                  add: ["all"]`,
      failures: [
        { messageId: 'dropAllMissing', line: 8 },
        { messageId: 'dangerousAdd', line: 9 },
      ],
    },
    {
      name: 'a Job init container that adds NET_RAW',
      input: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: probe }
        spec:
          template:
            spec:
              initContainers:
                - name: ping
                  securityContext:
                    capabilities: { drop: [ALL], add: [NET_RAW] }
              containers:
                - name: main
                  securityContext: { capabilities: { drop: [ALL] } }`,
      failures: [{ messageId: 'dangerousAdd', line: 10 }],
    },
  ],
});
