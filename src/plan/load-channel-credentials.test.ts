import { describe, expect, it } from 'vitest';
import { yaml } from '../testing/dedent.js';
import { loadPlanText as load, planErrors as errorLines } from '../testing/plans.js';

describe('credentials in an alert channel\'s URL (issue 9, defect 8)', () => {
  it('loads a user:password in a channel URL: it is sent as Basic authorization', () => {
    const { plan } = load(yaml`
      alerts:
        hook: { webhook: { url: "https://alerts:pw@hooks.example.com/in" } }
    `);
    expect(plan.alerts.hook!.webhook!.url).toBe('https://alerts:pw@hooks.example.com/in');
  });

  it('refuses a user:password beside another authorization, which would silently replace one of them', () => {
    expect(
      errorLines(yaml`
        alerts:
          hook:
            webhook:
              url: "https://alerts:pw@hooks.example.com/in"
              headers: { authorization: "Bearer abc" }
          push:
            ntfy: { url: "https://me:pw@ntfy.example.com/ops", token: env:NTFY_TOKEN }
      `),
    ).toEqual([
      'harden.yaml:4:7: url: the URL\'s user:password would be sent as Basic authorization, and the headers set an Authorization too: keep one',
      'harden.yaml:7:13: url: the URL\'s user:password would be sent as Basic authorization, and the token as a Bearer one: keep one',
    ]);
  });
});
