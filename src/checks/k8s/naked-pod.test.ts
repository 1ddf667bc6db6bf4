import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { nakedPod } from './naked-pod.js';

checkCases(nakedPod, {
  pass: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        template:
          spec:
            containers: [{ name: web }]`,
    {
      name: 'a Pod exported with its owner',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-7c9f-abcde
          ownerReferences:
            - { apiVersion: apps/v1, kind: ReplicaSet, name: web-7c9f, controller: true }
        spec:
          containers: [{ name: web }]`,
    },
  ],
  fail: [
    {
      name: 'a bare Pod, also in a List',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec:
          containers: [{ name: shell }]
        ---
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: { name: other, ownerReferences: "none" }
            spec:
              containers: [{ name: x }]`,
      failures: [
        { messageId: 'naked', line: 2 },
        { messageId: 'naked', line: 11 },
      ],
    },
  ],
});
