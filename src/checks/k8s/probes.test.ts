import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { probes } from './probes.js';

checkCases(probes, {
  pass: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        template:
          spec:
            initContainers:
              - name: migrate
            containers:
              - name: web
                readinessProbe:
                  httpGet: { path: /ready, port: http }
                livenessProbe:
                  tcpSocket: { port: http }`,
    {
      name: 'Jobs, CronJobs and one-off Pods run to completion',
      input: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: migrate }
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: migrate
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: report }
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: report
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: once }
        spec:
          restartPolicy: OnFailure
          containers:
            - name: task`,
    },
  ],
  fail: [
    {
      name: 'a worker with neither probe',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: worker }
        spec:
          template:
            spec:
              containers:
                - name: worker
                  image: worker:1`,
      failures: [
        { messageId: 'livenessMissing', line: 8 },
        { messageId: 'readinessMissing', line: 8 },
      ],
    },
    {
      name: 'readiness only; a probe written as a string or null is no probe',
      input: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              containers:
                - name: agent
                  readinessProbe:
                    httpGet: { path: /health, port: 8429 }
                - name: sidecar
                  livenessProbe: "curl localhost"
                  readinessProbe:`,
      failures: [
        { messageId: 'livenessMissing', line: 8 },
        { messageId: 'livenessMissing', line: 12 },
        { messageId: 'readinessMissing', line: 13 },
      ],
    },
  ],
});
