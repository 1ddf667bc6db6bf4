/**
 * Four tracker styles seen in real repositories, each in a fixture written for this test:
 * a HARDENING.md checklist, a sprint board, a compliance control matrix and the findings
 * table of a penetration test. Every row must become an item with the fields it states.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../schema.js';
import { importTracker, type ImportedItem, type TrackerImport } from './import.js';

const imported = (name: string) => importTracker(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'), name);

/** Each item without its source file, its line kept as `line`. */
const rows = (result: TrackerImport) => result.items.map(({ source, ...item }) => ({ ...item, line: source.line }));

function expectValidPlan(result: TrackerImport): void {
  expect(() => planSchema.parse({ stages: result.stages, themes: result.themes, items: result.items })).not.toThrow();
}

const task = (fields: Partial<ImportedItem> & { line: number }) => ({ kind: 'task', ...fields });
const finding = (fields: Partial<ImportedItem> & { line: number }) => ({ kind: 'finding', ...fields });

describe('a HARDENING.md checklist: ids in brackets, priority words, owners, dates, other boxes, a footnote', () => {
  const result = imported('hardening-checklist.md');

  it('reads every entry with its id, priority, status, owner, dates and notes', () => {
    expect(rows(result)).toEqual([
      task({ id: 'EDGE-1', title: 'Redirect every plain HTTP request to HTTPS', severity: 'high', stage: 'edge', status: 'done', notes: 'done at the load balancer, not in nginx', line: 8 }),
      task({ id: 'EDGE-2', title: 'HSTS with a one-year max-age and includeSubDomains', severity: 'high', stage: 'edge', status: 'done', owner: 'mira', notes: 'Done 2026-04-24.', line: 9 }),
      task({ id: 'EDGE-3', title: 'Submit the apex domain to the HSTS preload list', severity: 'medium', stage: 'edge', status: 'open', notes: 'every subdomain must serve HTTPS first', line: 10 }),
      task({ id: 'EDGE-4', title: 'Content-Security-Policy without `unsafe-inline`', severity: 'medium', stage: 'edge', status: 'in-progress', owner: 'jonas', notes: 'report-only since March', line: 11 }),
      task({ id: 'EDGE-5', title: 'Stop the Express app from sending `X-Powered-By`', severity: 'low', stage: 'edge', status: 'open', line: 12 }),
      task({ id: 'CTR-1', title: 'Run the API container as a non-root user', severity: 'critical', stage: 'containers', status: 'done', notes: 'Done 2026-03-30.', line: 16 }),
      task({ id: 'CTR-2', title: 'Pin base images by digest', severity: 'high', stage: 'containers', status: 'done', notes: 'Done 2026-03-30. Renovate keeps the digests current', line: 17 }),
      task({ id: 'CTR-3', title: 'Drop all capabilities and add back only NET_BIND_SERVICE', severity: 'medium', stage: 'containers', status: 'open', owner: 'ops-team', line: 18 }),
      task({
        id: 'CTR-4', title: 'Read-only root filesystem for the PDF worker', severity: 'low', stage: 'containers', status: 'accepted',
        acceptance: { type: 'risk' },
        decision: {
          treatment: 'accept', by: 'mira', on: '2026-04-02',
          reason: 'the renderer writes all over its home directory. The worker gets a tmpfs on /tmp and runs as its own user instead; agreed with @mira on 2026-04-02.',
        },
        line: 19,
      }),
      task({ id: 'CTR-5', title: 'Scan images for known CVEs in CI', severity: 'high', stage: 'containers', status: 'open', notes: 'Blocked: waiting for the scanner licence', line: 20 }),
      task({ id: 'SEC-1', title: 'Move the database password out of `docker-compose.yml` into a Docker secret', severity: 'critical', stage: 'secrets', status: 'done', notes: 'Done 2026-02-14.', line: 24 }),
      task({ id: 'SEC-2', title: 'Rotate the Stripe restricted key', severity: 'high', stage: 'secrets', status: 'open', owner: 'lena', due: '2026-07-01', notes: 'ask @lena for dashboard access', line: 25 }),
      task({ id: 'SEC-3', title: 'Turn on secret scanning push protection for the organisation', severity: 'low', stage: 'secrets', status: 'open', line: 26 }),
    ]);
  });

  it('makes a stage of each section and warns about nothing', () => {
    expect(result.stages.map((stage) => stage.id)).toEqual(['edge', 'containers', 'secrets']);
    expect(result.warnings).toEqual([]);
  });

  it('is a valid plan', () => expectValidPlan(result));
});

describe('a sprint board: Ticket/Topic/Assignee/State columns, board words and emoji, a reason under the table', () => {
  const result = imported('sprint-board.md');

  it('reads every ticket, Blocked as open with a note and Won\'t fix as an accepted risk with its reason', () => {
    const sprint = (fields: Partial<ImportedItem> & { line: number }) => finding({ stage: 'sprint-14', ...fields });
    expect(rows(result).slice(0, 10)).toEqual([
      sprint({ id: 'PLAT-101', title: 'Stop offering TLS 1.0 and 1.1 on the public load balancer', status: 'done', owner: 'sam', effort: '2', notes: 'Verify: `nmap --script ssl-enum-ciphers -p 443 api.example.org`', line: 10 }),
      sprint({ id: 'PLAT-102', title: 'Restore the orders database from backup once a month', status: 'in-progress', owner: 'ines', effort: '5', notes: 'first restore drill on the 12th', line: 11 }),
      sprint({ id: 'PLAT-103', title: 'Alert when a certificate expires in under 14 days', status: 'open', effort: '1', line: 12 }),
      sprint({ id: 'PLAT-104', title: 'MFA on the cloud console break-glass account', status: 'open', owner: 'sam', effort: '1', notes: 'Blocked.\nneeds the second hardware key', line: 13 }),
      sprint({ id: 'PLAT-105', title: 'No SSH password logins on the bastion', status: 'in-progress', owner: 'omar', effort: '2', notes: '`PasswordAuthentication no` in sshd_config', line: 14 }),
      sprint({
        id: 'PLAT-106', title: 'Replace the shared admin account on the staging database', status: 'accepted', acceptance: { type: 'risk' },
        decision: { treatment: 'accept', reason: 'staging is rebuilt every night from fixtures and holds no customer data, so a shared account there is not worth the churn.' },
        owner: 'ines', effort: '3', line: 15,
      }),
      sprint({ id: 'PLAT-107', title: 'Rate-limit the password reset endpoint', status: 'done', owner: 'omar', effort: '3', notes: '5 requests per minute per address', line: 16 }),
      sprint({ id: 'PLAT-108', title: 'Sign container images with cosign', status: 'in-progress', effort: '5', line: 17 }),
      sprint({ id: 'PLAT-109', title: 'Move the status page off the main cluster', status: 'in-progress', owner: 'sam', effort: '2', line: 18 }),
      sprint({ id: 'PLAT-110', title: 'Review who can read the production Secrets', status: 'open', effort: '2', line: 19 }),
    ]);
  });

  it('reads a Concern table with priorities, N/A as not applicable and an owner written as "Ines (@ines)"', () => {
    const carried = (fields: Partial<ImportedItem> & { line: number }) => finding({ stage: 'carried-over-from-sprint-13', ...fields });
    expect(rows(result).slice(10)).toEqual([
      carried({ id: 'carried-over-from-sprint-13-1', title: 'Postgres publishes 5432 on every interface in the compose file', severity: 'high', status: 'open', owner: 'ines', line: 27 }),
      carried({ id: 'carried-over-from-sprint-13-2', title: 'Redis has no password in the local dev stack', severity: 'low', status: 'accepted', acceptance: { type: 'not-applicable' }, line: 28 }),
      carried({ id: 'carried-over-from-sprint-13-3', title: 'Grafana answers without a login on the office VPN', severity: 'medium', status: 'in-progress', owner: 'omar', line: 29 }),
    ]);
    expect(result.warnings.map((w) => w.line)).toEqual([27, 28, 29]);
  });

  it('is a valid plan', () => expectValidPlan(result));
});

describe('a compliance control matrix: Control ID/Control/Requirement/Implementation status/Evidence', () => {
  const result = imported('control-matrix.md');

  it('reads every control: the auditor\'s status words, the requirement and evidence in the notes, N/A with its footnote', () => {
    expect(rows(result)).toEqual([
      finding({
        id: 'CC6.1-01', title: 'Production access through SSO only', status: 'done', owner: 'kofi',
        notes: 'Requirement: Every human login to production goes through the identity provider with MFA\nEvidence: IdP policy export\nLast reviewed: 02/04/2026',
        line: 8,
      }),
      finding({
        id: 'CC6.1-02', title: 'Service accounts cannot log in to the console', status: 'in-progress', owner: 'Platform',
        notes: 'Requirement: Machine identities use keys scoped to one service\nEvidence: 3 of 5 accounts moved\nLast reviewed: 15/04/2026',
        line: 9,
      }),
      finding({
        id: 'CC6.6-01', title: 'TLS on every public endpoint', status: 'done', owner: 'Platform',
        notes: 'Requirement: HTTPS only, TLS 1.2 or later, HSTS on the apex and subdomains\nEvidence: SSL Labs report, grade A+\nLast reviewed: 15/04/2026',
        line: 10,
      }),
      finding({ id: 'CC6.7-01', title: 'Backups encrypted at rest', status: 'open', owner: 'Platform', notes: 'Requirement: Database and object-store backups use keys held in the KMS', line: 11 }),
      finding({
        id: 'CC7.2-01', title: 'Alerting on repeated failed logins', status: 'open', owner: 'Security',
        notes: 'Requirement: Ten failures for one account within five minutes page the on-call\nEvidence: on the Q3 roadmap',
        line: 12,
      }),
      finding({
        id: 'CC8.1-01', title: 'Changes reviewed before deployment', status: 'done', owner: 'Engineering',
        notes: 'Requirement: Branch protection requires one approval on main\nEvidence: repository settings export\nLast reviewed: 20/03/2026',
        line: 13,
      }),
      finding({
        id: 'A1.2-01', title: 'Physical security of the data centre', status: 'accepted', acceptance: { type: 'not-applicable' },
        decision: { treatment: 'accept', reason: 'Covered by the AWS SOC 2 Type II report, section 4; reviewed by @kofi on 2026-03-20.' },
        notes: 'Requirement: Badge access and CCTV where production runs\nEvidence: hosted on AWS',
        line: 14,
      }),
    ]);
  });

  it('warns about nothing: every column has a place', () => expect(result.warnings).toEqual([]));

  it('is a valid plan', () => expectValidPlan(result));
});

describe('penetration test findings: Ref/Vulnerability/Risk/CVSS/Recommendation/Status, day-first dates, reasons under the table', () => {
  const result = imported('pentest-findings.md');
  const found = (fields: Partial<ImportedItem> & { line: number }) => finding(fields);

  it('reads every finding: the tester\'s rating as the severity, the score and advice as notes, dates as found', () => {
    expect(rows(result)).toEqual([
      found({
        id: 'PT-01', title: 'SQL injection in the legacy report export', severity: 'critical', status: 'done', found: '2026-03-04',
        notes: 'Status: Fixed — verified in retest\nCVSS: 9.1\nAffected: `/reports/export?id=`\nRecommendation: Use parameterised queries', line: 19,
      }),
      found({
        id: 'PT-02', title: 'Session cookie without Secure and HttpOnly', severity: 'high', status: 'done', found: '2026-03-04',
        notes: 'CVSS: 7.4\nAffected: app.example.net\nRecommendation: Set both flags', line: 20,
      }),
      found({
        id: 'PT-03', title: 'Directory listing enabled on /static/', severity: 'medium', status: 'open', found: '2026-03-05',
        notes: 'CVSS: 5.3\nAffected: cdn.example.net\nRecommendation: Turn off autoindex', line: 21,
      }),
      found({
        id: 'PT-04', title: 'Mail gateway accepts TLS 1.0', severity: 'medium', status: 'accepted', acceptance: { type: 'risk' },
        decision: {
          treatment: 'accept', by: 'the CISO', on: '2026-03-12',
          reason: 'the gateway supports TLS 1.2 only from firmware 9, due in Q3, and two partner mail servers still need TLS 1.0 until then. Accepted by the CISO on 12/03/2026; revisit after the firmware upgrade.',
        },
        found: '2026-03-05', notes: 'CVSS: 5.9\nAffected: mx1.example.net:465\nRecommendation: Allow TLS 1.2 and later only', line: 22,
      }),
      found({
        id: 'PT-05', title: 'Stack traces in 500 responses', severity: 'low', status: 'in-progress', found: '2026-03-06',
        notes: 'CVSS: 3.7\nAffected: api.example.net\nRecommendation: Return a generic error page', line: 23,
      }),
      found({
        id: 'PT-06', title: 'No DMARC record', severity: 'low', status: 'in-progress', found: '2026-03-06',
        notes: 'Affected: example.net\nRecommendation: Publish p=quarantine, then p=reject', line: 24,
      }),
      found({
        id: 'PT-07', title: 'Self-signed certificate on the internal admin panel', severity: 'info', status: 'accepted', acceptance: { type: 'false-positive' },
        decision: { treatment: 'accept', reason: "the panel is reachable only from the admin VLAN and its certificate is issued by our internal CA, which the tester's laptop did not trust." },
        found: '2026-03-07', notes: 'Affected: 10.0.4.12\nRecommendation: Use a certificate from the internal CA', line: 25,
      }),
      found({
        id: 'PT-08', title: 'jQuery 1.12 on the marketing site', severity: 'low', status: 'accepted', acceptance: { type: 'risk' },
        decision: { treatment: 'accept', reason: 'the marketing site is static, has no forms, and is replaced by the new site in June.' },
        found: '2026-03-07', notes: 'CVSS: 3.1\nAffected: www.example.net\nRecommendation: Upgrade to 3.7', line: 26,
      }),
    ]);
  });

  it('skips the rating legend, saying so', () => {
    expect(result.warnings).toEqual([
      { line: 8, message: 'table "Rating | Meaning" has no finding/title/task column, and no status column or ids to say its rows are items: not read as a tracker; its 4 rows are skipped' },
    ]);
  });

  it('is a valid plan', () => expectValidPlan(result));
});
