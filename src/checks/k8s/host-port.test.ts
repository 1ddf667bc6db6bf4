import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { hostPort } from './host-port.js';

checkCases(hostPort, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
            ports:
              - containerPort: 80
              - containerPort: 443
                hostPort: 0`,
    {
      name: 'odd port lists',
      input: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: odd }
        spec:
          containers:
            - name: app
              ports: 8080
            - name: b
              ports: [null, "80:80", { hostPort: null }]`,
    },
  ],
  fail: [
    {
      name: 'every port with a hostPort',
      input: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: ingress }
        spec:
          template:
            spec:
              containers:
                - name: proxy
                  ports:
                    - containerPort: 80
                      hostPort: 80
                    - containerPort: 8080
                    - { containerPort: 443, hostPort: 443 }`,
      failures: [
        { messageId: 'hostPort', line: 11 },
        { messageId: 'hostPort', line: 13 },
      ],
    },
  ],
});
