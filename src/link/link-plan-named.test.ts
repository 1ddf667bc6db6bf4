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

const HOST_ITEMS = dedent`
  items:
    - { id: H1, title: fail2ban + unattended-upgrades installed on every node }
    - { id: H2, title: "SSH by key only: password login disabled" }
    - { id: H3, title: No sudoers rule grants NOPASSWD ALL to the deploy user }
`;
const HOST = `targets:\n  hosts:\n    - { name: node-1, ssh: "deploy@127.0.0.1:22", identity: file:id_ed25519, hostKey: "SHA256:${'A'.repeat(43)}" }\n`;

describe('harden link on host items', () => {
  it('links the host checks when the plan names a host', () => {
    expect(proposals(`${HOST_ITEMS}\n${HOST}`)).toEqual([
      ['H1', ['host/fail2ban', 'host/unattended-upgrades'], []],
      ['H2', ['host/sshd-config'], []],
      ['H3', ['host/sudoers-nopasswd'], []],
    ]);
  });

  it('leaves them as candidates, saying to add the host, when the plan names none', () => {
    const text = `${HOST_ITEMS}\n`;
    expect(proposals(text)).toEqual([
      ['H1', [], ['host/fail2ban', 'host/unattended-upgrades']],
      ['H2', [], ['host/sshd-config']],
      ['H3', [], ['host/sudoers-nopasswd']],
    ]);
    const why = linkPlan({ plan: loadPlanText(text).plan, planText: text, catalog, results: [] }).items[0]!.proposal.candidates[0]!.why;
    expect(why).toContain('but the plan names no host: add it under targets.hosts');
  });
});
