import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { missingPdb } from './missing-pdb.js';

const api = (replicas: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    namespace: honeydue
  spec:
    ${replicas}
    template:
      metadata:
        labels: { app.kubernetes.io/name: api, app.kubernetes.io/part-of: honeydue }
      spec:
        containers: [{ name: api, image: api:1 }]`;

checkCases(missingPdb, {
  pass: [
    {
      name: 'a budget selects the pods (matchExpressions)',
      input: {
        'api.yaml': api('replicas: 3'),
        'pdb.yaml': yaml`
          apiVersion: policy/v1
          kind: PodDisruptionBudget
          metadata: { name: honeydue, namespace: honeydue }
          spec:
            maxUnavailable: 1
            selector:
              matchExpressions:
                - { key: app.kubernetes.io/name, operator: In, values: [api, web] }`,
      },
    },
    {
      name: "another copy's autoscaler does not apply (podinfo: deploy/bases/frontend/hpa.yaml, min 2, vs deploy/secure/frontend/hpa.yaml, min 1)",
      input: {
        'deploy/bases/frontend/kustomization.yaml': 'resources: [hpa.yaml]\n',
        'deploy/bases/frontend/hpa.yaml': yaml`
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: { name: api }
          spec:
            scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
            minReplicas: 2
            maxReplicas: 4`,
        'deploy/secure/frontend/deployment.yaml': api('replicas: 1'),
        'deploy/secure/frontend/hpa.yaml': yaml`
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: { name: api, namespace: honeydue }
          spec:
            scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
            minReplicas: 1
            maxReplicas: 4`,
      },
    },
    { name: 'a single replica, or replicas unset: a budget would only block drains', input: { 'a.yaml': api('replicas: 1'), 'b.yaml': api('minReadySeconds: 5') } },
    {
      name: 'DaemonSets and Jobs are out of scope; templated replicas are unknown',
      input: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec: { containers: [{ name: agent }] }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: templated }
        spec:
          replicas: "{{ .Values.replicas }}"
          template:
            spec: { containers: [{ name: x }] }`,
    },
  ],
  fail: [
    {
      name: 'three replicas, the budget in another namespace, with no namespace (default), or for other labels',
      input: {
        'api.yaml': api('replicas: 3'),
        'pdb.yaml': yaml`
          apiVersion: policy/v1
          kind: PodDisruptionBudget
          metadata: { name: api, namespace: staging }
          spec:
            maxUnavailable: 1
            selector: { matchLabels: { app.kubernetes.io/name: api } }
          ---
          apiVersion: policy/v1
          kind: PodDisruptionBudget
          metadata: { name: unset }
          spec:
            maxUnavailable: 1
            selector: { matchLabels: { app.kubernetes.io/name: api } }
          ---
          apiVersion: policy/v1
          kind: PodDisruptionBudget
          metadata: { name: web, namespace: honeydue }
          spec:
            maxUnavailable: 1
            selector: { matchLabels: { app.kubernetes.io/name: web } }`,
      },
      failures: [{ messageId: 'noBudget', line: 7 }],
    },
    {
      name: 'an autoscaler minimum of two, reported at minReplicas',
      input: {
        'api.yaml': api('replicas: 1'),
        'hpa.yaml': yaml`
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: { name: api, namespace: honeydue }
          spec:
            scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
            minReplicas: 2
            maxReplicas: 6`,
      },
      failures: [{ messageId: 'noBudget', line: 6 }],
    },
  ],
});
