import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../src/targets/probe/timing-stats.js';

/** Objects in each generated file: an application and everything around it. */
export const OBJECTS_PER_FILE = 12;

const NAMESPACES = 40;

/**
 * A Helm-rendered-looking file of OBJECTS_PER_FILE objects that refer to each other the way an
 * application's do: the Deployment reads a Secret and a ConfigMap and runs as a ServiceAccount a
 * RoleBinding grants a Role; a Service selects it, an Ingress routes to the Service with a TLS
 * Secret, a NetworkPolicy, a PodDisruptionBudget and an autoscaler select or name it. Some
 * references are broken on purpose (a Secret never created, a key it lacks, a Service selecting
 * nothing, an Ingress to a missing Service), drawn from `random`, so cross-file checks have work.
 */
function manifestFile(app: string, i: number, random: () => number): string {
  const namespace = `team-${i % NAMESPACES}`;
  const hardened = random() < 0.35;
  const secretName = random() < 0.9 ? `${app}-db` : `${app}-db-old`;
  const secretKey = random() < 0.95 ? 'password' : 'passwd';
  const selected = random() < 0.95 ? app : `${app}-v2`;
  const backend = random() < 0.95 ? app : `${app}-legacy`;
  const tag = hardened ? `1.2.3@sha256:${'a'.repeat(64)}` : random() < 0.5 ? 'latest' : '1.2.3';
  // The first application of each namespace brings the namespace's default-deny policy.
  const policy =
    i < NAMESPACES
      ? `metadata: { name: default-deny, namespace: ${namespace} }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]`
      : `metadata: { name: ${app}, namespace: ${namespace} }
spec:
  podSelector: { matchLabels: { app: ${app} } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app: ingress-nginx } } }]
      ports: [{ port: 8080 }]`;
  const securityContext = hardened
    ? `
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }`
    : '';
  return `# Source: ${app}/templates/all.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${namespace}
  labels: { app: ${app}, tier: backend }
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels: { app: ${app} }
  template:
    metadata:
      labels: { app: ${app} }
    spec:
      serviceAccountName: ${app}
      automountServiceAccountToken: ${hardened}
      containers:
        - name: ${app}
          image: registry.example.com/${app}:${tag}
          ports: [{ name: http, containerPort: 8080 }]
          envFrom: [{ configMapRef: { name: ${app}-config } }]
          env:
            - { name: LOG_LEVEL, value: info }
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: ${secretName}, key: ${secretKey} } }
          readinessProbe: { httpGet: { path: /ready, port: http } }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }${securityContext}
        - name: proxy
          image: envoyproxy/envoy:v1.30.1
          args: ["--config-path", "/etc/envoy/envoy.yaml"]
---
apiVersion: v1
kind: Service
metadata: { name: ${app}, namespace: ${namespace} }
spec:
  selector: { app: ${selected} }
  ports: [{ port: 80, targetPort: http }]
---
apiVersion: v1
kind: Secret
metadata: { name: ${app}-db, namespace: ${namespace} }
type: Opaque
data:
  password: c2VjcmV0LSR7aX0=
  username: YXBw
---
apiVersion: v1
kind: ConfigMap
metadata: { name: ${app}-config, namespace: ${namespace} }
data:
  LOG_FORMAT: json
  FEATURE_FLAGS: "a,b,c"
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ${app}, namespace: ${namespace} }
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: ${app}, namespace: ${namespace} }
rules:
  - apiGroups: [""]
    resources: [configmaps${random() < 0.2 ? ', secrets' : ''}]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ${app}, namespace: ${namespace} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${app} }
subjects: [{ kind: ServiceAccount, name: ${app}, namespace: ${namespace} }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
${policy}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${app}, namespace: ${namespace} }
spec:
  tls: [{ hosts: [${app}.example.com], secretName: ${app}-tls }]
  rules:
    - host: ${app}.example.com
      http:
        paths: [{ path: /, pathType: Prefix, backend: { service: { name: ${backend}, port: { number: 80 } } } }]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: ${app}, namespace: ${namespace} }
spec:
  minAvailable: 1
  selector: { matchLabels: { app: ${app} } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: ${app}, namespace: ${namespace} }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${app} }
  minReplicas: 2
  maxReplicas: 10
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: ${app}-cleanup, namespace: ${namespace} }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          serviceAccountName: ${app}
          containers:
            - name: cleanup
              image: registry.example.com/${app}:1.2.3
              args: ["cleanup"]
              envFrom: [{ secretRef: { name: ${app}-db } }]
`;
}

/**
 * Writes about `resources` Kubernetes objects (OBJECTS_PER_FILE per file, 100 files per folder)
 * under dir/deploy/; the same seed writes the same files. Returns the number of files.
 */
export function writeSyntheticRepo(dir: string, resources: number, seed = 1): number {
  const random = seededRandom(seed);
  const files = Math.max(1, Math.round(resources / OBJECTS_PER_FILE));
  for (let i = 0; i < files; i++) {
    const sub = join(dir, 'deploy', `svc-${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `app-${i}.yaml`), manifestFile(`app-${i}`, i, random));
  }
  return files;
}
