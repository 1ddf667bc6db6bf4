import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { allowPrivilegeEscalation } from './allow-privilege-escalation.js';

checkCases(allowPrivilegeEscalation, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
            image: app:1.0
            securityContext:
              allowPrivilegeEscalation: false`,
    {
      name: 'every container of a Deployment, init containers included',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              initContainers:
                - name: migrate
                  securityContext: { allowPrivilegeEscalation: false }
              containers:
                - name: app
                  securityContext: { allowPrivilegeEscalation: false, capabilities: { add: [NET_BIND_SERVICE] } }`,
    },
    {
      name: 'a container setting false overrides nothing the pod could say (the pod has no such field)',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            allowPrivilegeEscalation: true
          containers:
            - name: app
              securityContext:
                allowPrivilegeEscalation: false`,
    },
    { name: 'a ConfigMap is not a workload', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: { a: b }\n' },
    { name: 'a workload whose containers is not a list', input: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: app\n' },
  ],
  fail: [
    {
      name: 'no securityContext: points at the container',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              image: app:1.0`,
      failures: [{ messageId: 'notSet', line: 6 }],
    },
    {
      name: 'a securityContext without the field: points at securityContext',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              securityContext:
                runAsNonRoot: true`,
      failures: [{ messageId: 'notSet', line: 7 }],
    },
    {
      name: 'the pod-level field does not exist, so it does not count',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            allowPrivilegeEscalation: false
          containers:
            - name: app
              securityContext:`,
      failures: [{ messageId: 'notSet', line: 9 }],
    },
    {
      name: 'explicitly true, in an init container of a CronJob',
      input: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: nightly }
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: fetch
                      securityContext:
                        allowPrivilegeEscalation: true
                  containers:
                    - name: report
                      securityContext:
                        allowPrivilegeEscalation: false`,
      failures: [{ messageId: 'allowed', line: 13 }],
    },
    {
      name: 'privileged implies escalation even with the field false',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec:
          containers:
            - name: shell
              securityContext:
                allowPrivilegeEscalation: false
                privileged: true`,
      failures: [{ messageId: 'privileged', line: 9 }],
    },
    {
      name: 'CAP_SYS_ADMIN (any spelling) implies escalation',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: fuse }
        spec:
          containers:
            - name: mount
              securityContext:
                allowPrivilegeEscalation: false
                capabilities:
                  add:
                    - CHOWN
                    - cap_sys_admin`,
      failures: [{ messageId: 'sysAdmin', line: 12 }],
    },
    {
      name: 'Helm output: several documents with # Source comments, items of a List',
      input: yaml`
        ---
        # Source: app/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: app }
        spec:
          template:
            spec:
              containers:
                - name: app
                  securityContext: { allowPrivilegeEscalation: false }
        ---
        # Source: app/templates/list.yaml
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: { name: one }
            spec:
              containers:
                - name: one
          - apiVersion: v1
            kind: Pod
            metadata: { name: two }
            spec:
              containers:
                - name: two
                  securityContext: { allowPrivilegeEscalation: true }`,
      failures: [
        { messageId: 'notSet', line: 22 },
        { messageId: 'allowed', line: 29 },
      ],
    },
  ],
});
