import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { yaml } from '../../testing/dedent.js';
import { parseYaml } from './source.js';

describe('parseYaml', () => {
  it('keeps positions of keys and items, and finds the nearest existing parent', () => {
    const { documents } = parseYaml(yaml`
      kind: Pod
      spec:
        containers:
          - name: app
            image: nginx
    `);
    expect(documents[0]!.locate(['spec', 'containers', 0, 'image'])).toEqual({ line: 5, column: 7, found: true });
    expect(documents[0]!.locate(['spec', 'containers', 0, 'securityContext'])).toEqual({ line: 4, column: 7, found: false });
  });

  it('applies merge keys: explicit keys win, earlier merged maps win over later ones', () => {
    const { documents, problems } = parseYaml(yaml`
      x-base: &base { privileged: true, network_mode: host, restart: always }
      x-more: &more { restart: never, user: root }
      services:
        app:
          <<: [*base, *more]
          restart: unless-stopped
    `);
    expect(problems).toEqual([]);
    const app = (documents[0]!.data as { services: { app: Record<string, unknown> } }).services.app;
    expect(JSON.parse(JSON.stringify(app))).toEqual({ privileged: true, network_mode: 'host', restart: 'unless-stopped', user: 'root' });
    expect(documents[0]!.locate(['services', 'app', 'privileged'])).toMatchObject({ line: 5, found: true });
  });

  it('accepts many ordinary aliases but stops an alias bomb', () => {
    const services = Array.from({ length: 60 }, (_, i) => `  s${i}: { image: *img, restart: *policy }`).join('\n');
    expect(parseYaml(`x-image: &img redis:7\nx-policy: &policy always\nservices:\n${services}\n`).problems).toEqual([]);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefg'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');
    expect(parseYaml(bomb).problems.map((p) => p.message)).toEqual(['Excessive alias expansion indicates a resource exhaustion attack']);
  });
});

describe('parseYaml: keys set twice', () => {
  it('keeps the last value, lists the duplicates and reads the document again with the first one', () => {
    const { documents, problems } = parseYaml(yaml`
      kind: Pod
      spec:
        containers:
          - name: app
            securityContext:
              privileged: true
            image: nginx
            securityContext:
              runAsNonRoot: true
    `);
    expect(problems).toEqual([]);
    const [document] = documents;
    const container = (data: unknown) => JSON.parse(JSON.stringify((data as { spec: { containers: unknown[] } }).spec.containers[0]));
    expect(container(document!.data)).toEqual({ name: 'app', image: 'nginx', securityContext: { runAsNonRoot: true } });
    expect(document!.duplicates).toEqual([
      { path: ['spec', 'containers', 0], key: 'securityContext', first: { line: 5, column: 7 }, again: { line: 8, column: 7 } },
    ]);
    expect(document!.readings).toHaveLength(1);
    const first = document!.readings[0]!;
    expect(container(first.data)).toEqual({ name: 'app', image: 'nginx', securityContext: { privileged: true } });
    expect(first.locate(['spec', 'containers', 0, 'securityContext', 'privileged'])).toEqual({ line: 6, column: 9, found: true });
    expect(document!.locate(['spec', 'containers', 0, 'securityContext'])).toMatchObject({ line: 8 });
  });

  it('reads a key set three times three ways, and a key set thousands of times a bounded number of ways', () => {
    const thrice = parseYaml('a: 1\na: 2\na: 3\n').documents[0]!;
    expect([thrice.data, ...thrice.readings.map((r) => r.data)].map((d) => (d as { a: number }).a)).toEqual([3, 1, 2]);
    const many = parseYaml(Array.from({ length: 5000 }, (_, i) => `a: ${i}`).join('\n')).documents[0]!;
    expect(many.duplicates).toHaveLength(4999);
    expect(many.readings).toHaveLength(3);
  });

  it('leaves documents without duplicates alone, and merge keys are no duplicates', () => {
    const document = parseYaml('x: &x { a: 1 }\ny: &y { b: 2 }\nz:\n  <<: *x\n  <<: *y\n').documents[0]!;
    expect(document.duplicates).toEqual([]);
    expect(document.readings).toEqual([]);
  });
});

describe('parseYaml: nesting', () => {
  it('refuses a document nested deeper than any real file before the parser recurses into it', () => {
    expect(parseYaml(`a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`).problems).toEqual([{ line: 1, column: 259, message: 'nested more than 256 levels deep' }]);
    const block = Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n');
    expect(parseYaml(block).problems).toEqual([{ line: 257, column: 513, message: 'nested more than 256 levels deep' }]);
    expect(parseYaml(`a: ${'['.repeat(200)}${']'.repeat(200)}\n`).problems).toEqual([]);
  });

  it('refuses aliases that nest the data deeper than the text', () => {
    const lines = ['l0: &l0 [1]'];
    for (let i = 1; i <= 30; i++) lines.push(`l${i}: &l${i} [[[[[[[[[[*l${i - 1}]]]]]]]]]]`);
    expect(parseYaml(lines.join('\n')).problems.map((p) => p.message)).toEqual(['nested more than 256 levels deep (through aliases)']);
  });
});

describe('parsed documents in memory', () => {
  it('hold their data and positions only, not the syntax tree or the text they were read from', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const object = (i: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: app-${i}, labels: { app: app-${i} } }\nspec:\n  template:\n    spec:\n      containers:\n        - { name: app, image: "registry.example.com/app:${i}", ports: [{ containerPort: 8080 }] }\n`;
    const text = Array.from({ length: 2000 }, (_, i) => object(i)).join('---\n');
    gc();
    const before = getHeapStatistics().used_heap_size;
    const parsed = parseYaml(text);
    gc();
    const held = getHeapStatistics().used_heap_size - before;
    expect(parsed.documents).toHaveLength(2000);
    // Plain data with packed positions: about 11 bytes per source byte here; with the syntax tree and the text, about 45.
    expect(held / text.length).toBeLessThan(20);
  });
});
