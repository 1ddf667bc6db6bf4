import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHardenSync, type CliRun } from '../run-cli.js';

const HERE = resolve('test/linking');
const STATIC = ['--skip', 'http,tls,dns,net,probe'];

interface VerdictJson {
  item: string;
  claimed: string;
  verdict: string;
  checks: unknown[];
}

function harden(args: string[], cwd: string): CliRun {
  return runHardenSync(args, { cwd, env: { HARDEN_NOW: '2026-12-01' } });
}

const dirs: string[] = [];
function copyOf(stack: string): string {
  const dir = mkdtempSync(join(tmpdir(), `harden-${stack}-`));
  dirs.push(dir);
  cpSync(join(HERE, 'stacks', stack), dir, { recursive: true });
  return dir;
}

/** The done items that have checks, by verdict. */
function doneVerdicts(stdout: string): Map<string, string> {
  const report = JSON.parse(stdout) as { verdicts: VerdictJson[] };
  return new Map(report.verdicts.filter((v) => v.claimed === 'done' && v.checks.length > 0).map((v) => [v.item, v.verdict]));
}

// security-remediation.md is the tracker of the k3s-saas repository after its remediation: imported
// (and linked) into the fixed tree, the done items a repository check measures come out verified;
// the same plan on the tree before the fixes shows them as regressions.
describe('a real tracker imported, linked and verified on its repository, before and after the fixes', () => {
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the fixed tree and finds the same items regressed on the tree before the fixes', () => {
    const fixed = copyOf('k3s-saas-fixed');
    const imported = harden(['import', join(HERE, 'trackers', 'security-remediation.md')], fixed);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/imported 85 items [^\n]*\n85 items: 3\d linked/);

    const after = doneVerdicts(harden(['verify', ...STATIC, '-f', 'json'], fixed).stdout);
    const verified = [...after].filter(([, verdict]) => verdict === 'verified').map(([item]) => item);
    expect(verified.length).toBeGreaterThanOrEqual(20);
    // The one residual the fixed tree keeps on purpose: the proxy sends no CSP, the apps send their own.
    expect([...after].filter(([, verdict]) => verdict === 'regression').map(([item]) => item)).toEqual(['LIVE-L8']);

    const before = copyOf('k3s-saas');
    cpSync(join(fixed, 'harden.yaml'), join(before, 'harden.yaml'));
    const regressed = doneVerdicts(harden(['verify', ...STATIC, '-f', 'json'], before).stdout);
    for (const item of verified) expect(regressed.get(item), item).toBe('regression');
    expect(readFileSync(join(fixed, 'harden.yaml'), 'utf8')).toMatch(/- \{ check: dns\/dmarc, messages: \[.*\] \} # linked: "DMARC" in the title/);
  }, 120_000);
});
