import { describe, expect, it } from 'vitest';
import { SOURCES, extracted } from './corpus.js';
import { compare, readFindings, scanRepository, updated, type FindingsFile, type Found } from './findings.js';
import { readKey, scoreStack, STACKS } from './stacks.js';

// Each repository's findings must all be reviewed, and no reviewed true positive may vanish.
// The repositories' files are extracted, not committed: npm run realworld -- --extract <mirrors>.
describe('harden on real repositories', () => {
  for (const source of SOURCES) {
    it.skipIf(!extracted(source))(`${source.name}: every finding reviewed, no true positive lost`, async () => {
      const file = readFindings(source);
      const { found } = await scanRepository(source);
      const comparison = compare(file, found);
      const fixed = comparison.disappeared.filter((entry) => entry.verdict !== 'tp');
      if (fixed.length > 0) console.log(`${source.name}: ${fixed.length} false positive(s) or debatable finding(s) no longer reported; run npm run realworld -- --update`);
      if (comparison.nowReported.length > 0) console.log(`${source.name}: ${comparison.nowReported.length} expected miss(es) now reported`);
      const line = (f: Found) => `${f.check} ${f.at} ${f.message}: ${f.text}`;
      expect(comparison.unreviewed.map(line), 'new findings: review them (npm run realworld -- --update, then mark each)').toEqual([]);
      expect(comparison.disappeared.filter((entry) => entry.verdict === 'tp').map(line), 'reviewed true positives no longer reported').toEqual([]);
    });
  }
});

// The fixture stacks are committed: their recall is held in CI too (goal 0.95, every trap silent).
describe('planted problems of the fixture stacks', () => {
  it('are found at recall 0.95 or more, no trap is hit, and the fixed tree reports only its residuals and one known extra', async () => {
    const scores = await Promise.all(STACKS.map((stack) => scoreStack(stack)));
    const planted = scores.flatMap((score) => score.planted);
    const found = planted.filter((hit) => hit.by.length > 0).length;
    expect(found / planted.length).toBeGreaterThanOrEqual(0.95);
    expect(scores.flatMap((score) => score.trapHits.map((hit) => `${score.tree} ${hit.row.file}:${hit.row.id}`))).toEqual([]);
    // web/Dockerfile:8 (apk without version pins): the key's residual text names it, its table does not.
    expect(scores.flatMap((score) => score.unexpected.map((f) => `${score.tree} ${f.at} ${f.check}`))).toEqual(['k3s-saas-fixed web/Dockerfile:8 docker/apt-hygiene']);
  });
});

describe('reviewed findings list', () => {
  const found = (over: Partial<Found>): Found => ({ check: 'k8s/x', at: 'a.yaml:3', message: 'm', severity: 'medium', fingerprint: 'f1', text: 't', ...over });
  const file = (findings: FindingsFile['findings']): FindingsFile => ({ repository: 'o/r', commit: 'c', errors: 0, findings, expected: [{ check: 'k8s/y', at: 'b.yaml:9', why: 'w' }] });

  it('matches by fingerprint across line moves, else by check, place and message', () => {
    const list = file([
      { ...found({}), verdict: 'tp' },
      { ...found({ fingerprint: 'f2', at: 'c.yaml:1' }), verdict: 'fp', why: 'placeholder' },
    ]);
    const comparison = compare(list, [found({ at: 'a.yaml:7' }), found({ fingerprint: 'f9', at: 'c.yaml:1' })]);
    expect(comparison.matched.map((pair) => pair.reviewed.verdict)).toEqual(['tp', 'fp']);
    expect(comparison.unreviewed).toEqual([]);
    const next = updated(list, comparison, 0);
    expect(next.findings.map((f) => [f.at, f.fingerprint, f.verdict, f.why])).toEqual([
      ['a.yaml:7', 'f1', 'tp', undefined],
      ['c.yaml:1', 'f9', 'fp', 'placeholder'],
    ]);
  });

  it('reports new findings as unreviewed, vanished ones as disappeared, and expected misses now found', () => {
    const list = file([{ ...found({}), verdict: 'tp' }]);
    const comparison = compare(list, [found({ fingerprint: 'f3', check: 'k8s/y', at: 'b.yaml:9' })]);
    expect(comparison.unreviewed.map((f) => f.fingerprint)).toEqual(['f3']);
    expect(comparison.disappeared.map((f) => f.fingerprint)).toEqual(['f1']);
    expect(comparison.nowReported.map((e) => e.at)).toEqual(['b.yaml:9']);
    expect(updated(list, comparison, 0).findings.map((f) => [f.fingerprint, f.verdict])).toEqual([['f3', 'unreviewed']]);
  });

  it('an expected miss named by file alone is answered by a finding of its check in that file', () => {
    const list: FindingsFile = { ...file([]), expected: [{ check: 'k8s/y', at: 'b.yaml', why: 'w' }] };
    expect(compare(list, [found({ check: 'k8s/x', at: 'b.yaml:4' })]).nowReported).toEqual([]);
    expect(compare(list, [found({ check: 'k8s/y', at: 'b.yaml:4' })]).nowReported).toHaveLength(1);
  });

  it('a finding listed as unreviewed still counts as unreviewed', () => {
    const comparison = compare(file([{ ...found({}), verdict: 'unreviewed' }]), [found({})]);
    expect(comparison.unreviewed).toHaveLength(1);
  });
});

describe('stack answer keys', () => {
  it('reads planted, trap and residual rows with their accepted lines', () => {
    const key = readKey(
      [
        '## Planted problems — k3s-saas',
        '| # | file | line | also accepted | concept | severity | why |',
        '|---|---|---|---|---|---|---|',
        '| 1 | `k3s-saas/a.yaml` | 13 | 12, 20-22 | port | medium | w |',
        '## Traps — must not trigger (both trees)',
        '| file | line | also accepted | must not trigger |',
        '|---|---|---|---|',
        '| `k3s-saas-fixed/b.sh` | 4 | any line | comment |',
        '## Deliberate residuals in k3s-saas-fixed',
        '| file | line | also | concept | severity | reason |',
        '|---|---|---|---|---|---|',
        '| `k3s-saas-fixed/c.yml` | 24 | 48 | creds | info | r |',
      ].join('\n'),
    );
    expect(key.planted).toMatchObject([{ file: 'a.yaml', prefix: 'k3s-saas/', lines: [13, 12, 20, 21, 22], severity: 'medium' }]);
    expect(key.trap).toMatchObject([{ file: 'b.sh', prefix: 'k3s-saas-fixed/', lines: 'any' }]);
    expect(key.residual).toMatchObject([{ file: 'c.yml', lines: [24, 48], severity: 'info' }]);
  });
});
