import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeLinks, linkPlanText } from '../../src/cli/link-action.js';

const ITEMS = `items:
  - { id: OPS-1, kind: task, title: Set up uptime monitoring with Slack/email alerts }
  - { id: SEC-4, title: Secrets unrotated since cluster bootstrap; no runbook }
`;

describe('harden link: checks that read a section of the plan', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'harden-link-sections-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are candidates naming the section to write while the plan has none (the item keeps its evidence kind)', async () => {
    const outcome = await linkPlanText(ITEMS, join(dir, 'harden.yaml'), dir, new Date('2026-12-01'));
    expect(describeLinks(outcome)).toBe(
      [
        'OPS-1  evidence: monitoring  — "uptime" in the title',
        'OPS-1  ? monitor/alerting  — "uptime monitor*" in the title (uptime monitoring with alerts), but the plan has no monitors: add one under monitors: with an alert channel (harden monitor records its samples)',
        'SEC-4  evidence: secret-rotation  — "unrotated" in the title',
        'SEC-4  ? secret/rotation-overdue  — "secret* + bootstrap" in the title (secrets rotated on schedule), but the plan records no secrets: add the secret under secrets: (where it lives, never its value; rotated: YYYY-MM-DD)',
        '',
      ].join('\n'),
    );
  });

  it('are links once the plan has the section', async () => {
    const plan = `monitors:\n  - { name: api-health, http: "https://shop.example.com/api/health", alert: [slack] }\nalerts:\n  slack: { slack: { webhook: env:SLACK_WEBHOOK } }\nsecrets:\n  - { name: k3s-token, lives: "file:/var/lib/rancher/k3s/server/token", rotated: 2026-01-10 }\n${ITEMS}`;
    const outcome = await linkPlanText(plan, join(dir, 'harden.yaml'), dir, new Date('2026-12-01'));
    expect(outcome.items.map(({ proposal }) => [proposal.item, proposal.links.map((link) => link.check)])).toEqual([
      ['OPS-1', ['monitor/alerting']],
      ['SEC-4', ['secret/rotation-overdue']],
    ]);
  });
});
