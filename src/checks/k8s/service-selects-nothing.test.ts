import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { serviceSelectsNothing } from './service-selects-nothing.js';

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: admin, namespace: shop }
  spec:
    selector:
      matchLabels: { app: admin }
    template:
      metadata:
        labels: { app: admin, tier: web }
      spec:
        containers:
          - name: admin
            image: admin:1`;

const withDeployment = (text: string) => `${deployment}---\n${text}`;

checkCases(serviceSelectsNothing, {
  pass: [
    {
      name: 'selector matches the pod template labels (a subset of them)',
      input: withDeployment(yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: admin, namespace: shop }
        spec:
          selector: { app: admin }
          ports: [{ port: 80, targetPort: 3000 }]`),
    },
    {
      name: 'a Service without namespace is in default, where the repository deploys no workload: not checked',
      input: {
        'deploy/admin.yaml': deployment,
        'deploy/service.yaml': yaml`
          apiVersion: v1
          kind: Service
          metadata: { name: admin }
          spec:
            selector: { app: admin, tier: web }`,
      },
    },
    {
      name: "pods of an operator (a label under its domain), of a cluster add-on (GKE's DCGM exporter, cluster DNS), one pod of a StatefulSet",
      input: withDeployment(yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: kafka, namespace: shop }
        spec:
          selector: { strimzi.io/cluster: events, strimzi.io/kind: Kafka }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: gke-managed-dcgm-exporter, namespace: shop }
        spec:
          selector: { app.kubernetes.io/name: gke-managed-dcgm-exporter }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: dns, namespace: shop }
        spec:
          selector: { k8s-app: kube-dns }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: admin-0, namespace: shop }
        spec:
          selector: { app: admin, statefulset.kubernetes.io/pod-name: admin-0 }`),
    },
    {
      // A Go template file is skipped before any check reads it (targets/yaml/go-template.ts); a map is what
      // such a template reads as (`cell: {{cell}}`), and no selector Kubernetes would accept.
      name: 'a map where a label value belongs is no selector (an unrendered template, as kubernetes/examples vitess)',
      input: withDeployment(yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: etcd, namespace: shop }
        spec:
          selector:
            component: etcd
            cell: { name: cell }
            app: vitess`),
    },
    {
      name: 'selectorless and ExternalName Services are out of scope',
      input: withDeployment(yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: external-db, namespace: shop }
        spec:
          ports: [{ port: 5432 }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: mail, namespace: shop }
        spec:
          type: ExternalName
          externalName: smtp.example.com
          selector: { app: nothing }`),
    },
    {
      name: 'no workload of that namespace in the repository: its pods come from elsewhere',
      input: withDeployment(yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: postgres, namespace: db }
        spec:
          selector: { app.kubernetes.io/name: postgresql }`),
    },
    {
      name: 'odd shapes do not crash',
      input: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: odd }
        spec: "not a map"
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: odd2 }
        spec:
          selector: [app, admin]`,
    },
  ],
  fail: [
    {
      name: 'the pods exist only in another copy of the app (kustomize/base vs release/); a label of their own domain misspelt',
      input: {
        'kustomize/base/kustomization.yaml': 'resources: [frontend.yaml]\n',
        'kustomize/base/frontend.yaml': yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: frontend }
          spec:
            template:
              metadata: { labels: { app: frontend, example.com/tier: web } }
              spec: { containers: [{ name: server, image: frontend:1 }] }`,
        'release/manifests.yaml': yaml`
          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: cart }
          spec:
            template:
              metadata: { labels: { app: cart } }
              spec: { containers: [{ name: server, image: cart:1 }] }
          ---
          apiVersion: v1
          kind: Service
          metadata: { name: frontend }
          spec:
            selector: { app: frontend }
          ---
          apiVersion: v1
          kind: Service
          metadata: { name: cart }
          spec:
            selector: { app: cart, example.com/tier: wbe }`,
      },
      failures: [
        { messageId: 'noPods', line: 13 },
        { messageId: 'noPods', line: 19 },
      ],
    },
    {
      name: 'selector value differs from the pod labels (honeydue admin-web)',
      input: withDeployment(yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: admin
          namespace: shop
        spec:
          selector:
            app: admin-web
          ports:
            - port: 80`),
      failures: [{ messageId: 'noPods', line: 22, related: [{ at: 'manifest.yaml:1', message: 'Deployment "admin" labels its pods app=admin, tier=web' }] }],
    },
    {
      name: 'labels of the Deployment metadata are not pod labels; another namespace does not count',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
          labels: { role: api }
        spec:
          template:
            metadata:
              labels: { app: api }
            spec:
              containers: [{ name: api, image: api:1 }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: api, namespace: shop }
        spec:
          selector: { role: api }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: other }
        spec:
          template:
            metadata:
              labels: { app: web }
            spec:
              containers: [{ name: web, image: web:1 }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: web, namespace: shop }
        spec:
          selector: { app: web }`,
      failures: [
        { messageId: 'noPods', line: 18, related: [] },
        { messageId: 'noPods', line: 34 },
      ],
    },
  ],
});
