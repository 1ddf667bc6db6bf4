/**
 * Recall on the planted problems of the stack fixtures (their EXPECTED.md answer keys), each
 * tree scanned alone, slack 0: a row is found when a failure sits (or points, as a related place) on its line or on one of
 * its "also accepted" lines, whatever the check. Traps must stay silent; the fixed tree may
 * report only its deliberate residuals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanRepository, type Found } from './findings.js';

export interface KeyRow {
  id: string;
  file: string;
  lines: number[] | 'any';
  concept: string;
  severity: string;
}

export interface StackScore {
  tree: string;
  planted: { row: KeyRow; by: Found[] }[];
  trapHits: { row: KeyRow; by: Found[] }[];
  /** Failures on the fixed tree that are no listed residual. */
  unexpected: Found[];
  failures: number;
}

const HERE = new URL('.', import.meta.url).pathname;
const LINKING = join(HERE, '../linking/stacks');

export const STACKS = [
  { tree: 'k3s-saas', root: join(LINKING, 'k3s-saas'), key: join(LINKING, 'k3s-saas/EXPECTED.md'), prefix: 'k3s-saas/' },
  { tree: 'k3s-saas-fixed', root: join(LINKING, 'k3s-saas-fixed'), key: join(LINKING, 'k3s-saas/EXPECTED.md'), prefix: 'k3s-saas-fixed/' },
  { tree: 'honeydue-lite', root: join(HERE, 'stacks/honeydue-lite'), key: join(HERE, 'stacks/honeydue-lite/EXPECTED.md'), prefix: '' },
] as const;

type Section = 'planted' | 'trap' | 'residual' | 'other';

/** The rows of each scored table of an EXPECTED.md: planted, trap, residual (by the heading above the table). */
export function readKey(markdown: string): Record<Exclude<Section, 'other'>, (KeyRow & { prefix: string })[]> {
  const out = { planted: [] as (KeyRow & { prefix: string })[], trap: [] as (KeyRow & { prefix: string })[], residual: [] as (KeyRow & { prefix: string })[] };
  let section: Section = 'other';
  let columns: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('#')) {
      const heading = line.toLowerCase();
      section = heading.includes('planted') ? 'planted' : heading.includes('trap') ? 'trap' : heading.includes('residual') ? 'residual' : 'other';
      columns = [];
      continue;
    }
    if (!line.startsWith('|') || section === 'other') continue;
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (columns.length === 0) {
      columns = cells.map((cell) => cell.toLowerCase());
      continue;
    }
    if (cells.every((cell) => /^-+$/.test(cell))) continue;
    const cell = (name: string) => cells[columns.indexOf(name)] ?? '';
    const path = cell('file').replace(/`/g, '');
    const slash = path.indexOf('/');
    const prefix = section === 'planted' && !path.startsWith('k3s-saas') ? '' : path.slice(0, slash + 1);
    out[section].push({
      id: cell('#') || `${path}:${cell('line')}`,
      file: prefix ? path.slice(prefix.length) : path,
      prefix,
      lines: lineSet(cell('line'), cell('also accepted') || cell('also')),
      concept: cell('concept') || cell('must not trigger'),
      severity: cell('severity') || 'trap',
    });
  }
  return out;
}

function lineSet(line: string, also: string): number[] | 'any' {
  if (/any line/i.test(also)) return 'any';
  const lines = [Number(line)];
  for (const part of also.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [from, to] = part.split('-').map(Number) as [number, number | undefined];
    for (let n = from; n <= (to ?? from); n += 1) lines.push(n);
  }
  return lines;
}

function at(rows: readonly (KeyRow & { prefix: string })[], found: readonly Found[]): { row: KeyRow; by: Found[] }[] {
  return rows.map((row) => ({
    row,
    // A finding counts on its own place and on the places it points at too (the trigger of a checkout, say).
    by: found.filter((f) =>
      [f.at, ...(f.related ?? [])].some((place) => {
        const [file, line] = [place.replace(/:\d+$/, ''), Number(place.split(':').pop())];
        return file === row.file && (row.lines === 'any' || row.lines.includes(line));
      }),
    ),
  }));
}

export async function scoreStack(stack: (typeof STACKS)[number]): Promise<StackScore> {
  const key = readKey(readFileSync(stack.key, 'utf8'));
  const mine = <T extends { prefix: string }>(rows: T[]) => rows.filter((row) => row.prefix === stack.prefix);
  const { found: all } = await scanRepository({ name: stack.tree, repository: '', commit: '', date: '', licence: '', kind: '' }, stack.root);
  const found = all.filter((f) => !f.at.startsWith('EXPECTED.md'));
  const residual = at(mine(key.residual), found).flatMap((hit) => hit.by);
  return {
    tree: stack.tree,
    planted: at(mine(key.planted), found),
    trapHits: at(mine(key.trap), found).filter((hit) => hit.by.length > 0),
    unexpected: stack.tree.endsWith('-fixed') ? found.filter((f) => !residual.includes(f)) : [],
    failures: found.length,
  };
}
