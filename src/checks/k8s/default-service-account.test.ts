import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { defaultServiceAccount } from './default-service-account.js';

checkCases(defaultServiceAccount, {
  pass: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: redis }
      spec:
        template:
          spec:
            serviceAccountName: honeydue-redis
            automountServiceAccountToken: false
            containers: [{ name: redis }]`,
    {
      name: 'the deprecated serviceAccount field; a CronJob',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: old }
        spec:
          serviceAccount: legacy
          containers: [{ name: app }]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: report }
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  serviceAccountName: reporter
                  containers: [{ name: report }]`,
    },
  ],
  fail: [
    {
      name: 'no serviceAccountName, even with the token disabled (k3s-saas redis); default named explicitly',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: redis }
        spec:
          template:
            metadata:
              labels: { app: redis }
            spec:
              automountServiceAccountToken: false
              containers: [{ name: redis }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec:
          serviceAccountName: default
          containers: [{ name: shell }]`,
      failures: [
        { messageId: 'unset', line: 8 },
        { messageId: 'explicitDefault', line: 16 },
      ],
    },
  ],
});
