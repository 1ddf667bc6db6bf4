import { describe, expect, it } from 'vitest';
import { text } from '../testing/dedent.js';
import { mergePlanText, newPlanText, type PlanFragment } from './write.js';

/** Two items that share one decision object, as the importer hands them over for "LIVE-L14/L15". */
function sharedDecision(): PlanFragment {
  const decision = { treatment: 'accept', reason: 'UUID migration is planned' };
  const note = { type: 'risk' };
  return {
    stages: [],
    themes: [],
    items: [
      { id: 'L-14', title: 'Sequential user ids', status: 'accepted', acceptance: note, decision },
      { id: 'L-15', title: 'Sequential resource ids', status: 'accepted', acceptance: note, decision },
    ],
  };
}

const ANCHOR_OR_ALIAS = /[&*]a\d+\b/;

describe('writing an imported plan', () => {
  it('writes objects two items share in full under each, with no YAML anchor or alias', () => {
    const written = newPlanText(sharedDecision(), ' imported');
    expect(written).not.toMatch(ANCHOR_OR_ALIAS);
    expect(written.match(/reason: UUID migration is planned/g)).toHaveLength(2);
  });

  it('merges shared objects the same way', () => {
    const existing = text`
      version: 1
      items:
        - id: L-14
          title: Sequential user ids
          checks: [http/hsts]
    `;
    const merged = mergePlanText(existing, sharedDecision());
    expect(merged).toMatchObject({ added: 1, updated: 1 });
    expect(merged.text).not.toMatch(ANCHOR_OR_ALIAS);
    expect(merged.text.match(/reason: UUID migration is planned/g)).toHaveLength(2);
    expect(merged.text).toContain('checks: [ http/hsts ]');
  });
});
