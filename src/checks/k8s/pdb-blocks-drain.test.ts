import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { pdbBlocksDrain } from './pdb-blocks-drain.js';

const web = (replicas: number) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web, namespace: honeydue }
  spec:
    replicas: ${replicas}
    template:
      metadata:
        labels: { app.kubernetes.io/name: web }
      spec:
        containers: [{ name: web, image: web:1 }]`;

const budget = (field: string) => yaml`
  apiVersion: policy/v1
  kind: PodDisruptionBudget
  metadata:
    name: web
    namespace: honeydue
  spec:
    ${field}
    selector:
      matchLabels:
        app.kubernetes.io/name: web`;

const hpa = (minReplicas: string) => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: { name: web, namespace: honeydue }
  spec:
    scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
    ${minReplicas}
    maxReplicas: 10`;

checkCases(pdbBlocksDrain, {
  pass: [
    { name: 'minAvailable below the replicas (k3s-saas api)', input: { 'web.yaml': web(3), 'pdb.yaml': budget('minAvailable: 2') } },
    { name: 'maxUnavailable 1; 10%', input: { 'web.yaml': web(1), 'pdb.yaml': budget('maxUnavailable: 1'), 'pdb2.yaml': budget('maxUnavailable: 10%') } },
    { name: 'minAvailable 50% of 4 pods', input: { 'web.yaml': web(4), 'pdb.yaml': budget('minAvailable: 50%') } },
    { name: 'the budget selects nothing, or an absent selector', input: { 'web.yaml': web(1), 'pdb.yaml': 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: x }\nspec:\n  minAvailable: 1\n' } },
    {
      name: 'a DaemonSet has no fixed pod count; odd shapes',
      input: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            metadata: { labels: { app: agent } }
            spec: { containers: [{ name: agent }] }
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: { name: agent }
        spec:
          minAvailable: 5
          selector: { matchLabels: { app: agent } }
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: { name: odd }
        spec:
          minAvailable: "most"
          maxUnavailable: [0]`,
    },
    { name: 'minAvailable below the autoscaler minimum', input: { 'web.yaml': web(10), 'pdb.yaml': budget('minAvailable: 2'), 'hpa.yaml': hpa('minReplicas: 5') } },
    {
      name: 'a KEDA ScaledObject that scales to zero: no pod to evict',
      input: {
        'web.yaml': web(1),
        'pdb.yaml': budget('minAvailable: 1'),
        'keda.yaml': yaml`
          apiVersion: keda.sh/v1alpha1
          kind: ScaledObject
          metadata: { name: web, namespace: honeydue }
          spec:
            scaleTargetRef: { name: web }`,
      },
    },
  ],
  fail: [
    {
      name: 'minAvailable equals the replica count (k3s-saas web)',
      input: { 'web.yaml': web(3), 'pdb.yaml': budget('minAvailable: 3') },
      failures: [{ messageId: 'minAvailableReplicas', line: 7, related: [{ at: 'web.yaml:5', message: 'Deployment/web runs 3 pods' }] }],
    },
    {
      name: 'maxUnavailable 0 and "0%", minAvailable 100%',
      input: yaml`
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: { name: a }
        spec:
          maxUnavailable: 0
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: { name: b }
        spec:
          maxUnavailable: "0%"
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: { name: c }
        spec:
          minAvailable: 100%
          maxUnavailable: 5`,
      failures: [
        { messageId: 'maxUnavailableZero', line: 5 },
        { messageId: 'maxUnavailableZero', line: 11 },
        { messageId: 'minAvailableAll', line: 17 },
      ],
    },
    {
      name: 'a percentage rounded up: 50% of one pod is that pod',
      input: { 'web.yaml': web(1), 'pdb.yaml': budget('minAvailable: 50%') },
      failures: [{ messageId: 'minAvailableReplicas', line: 7 }],
    },
    {
      name: 'above and at the autoscaler minimum',
      input: { 'web.yaml': web(10), 'pdb.yaml': budget('minAvailable: 6'), 'hpa.yaml': hpa('minReplicas: 5') },
      failures: [{ messageId: 'minAvailableAboveAutoscaler', line: 7, related: [{ at: 'hpa.yaml:6', message: 'HorizontalPodAutoscaler "web" keeps Deployment/web at 5 pods at least' }] }],
    },
    {
      name: 'at the autoscaler minimum',
      input: { 'web.yaml': web(10), 'pdb.yaml': budget('minAvailable: 5'), 'hpa.yaml': hpa('minReplicas: 5') },
      failures: [{ messageId: 'minAvailableAtAutoscaler', line: 7 }],
    },
  ],
});
