import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { defaultNamespace } from './default-namespace.js';

checkCases(defaultNamespace, {
  pass: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: shop }
      spec:
        template:
          spec:
            containers: [{ name: web }]`,
    {
      name: 'no namespace: placed by kubectl -n, kustomize or Helm; non-workloads in default are out of scope',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          containers: [{ name: web }]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: settings, namespace: default }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: odd, namespace: [default] }
        spec:
          containers: [{ name: web }]`,
    },
  ],
  fail: [
    {
      name: 'explicit default',
      input: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: report
          namespace: default
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{ name: report }]`,
      failures: [{ messageId: 'defaultNamespace', line: 5 }],
    },
  ],
});
