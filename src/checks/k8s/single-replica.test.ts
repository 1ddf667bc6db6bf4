import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { singleReplica } from './single-replica.js';

checkCases(singleReplica, {
  pass: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 3
        template:
          spec:
            containers: [{ name: web }]`,
    {
      name: 'DaemonSets, Jobs and Pods are out of scope; 0 and templated counts are left alone',
      input: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              containers: [{ name: agent }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: once }
        spec:
          containers: [{ name: task }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: parked }
        spec:
          replicas: 0
          template:
            spec:
              containers: [{ name: web }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: templated }
        spec:
          replicas: "REPLICAS"
          template:
            spec:
              containers: [{ name: web }]`,
    },
    {
      name: 'an HPA with minReplicas 2 owns the count, in another file',
      input: {
        'deploy/web.yaml': yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: web, namespace: shop }
          spec:
            template:
              spec:
                containers: [{ name: web }]`,
        'deploy/hpa.yaml': yaml`
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: { name: web, namespace: shop }
          spec:
            scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
            minReplicas: 2
            maxReplicas: 10`,
      },
    },
  ],
  fail: [
    {
      name: 'replicas 1, and replicas unset',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: worker }
        spec:
          replicas: 1
          template:
            spec:
              containers: [{ name: worker }]
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: db }
        spec:
          serviceName: db
          template:
            spec:
              containers: [{ name: db }]`,
      failures: [
        { messageId: 'singleReplica', line: 5 },
        { messageId: 'replicasUnset', line: 13 },
      ],
    },
    {
      name: 'an HPA that scales down to one, reported on the HPA; one in another namespace does not count',
      input: {
        'deploy/api.yaml': yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: api, namespace: shop }
          spec:
            replicas: 3
            template:
              spec:
                containers: [{ name: api }]`,
        'deploy/hpa.yaml': yaml`
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: { name: api, namespace: shop }
          spec:
            scaleTargetRef: { kind: Deployment, name: api }
            maxReplicas: 5
          ---
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: { name: api, namespace: staging }
          spec:
            scaleTargetRef: { kind: Deployment, name: api }
            minReplicas: 1
            maxReplicas: 5
          ---
          apiVersion: autoscaling/v2
          kind: HorizontalPodAutoscaler
          metadata: { name: broken }
          spec: "none"`,
      },
      failures: [{ messageId: 'autoscalerMinimumOne', line: 4 }],
    },
  ],
});
