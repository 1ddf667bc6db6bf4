/**
 * Dates a tracker writes that name no day of the calendar (2026-02-30): the readers leave
 * them out, and each becomes a warning at its line instead of disappearing silently.
 */
import { dateProblem } from '../dates.js';
import type { ReadContext } from './imported.js';
import type { Nodes } from './tree.js';

const DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

/** Warns about every impossible YYYY-MM-DD in the prose of `nodes` (code is left alone). */
export function warnImpossibleDates(nodes: readonly Nodes[], context: ReadContext): void {
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') warnInText(node.value, node.position?.start.line ?? 1, context);
    else if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
}

function warnInText(value: string, firstLine: number, context: ReadContext): void {
  for (const match of value.matchAll(DATE)) {
    const problem = dateProblem(match[0]);
    if (!problem) continue;
    const line = firstLine + (value.slice(0, match.index).match(/\n/g)?.length ?? 0);
    context.warn(line, `${match[0]} is not a date (${problem}); left out`);
  }
}
