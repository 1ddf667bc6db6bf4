import { describe, expect, it } from 'vitest';
import { text } from '../../testing/dedent.js';
import { tooDeeplyNested } from './nesting.js';

const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');

describe('tooDeeplyNested', () => {
  it('accepts what trackers write', () => {
    expect(tooDeeplyNested(nestedList(32), 32)).toBeUndefined();
    expect(tooDeeplyNested(text`
      > - [ ] quoted task
      >   - [ ] sub-task
      - - nested on one line
      * * * a rule, not three lists
      - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
          indented code, however deep: ${' '.repeat(200)}x
    `, 3)).toBeUndefined();
  });

  it('finds quotes and lists nested past the limit, on one line or over many', () => {
    expect(tooDeeplyNested(`${'>'.repeat(10_000)} x\n`, 32)).toEqual({ line: 1, depth: 33 });
    expect(tooDeeplyNested(`${'- '.repeat(100)}x\n`, 32)).toEqual({ line: 1, depth: 33 });
    expect(tooDeeplyNested(nestedList(100), 32)).toEqual({ line: 33, depth: 33 });
    expect(tooDeeplyNested(`text\n\n${'> '.repeat(20)}${'- '.repeat(20)}x\n`, 32)).toEqual({ line: 3, depth: 33 });
  });

  it('counts a list as open across lazy continuation lines, which do not close it', () => {
    const lazy = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}\nlazy line`).join('\n');
    expect(tooDeeplyNested(lazy, 32)).toEqual({ line: 65, depth: 33 });
  });

  it('closes a list at a blank line followed by less indentation', () => {
    const lists = Array.from({ length: 10 }, () => nestedList(20)).join('\n\n');
    expect(tooDeeplyNested(lists, 32)).toBeUndefined();
  });
});
