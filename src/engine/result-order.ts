import { placeOf } from '../targets/location.js';
import type { Result } from './result.js';

/** What results are ordered by. */
export type OrderedResult = Pick<Result, 'location' | 'checkId' | 'target' | 'message'>;

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Stable order: by place, then check, then target, then message. Allocates nothing: it runs n log n times on the fullest heap. */
export function compareResults(a: OrderedResult, b: OrderedResult): number {
  const la = a.location;
  const lb = b.location;
  return (
    text(placeOf(la), placeOf(lb)) ||
    (la.kind === 'file' ? la.line : 0) - (lb.kind === 'file' ? lb.line : 0) ||
    (la.kind === 'file' ? la.column : 0) - (lb.kind === 'file' ? lb.column : 0) ||
    text(a.checkId, b.checkId) ||
    text(a.target, b.target) ||
    text(a.message, b.message)
  );
}
