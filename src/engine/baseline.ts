import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { isOpenFailure, type Result } from './result.js';

const baselineSchema = z.object({ version: z.literal(1), fingerprints: z.array(z.string()) });

/** Fingerprints of the failures a team accepted when adopting harden: only new ones gate. */
export function readBaseline(file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError([`${file}: cannot read the baseline (${(error as Error).message.split('\n')[0]})`]);
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) throw new InputError([`${file}: not a harden baseline (expected {"version": 1, "fingerprints": [...]})`]);
  return new Set(parsed.data.fingerprints);
}

/** Open failures and those the current baseline already accepts: rewriting a baseline never drops them. */
export function writeBaseline(file: string, results: readonly Result[]): number {
  const accepted = results.filter((r) => isOpenFailure(r) || (r.status === 'fail' && r.suppression?.by === 'baseline'));
  const fingerprints = [...new Set(accepted.map((r) => r.fingerprint))].sort();
  try {
    writeFileSync(file, `${JSON.stringify({ version: 1, fingerprints }, null, 2)}\n`);
  } catch (error) {
    throw new InputError([`${file}: cannot write the baseline (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  return fingerprints.length;
}
