import { RUNTIME_SOCKET_NAMES } from '../../targets/docker/claims.js';
import { asArray, asRecord, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** Container runtime control sockets: whoever talks to one starts privileged containers on the host. */
const RUNTIME_SOCKET = /^(\/var)?\/run\/(docker|podman\/podman|containerd\/containerd|crio\/crio|user\/\d+\/docker|user\/\d+\/podman\/podman)\.sock$|^\/var\/run\/docker$/;

export const dockerSocket = defineCheck({
  id: 'compose/docker-socket',
  title: 'Compose services do not mount the container runtime socket',
  severity: 'critical',
  target: 'compose-service',
  why:
    'The Docker socket is the Docker API without authentication: a process that can write to it starts a privileged ' +
    'container with the host\'s root filesystem mounted, which is root on the host. Mounting it read-only (`:ro`) ' +
    'changes nothing, the API still accepts every request. Any compromise of the service (a reverse proxy, a CI ' +
    'runner, a monitoring agent) becomes a compromise of the machine.',
  fix: [
    'Remove the socket mount; a tool that only reads container metadata can use a filtering proxy instead:',
    '',
    '    docker-proxy:',
    '      image: tecnativa/docker-socket-proxy:0.3.0',
    '      environment: { CONTAINERS: 1, POST: 0 }',
    '      volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]',
    '',
    'and point the tool at tcp://docker-proxy:2375 (the proxy itself is then the one place to review and waive).',
  ].join('\n'),
  refs: [
    'CIS Docker Benchmark 5.31 (ensure that the Docker socket is not mounted inside any containers)',
    'OWASP Docker Security Cheat Sheet: rule #1, do not expose the Docker daemon socket',
    'compose-lint CL-0001 (host control socket mounted)',
    'KICS Docker Socket Mounted In Container (d6355c88)',
  ],
  messages: {
    socket: 'service "{service}" mounts the container runtime socket {source}',
  },
  claims: [{ about: 'runtime socket not mounted', names: RUNTIME_SOCKET_NAMES }],
  evaluate(service, ctx) {
    asArray(service.spec.volumes).forEach((item, index) => {
      const short = asString(item);
      const long = asRecord(item);
      const source = short !== undefined ? short.split(':')[0]!.trim() : asString(long?.source)?.trim();
      if (source !== undefined && RUNTIME_SOCKET.test(source.replace(/\/+$/, ''))) ctx.fail(service.at(['volumes', index]), 'socket', { service: service.name, source });
    });
  },
});
