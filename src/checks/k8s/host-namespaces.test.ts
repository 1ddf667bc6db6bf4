import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { hostNamespaces } from './host-namespaces.js';

checkCases(hostNamespaces, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        hostNetwork: false
        hostPID: false
        containers:
          - name: app`,
    {
      name: 'fields elsewhere than the pod spec, and strings, do not count',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          hostNetwork: true
          template:
            spec:
              hostIPC: "true"
              containers:
                - name: app
                  hostPID: true`,
    },
    { name: 'not a workload', input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: { hostNetwork: "true" }\n' },
  ],
  fail: [
    {
      name: 'each shared namespace is its own failure',
      input: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: node-agent }
        spec:
          template:
            spec:
              hostNetwork: true
              hostPID: true
              hostIPC: true
              containers:
                - name: agent`,
      failures: [
        { messageId: 'hostNetwork', line: 7 },
        { messageId: 'hostPID', line: 8 },
        { messageId: 'hostIPC', line: 9 },
      ],
    },
    {
      name: 'hostPID on a CronJob',
      input: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: dump }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  hostPID: true
                  containers:
                    - name: dump`,
      failures: [{ messageId: 'hostPID', line: 10 }],
    },
  ],
});
