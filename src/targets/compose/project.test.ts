import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { yaml } from '../../testing/dedent.js';
import { Workspace } from '../repo/workspace.js';
import type { ComposeService } from './compose.js';
import { composeProjectServices } from './project.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function servicesOf(files: Record<string, string>): Promise<ComposeService[]> {
  const dir = mkdtempSync(join(tmpdir(), 'harden-compose-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const ws = await Workspace.open(dir);
  const services = composeProjectServices(ws);
  expect(ws.issues).toEqual([]);
  return services;
}

const where = (service: ComposeService, path: (string | number)[]) => {
  const location = service.at(path);
  return location.kind === 'file' ? `${location.path}:${location.line}` : '';
};

describe('compose projects', () => {
  it('merges compose.override.yaml into its base: scalars replaced, ports appended, environment by name, volumes by target', async () => {
    const [api, ...rest] = await servicesOf({
      'compose.yaml': yaml`
        services:
          api:
            image: app:1.0
            ports:
              - "127.0.0.1:8080:8080"
            environment:
              - MODE=dev
              - KEEP=1
            volumes:
              - ./data:/data
              - logs:/logs`,
      'compose.override.yaml': yaml`
        services:
          api:
            image: app:latest
            ports:
              - "5432:5432"
            environment:
              MODE: production
            volumes:
              - /srv/data:/data`,
    });
    expect(rest).toEqual([]);
    expect(api!.identity).toBe('compose.yaml#services.api');
    expect(api!.project.files).toEqual(['compose.yaml', 'compose.override.yaml']);
    expect(api!.spec).toEqual({
      image: 'app:latest',
      ports: ['127.0.0.1:8080:8080', '5432:5432'],
      environment: { MODE: 'production', KEEP: '1' },
      volumes: ['/srv/data:/data', 'logs:/logs'],
    });
    expect(where(api!, ['image'])).toBe('compose.override.yaml:3');
    expect(where(api!, ['ports', 0])).toBe('compose.yaml:5');
    expect(where(api!, ['ports', 1])).toBe('compose.override.yaml:5');
    expect(where(api!, ['environment', 'MODE'])).toBe('compose.override.yaml:7');
    expect(where(api!, ['environment', 'KEEP'])).toBe('compose.yaml:8');
    expect(where(api!, ['volumes', 0])).toBe('compose.override.yaml:9');
    expect(where(api!, ['volumes', 1])).toBe('compose.yaml:11');
    expect(where(api!, ['privileged'])).toBe('compose.yaml:2');
  });

  it('replaces command and healthcheck.test, merges labels across syntaxes, appends lists once, secrets by target', async () => {
    const [api] = await servicesOf({
      'compose.yaml': yaml`
        services:
          api:
            command: npm run dev
            labels: [traefik.enable=false, team=web]
            cap_add: [NET_ADMIN]
            secrets: [db, { source: api_key, target: key }]
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost"]
              interval: 10s`,
      'compose.override.yaml': yaml`
        services:
          api:
            command: ["node", "server.js"]
            labels: { traefik.enable: "true" }
            cap_add: [NET_ADMIN, SYS_TIME]
            secrets: [{ source: db, mode: 0400 }]
            healthcheck:
              test: ["CMD", "true"]`,
    });
    expect(api!.spec).toEqual({
      command: ['node', 'server.js'],
      labels: { 'traefik.enable': 'true', team: 'web' },
      cap_add: ['NET_ADMIN', 'SYS_TIME'],
      secrets: [{ source: 'db', mode: 400 }, { source: 'api_key', target: 'key' }],
      healthcheck: { test: ['CMD', 'true'], interval: '10s' },
    });
    expect(where(api!, ['cap_add', 1])).toBe('compose.override.yaml:5');
    expect(where(api!, ['labels', 'team'])).toBe('compose.yaml:4');
  });

  it('reads docker-compose.prod.yml as its own deployment of the base, the base service as another reading', async () => {
    const services = await servicesOf({
      'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n',
      'docker-compose.prod.yml': 'services:\n  db:\n    ports: ["5432:5432"]\n  cache:\n    image: redis:7\n',
    });
    expect(services.map((s) => [s.identity, s.project.files.join(' + '), s.reading])).toEqual([
      ['docker-compose.yml#services.db', 'docker-compose.yml', undefined],
      ['docker-compose.yml#services.db', 'docker-compose.yml + docker-compose.prod.yml', 1],
      ['docker-compose.prod.yml#services.cache', 'docker-compose.yml + docker-compose.prod.yml', undefined],
    ]);
    expect(where(services[1]!, ['ports', 0])).toBe('docker-compose.prod.yml:3');
  });

  it('reads the files COMPOSE_FILE in the .env names as the default project', async () => {
    const services = await servicesOf({
      'deploy/.env': 'COMPOSE_FILE=docker-compose.yml:docker-compose.traefik.yml\n',
      'deploy/docker-compose.yml': 'services:\n  app:\n    image: acme/app:1\n',
      'deploy/docker-compose.traefik.yml': 'services:\n  app:\n    labels: [traefik.enable=true]\n',
      'deploy/docker-compose.override.yml': 'services:\n  app:\n    ports: ["9229:9229"]\n',
    });
    expect(services.map((s) => [s.project.files.join(' + '), s.reading])).toEqual([
      ['deploy/docker-compose.yml + deploy/docker-compose.traefik.yml', undefined],
      // Left out by COMPOSE_FILE, the override is read as another way to run the base.
      ['deploy/docker-compose.yml + deploy/docker-compose.override.yml', 1],
    ]);
  });

  it('reads a base that COMPOSE_FILE leaves out as another way to run the folder', async () => {
    const services = await servicesOf({
      '.env': 'COMPOSE_FILE=stack.yml\n',
      'stack.yml': 'services:\n  app:\n    image: acme/app:1\n',
      'compose.yaml': 'services:\n  app:\n    image: acme/app:2\n',
      'docker-compose.dev.yml': 'services:\n  app:\n    image: acme/app:dev\n',
    });
    expect(services.map((s) => `${s.project.files.join(' + ')} ${s.image}`)).toEqual(['stack.yml acme/app:1', 'compose.yaml acme/app:2', 'compose.yaml + docker-compose.dev.yml acme/app:dev']);
  });

  it('follows include: (string and path: forms, relative to the including file; an unknown variable is a glob) and not as projects of their own', async () => {
    const services = await servicesOf({
      'docker-compose-ws.yml': yaml`
        include:
          - compose/$HOSTNAME/redis.yml
          - path: ./extra/web.yaml`,
      'compose/ws/redis.yml': 'services:\n  redis:\n    image: redis:latest\n',
      'compose/hs/other.yml': 'services:\n  other:\n    image: other:1\n',
      'extra/web.yaml': 'services:\n  web:\n    image: nginx:1\n',
    });
    expect(services.map((s) => `${s.identity} ${s.project.files.join(' + ')}`)).toEqual([
      // Not included by anything, but compose by content.
      'compose/hs/other.yml#services.other compose/hs/other.yml',
      'compose/ws/redis.yml#services.redis docker-compose-ws.yml',
      'extra/web.yaml#services.web docker-compose-ws.yml',
    ]);
    expect(where(services[1]!, ['image'])).toBe('compose/ws/redis.yml:3');
  });

  it('reads an include path with an unknown variable once for each value that names files, each fragment its own target', async () => {
    const services = await servicesOf({
      'docker-compose-ws.yml': 'include:\n  - compose/$HOSTNAME/socket-proxy.yml\n  - compose/${HOSTNAME}/redis.yml\n',
      'compose/dns/socket-proxy.yml': 'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:0.3\n',
      'compose/ws/socket-proxy.yml': 'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:0.2\n',
      'compose/ws/redis.yml': 'services:\n  redis:\n    image: redis:7\n',
    });
    expect(services.map((s) => [s.identity, s.project.assumed, s.image])).toEqual([
      ['compose/dns/socket-proxy.yml#services.socket-proxy', { HOSTNAME: 'dns' }, 'tecnativa/docker-socket-proxy:0.3'],
      ['compose/ws/socket-proxy.yml#services.socket-proxy', { HOSTNAME: 'ws' }, 'tecnativa/docker-socket-proxy:0.2'],
      ['compose/ws/redis.yml#services.redis', { HOSTNAME: 'ws' }, 'redis:7'],
    ]);
  });

  it('merges a service onto the one it extends, in the same file or another', async () => {
    const [base, web, worker] = await servicesOf({
      'compose.yaml': yaml`
        services:
          web:
            extends:
              file: common.yml
              service: app
            ports:
              - "8080:8080"
          worker:
            extends: web
            command: worker`,
      'common.yml': 'x-note: shared\nservices:\n  app:\n    image: acme/app:latest\n    ports:\n      - "9229:9229"\n',
    });
    expect(web!.spec.image).toBe('acme/app:latest');
    expect(web!.spec.ports).toEqual(['9229:9229', '8080:8080']);
    expect(where(web!, ['image'])).toBe('common.yml:4');
    expect(where(worker!, ['ports', 1])).toBe('compose.yaml:7');
    expect(worker!.spec.command).toBe('worker');
    expect(base!.identity).toBe('common.yml#services.app');
  });

  it('interpolates from the project .env and defaults, leaving unknown variables as written', async () => {
    const [redis] = await servicesOf({
      '.env': 'TAG=latest\nexport BIND="0.0.0.0"\n# PORT=1\n',
      'compose.yaml': yaml`
        services:
          redis:
            image: redis:\${TAG}
            ports:
              - "\${BIND}:\${PORT:-6379}:6379"
            command: echo $$HOME \${UNKNOWN} \${NAME:?set it}`,
    });
    expect(redis!.image).toBe('redis:latest');
    expect(redis!.spec.ports).toEqual(['0.0.0.0:6379:6379']);
    expect(redis!.spec.command).toBe('echo $HOME ${UNKNOWN} ${NAME:?set it}');
    expect(redis!.written(['image'])).toBe('redis:${TAG}');
    expect(where(redis!, ['image'])).toBe('compose.yaml:3');
  });

  it('leaves YAML with a top-level services: that are not compose services alone', async () => {
    expect(await servicesOf({ 'config/app.yaml': 'services:\n  mail:\n    url: smtp://x\n', 'deploy.yaml': 'apiVersion: v1\nkind: List\nservices:\n  a:\n    image: x\n' })).toEqual([]);
  });
});
