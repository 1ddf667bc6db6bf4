import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { seccompProfile } from './seccomp-profile.js';

checkCases(seccompProfile, {
  pass: [
    {
      name: 'RuntimeDefault on the pod covers every container',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext:
                seccompProfile: { type: RuntimeDefault }
              initContainers:
                - name: init
              containers:
                - name: app`,
    },
    {
      name: 'a container profile overrides an Unconfined pod',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext:
            seccompProfile: { type: Unconfined }
          containers:
            - name: app
              securityContext:
                seccompProfile:
                  type: Localhost
                  localhostProfile: profiles/app.json`,
    },
  ],
  fail: [
    {
      name: 'nothing set anywhere, and odd shapes read as absent',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext: "RuntimeDefault"
          containers:
            - name: app
            - name: b
              securityContext:
                seccompProfile: RuntimeDefault
            - name: c
              securityContext:
                seccompProfile: { localhostProfile: x.json }`,
      failures: [
        { messageId: 'notSet', line: 7 },
        { messageId: 'notSet', line: 10 },
        { messageId: 'notSet', line: 13 },
      ],
    },
    {
      name: 'Unconfined on the pod is reported where it is written; a container override is its own',
      input: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: db }
        spec:
          template:
            spec:
              securityContext:
                seccompProfile:
                  type: Unconfined
              containers:
                - name: db
                - name: exporter
                  securityContext:
                    seccompProfile:
                      type: unconfined`,
      failures: [
        { messageId: 'unconfined', line: 9 },
        { messageId: 'unconfined', line: 15 },
      ],
    },
  ],
});
