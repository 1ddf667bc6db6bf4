import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { livenessProbePath } from './liveness-probe-path.js';

checkCases(livenessProbePath, {
  pass: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        template:
          spec:
            containers:
              - name: api
                livenessProbe: { httpGet: { path: /api/health/, port: http } }
                readinessProbe: { httpGet: { path: /api/health/, port: http } }
              - name: web
                livenessProbe: { httpGet: { path: "/api/healthz?full=0", port: http } }
              - name: admin
                livenessProbe: { httpGet: { path: /, port: http } }
                readinessProbe: { httpGet: { path: /, port: http } }
              - name: java
                livenessProbe: { httpGet: { path: /actuator/health/liveness, port: 8080 } }
              - name: prometheus
                livenessProbe: { httpGet: { path: /-/healthy, port: 9090 } }
              - name: go
                livenessProbe: { httpGet: { path: /livez, port: 8080 } }`,
    {
      name: 'tcp and exec probes; odd shapes',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: x }
        spec:
          containers:
            - name: redis
              livenessProbe: { tcpSocket: { port: 6379 } }
            - name: odd
              livenessProbe: { httpGet: { path: 7 } }
            - name: odder
              livenessProbe: "GET /admin"`,
    },
  ],
  fail: [
    {
      name: 'liveness on the admin page while readiness checks / (k3s-saas admin)',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: admin }
        spec:
          template:
            spec:
              containers:
                - name: admin
                  readinessProbe:
                    httpGet:
                      path: /
                      port: http
                  livenessProbe:
                    httpGet:
                      path: /admin/
                      port: http`,
      failures: [{ messageId: 'differsFromReadiness', line: 15 }],
    },
    {
      name: 'liveness on an application page without readiness (honeydue-lite admin)',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: admin }
        spec:
          template:
            spec:
              containers:
                - name: admin
                  livenessProbe:
                    httpGet:
                      path: /admin/
                      port: 3000`,
      failures: [{ messageId: 'applicationPage', line: 11 }],
    },
  ],
});
