import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { probePortNotExposed } from './probe-port-not-exposed.js';

checkCases(probePortNotExposed, {
  pass: [
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: api }
      spec:
        template:
          spec:
            containers:
              - name: api
                ports:
                  - { name: http, containerPort: 8000 }
                  - { name: grpc, containerPort: 9000 }
                readinessProbe:
                  httpGet: { path: /healthz, port: http }
                livenessProbe:
                  tcpSocket: { port: 8000 }
                startupProbe:
                  grpc: { port: 9000 }`,
    {
      name: 'a numeric port on a container that declares no ports; exec probes; odd shapes',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: worker }
        spec:
          containers:
            - name: worker
              livenessProbe:
                httpGet: { path: /, port: 8080 }
              readinessProbe:
                exec: { command: [cat, /tmp/ready] }
            - name: odd
              ports: "8080"
              livenessProbe: { httpGet: [8080] }
              readinessProbe:
                tcpSocket: { port: [http] }`,
    },
  ],
  fail: [
    {
      name: 'a port name that does not exist, a number that is not declared',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: admin }
        spec:
          template:
            spec:
              containers:
                - name: admin
                  ports:
                    - name: web
                      containerPort: 3000
                  readinessProbe:
                    httpGet:
                      path: /
                      port: http
                  livenessProbe:
                    tcpSocket:
                      port: 8080`,
      failures: [
        { messageId: 'unknownPortName', line: 15 },
        { messageId: 'portNotDeclared', line: 18 },
      ],
    },
  ],
});
