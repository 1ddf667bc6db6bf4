import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { dockerSocket } from './docker-socket.js';

checkCases(dockerSocket, {
  pass: [
    yaml`
      services:
        postgres:
          image: postgres:16
          volumes:
            - pgdata:/var/lib/postgresql/data
            - ./docker/initdb:/docker-entrypoint-initdb.d:ro
            - type: bind
              source: ./config
              target: /etc/app
            - /var/run/docker.sock.d:/x`,
    { name: 'odd shapes', input: 'services:\n  a:\n    volumes: "/var/run/docker.sock:/var/run/docker.sock"\n  b:\n    volumes: [null, 5, {type: volume}]\n' },
  ],
  fail: [
    {
      name: 'short syntax (read-only too), long syntax, podman and /run paths',
      input: yaml`
        services:
          traefik:
            image: traefik:v3.2
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock:ro
              - ./traefik.yml:/etc/traefik/traefik.yml:ro
          watchtower:
            image: containrrr/watchtower:1.7.1
            volumes:
              - type: bind
                source: /run/docker.sock
                target: /var/run/docker.sock
          agent:
            image: acme/agent:1
            volumes:
              - /run/podman/podman.sock:/var/run/docker.sock`,
      failures: [
        { messageId: 'socket', line: 5 },
        { messageId: 'socket', line: 10 },
        { messageId: 'socket', line: 16 },
      ],
    },
    {
      name: 'mounted by the override and by an included fragment, each at its own line',
      input: {
        'compose.yaml': 'include:\n  - monitoring/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
        'compose.override.yaml': 'services:\n  web:\n    volumes:\n      - ./html:/usr/share/nginx/html\n      - /var/run/docker.sock:/var/run/docker.sock\n',
        'monitoring/compose.yaml': '# agent\nservices:\n  agent:\n    image: portainer/agent:2.21\n    volumes:\n      - x:/y\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      },
      failures: [
        { messageId: 'socket', line: 5 },
        { messageId: 'socket', line: 7 },
      ],
    },
    {
      name: 'fragments included through a variable of the host name (compose/$HOSTNAME/*.yml)',
      input: {
        'docker-compose-ws.yml': 'networks:\n  default: {}\ninclude:\n  - compose/$HOSTNAME/*.yml\n',
        'compose/ws/traefik.yml': 'services:\n  traefik:\n    image: traefik:v3.2\n    volumes:\n\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
      },
      failures: [{ messageId: 'socket', line: 6 }],
    },
  ],
});
