import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Result } from '../engine/result.js';
import type { ScanRun } from '../engine/scan-run.js';
import { fixtureContext, makeResult, makeScanRun, sampleScanRun } from '../testing/scan-run-fixture.js';
import { junitFormat } from './junit.js';

interface Counted {
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
}

interface XmlOutcome {
  message: string;
  type?: string;
  '#text'?: string;
}

interface XmlTestCase {
  name: string;
  classname: string;
  file?: string;
  line?: string;
  failure?: XmlOutcome;
  error?: XmlOutcome;
  skipped?: XmlOutcome;
}

interface XmlSuite extends Counted {
  name: string;
  testcase: XmlTestCase[];
}

interface XmlReport {
  testsuites: Counted & { name: string; time: string; testsuite?: XmlSuite[] };
}

function render(run: ScanRun): string {
  return junitFormat.render(run, fixtureContext());
}

function parse(xml: string): XmlReport {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  return parser.parse(xml) as XmlReport;
}

function counts({ tests, failures, errors, skipped }: Counted): number[] {
  return [tests, failures, errors, skipped].map(Number);
}

function allCases(report: XmlReport): XmlTestCase[] {
  return (report.testsuites.testsuite ?? []).flatMap((suite) => suite.testcase);
}

function caseNamed(report: XmlReport, name: string): XmlTestCase {
  const found = allCases(report).find((testCase) => testCase.name === name);
  if (!found) throw new Error(`no testcase "${name}" in ${allCases(report).map((c) => c.name).join(', ')}`);
  return found;
}

describe('junit format', () => {
  const report = parse(render(sampleScanRun()));

  it('counts tests, failures, errors and skipped for the run and each suite', () => {
    expect(report.testsuites.name).toBe('harden');
    expect(report.testsuites.time).toBe('1.234');
    expect(counts(report.testsuites)).toEqual([10, 6, 1, 2]);
    const bySuite = Object.fromEntries(report.testsuites.testsuite!.map((suite) => [suite.name, counts(suite)]));
    expect(bySuite).toEqual({
      'dns/caa': [1, 1, 0, 0],
      'docker/no-latest-tag': [2, 1, 1, 0],
      'http/hsts': [2, 1, 0, 1],
      'k8s/run-as-non-root': [4, 2, 0, 1],
      'net/public-database': [1, 1, 0, 0],
    });
    for (const suite of report.testsuites.testsuite!) {
      expect(suite.testcase).toHaveLength(Number(suite.tests));
      expect(suite.testcase.filter((c) => c.failure)).toHaveLength(Number(suite.failures));
      expect(suite.testcase.filter((c) => c.error)).toHaveLength(Number(suite.errors));
      expect(suite.testcase.filter((c) => c.skipped)).toHaveLength(Number(suite.skipped));
    }
  });

  it('names each testcase check @ target, classname the check id, and the names are unique', () => {
    const names = allCases(report).map((testCase) => testCase.name);
    expect(new Set(names).size).toBe(names.length);
    expect(caseNamed(report, 'net/public-database @ db.shop.example.com:5432').classname).toBe('net/public-database');
    expect(caseNamed(report, 'k8s/run-as-non-root @ deploy/web.yaml#Deployment/shop/web/container/web')).toEqual({
      name: 'k8s/run-as-non-root @ deploy/web.yaml#Deployment/shop/web/container/web',
      classname: 'k8s/run-as-non-root',
      file: 'deploy/web.yaml',
      line: '17',
    });
  });

  it('writes a failure with message, severity type, location and fix', () => {
    const sidecar = caseNamed(report, 'k8s/run-as-non-root @ deploy/api.yaml#Deployment/shop/api/container/sidecar');
    expect(sidecar.failure).toEqual({
      message: 'container "sidecar" sets runAsUser: 0',
      type: 'medium',
      '#text': [
        'container "sidecar" sets runAsUser: 0',
        'at deploy/api.yaml:40:13',
        'severity: medium',
        'evidence: runAsUser: 0',
        'fix: Set securityContext.runAsNonRoot: true and a non-zero runAsUser (on the container or the pod).',
      ].join('\n'),
    });
    expect(caseNamed(report, 'docker/no-latest-tag @ services/api/Dockerfile').failure!['#text']).toContain(
      'a waiver covered this until it expired on 2026-10-01',
    );
  });

  it('writes an error for a check that could not run and skipped for suppressed failures', () => {
    expect(caseNamed(report, 'docker/no-latest-tag @ services/worker/Dockerfile').error).toMatchObject({
      message: 'check docker/no-latest-tag could not run: unterminated heredoc',
      type: 'error',
    });
    expect(caseNamed(report, 'http/hsts @ https://api.example.com/').skipped).toEqual({
      message: 'waived: HSTS is set by the CDN in front of the API (owner ops, expires 2027-01-31)',
    });
    expect(caseNamed(report, 'k8s/run-as-non-root @ deploy/worker.yaml#Deployment/shop/worker/container/worker').skipped).toEqual({
      message: 'ignored inline: legacy image, tracked in OPS-12',
    });
  });
});

describe('junit testcase names', () => {
  const target = 'deploy/api.yaml#Deployment/shop/api/container/api';
  const failAt = (line: number, fields: Partial<Result> = {}) =>
    makeResult({ checkId: 'k8s/run-as-non-root', status: 'fail', location: { kind: 'file', path: 'deploy/api.yaml', line, column: 11 }, target, ...fields });

  it('appends the location when results share a target, and a counter when that repeats too', () => {
    const report = parse(render(makeScanRun({ results: [failAt(30), failAt(21), failAt(21)] })));
    expect(allCases(report).map((testCase) => testCase.name)).toEqual([
      `k8s/run-as-non-root @ ${target} (deploy/api.yaml:21:11)`,
      `k8s/run-as-non-root @ ${target} (deploy/api.yaml:21:11) #2`,
      `k8s/run-as-non-root @ ${target} (deploy/api.yaml:30:11)`,
    ]);
  });

  it('uses the invocation for checks run with parameters', () => {
    const report = parse(render(makeScanRun({ results: [failAt(21), failAt(21, { invocation: 'k8s/run-as-non-root#1a2b3c4d' })] })));
    expect(allCases(report).map((testCase) => testCase.name)).toEqual([
      `k8s/run-as-non-root @ ${target}`,
      `k8s/run-as-non-root#1a2b3c4d @ ${target}`,
    ]);
  });
});

describe('junit escaping', () => {
  const nasty = `a <b> & "c" 'd' ]]> </failure>`;

  it('round-trips <, &, quotes and CDATA ends in names, attributes and text', () => {
    const run = makeScanRun({
      results: [makeResult({ checkId: 'k8s/run-as-non-root', status: 'fail', message: nasty, location: { kind: 'url', url: 'https://x.example/?a=1&b=<2>' }, target: `t "${nasty}"` })],
    });
    const testCase = allCases(parse(render(run)))[0]!;
    expect(testCase.name).toBe(`k8s/run-as-non-root @ t "${nasty}"`);
    expect(testCase.failure!.message).toBe(nasty);
    expect(testCase.failure!['#text']).toContain(`${nasty}\nat https://x.example/?a=1&b=<2>`);
  });

  it('keeps attribute messages on one line and replaces characters XML cannot hold', () => {
    const run = makeScanRun({
      results: [makeResult({ checkId: 'k8s/run-as-non-root', status: 'fail', message: 'first\n  second\u0001', location: { kind: 'dns', name: 'example.com' }, target: 'example.com' })],
    });
    const failure = allCases(parse(render(run)))[0]!.failure!;
    expect(failure.message).toBe('first second\uFFFD');
    expect(failure['#text']!.startsWith('first\n  second\uFFFD\n')).toBe(true);
  });
});

describe('junit for an empty run', () => {
  it('is a valid document with zero tests', () => {
    const report = parse(render(makeScanRun()));
    expect(counts(report.testsuites)).toEqual([0, 0, 0, 0]);
    expect(report.testsuites.testsuite).toBeUndefined();
  });
});
