import { describe, expect, it } from 'vitest';
import { ownerInText, ownerOfCell } from './owners.js';

describe('owners in a line', () => {
  it.each([
    ['Rotate keys (@alice)', 'alice', 'Rotate keys'],
    ['Rotate keys @alice', 'alice', 'Rotate keys'],
    ['Rotate keys — owner: bob', 'bob', 'Rotate keys'],
    ['Rotate keys, Assignee: @dana — soon', 'dana', 'Rotate keys — soon'],
    ['Rotate keys (@team/sec, @bob)', 'team/sec', 'Rotate keys'],
    ['Ask @carol to rotate the keys', 'carol', 'Ask @carol to rotate the keys'],
  ])('%s → %s, "%s"', (text, owner, rest) => expect(ownerInText(text)).toEqual({ owner, rest }));

  it('takes no e-mail address, package, action version or image digest for a handle', () => {
    for (const text of ['mail ops@example.com', 'bump `@types/node`', 'pin actions/checkout@v4', 'use image@sha256:abc']) expect(ownerInText(text)).toBeUndefined();
  });

  it('reads the first handle of an owner cell, or the cell as written', () => {
    expect(ownerOfCell('@alice, @bob')).toBe('alice');
    expect(ownerOfCell('Ines (@ines)')).toBe('ines');
    expect(ownerOfCell('Dana (CTO)')).toBe('Dana (CTO)');
  });
});
