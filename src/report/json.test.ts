import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { fixtureContext, makeResult, makeScanRun, sampleScanRun } from '../testing/scan-run-fixture.js';
import { jsonFormat, toJsonReport } from './json.js';
import { REPORT_SCHEMA_FILE, reportJsonSchema, reportJsonSchemaText } from './json-shape.js';

const committedSchema = readFileSync(fileURLToPath(new URL(`../../${REPORT_SCHEMA_FILE}`, import.meta.url)), 'utf8');

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(committedSchema) as object);
}

function render(run = sampleScanRun()): Record<string, unknown> {
  return JSON.parse(jsonFormat.render(run, fixtureContext())) as Record<string, unknown>;
}

describe('json report schema', () => {
  it('is committed exactly as scripts/write-schemas.ts generates it', () => {
    expect(committedSchema).toBe(reportJsonSchemaText());
  });

  it('names itself and the draft it follows', () => {
    const schema = reportJsonSchema();
    expect(schema.$id).toBe('https://harden.dev/schema/harden-report.v1.json');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts a rendered report, with and without a plan', () => {
    const validate = validator();
    for (const report of [render(), render(makeScanRun())]) {
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  const corruptions: [string, (report: Record<string, unknown>) => void][] = [
    ['a missing summary', (report) => delete report.summary],
    ['another version', (report) => (report.version = 2)],
    ['an unknown status', (report) => ((report.results as Record<string, unknown>[])[0]!.status = 'failed')],
    ['a file location without a line', (report) => delete ((report.results as Record<string, unknown>[])[0]!.location as Record<string, unknown>).line],
    ['an extra top-level field', (report) => (report.extra = true)],
    ['a negative count', (report) => ((report.summary as Record<string, unknown>).pass = -1)],
    ['a startedAt that is not a date-time', (report) => (report.startedAt = 'yesterday')],
    ['a waiver expiry that is not a date', (report) => ((report.waivers as Record<string, unknown>[])[0]!.expires = '31/01/2027')],
  ];
  it.each(corruptions)('rejects a report with %s', (_name, corrupt) => {
    const report = render();
    corrupt(report);
    expect(validator()(report)).toBe(false);
  });
});

describe('json format', () => {
  it('writes the versioned header and the run facts', () => {
    const report = render();
    expect(report).toMatchObject({
      $schema: 'https://harden.dev/schema/harden-report.v1.json',
      version: 1,
      tool: { name: 'harden', version: '0.1.0' },
      startedAt: '2026-11-30T09:00:00.000Z',
      durationMs: 1234,
      root: '.',
      plan: 'harden.yaml',
    });
  });

  it('counts every result exactly once in the summary', () => {
    expect(render().summary).toEqual({
      total: 10,
      pass: 1,
      fail: 6,
      error: 1,
      skipped: 0,
      suppressed: 2,
      bySeverity: { critical: 1, high: 2, medium: 2, low: 1, info: 0 },
    });
  });

  it('keeps each result with its title, location, suppression and expired waiver', () => {
    const results = render().results as Record<string, unknown>[];
    expect(results).toHaveLength(10);
    expect(results[0]).toEqual({
      checkId: 'k8s/run-as-non-root',
      invocation: 'k8s/run-as-non-root',
      title: 'Containers run as a non-root user',
      status: 'fail',
      severity: 'medium',
      messageId: 'notSet',
      message: 'container "api" does not set runAsNonRoot: true',
      location: { kind: 'file', path: 'deploy/api.yaml', line: 21, column: 11, endLine: 23, endColumn: 30 },
      target: 'deploy/api.yaml#Deployment/shop/api/container/api',
      fingerprint: sampleScanRun().results[0]!.fingerprint,
    });
    expect(results[2]!.suppression).toEqual({ by: 'inline', reason: 'legacy image, tracked in OPS-12' });
    expect(results[4]!.waiverExpired).toBe('2026-10-01');
    expect(results[9]!.location).toEqual({ kind: 'host', host: 'db.shop.example.com', port: 5432 });
  });

  it('keeps the related places of a failure, and the schema accepts them (an optional field of version 1)', () => {
    const related = [
      { location: { kind: 'file' as const, path: 'deploy/secrets.yaml', line: 3, column: 9 }, message: 'Secret "db-credentials" is created here' },
      { location: { kind: 'url' as const, url: 'https://shop.example.com/' }, message: 'the site that reads it' },
    ];
    const run = makeScanRun({
      results: [
        makeResult({ checkId: 'k8s/run-as-non-root', status: 'fail', location: { kind: 'file', path: 'deploy/web.yaml', line: 12, column: 15 }, target: 'deploy/web.yaml#Deployment/web', related }),
      ],
    });
    const report = render(run);
    expect((report.results as Record<string, unknown>[])[0]!.related).toEqual(related);
    const validate = validator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    ((report.results as { related: Record<string, unknown>[] }[])[0]!.related[0]!).line = 3;
    expect(validate(report)).toBe(false);
  });

  it('carries the values a check computed as data, and the schema accepts them (an optional field of version 1)', () => {
    const data = { grade: 'B', score: 75, testsPassed: 9, tests: 10, algorithm: '2024-1', graded: true };
    const run = makeScanRun({
      results: [makeResult({ checkId: 'http/observatory-grade', status: 'pass', location: { kind: 'url', url: 'https://shop.example.com/' }, target: 'https://shop.example.com/', data })],
    });
    const report = render(run);
    expect((report.results as Record<string, unknown>[])[0]!.data).toEqual(data);
    const validate = validator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    ((report.results as { data: Record<string, unknown> }[])[0]!.data).grade = { letter: 'B' };
    expect(validate(report)).toBe(false);
  });

  it('flattens waivers and keeps verdicts; a run without a plan has plan and verdicts null', () => {
    const report = render();
    expect((report.waivers as unknown[])[0]).toEqual({
      index: 0, line: 12, check: 'http/hsts', where: ['https://api.example.com'], reason: 'HSTS is set by the CDN in front of the API',
      owner: 'ops', expires: '2027-01-31', state: 'active', matched: 1, daysLeft: 62,
    });
    expect((report.verdicts as { item: string; verdict: string }[]).map((v) => `${v.item}:${v.verdict}`)).toEqual(['F-3:regression', 'T-1:unverifiable']);

    const bare = render(makeScanRun());
    expect(bare.plan).toBeNull();
    expect(bare.verdicts).toBeNull();
    expect(bare.results).toEqual([]);
  });

  it('ends with a newline', () => {
    expect(jsonFormat.render(sampleScanRun(), fixtureContext()).endsWith('}\n')).toBe(true);
  });
});

describe('json format, streamed', () => {
  it('writes in pieces exactly the bytes JSON.stringify gives the whole report', () => {
    for (const run of [sampleScanRun(), makeScanRun()]) {
      const chunks = [...jsonFormat.chunks(run, fixtureContext())];
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.join('')).toBe(`${JSON.stringify(toJsonReport(run, fixtureContext().catalog), null, 2)}\n`);
    }
  });

  it('forms each result directly as JSON.stringify would, whatever its strings hold', () => {
    const odd = 'a "quoted" \\ back\nslash\r\t\u0000\u001b[2J \u2028 é 😀 \ud800 lone \udfff';
    const run = makeScanRun({
      results: [
        makeResult({ checkId: 'repo/gone', status: 'fail', messageId: odd, message: odd, target: odd, evidence: `${odd}\n${odd}`, location: { kind: 'file', path: odd, line: 3, column: 4, endLine: 5, endColumn: 6 } }),
        makeResult({ checkId: 'http/hsts', status: 'fail', messageId: 'missing', message: 'm', target: 't', evidence: 'e', location: { kind: 'url', url: `https://x.example/${odd}` }, suppression: { by: 'waiver', reason: odd, owner: odd, expires: '2027-01-31' }, waiverExpired: '2026-10-01' }),
        makeResult({ checkId: 'dns/caa', status: 'pass', target: 'example.com', location: { type: 'CAA', name: 'example.com', kind: 'dns' } as never }),
        makeResult({ checkId: 'net/public-database', status: 'skipped', target: 'db:5432', location: { kind: 'host', host: 'db', port: 5432 }, suppression: { by: 'inline', reason: 'r' } }),
        makeResult({ checkId: 'net/public-database', status: 'error', target: 'db', location: { kind: 'host', host: odd, port: Number.NaN, 'we"ird': [1], 0: 'first' } as never }),
      ],
    });
    const chunks = [...jsonFormat.chunks(run, fixtureContext())];
    expect(chunks.join('')).toBe(`${JSON.stringify(toJsonReport(run, fixtureContext().catalog), null, 2)}\n`);
  });
});
