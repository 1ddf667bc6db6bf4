import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defineCheck } from '../checks/define.js';
import type { Result } from '../engine/result.js';
import type { ScanRun } from '../engine/scan-run.js';
import { fixtureCatalog, fixtureContext, fixturePlan, makeResult, makeScanRun, sampleScanRun } from '../testing/scan-run-fixture.js';
import type { ReportContext } from './define.js';
import { GITHUB_LIMITS, sarifFormat, toSarif, type SarifLog, type SarifResult, type SarifRun } from './sarif.js';

const workDir = mkdtempSync(join(tmpdir(), 'harden-sarif-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Finding {
  level: string;
  ruleId: string;
  text: string;
}

/**
 * The real SARIF validator, with GitHub's ingestion rules on. It exits 0 and
 * prints "Analysis completed successfully" even when the file is invalid, so
 * the verdict is read from the SARIF log it writes.
 * (Run as the package's native binary: its npm shim re-parses arguments through a shell.)
 */
function validateWithMultitool(sarifText: string, name: string): { stdout: string; findings: Finding[] } {
  const input = join(workDir, `${name}.sarif`);
  const output = join(workDir, `${name}.validation.sarif`);
  writeFileSync(input, sarifText);
  const binary = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
  const stdout = execFileSync(binary, ['validate', input, '--rule-kind', 'Gh;Sarif', '--output', output, '--log', 'ForceOverwrite'], {
    encoding: 'utf8',
  });
  const log = JSON.parse(readFileSync(output, 'utf8')) as { runs: { results?: { level?: string; ruleId: string; message: { text?: string; arguments?: string[] } }[] }[] };
  const findings = (log.runs[0]?.results ?? []).map((r) => ({
    level: r.level ?? 'warning',
    ruleId: r.ruleId,
    text: r.message.text ?? (r.message.arguments ?? []).join(' '),
  }));
  return { stdout, findings };
}

function sarifOf(run: ScanRun, context: Partial<ReportContext> = {}): SarifLog {
  return JSON.parse(sarifFormat.render(run, fixtureContext(context))) as SarifLog;
}

function runFor(log: SarifLog, category: string): SarifRun {
  const run = log.runs.find((r) => r.automationDetails.id === `harden/${category}/`);
  if (!run) throw new Error(`no harden/${category}/ run`);
  return run;
}

function resultAt(run: SarifRun, ruleId: string, text: string): SarifResult {
  const result = run.results.find((r) => r.ruleId === ruleId && r.message.text.includes(text));
  if (!result) throw new Error(`no ${ruleId} result with "${text}"`);
  return result;
}

describe('sarif format against the SARIF multitool', () => {
  const valid: [string, () => ScanRun, () => Partial<ReportContext>][] = [
    ['with a plan', sampleScanRun, () => ({ plan: fixturePlan() })],
    ['with suppressed results', sampleScanRun, () => ({ plan: fixturePlan(), showSuppressed: true })],
    ['without a plan', () => ({ ...sampleScanRun(), plan: undefined }), () => ({})],
  ];
  it.each(valid)('passes validation with GitHub rules: sample run %s', (name, run, context) => {
    const { stdout, findings } = validateWithMultitool(sarifFormat.render(run(), fixtureContext(context())), name.replace(/ /g, '-'));
    expect(stdout).toContain('Analysis completed successfully');
    expect(findings.filter((f) => f.level === 'error' || f.level === 'warning')).toEqual([]);
  });

  it('writes related places as relatedLocations with ids, linked from the message, and passes validation', () => {
    const run = makeScanRun({
      plan: 'harden.yaml',
      results: [
        makeResult({
          checkId: 'k8s/run-as-non-root', status: 'fail', message: 'Deployment "web" references Secret "db", which nothing creates',
          location: { kind: 'file', path: 'deploy/web.yaml', line: 12, column: 15 }, target: 'deploy/web.yaml#Deployment/web',
          related: [
            { location: { kind: 'file', path: 'deploy/secrets.yaml', line: 3, column: 9 }, message: 'Secret "db-credentials" [sealed] is created here' },
            { location: { kind: 'url', url: 'https://shop.example.com/' }, message: 'the site that reads it' },
          ],
        }),
      ],
    });
    const text = sarifFormat.render(run, fixtureContext({ plan: fixturePlan() }));
    const { stdout, findings } = validateWithMultitool(text, 'related');
    expect(stdout).toContain('Analysis completed successfully');
    expect(findings.filter((f) => f.level === 'error' || f.level === 'warning')).toEqual([]);

    const [result] = (JSON.parse(text) as SarifLog).runs[0]!.results;
    expect(result!.message.text).toBe(
      'Deployment "web" references Secret "db", which nothing creates — also: [Secret "db-credentials" \\[sealed\\] is created here](1); [the site that reads it](2)',
    );
    expect(result!.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'deploy/secrets.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 9, endLine: 3 } },
        message: { text: 'Secret "db-credentials" [sealed] is created here' },
      },
      {
        id: 2,
        // A related live place has no plan entry of its own: the plan's first line stands for it.
        physicalLocation: { artifactLocation: { uri: 'harden.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1, endLine: 1 } },
        logicalLocations: [{ name: 'https://shop.example.com/', fullyQualifiedName: 'https://shop.example.com/', kind: 'resource' }],
        message: { text: 'the site that reads it' },
      },
    ]);
    expect(sarifOf(sampleScanRun(), { plan: fixturePlan() }).runs.flatMap((r) => r.results).some((r) => 'relatedLocations' in r)).toBe(false);
  });

  it('reports a wrong version and a result without a message (the check can fail)', () => {
    const broken = sarifOf(sampleScanRun(), { plan: fixturePlan() }) as unknown as Record<string, unknown>;
    broken.version = '2.0';
    delete (((broken.runs as Record<string, unknown>[])[0]!.results as Record<string, unknown>[])[0]!).message;
    const { findings } = validateWithMultitool(JSON.stringify(broken), 'broken');
    const errors = findings.filter((f) => f.level === 'error').map((f) => f.ruleId);
    expect(errors).toContain('JSON1019');
    expect(errors).toContain('JSON1002');
  });

  it("applies GitHub's rules: a result without a location is an error", () => {
    const log = sarifOf(sampleScanRun(), { plan: fixturePlan() }) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete log.runs[0]!.results[0]!.locations;
    const { findings } = validateWithMultitool(JSON.stringify(log), 'no-location');
    expect(findings.some((f) => f.level === 'error' && f.ruleId.startsWith('GH'))).toBe(true);
  });
});

describe('sarif format for GitHub code scanning', () => {
  const log = sarifOf(sampleScanRun(), { plan: fixturePlan() });

  it('is SARIF 2.1.0 with one run per category that the scan measured', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs.map((run) => run.automationDetails.id)).toEqual(['harden/static/', 'harden/live/']);
    for (const run of log.runs) {
      expect(run.tool.driver).toMatchObject({ name: 'harden', version: '0.1.0', informationUri: 'https://harden.dev' });
    }
  });

  it('reports open failures only: no passes, errors or suppressed failures', () => {
    const described = log.runs.flatMap((run) => run.results.map((r) => `${r.ruleId}: ${r.message.text}`));
    expect(described.sort()).toEqual([
      'dns/caa: no CAA record for example.com',
      'docker/no-latest-tag: base image "node:latest" uses the latest tag; the waiver expired on 2026-10-01',
      'http/hsts: no Strict-Transport-Security header (https://shop.example.com/login)',
      'k8s/run-as-non-root: container "api" does not set runAsNonRoot: true',
      'k8s/run-as-non-root: container "sidecar" sets runAsUser: 0',
      'net/public-database: port 5432 accepts connections from the internet (db.shop.example.com:5432)',
    ]);
    expect(log.runs.flatMap((run) => run.results).some((r) => r.suppressions !== undefined)).toBe(false);
  });

  it('describes each rule that appears, with GitHub security severity, level, tags and help', () => {
    const rules = new Map(log.runs.flatMap((run) => run.tool.driver.rules).map((rule) => [rule.id, rule]));
    expect(rules.get('k8s/run-as-non-root')).toEqual({
      id: 'k8s/run-as-non-root',
      name: 'K8sRunAsNonRoot',
      shortDescription: { text: 'Containers run as a non-root user' },
      fullDescription: { text: 'A container running as root turns any code execution into root in the pod, one kernel bug away from the node.' },
      defaultConfiguration: { level: 'warning' },
      help: {
        text: expect.stringContaining('Fix: Set securityContext.runAsNonRoot: true') as unknown as string,
        markdown: expect.stringContaining('- CIS Kubernetes Benchmark 5.2.6') as unknown as string,
      },
      properties: { tags: ['security', 'k8s'], 'security-severity': '5.5' },
    });
    const severities = Object.fromEntries([...rules.values()].map((rule) => [rule.id, [rule.properties['security-severity'], rule.defaultConfiguration.level]]));
    expect(severities).toEqual({
      'net/public-database': ['9.5', 'error'],
      'docker/no-latest-tag': ['8.0', 'error'],
      'http/hsts': ['8.0', 'error'],
      'k8s/run-as-non-root': ['5.5', 'warning'],
      'dns/caa': ['2.0', 'note'],
    });
  });

  it('escapes HTML in help markdown and links URL references', () => {
    const hsts = runFor(log, 'live').tool.driver.rules.find((rule) => rule.id === 'http/hsts')!;
    expect(hsts.help.markdown).toContain('strip TLS on the first request &amp; read "session" cookies &lt;in transit&gt;.');
    expect(hsts.help.markdown).toContain('- <https://developer.mozilla.org/docs/Web/HTTP/Headers/Strict-Transport-Security>');
    expect(hsts.help.text).toContain('& read "session" cookies <in transit>');
  });

  it('points file results at the repository-relative file and region, with the fingerprint', () => {
    const api = resultAt(runFor(log, 'static'), 'k8s/run-as-non-root', '"api"');
    const rules = runFor(log, 'static').tool.driver.rules;
    expect(rules[api.ruleIndex]!.id).toBe('k8s/run-as-non-root');
    expect(api.level).toBe('warning');
    expect(api.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'deploy/api.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 21, startColumn: 11, endLine: 23, endColumn: 30 },
        },
      },
    ]);
    expect(api.partialFingerprints['harden/v1']).toBe(sampleScanRun().results[0]!.fingerprint);
    expect(api.partialFingerprints.primaryLocationLineHash).toBe(api.partialFingerprints['harden/v1']);
  });

  it('points live results at the plan line that names the target', () => {
    const live = runFor(log, 'live');
    const anchor = (ruleId: string, text: string) => {
      const { physicalLocation, logicalLocations } = resultAt(live, ruleId, text).locations[0]!;
      return [physicalLocation?.artifactLocation.uri, physicalLocation?.region.startLine, logicalLocations?.[0]?.fullyQualifiedName];
    };
    // Plan lines: 5 `- https://shop.example.com`, 9 `- example.com`, 11 `- db.shop.example.com:5432`.
    expect(anchor('http/hsts', 'shop.example.com')).toEqual(['harden.yaml', 5, 'https://shop.example.com/login']);
    expect(anchor('dns/caa', 'example.com')).toEqual(['harden.yaml', 9, 'example.com CAA']);
    expect(anchor('net/public-database', '5432')).toEqual(['harden.yaml', 11, 'db.shop.example.com:5432']);
  });

  it('falls back to line 1 of the plan for a target the plan does not name, and to a logical location without a plan', () => {
    const stray = makeScanRun({
      plan: 'harden.yaml',
      results: [makeResult({ checkId: 'http/hsts', status: 'fail', location: { kind: 'url', url: 'https://elsewhere.org/' }, target: 'https://elsewhere.org/' })],
    });
    const [location] = sarifOf(stray, { plan: fixturePlan() }).runs[0]!.results[0]!.locations;
    expect(location!.physicalLocation).toEqual({ artifactLocation: { uri: 'harden.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1, endLine: 1 } });

    const noPlan = sarifOf({ ...sampleScanRun(), plan: undefined });
    for (const result of runFor(noPlan, 'live').results) {
      expect(result.locations[0]!.physicalLocation).toBeUndefined();
      expect(result.locations[0]!.logicalLocations![0]!.kind).toBe('resource');
    }
  });

  it('includes suppressed failures only when asked, then every result carries suppressions', () => {
    const shown = sarifOf(sampleScanRun(), { plan: fixturePlan(), showSuppressed: true });
    const worker = resultAt(runFor(shown, 'static'), 'k8s/run-as-non-root', '"worker"');
    expect(worker.suppressions).toEqual([{ kind: 'inSource', justification: 'legacy image, tracked in OPS-12', properties: { by: 'inline' } }]);
    const api = resultAt(runFor(shown, 'live'), 'http/hsts', 'api.example.com');
    expect(api.suppressions).toEqual([
      {
        kind: 'external',
        justification: 'HSTS is set by the CDN in front of the API; owner: ops; expires 2027-01-31',
        properties: { by: 'waiver', owner: 'ops', expires: '2027-01-31' },
      },
    ]);
    expect(resultAt(runFor(shown, 'live'), 'dns/caa', 'CAA').suppressions).toEqual([]);
  });

  it('lists checks that could not run as notifications, not results', () => {
    const notes = runFor(log, 'static').invocations[0]!.toolExecutionNotifications;
    expect(notes).toEqual([{ level: 'error', message: { text: 'services/worker/Dockerfile:1:1: check docker/no-latest-tag could not run: unterminated heredoc' } }]);
  });
});

describe('sarif format runs and limits', () => {
  const fileResult = (fields: Partial<Result> = {}) =>
    makeResult({ checkId: 'k8s/run-as-non-root', status: 'fail', location: { kind: 'file', path: 'deploy/a.yaml', line: 3, column: 5 }, target: 'deploy/a.yaml#Pod/a', ...fields });

  it('always writes one run, even for a scan without results', () => {
    const log = sarifOf(makeScanRun());
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.automationDetails.id).toBe('harden/static/');
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('writes an empty live run when live checks all passed, so GitHub closes fixed live alerts', () => {
    const run = makeScanRun({
      results: [fileResult(), makeResult({ checkId: 'http/hsts', status: 'pass', location: { kind: 'url', url: 'https://shop.example.com/' }, target: 'https://shop.example.com/' })],
    });
    const log = sarifOf(run);
    expect(log.runs.map((r) => [r.automationDetails.id, r.results.length])).toEqual([['harden/static/', 1], ['harden/live/', 0]]);
    expect(runFor(log, 'live').tool.driver.rules).toEqual([]);
  });

  it(`keeps at most ${GITHUB_LIMITS.resultsPerRun} results per run, the most severe first, and says so`, () => {
    const many = Array.from({ length: GITHUB_LIMITS.resultsPerRun }, (_, i) => fileResult({ severity: 'low', target: `deploy/a.yaml#Pod/p${i}` }));
    const critical = fileResult({ severity: 'critical', target: 'deploy/a.yaml#Pod/critical', message: 'the critical one' });
    const run = sarifOf(makeScanRun({ results: [...many, critical] })).runs[0]!;
    expect(run.results).toHaveLength(GITHUB_LIMITS.resultsPerRun);
    expect(run.results[0]!.message.text).toBe('the critical one');
    expect(run.invocations[0]!.toolExecutionNotifications[0]!.message.text).toBe(
      '1 of 25001 results left out: GitHub accepts at most 25000 per run; the most severe were kept.',
    );
  });

  it('cuts long messages and rule texts to GitHub sizes', () => {
    const long = defineCheck({
      id: 'k8s/long', title: 'T'.repeat(2000), severity: 'info', target: 'k8s-object', why: 'W'.repeat(2000), fix: 'f', refs: [],
      messages: { m: 'm' }, evaluate() {},
    });
    const run = makeScanRun({ results: [fileResult({ checkId: 'k8s/long', severity: 'info', message: `${'x'.repeat(5000)}` })] });
    const sarif = sarifOf(run, { catalog: new Map([...fixtureCatalog, [long.id, long]]) }).runs[0]!;
    const rule = sarif.tool.driver.rules[0]!;
    expect(rule.shortDescription.text).toHaveLength(GITHUB_LIMITS.descriptionChars);
    expect(rule.fullDescription.text).toHaveLength(GITHUB_LIMITS.descriptionChars);
    expect(sarif.results[0]!.message.text).toHaveLength(GITHUB_LIMITS.messageChars);
    expect(sarif.results[0]!.message.text.endsWith('…')).toBe(true);
    expect(sarif.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text)).toEqual(['1 result message cut to 1024 characters.']);
    // info is not a security severity on GitHub: no score, level note
    expect(rule.properties['security-severity']).toBeUndefined();
    expect(rule.defaultConfiguration.level).toBe('note');
  });

  it('writes file URIs relative to the working directory, with forward slashes and encoded characters', () => {
    const path = 'deploy/my app/a#1:b.yaml';
    const run = makeScanRun({ results: [fileResult({ location: { kind: 'file', path, line: 2, column: 1 } })] });
    const uri = sarifOf(run).runs[0]!.results[0]!.locations[0]!.physicalLocation!.artifactLocation.uri;
    expect(uri).toBe('deploy/my%20app/a%231%3Ab.yaml');
    expect(decodeURIComponent(uri)).toBe(path);
  });

  it('prefixes the scanned root when it is a subdirectory, as GitHub reads URIs from the checkout root', () => {
    const run = makeScanRun({ root: 'examples', plan: 'examples/harden.yaml', results: [fileResult()] });
    const log = sarifOf(run);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'examples/deploy/a.yaml', uriBaseId: '%SRCROOT%' });
    expect(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(process.cwd()).href}/`);
  });

  it('uses an absolute file URI for a file outside the working directory', () => {
    const run = makeScanRun({ root: '/elsewhere/repo', results: [fileResult()] });
    const { artifactLocation } = sarifOf(run).runs[0]!.results[0]!.locations[0]!.physicalLocation!;
    expect(artifactLocation).toEqual({ uri: 'file:///elsewhere/repo/deploy/a.yaml' });
  });

  it('describes a check missing from the catalog instead of failing', () => {
    const run = makeScanRun({ results: [fileResult({ checkId: 'repo/gone' })] });
    const rule = sarifOf(run).runs[0]!.tool.driver.rules[0]!;
    expect(rule.shortDescription.text).toBe('repo/gone');
    expect(rule.help.text).toBe("repo/gone is not in this version of harden's catalog.");
    expect(rule.properties.tags).toEqual(['security', 'repo']);
  });
});

describe('sarif format, streamed', () => {
  it('writes in pieces exactly the bytes JSON.stringify gives the whole log', () => {
    for (const run of [sampleScanRun(), makeScanRun()]) {
      const context = fixtureContext({ plan: fixturePlan(), showSuppressed: true });
      const chunks = [...sarifFormat.chunks(run, context)];
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('')).toBe(`${JSON.stringify(toSarif(run, context), null, 2)}\n`);
    }
  });
});
