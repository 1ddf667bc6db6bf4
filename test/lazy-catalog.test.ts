import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/checks/index.js';
import { DEFAULT_ENGINE_OPTIONS } from '../src/engine/run.js';
import { scan } from '../src/engine/scan.js';

const BIN = resolve('bin/harden.js');

function harden(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HARDEN_NOW: '2026-11-30' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface JsonReport {
  summary: { total: number };
  results: { checkId: string; status: string; target: string; message: string }[];
}

const brief = (results: JsonReport['results']) => results.map(({ checkId, status, target, message }) => `${checkId} ${status} ${target} ${message}`).sort();

describe('a scan without a plan loads only the check domains it needs', () => {
  it('reports exactly what the whole catalog reports on a repository of every kind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harden-lazy-'));
    try {
      cpSync(resolve('examples'), dir, { recursive: true, filter: (source) => !source.endsWith('harden.yaml') });
      const out = join(dir, 'report.json');
      expect(harden(['scan', dir, '-f', 'json', '-o', out, '--fail-on', 'none']).code).toBe(0);
      const lazy = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
      rmSync(out);
      const whole = await scan({ catalog, root: dir, selection: { only: [], skip: [] }, verify: false, now: new Date('2026-11-30'), engine: DEFAULT_ENGINE_OPTIONS });
      const expected = [...whole.results].map(({ checkId, status, target, message }) => ({ checkId, status, target, message }));
      expect(lazy.results.length).toBeGreaterThan(50);
      expect(brief(lazy.results)).toEqual(brief(expected));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an empty directory runs no check and says so (exit 2: nothing to check); an unknown id in --only or --skip is still an error', () => {
    const empty = mkdtempSync(join(tmpdir(), 'harden-lazy-empty-'));
    try {
      const run = harden(['scan', empty, '--fail-on', 'none']);
      expect(run.code).toBe(2);
      expect(run.stdout).toMatch(/0 checks · 0 targets/);
      expect(run.stderr).toContain('nothing to check');
      expect(harden(['scan', empty, '--only', 'k8s/no-such-check']).stderr).toContain('unknown check id "k8s/no-such-check"');
      expect(harden(['scan', empty, '--skip', 'kubernetes']).stderr).toContain('unknown check domain "kubernetes"');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
