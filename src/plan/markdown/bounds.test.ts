import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { MAX_TRACKER_BYTES } from '../../limits.js';
import { importTracker } from './import.js';

/** The one error line a tracker is refused with. */
function refusal(markdown: string): string {
  try {
    importTracker(markdown, 'T.md');
  } catch (error) {
    if (error instanceof InputError) return error.lines.join('\n');
    throw error;
  }
  throw new Error('expected the tracker to be refused');
}

describe('importTracker: bounded work on hostile trackers', () => {
  it('refuses inline markup whose pairing would take quadratic time, at its line', () => {
    expect(refusal(`# T\n\n${'*a'.repeat(40_000)}\n`)).toBe(
      'T.md:3: too much emphasis, strikethrough or link markup (*, _, ~, [ ]) in long paragraphs to read in bounded time (blank lines between paragraphs keep it small)',
    );
    expect(refusal(`| ID | Finding |\n|---|---|\n| A-1 | ${'*_'.repeat(20_000)}x${'_*'.repeat(20_000)} |\n`)).toMatch(/^T\.md:3: too much emphasis/);
    expect(refusal(`${'a]'.repeat(40_000)}\n`)).toMatch(/^T\.md:1: too much emphasis/);
  });

  it('refuses quotes and lists nested past the limit, at the line', () => {
    expect(refusal(`${'>'.repeat(10_000)} x\n`)).toBe('T.md:1: lists and block quotes nested more than 32 deep; harden reads at most 32 levels');
  });

  it('refuses a tracker over the size limit', () => {
    expect(refusal(`- [ ] task\n${' '.repeat(MAX_TRACKER_BYTES)}`)).toBe('T.md: the tracker is over the 1 MB limit');
  });

  it('reads markup-rich trackers far larger than real ones without reaching the budget', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `| OPS-${i} | **Bold** _and_ ~~struck~~ [link](https://x.test/${i}) \`code\` *${i}* | high | ☐ open |`);
    const notes = Array.from({ length: 300 }, (_, i) => `Item ${i} has *emphasis*, **strong**, [a link](https://x.test) and ~~strike~~ in a long note. `.repeat(10));
    const result = importTracker(['# Plan', '', '| ID | Finding | Severity | Status |', '|---|---|---|---|', ...rows, '', notes.join('\n\n')].join('\n'), 'T.md');
    expect(result.items).toHaveLength(3000);
  });
});

describe('importTracker: item limit', () => {
  it('refuses more items than one import writes, before writing them', () => {
    expect(refusal(`${'- [ ] x\n'.repeat(12_000)}`)).toBe('T.md: 12,000 items; harden imports at most 10,000 from one tracker (split it, and import each part with --merge)');
  });
});
