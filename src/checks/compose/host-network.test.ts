import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { hostNetworkService } from './host-network.js';

checkCases(hostNetworkService, {
  pass: [
    yaml`
      services:
        api:
          image: acme/api:1.4
          network_mode: bridge
          ipc: shareable
        sidecar:
          image: acme/sidecar:1.4
          network_mode: "service:api"
          pid: "service:api"`,
    { name: 'odd shapes', input: 'services:\n  a:\n    network_mode: [host]\n    pid: true\n' },
  ],
  fail: [
    {
      name: 'host network, PID, IPC and user namespace',
      input: yaml`
        services:
          node-exporter:
            image: prom/node-exporter:v1.8.2
            network_mode: host
            pid: host
          app:
            image: acme/app:1
            ipc: host
            userns_mode: "host"`,
      failures: [
        { messageId: 'hostNetwork', line: 4 },
        { messageId: 'hostPid', line: 5 },
        { messageId: 'hostIpc', line: 8 },
        { messageId: 'hostUserns', line: 9 },
      ],
    },
  ],
});
