import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { serviceTargetPortUnknown } from './service-target-port-unknown.js';

const api = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: api, namespace: honeydue }
  spec:
    template:
      metadata:
        labels: { app.kubernetes.io/name: api }
      spec:
        containers:
          - name: api
            ports:
              - { name: http, containerPort: 8000 }
          - name: metrics-sidecar
            ports:
              - { name: metrics, containerPort: 9100 }`;

checkCases(serviceTargetPortUnknown, {
  pass: [
    {
      name: 'names declared by any container of the selected pods; numbers are not checked',
      input: {
        'api.yaml': api,
        'service.yaml': yaml`
          apiVersion: v1
          kind: Service
          metadata: { name: api, namespace: honeydue }
          spec:
            selector: { app.kubernetes.io/name: api }
            ports:
              - { name: http, port: 8000, targetPort: http }
              - { name: metrics, port: 9100, targetPort: metrics }
              - { name: debug, port: 6060, targetPort: 6060 }
              - { name: legacy, port: 8080, targetPort: "8080" }`,
      },
    },
    {
      name: 'a Service selecting nothing is another check; odd shapes',
      input: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: other }
        spec:
          selector: { app: nothing }
          ports: [{ port: 80, targetPort: web }, null, 8080]`,
    },
  ],
  fail: [
    {
      name: 'the container port was renamed in the Deployment only',
      input: {
        'api.yaml': api,
        'service.yaml': yaml`
          apiVersion: v1
          kind: Service
          metadata: { name: api, namespace: honeydue }
          spec:
            selector: { app.kubernetes.io/name: api }
            ports:
              - name: http
                port: 80
                targetPort: web`,
      },
      failures: [
        {
          messageId: 'unknownName',
          line: 9,
          related: [
            { at: 'api.yaml:11', message: 'container "api" of Deployment/api names its ports http' },
            { at: 'api.yaml:14', message: 'container "metrics-sidecar" of Deployment/api names its ports metrics' },
          ],
        },
      ],
    },
  ],
});
