import { describe, expect, it } from 'vitest';
import { acceptanceIn, readStatusText } from './status-words.js';

const read = (text: string) => {
  const reading = readStatusText(text);
  return reading && [reading.status, reading.acceptance ?? reading.blocked ?? null];
};

describe('readStatusText: the words of boards, audits and control matrices', () => {
  it.each([
    ['Todo', 'open', null], ['To do', 'open', null], ['Planned', 'open', null], ['Backlog', 'open', null], ['Open', 'open', null],
    ['Not implemented', 'open', null], ['Non-compliant', 'open', null], ['❌', 'open', null], ['☐', 'open', null],
    ['Doing', 'in-progress', null], ['WIP', 'in-progress', null], ['In review', 'in-progress', null], ['Retest pending', 'in-progress', null],
    ['Partially implemented', 'in-progress', null], ['⏳', 'in-progress', null], ['🚧 WIP', 'in-progress', null], ['◐', 'in-progress', null],
    ['Done', 'done', null], ['Fixed', 'done', null], ['Resolved', 'done', null], ['Implemented', 'done', null], ['Compliant', 'done', null],
    ['✅', 'done', null], ['✅ Done (2026-04-24)', 'done', null], ['[x]', 'done', null], ['Closed', 'done', null],
    ["Won't fix", 'accepted', 'risk'], ['Wont fix', 'accepted', 'risk'], ['Risk accepted', 'accepted', 'risk'], ['Accepted', 'accepted', 'risk'],
    ["Won't fix — not applicable to us", 'accepted', 'not-applicable'], ['N/A', 'accepted', 'not-applicable'], ['Out of scope', 'accepted', 'not-applicable'],
    ['False positive', 'accepted', 'false-positive'], ['Closed (false positive)', 'accepted', 'false-positive'], ["Closed - won't fix", 'accepted', 'risk'],
    ['Deferred', 'accepted', 'deferred'], ['Postponed to Q3', 'accepted', 'deferred'], ['⊘', 'accepted', null],
    ['Blocked', 'open', true], ['Blocked on the vendor', 'open', true], ['On hold', 'open', true], ['⛔', 'open', true],
  ])('%s → %s (%s)', (text, status, detail) => expect(read(text)).toEqual([status, detail]));

  it('keeps what follows the status word', () => {
    expect(readStatusText('Blocked on the vendor')).toMatchObject({ rest: 'the vendor' });
    expect(readStatusText('Fixed in v2.3')).toMatchObject({ status: 'done', rest: 'in v2.3' });
  });

  it('knows no status in other words, and no status in yes/no', () => {
    expect(readStatusText('needs discussion')).toBeUndefined();
    expect(readStatusText('Yes')).toBeUndefined();
    expect(readStatusText('Donezo')).toBeUndefined();
  });

  it('finds the acceptance a line names anywhere', () => {
    expect(acceptanceIn("Read-only root — won't fix, the renderer writes to $HOME")).toBe('risk');
    expect(acceptanceIn('dropped: not applicable since we left the VPN')).toBe('not-applicable');
    expect(acceptanceIn('scanner flagged it (false positive)')).toBe('false-positive');
    expect(acceptanceIn('rotate the keys')).toBeUndefined();
  });
});
