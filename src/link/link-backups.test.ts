import { describe, expect, it } from 'vitest';
import { catalog } from '../checks/index.js';
import { dedent } from '../testing/dedent.js';
import { loadPlanText } from '../testing/plans.js';
import { linkPlan } from './link-plan.js';

/** Items as the seed trackers write them about backups. */
const ITEMS = dedent`
  items:
    - { id: B1, title: Nightly Postgres dumps to S3 with 30-day retention }
    - { id: B2, title: Automated backups to B2 }
    - { id: B3, title: "Backups tested: quarterly restore drill" }
    - { id: B4, title: Offsite backups }
`;

const proposals = (text: string) =>
  linkPlan({ plan: loadPlanText(text).plan, planText: text, catalog, results: [] }).items.map(({ proposal }) => [
    proposal.item,
    proposal.links.map((link) => link.check).sort(),
    proposal.candidates.map((candidate) => candidate.check).sort(),
  ]);

describe('harden link on backup items', () => {
  it('links the backup checks when the plan names a backup set', () => {
    expect(proposals(`${ITEMS}\nbackups:\n  - { name: pg, directory: /var/backups/pg, maxAge: 26h }\n`)).toEqual([
      ['B1', ['backup/fresh', 'backup/retention'], []],
      ['B2', ['backup/fresh'], []],
      ['B3', ['backup/restore-drill'], []],
      ['B4', ['backup/fresh'], []],
    ]);
  });

  it('leaves them as candidates, saying the plan names no backup set, when it names none', () => {
    const text = `${ITEMS}\n`;
    expect(proposals(text)).toEqual([
      ['B1', [], ['backup/fresh', 'backup/retention']],
      ['B2', [], ['backup/fresh']],
      ['B3', [], ['backup/restore-drill']],
      ['B4', [], ['backup/fresh']],
    ]);
    const why = linkPlan({ plan: loadPlanText(text).plan, planText: text, catalog, results: [] }).items[0]!.proposal.candidates[0]!.why;
    expect(why).toContain('but the plan names no backup set (backups:)');
  });
});
