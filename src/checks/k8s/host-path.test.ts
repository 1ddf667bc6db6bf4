import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { hostPath } from './host-path.js';

checkCases(hostPath, {
  pass: [
    yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers:
          - name: app
        volumes:
          - name: tmp
            emptyDir: {}
          - name: log-volume`,
    {
      name: 'odd volume lists',
      input: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: odd }
        spec:
          template:
            spec:
              volumes: { hostPath: { path: / } }
              containers: [{ name: app }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: odd2 }
        spec:
          volumes: [null, "hostPath", { name: x, hostPath: null }]
          containers: [{ name: app }]`,
    },
  ],
  fail: [
    {
      name: 'plain and sensitive host paths',
      input: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              containers:
                - name: agent
              volumes:
                - name: data
                  hostPath:
                    path: /srv/agent-data
                    type: DirectoryOrCreate
                - name: docker
                  hostPath: { path: /var/run/docker.sock, type: Socket }
                - name: logs
                  hostPath:
                    path: /var/log/
                - name: root
                  hostPath:
                    path: //
                - name: k3s
                  hostPath:
                    path: /var/lib/rancher/k3s/agent
                - name: varlibapp
                  hostPath:
                    path: /var/lib/app
                - name: nopath
                  hostPath: {}`,
      failures: [
        { messageId: 'hostPath', line: 12 },
        { messageId: 'sensitiveHostPath', line: 15 },
        { messageId: 'sensitiveHostPath', line: 18 },
        { messageId: 'sensitiveHostPath', line: 21 },
        { messageId: 'sensitiveHostPath', line: 24 },
        { messageId: 'hostPath', line: 27 },
        { messageId: 'hostPath', line: 29 },
      ],
    },
  ],
});
