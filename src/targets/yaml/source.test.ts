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
