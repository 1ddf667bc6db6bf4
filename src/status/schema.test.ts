import { describe, expect, it } from 'vitest';
import { yaml } from '../testing/dedent.js';
import { loadPlanText as load, planErrors as errorLines } from '../testing/plans.js';

describe('the statusPages section of a plan', () => {
  it('loads pages with showUrls off by default', () => {
    const { plan } = load(yaml`
      monitors:
        - { name: api, http: "https://api.example.com/health" }
      statusPages:
        - { slug: public, title: Acme status, monitors: [api] }
    `);
    expect(plan.statusPages).toEqual([{ slug: 'public', title: 'Acme status', monitors: ['api'], showUrls: false }]);
  });

  it('rejects an unknown monitor, a duplicate slug and a slug that is not a path segment, with their positions', () => {
    expect(
      errorLines(yaml`
        monitors:
          - { name: api, http: "https://api.example.com/health" }
        statusPages:
          - { slug: public, title: A, monitors: [api, ghost] }
          - { slug: public, title: B, monitors: [api] }
          - { slug: "Public Page", title: C, monitors: [api] }
      `),
    ).toEqual([
      'harden.yaml:6:7: slug: a slug uses lower-case letters, digits and "-" (it is the page\'s path: /status/<slug>)',
    ]);
    expect(
      errorLines(yaml`
        monitors:
          - { name: api, http: "https://api.example.com/health" }
        statusPages:
          - { slug: public, title: A, monitors: [api, ghost, api] }
          - { slug: public, title: B, monitors: [api] }
      `),
    ).toEqual([
      'harden.yaml:4:47: unknown monitor "ghost" (the plan\'s monitors: api)',
      'harden.yaml:4:54: monitor "api" is already on this page',
      'harden.yaml:5:7: duplicate status page "public" (first at page 1)',
    ]);
  });
});
