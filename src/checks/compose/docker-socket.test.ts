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
  ],
});
