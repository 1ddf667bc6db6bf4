import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A Helm-rendered-looking file of eight objects: a workload and the things around it. */
function manifestFile(app: string, i: number): string {
  const hardened = i % 3 === 0;
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
  namespace: team-${i % 40}
  labels: { app: ${app}, tier: backend }
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels: { app: ${app} }
  template:
    metadata:
      labels: { app: ${app} }
    spec:
      containers:
        - name: ${app}
          image: registry.example.com/${app}:${hardened ? '1.2.3@sha256:' + 'a'.repeat(64) : i % 2 ? 'latest' : '1.2.3'}
          ports: [{ containerPort: 8080 }]
          env:
            - { name: LOG_LEVEL, value: info }
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: ${app}-db, key: password } }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }${securityContext}
        - name: proxy
          image: envoyproxy/envoy:v1.30.1
          args: ["--config-path", "/etc/envoy/envoy.yaml"]
---
apiVersion: v1
kind: Service
metadata: { name: ${app}, namespace: team-${i % 40} }
spec:
  selector: { app: ${app} }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: ${app}-config, namespace: team-${i % 40} }
data:
  LOG_FORMAT: json
  FEATURE_FLAGS: "a,b,c"
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ${app}, namespace: team-${i % 40} }
automountServiceAccountToken: false
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: ${app}, namespace: team-${i % 40} }
spec:
  minAvailable: 1
  selector: { matchLabels: { app: ${app} } }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${app}, namespace: team-${i % 40} }
spec:
  tls: [{ hosts: [${app}.example.com], secretName: ${app}-tls }]
  rules:
    - host: ${app}.example.com
      http:
        paths: [{ path: /, pathType: Prefix, backend: { service: { name: ${app}, port: { number: 80 } } } }]
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: ${app}-cleanup, namespace: team-${i % 40} }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: cleanup
              image: registry.example.com/${app}:1.2.3
              args: ["cleanup"]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: ${app}, namespace: team-${i % 40} }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${app} }
  minReplicas: 2
  maxReplicas: 10
`;
}

/** Writes `files` manifest files (8 objects each) under dir/deploy/. */
export function writeSyntheticRepo(dir: string, files: number): void {
  for (let i = 0; i < files; i++) {
    const sub = join(dir, 'deploy', `svc-${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `app-${i}.yaml`), manifestFile(`app-${i}`, i));
  }
}
