import { describe, expect, it } from 'vitest';
import { fixtureContext, makeResult, makeScanRun } from '../testing/scan-run-fixture.js';
import { terminalFormat } from './terminal.js';

describe('terminal format', () => {
  it('shows the related places of a failure under it, escaped like every text from input', () => {
    const run = makeScanRun({
      results: [
        makeResult({
          checkId: 'k8s/run-as-non-root', status: 'fail', message: 'Deployment "web" references Secret "db", which nothing creates',
          location: { kind: 'file', path: 'deploy/web.yaml', line: 12, column: 15 }, target: 'deploy/web.yaml#Deployment/web',
          related: [
            { location: { kind: 'file', path: 'deploy/secrets.yaml', line: 3, column: 9 }, message: 'Secret "db-credentials" is created here' },
            { location: { kind: 'url', url: 'https://shop.example.com/' }, message: 'read by\nthe site' },
          ],
        }),
      ],
    });
    const lines = terminalFormat.render(run, fixtureContext()).split('\n');
    const at = lines.findIndex((line) => line.startsWith('     at deploy/web.yaml:12:15'));
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '     also at deploy/secrets.yaml:3:9 — Secret "db-credentials" is created here',
      '     also at https://shop.example.com/ — read by\\nthe site',
    ]);
  });
});
