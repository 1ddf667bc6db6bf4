import { describe, expect, it } from 'vitest';
import { fileMiddlewareNames, readTraefikFile, readTraefikToml, traefikSkipVerifies } from './traefik-file.js';

describe('readTraefikFile', () => {
  it('reads a Go template inside a value with a placeholder, at the start of a value too', () => {
    const read = readTraefikFile('rules/app.yml', 'http:\n  routers:\n    app:\n      rule: "Host(`app.{{env "DOMAINNAME"}}`)"\n      service: {{env "SVC"}}\n');
    expect(read?.dynamic).toBe(true);
    expect(JSON.parse(JSON.stringify(read?.data))).toEqual({ http: { routers: { app: { rule: 'Host(`app.<template>`)', service: '<template>' } } } });
    expect(read?.locate(['http', 'routers', 'app', 'service'])).toMatchObject({ line: 5, column: 7 });
  });

  it('leaves out templates that build the structure, Kubernetes objects and other YAML', () => {
    expect(readTraefikFile('rules/r.yml', 'http:\n  routers:\n{{ range $i, $e := until 3 }}\n    r{{ $i }}: { service: s }\n{{ end }}\n')).toBeUndefined();
    expect(readTraefikFile('k8s/m.yaml', 'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nhttp:\n  middlewares: {}\n')).toBeUndefined();
    expect(readTraefikFile('ci.yml', 'on: push\njobs: {}\n')).toBeUndefined();
    expect(readTraefikFile('traefik.yml', 'api:\n  dashboard: true\nentryPoints:\n  web: { address: ":80" }\n')?.static).toBe(true);
  });
});

describe('readTraefikToml', () => {
  it('reads v2/v3 TOML with the YAML structure, located at the line that writes each key', () => {
    const read = readTraefikToml('traefik/rules/headers.toml', '[http.middlewares.secure.headers]\n  frameDeny = true\n  stsSeconds = 63072000\n');
    expect(read).toMatchObject({ dynamic: true, static: false, v1: false, data: { http: { middlewares: { secure: { headers: { frameDeny: true } } } } } });
    expect(read?.locate(['http', 'middlewares', 'secure', 'headers', 'stsSeconds'])).toEqual({ line: 3, column: 3 });
  });

  it('marks Traefik v1 by its own keys, and leaves out application TOML and broken TOML', () => {
    expect(readTraefikToml('traefik.toml', 'defaultEntryPoints = ["https"]\n[api]\n  dashboard = true\n[entryPoints.http.redirect]\n  entryPoint = "https"\n')).toMatchObject({ v1: true, static: true });
    expect(readTraefikToml('rules/plex.toml', '[backends.b.servers.s]\n  url = "http://10.0.0.2"\n[frontends.f]\n  backend = "b"\n')).toMatchObject({ v1: true, dynamic: true });
    expect(readTraefikToml('config.toml', '[api]\n  port = 8080\n  key = "x"\n')).toBeUndefined();
    expect(readTraefikToml('Cargo.toml', '[package]\nname = "x"\n')).toBeUndefined();
    expect(readTraefikToml('traefik.toml', '[entryPoints\n')).toBeUndefined();
  });
});

describe('traefikSkipVerifies', () => {
  it('finds insecureSkipVerify at any depth and in any case, and says what it stops verifying', () => {
    const found = traefikSkipVerifies({
      InsecureSkipVerify: true,
      serversTransport: { insecureSkipVerify: true },
      http: { serversTransports: { pve: { insecureSkipVerify: 'true' } } },
      tcp: { serversTransports: { db: { tls: { insecureSkipVerify: true } } } },
      providers: { docker: { tls: { insecureSkipVerify: true } }, http: { tls: { insecureSkipVerify: false } } },
    });
    expect(found.map((each) => [each.path.join('.'), each.where, each.peer])).toEqual([
      ['InsecureSkipVerify', 'Traefik v1 top level (every backend):', 'the backends'],
      ['serversTransport.insecureSkipVerify', 'serversTransport (every backend):', 'the backends'],
      ['http.serversTransports.pve.insecureSkipVerify', 'serversTransports.pve', 'the backends'],
      ['tcp.serversTransports.db.tls.insecureSkipVerify', 'serversTransports.db', 'the backends'],
      ['providers.docker.tls.insecureSkipVerify', 'providers.docker.tls:', "the docker provider's endpoint"],
    ]);
  });
});

describe('fileMiddlewareNames', () => {
  it('keeps file-provider names and drops other providers', () => {
    expect(fileMiddlewareNames(['a', 'b@file', 'c@docker', 'd@internal', null])).toEqual(['a', 'b']);
  });
});
