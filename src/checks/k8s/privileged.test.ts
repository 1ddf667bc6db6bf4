import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { privileged } from './privileged.js';

checkCases(privileged, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
            securityContext: { privileged: false }`,
    {
      name: 'privileged on the pod securityContext is not a field and grants nothing',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext: { privileged: true }
              containers:
                - name: app
                  securityContext:`,
    },
    {
      name: 'a string "true" is not the boolean the API accepts',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: odd }
        spec:
          containers:
            - name: app
              securityContext: { privileged: "true" }
            - null
            - name: b
              securityContext: privileged`,
    },
  ],
  fail: [
    {
      name: 'one privileged container among two',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              securityContext:
                privileged: false
            - name: debug
              securityContext:
                runAsNonRoot: true
                privileged: true`,
      failures: [{ messageId: 'privileged', line: 12 }],
    },
    {
      name: 'init container of a DaemonSet',
      input: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              initContainers:
                - name: sysctl
                  securityContext: { privileged: true }
              containers:
                - name: agent`,
      failures: [{ messageId: 'privileged', line: 9 }],
    },
    {
      name: 'privileged: true in a securityContext that a second one repeats (either value counts)',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              securityContext:
                privileged: true
              securityContext:
                privileged: false`,
      failures: [{ messageId: 'privileged', line: 8 }],
    },
    {
      name: 'privileged: true in the second of two securityContexts',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers:
            - name: app
              securityContext: { runAsNonRoot: true }
              securityContext: { privileged: true }`,
      failures: [{ messageId: 'privileged', line: 8 }],
    },
  ],
});
