import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineCheck } from '../checks/define.js';
import { DEFAULT_GLOBS, Workspace } from '../targets/repo/workspace.js';
import { runChecks } from './run.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-redaction-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

// Fake credentials, assembled at run time so this file does not trip secret scanners.
const PASSWORD = 'Hunter2' + 'SuperSecretPw';
const DB_PASSWORD = 'Zq8vT3' + 'kLm9wX2pR';
const STRIPE = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
const LINE = `curl -u admin:${PASSWORD} --db-password=${DB_PASSWORD} -H "X-Stripe: ${STRIPE}" https://api.example.com`;

/** A careless check: it quotes the whole line, in its data, its evidence and its error text. */
const quotesLines = defineCheck({
  id: 'repo/test-quotes-lines',
  title: 'quotes lines',
  severity: 'low',
  target: 'shell-script',
  why: 'w',
  fix: 'f',
  refs: [],
  messages: { quoted: 'the script runs {line}' },
  evaluate(script, ctx) {
    const line = script.text.split('\n')[0]!;
    if (line.startsWith('#!')) throw new Error(`cannot read ${script.text.split('\n')[1]}`);
    ctx.fail(script.at(1), 'quoted', { line }, line);
  },
});

describe('runChecks redaction', () => {
  it('masks credentials in a failure\'s data, message, evidence and fingerprint, whatever the check quotes', async () => {
    const results = await runChecks(await Workspace.open(repo({ 'deploy.sh': `${LINE}\n` }), DEFAULT_GLOBS), [{ check: quotesLines, options: {}, key: quotesLines.id }]);
    const [failure] = results;
    expect(failure!.message).toBe(`the script runs curl -u admin:Hunt… --db-password=Zq8v… -H "X-Stripe: sk_l…" https://api.example.com`);
    expect(failure!.evidence).toBe(`curl -u admin:Hunt… --db-password=Zq8v… -H "X-Stripe: sk_l…" https://api.example.com`);
    // The fingerprint hashes the masked data: the same line with another password is the same failure.
    const other = await runChecks(await Workspace.open(repo({ 'deploy.sh': `${LINE.replace(PASSWORD, 'Hunt-another-password')}\n` }), DEFAULT_GLOBS), [
      { check: quotesLines, options: {}, key: quotesLines.id },
    ]);
    expect(other[0]!.fingerprint).toBe(failure!.fingerprint);
  });

  it('keeps the related places a failure names, their messages and URLs masked', async () => {
    const pointsElsewhere = defineCheck({
      id: 'repo/test-points-elsewhere',
      title: 'points elsewhere',
      severity: 'low',
      target: 'shell-script',
      why: 'w',
      fix: 'f',
      refs: [],
      messages: { elsewhere: 'see the other places' },
      evaluate(script, ctx) {
        ctx.fail(script.at(1), 'elsewhere', {}, {
          evidence: 'read',
          related: [
            { at: script.at(2), message: `the line that runs ${LINE}` },
            { at: { kind: 'url', url: `https://admin:${PASSWORD}@example.com/` }, message: 'the site' },
          ],
        });
      },
    });
    const results = await runChecks(await Workspace.open(repo({ 'deploy.sh': `echo\necho\n` }), DEFAULT_GLOBS), [{ check: pointsElsewhere, options: {}, key: pointsElsewhere.id }]);
    expect(results.map(({ evidence, related }) => ({ evidence, related }))).toEqual([
      {
        evidence: 'read',
        related: [
          { location: { kind: 'file', path: 'deploy.sh', line: 2, column: 1 }, message: `the line that runs curl -u admin:Hunt… --db-password=Zq8v… -H "X-Stripe: sk_l…" https://api.example.com` },
          { location: { kind: 'url', url: expect.not.stringContaining(PASSWORD) as unknown as string }, message: 'the site' },
        ],
      },
    ]);
  });

  it('masks credentials in the error text of a check that could not run', async () => {
    const results = await runChecks(await Workspace.open(repo({ 'deploy.sh': `#!/bin/sh\n${LINE}\n` }), DEFAULT_GLOBS), [{ check: quotesLines, options: {}, key: quotesLines.id }]);
    expect(results.map((result) => result.message)).toEqual([
      `check repo/test-quotes-lines could not run: cannot read curl -u admin:Hunt… --db-password=Zq8v… -H "X-Stripe: sk_l…" https://api.example.com`,
    ]);
  });
});
