import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { procMount } from './proc-mount.js';

checkCases(procMount, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
            securityContext: { procMount: Default }
          - name: sidecar`,
    {
      name: 'procMount on the pod securityContext is not a field',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: web }
        spec:
          securityContext: { procMount: Unmasked }
          containers:
            - name: app
              securityContext: [procMount]`,
    },
  ],
  fail: [
    {
      name: 'Unmasked, and any other value the runtime does not know',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: builder }
        spec:
          template:
            spec:
              containers:
                - name: buildkit
                  securityContext:
                    procMount: Unmasked
                - name: other
                  securityContext:
                    procMount: Other`,
      failures: [
        { messageId: 'unmasked', line: 10 },
        { messageId: 'unmasked', line: 13 },
      ],
    },
  ],
});
