import { describe, expect, it } from 'vitest';
import { fileMiddlewareNames, readTraefikFile } from './traefik-file.js';

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

describe('fileMiddlewareNames', () => {
  it('keeps file-provider names and drops other providers', () => {
    expect(fileMiddlewareNames(['a', 'b@file', 'c@docker', 'd@internal', null])).toEqual(['a', 'b']);
  });
});
