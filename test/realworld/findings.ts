/**
 * The reviewed findings of one real-world repository (<name>.findings.yaml) and how today's
 * scan compares with them. A finding is matched by its fingerprint (stable across line
 * moves), else by check, file:line and message id (a fix that changes a message's data
 * changes the fingerprint, not the place).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { catalog } from '../../src/checks/index.js';
import { scan } from '../../src/engine/scan.js';
import type { Result } from '../../src/engine/result.js';
import { corpusDir, type Source } from './corpus.js';

export type Verdict = 'tp' | 'fp' | 'debatable' | 'unreviewed';

/** A failure harden reports today. */
export interface Found {
  check: string;
  /** file:line */
  at: string;
  message: string;
  severity: string;
  fingerprint: string;
  text: string;
  /** file:line of the places the finding also points at (SARIF relatedLocations): not stored in the lists. */
  related?: string[];
}

export interface Reviewed extends Found {
  verdict: Verdict;
  why?: string;
}

/** A problem harden does not report yet (a known false negative). */
export interface Expected {
  /** What a finding would be about; the check id where one exists. */
  check: string;
  at: string;
  why: string;
}

export interface FindingsFile {
  repository: string;
  commit: string;
  /** Could-not-check results (not reviewed: a count to watch). */
  errors: number;
  findings: Reviewed[];
  expected: Expected[];
}

export interface Comparison {
  matched: { reviewed: Reviewed; found: Found }[];
  /** Reported today, not in the list (or listed as unreviewed). */
  unreviewed: Found[];
  /** In the list, not reported today. */
  disappeared: Reviewed[];
  /** Expected misses that a finding at their place now answers. */
  nowReported: Expected[];
}

const HERE = new URL('.', import.meta.url).pathname;
const NOW = new Date('2026-12-01T00:00:00Z');
const LIVE_DOMAINS = ['http', 'tls', 'dns', 'net', 'probe'];
const FINGERPRINT_LENGTH = 16;

export function findingsPath(source: Source): string {
  return join(HERE, `${source.name}.findings.yaml`);
}

export function readFindings(source: Source): FindingsFile {
  const path = findingsPath(source);
  if (!existsSync(path)) return { repository: source.repository, commit: source.commit, errors: 0, findings: [], expected: [] };
  const file = parse(readFileSync(path, 'utf8')) as Partial<FindingsFile>;
  return { repository: source.repository, commit: source.commit, errors: file.errors ?? 0, findings: file.findings ?? [], expected: file.expected ?? [] };
}

/** Scans the extracted repository in-process: every failure and the count of could-not-check results. */
export async function scanRepository(source: Source, root = corpusDir(source)): Promise<{ found: Found[]; errors: number }> {
  const run = await scan({ catalog, root, selection: { only: [], skip: LIVE_DOMAINS }, verify: false, now: NOW, engine: { concurrency: 4, timeoutMs: 10_000 } });
  const found: Found[] = [];
  let errors = 0;
  for (const result of run.findings) {
    if (result.status === 'error') errors += 1;
    else if (result.status === 'fail') found.push(foundOf(result));
  }
  return { found, errors };
}

function foundOf(result: Result): Found {
  const at = result.location.kind === 'file' ? `${result.location.path}:${result.location.line}` : result.target;
  return {
    check: result.checkId,
    at,
    message: result.messageId ?? '',
    severity: result.severity,
    fingerprint: result.fingerprint.slice(0, FINGERPRINT_LENGTH),
    text: result.message.length > 160 ? `${result.message.slice(0, 159)}…` : result.message,
    ...(result.related?.length ? { related: result.related.flatMap(({ location }) => (location.kind === 'file' ? [`${location.path}:${location.line}`] : [])) } : {}),
  };
}

export function compare(file: FindingsFile, found: readonly Found[]): Comparison {
  const left = new Set(found);
  const matched: Comparison['matched'] = [];
  const unmatched: Reviewed[] = [];
  const take = (predicate: (candidate: Found) => boolean): Found | undefined => {
    for (const candidate of left)
      if (predicate(candidate)) {
        left.delete(candidate);
        return candidate;
      }
    return undefined;
  };
  for (const reviewed of file.findings) {
    const hit = take((candidate) => candidate.fingerprint === reviewed.fingerprint);
    if (hit) matched.push({ reviewed, found: hit });
    else unmatched.push(reviewed);
  }
  const disappeared: Reviewed[] = [];
  for (const reviewed of unmatched) {
    const hit = take((candidate) => candidate.check === reviewed.check && candidate.at === reviewed.at && candidate.message === reviewed.message);
    if (hit) matched.push({ reviewed, found: hit });
    else disappeared.push(reviewed);
  }
  const unreviewed = [...left, ...matched.filter((pair) => pair.reviewed.verdict === 'unreviewed').map((pair) => pair.found)];
  const nowReported = file.expected.filter((expected) => found.some((candidate) => answers(expected, candidate)));
  return { matched, unreviewed, disappeared, nowReported };
}

/** A finding at the expected line, whatever its check; for an expected miss named by file alone, a finding of its check there. */
export function answers(expected: Expected, candidate: Found): boolean {
  if (/:\d+$/.test(expected.at)) return candidate.at === expected.at;
  return candidate.check === expected.check && candidate.at.replace(/:\d+$/, '') === expected.at;
}

/**
 * The list as it should read after this scan: matched findings keep their verdict (place,
 * fingerprint and text refreshed), new ones come in as unreviewed, disappeared ones go.
 */
export function updated(file: FindingsFile, comparison: Comparison, errors: number): FindingsFile {
  const kept: Reviewed[] = comparison.matched.map(({ reviewed, found }) => ({ ...found, verdict: reviewed.verdict, ...(reviewed.why ? { why: reviewed.why } : {}) }));
  const known = new Set(kept.map((entry) => entry.fingerprint));
  const added: Reviewed[] = comparison.unreviewed.filter((found) => !known.has(found.fingerprint)).map((found) => ({ ...found, verdict: 'unreviewed' }));
  const findings = [...kept, ...added].sort((a, b) => a.at.localeCompare(b.at, 'en', { numeric: true }) || a.check.localeCompare(b.check) || a.fingerprint.localeCompare(b.fingerprint));
  return { ...file, errors, findings };
}

const HEADER = `# Reviewed findings of harden on this repository's infrastructure files (see sources.yaml).
# verdict: tp (a real issue an experienced platform engineer wants reported), fp (wrong, or in the
# wrong place: why says which), debatable (accurate, severity or relevance arguable: why says),
# unreviewed (new: review it; the realworld test fails until then).
# expected: problems harden does not report yet (false negatives), from the trial or this review;
# one is "now reported" when a finding appears on its line (any check), or, named by file alone, one of its check in that file.
# Rewrite with \`npm run realworld -- --update\` (verdicts are kept); edit verdicts by hand.
`;

export function writeFindings(source: Source, file: FindingsFile): void {
  const q = (value: string) => JSON.stringify(value);
  const lines = [HEADER, `repository: ${file.repository}`, `commit: ${file.commit}`, `errors: ${file.errors}`, 'findings:'];
  if (file.findings.length === 0) lines[lines.length - 1] += ' []';
  for (const f of file.findings) {
    const why = f.why ? `, why: ${q(f.why)}` : '';
    lines.push(`  - { verdict: ${f.verdict}${why}, check: ${f.check}, at: ${q(f.at)}, message: ${q(f.message)}, severity: ${f.severity}, fingerprint: ${q(f.fingerprint)}, text: ${q(f.text)} }`);
  }
  lines.push(file.expected.length === 0 ? 'expected: []' : 'expected:');
  for (const e of file.expected) lines.push(`  - { check: ${q(e.check)}, at: ${q(e.at)}, why: ${q(e.why)} }`);
  writeFileSync(findingsPath(source), `${lines.join('\n')}\n`);
}
