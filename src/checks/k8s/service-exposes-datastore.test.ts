import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { serviceExposesDatastore } from './service-exposes-datastore.js';

const redis = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: redis, namespace: app }
  spec:
    template:
      metadata:
        labels: { app: redis }
      spec:
        containers:
          - name: redis
            image: docker.io/library/redis:7-alpine
            ports: [{ containerPort: 7000 }]`;
const withRedis = (text: string) => `${redis}---\n${text}`;

checkCases(serviceExposesDatastore, {
  pass: [
    {
      name: 'a ClusterIP Service in front of Redis',
      input: withRedis(yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: redis, namespace: app }
        spec:
          selector: { app: redis }
          ports: [{ port: 6379 }]`),
    },
    {
      name: 'a NodePort web app on an ordinary port',
      input: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: web }
        spec:
          type: NodePort
          selector: { app: web }
          ports: [{ port: 80, targetPort: 3000 }]`,
    },
    {
      name: 'internal or source-restricted load balancers are not external',
      input: withRedis(yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: redis-internal
          namespace: app
          annotations:
            networking.gke.io/load-balancer-type: Internal
        spec:
          type: LoadBalancer
          selector: { app: redis }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: pg, namespace: app }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [10.0.0.0/8]
          ports: [{ port: 5432 }]`),
    },
    {
      name: 'odd shapes',
      input: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: odd }
        spec:
          type: LoadBalancer
          selector: "app=redis"
          ports: [5432, { port: "x" }, null]`,
    },
  ],
  fail: [
    {
      name: 'NodePort to a pod running the redis image (honeydue-lite), on a custom port',
      input: withRedis(yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: redis
          namespace: app
        spec:
          type: NodePort
          selector: { app: redis }
          ports:
            - port: 7000`),
      failures: [{ messageId: 'datastoreImage', line: 20 }],
    },
    {
      name: 'a LoadBalancer on a well-known datastore port, image unknown',
      input: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: db }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [0.0.0.0/0]
          selector: { app: db }
          ports:
            - port: 15432
              targetPort: 5432`,
      failures: [{ messageId: 'datastorePort', line: 5 }],
    },
  ],
});
