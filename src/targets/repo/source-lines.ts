import { defineIndex } from './shared-index.js';

/** Lines `from`..`to` (1-based, inclusive) of a workspace file, for reading the comments beside a value. */
export type SourceLines = (file: string, from: number, to: number) => string[];

/** Read on demand: only the few values about to be reported look at their comments. */
export const sourceLines = defineIndex<SourceLines>('repo/source-lines', (workspace) => (file, from, to) => {
  const text = workspace.text(file, { binary: 'skip' });
  if (text === undefined || to < from) return [];
  const lines: string[] = [];
  let start = 0;
  for (let line = 1; line <= to && start <= text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (line >= from) lines.push(text.slice(start, stop));
    if (end < 0) break;
    start = end + 1;
  }
  return lines;
});
