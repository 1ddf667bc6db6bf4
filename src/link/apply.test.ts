import { describe, expect, it } from 'vitest';
import { dedent } from '../testing/dedent.js';
import { applyLinks } from './apply.js';

const PLAN = dedent`
  # Our plan: reviewed every Monday
  version: 1
  targets:
    root: .
  items:
    - id: SEC-1
      title: No DMARC record
      status: open   # since the audit
    - id: SEC-2
      title: fail2ban on every node
    - id: SEC-3
      title: Already linked
      checks: [k8s/privileged]
`;

describe('writing links into a plan', () => {
  it('adds each link with its reason, candidates and evidence as comments, and keeps the rest of the file', () => {
    const applied = applyLinks(
      PLAN,
      [
        {
          proposal: {
            item: 'SEC-1',
            links: [{ check: 'dns/dmarc', messages: ['missing', 'policyNone'], why: '"DMARC" in the title (DMARC enforced)' }],
            candidates: [{ check: 'dns/spf', why: '"SPF" in the notes, not in the title' }],
            targets: [],
          },
        },
        { proposal: { item: 'SEC-2', links: [], candidates: [], targets: [] }, evidence: { kind: 'host', why: '"fail2ban" in the title' } },
        { proposal: { item: 'SEC-3', links: [{ check: 'k8s/host-path', why: 'x' }], candidates: [], targets: [] } },
      ],
      [{ target: { kind: 'domain', name: 'shop.example.org' }, why: 'named by SEC-1, line 3' }],
    );
    expect(applied).toMatchObject({ linkedItems: 1, links: 1, targets: 1 });
    expect(applied.text).toBe(dedent`
      # Our plan: reviewed every Monday
      version: 1
      targets:
        root: .
        domains:
          - shop.example.org # named by SEC-1, line 3
      items:
        - id: SEC-1
          title: No DMARC record
          status: open # since the audit
          checks:
            - { check: dns/dmarc, messages: [ missing, policyNone ] } # linked: "DMARC" in the title (DMARC enforced)
          # candidate: dns/spf ("SPF" in the notes, not in the title)
        - id: SEC-2
          title: fail2ban on every node
          evidence: host # no check reads this yet: "fail2ban" in the title
        - id: SEC-3
          title: Already linked
          checks: [ k8s/privileged ]
    `);
  });

  it('adds nothing twice: a target the plan names already, an item that has checks', () => {
    const plan = 'targets:\n  domains: [shop.example.org]\nitems:\n  - { id: A, title: t, checks: [dns/spf] }\n';
    const applied = applyLinks(plan, [{ proposal: { item: 'A', links: [{ check: 'dns/dmarc', why: 'w' }], candidates: [], targets: [] } }], [{ target: { kind: 'domain', name: 'shop.example.org' }, why: 'w' }]);
    expect(applied).toMatchObject({ linkedItems: 0, targets: 0 });
  });
});
