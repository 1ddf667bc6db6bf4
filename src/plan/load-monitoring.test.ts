import { describe, expect, it } from 'vitest';
import { catalog } from '../checks/index.js';
import { yaml } from '../testing/dedent.js';
import { loadPlanText as load, planErrors as errorLines, PLAN_NOW as now } from '../testing/plans.js';
import { loadPlan } from './load.js';

describe('the monitoring sections of a plan', () => {
  it('loads the documented example (examples/monitoring/harden.yaml) with its defaults', () => {
    const { plan } = loadPlan('examples/monitoring/harden.yaml', { catalog, now });
    expect(plan.monitors.map((m) => m.name)).toEqual(['api-health', 'postgres-port', 'dmarc']);
    expect(plan.monitors[0]).toMatchObject({ every: 60_000, timeout: 10_000, confirm: 3, recover: 1, alert: ['ops-slack', 'oncall-mail'] });
    expect(plan.monitors[0]!.http).toMatchObject({ url: 'https://api.example.com/api/health/', method: 'GET', redirects: 'off' });
    expect(plan.monitors[1]).toMatchObject({ tcp: 'db.internal:5432', every: 30_000, timeout: 10_000, confirm: 2 });
    expect(plan.monitors[2]!.dns).toEqual({ name: '_dmarc.example.com', type: 'TXT', expect: "contains 'p=reject'" });
    expect(plan.maintenance).toEqual([{ monitors: ['api-health'], cron: '0 3 * * SUN', duration: 1_800_000 }]);
    expect(plan.slo).toEqual([{ monitor: 'api-health', objective: 99.9, window: 2_592_000_000 }]);
    expect(plan.triggers).toEqual([{ monitor: 'api-health', when: 'p99 > 500ms for 10m', alert: ['ops-slack'] }]);
    expect(plan.statusPages).toEqual([{ slug: 'public', title: 'Example status', monitors: ['api-health', 'dmarc'], showUrls: false }]);
    expect(plan.alerts['oncall-mail']).toEqual({ email: { to: ['ops@example.com'], from: 'harden <harden@localhost>', smtp: 'env:SMTP_URL' } });
  });

  it('a timeout defaults to 10s or the interval when that is shorter', () => {
    const { plan } = load(yaml`
      monitors:
        - { name: fast, tcp: "127.0.0.1:1", every: 2s }
    `);
    expect(plan.monitors[0]!.timeout).toBe(2000);
  });

  it('rejects a monitor probing two things and an inline secret, with their positions', () => {
    expect(
      errorLines(yaml`
        monitors:
          - name: both
            tcp: db:5432
            dns: { name: x.test }
      `),
    ).toEqual(['harden.yaml:2:5: a monitor probes one thing; it has tcp and dns']);
    expect(
      errorLines(yaml`
        alerts:
          oops: { slack: { webhook: https://hooks.slack.com/services/T000/B000/XXXX } }
      `),
    ).toEqual(['harden.yaml:2:20: webhook: secrets are references: env:VARIABLE or file:/path/to/secret, never the value itself']);
  });

  it('masks the values a problem quotes from the plan, and only them: its own words stay as written', () => {
    expect(
      errorLines(yaml`
        alerts:
          hook: { webhook: { url: "https://x.test/h", secret: hunter2 } }
        monitoring:
          retention: { raw: "https://x.example/?token=abcdefgh12345678" }
      `),
    ).toEqual([
      'harden.yaml:2:47: secret: secrets are references: env:VARIABLE or file:/path/to/secret, never the value itself',
      'harden.yaml:4:16: raw: "https://x.example/?token=abcd…" is not a duration (use e.g. 500ms, 60s, 10m, 1h, 30d)',
    ]);
  });

  it('checks references, conditions, cron and trigger rules once the shapes are right', () => {
    const lines = errorLines(yaml`
      monitors:
        - name: api
          http: https://api.test/health
          expect: ["status == 200", "latency < soon"]
          alert: [pager]
        - name: api
          tcp: db:5432
      alerts:
        pager: { pagerduty: { routingKey: env:PD_KEY } }
      maintenance:
        - { monitors: [api, ghost], cron: "61 3 * * *", duration: 30m }
      slo:
        - { monitor: ghost, objective: 99.9% }
      triggers:
        - { monitor: api, when: "p99 > fast for 10m", alert: [slack] }
    `);
    expect(lines).toEqual([
      expect.stringMatching(/^harden\.yaml:4:31: column 11 of "latency < soon": expected a value/),
      'harden.yaml:6:5: duplicate monitor name "api" (first at monitor 1)',
      'harden.yaml:11:23: unknown monitor "ghost"',
      expect.stringMatching(/^harden\.yaml:11:31: not a cron expression: .*minute: 61/),
      'harden.yaml:13:7: unknown monitor "ghost"',
      'harden.yaml:15:57: unknown alert channel "slack" (channels: pager)',
      expect.stringMatching(/^harden\.yaml:15:21: column 7 of "p99 > fast for 10m": p99 is compared with a latency such as 500ms, got "fast"$/),
    ]);
  });

  it('rejects an objective of 100% and a timeout longer than the interval', () => {
    expect(
      errorLines(yaml`
        monitors:
          - { name: api, tcp: "db:5432", every: 10s, timeout: 30s }
        slo:
          - { monitor: api, objective: 100% }
      `),
    ).toEqual([
      'harden.yaml:2:46: timeout: timeout is longer than the interval ("every")',
      'harden.yaml:4:21: objective: an objective of 100% leaves no error budget',
    ]);
  });

  it('rejects monitors that cannot work: too often, no time to answer, a port out of range, a URL that is not http(s)', () => {
    expect(
      errorLines(yaml`
        monitors:
          - { name: never, tcp: "db:5432", every: 0s }
          - { name: flood, tcp: "db:5432", every: 1ms }
          - { name: instant, tcp: "db:5432", timeout: 0s }
          - { name: port, tcp: "db:99999" }
          - { name: tls, tls: "db:0" }
          - { name: file, http: "file:///etc/passwd" }
          - { name: script, http: "javascript:alert(1)" }
          - { name: ftp, http: { url: "ftp://files.test/" } }
      `),
    ).toEqual([
      'harden.yaml:2:36: every: 0ms: the shortest interval is 1s',
      'harden.yaml:3:36: every: 1ms: the shortest interval is 1s',
      'harden.yaml:4:38: timeout: 0ms: the shortest timeout is 10ms',
      'harden.yaml:5:19: tcp: expected host:port with a port from 1 to 65535',
      'harden.yaml:6:18: tls: expected host:port with a port from 1 to 65535',
      'harden.yaml:7:19: http: only http:// and https:// URLs are supported, not file:',
      'harden.yaml:8:21: http: only http:// and https:// URLs are supported, not javascript:',
      'harden.yaml:9:26: url: only http:// and https:// URLs are supported, not ftp:',
    ]);
  });

  it('says a number is not a duration instead of calling the field missing', () => {
    expect(errorLines('monitors:\n  - { name: api, tcp: "db:5432", every: 60 }\n')).toEqual(['harden.yaml:2:34: every: 60 is a number, not a duration: give the unit (60s, 60ms, 60m)']);
    expect(errorLines('monitors:\n  - { name: api, tcp: "db:5432", every: true }\n')).toEqual(['harden.yaml:2:34: every: expected a duration such as 60s, got boolean']);
    expect(errorLines('maintenance:\n  - { monitors: [api], cron: "0 3 * * *" }\n')).toEqual(['harden.yaml:2:5: "duration" is required']);
  });

  it('rejects header names with spaces or colons and values with line breaks, in monitors and webhooks', () => {
    expect(
      errorLines(yaml`
        monitors:
          - name: api
            http:
              url: https://api.test/health
              headers: { "X Trace": a, "X-Ok:": b, X-Split: "a\\r\\nInjected: 1" }
              secretHeaders: { "Bad Name": env:TOKEN }
        alerts:
          hook: { webhook: { url: "https://hooks.test/", headers: { X-Tag: "a\\nb" } } }
          local: { webhook: { url: "file:///tmp/hook" } }
      `),
    ).toEqual([
      "harden.yaml:5:18: X Trace: not a header name: letters, digits and !#$%&'*+.^_`|~- only, no spaces or colons",
      "harden.yaml:5:32: X-Ok:: not a header name: letters, digits and !#$%&'*+.^_`|~- only, no spaces or colons",
      'harden.yaml:5:44: X-Split: a header value cannot hold a line break or another control character',
      "harden.yaml:6:24: Bad Name: not a header name: letters, digits and !#$%&'*+.^_`|~- only, no spaces or colons",
      'harden.yaml:8:61: X-Tag: a header value cannot hold a line break or another control character',
      'harden.yaml:9:23: url: only http:// and https:// URLs are supported, not file:',
    ]);
  });

  it('takes probe headers from secret references in http.secretHeaders, never inline', () => {
    const { plan } = load(yaml`
      monitors:
        - name: api
          http: { url: "https://api.test/health", headers: { Accept: text/plain }, secretHeaders: { Authorization: env:API_TOKEN } }
    `);
    expect(plan.monitors[0]!.http).toMatchObject({ headers: { Accept: 'text/plain' }, secretHeaders: { Authorization: 'env:API_TOKEN' } });
    expect(
      errorLines(yaml`
        monitors:
          - name: api
            http:
              url: https://api.test/health
              secretHeaders: { Authorization: env:API_TOKEN, X-Key: abc123 }
      `),
    ).toEqual(['harden.yaml:5:54: X-Key: secrets are references: env:VARIABLE or file:/path/to/secret, never the value itself']);
    expect(
      errorLines(yaml`
        monitors:
          - name: api
            http:
              url: https://api.test/health
              headers: { authorization: Bearer x }
              secretHeaders: { Authorization: env:API_TOKEN }
      `),
    ).toEqual(['harden.yaml:6:24: Authorization: also in headers (a header goes in headers or secretHeaders, not both)']);
  });

  it('takes a dns server as an IP address and port, and rejects a host name with its position', () => {
    const { plan } = load(yaml`
      monitors:
        - { name: v4, dns: { name: example.com, server: "9.9.9.9:53" } }
        - { name: v6, dns: { name: example.com, server: "[2620:fe::fe]:53" } }
    `);
    expect(plan.monitors.map((m) => m.dns?.server)).toEqual(['9.9.9.9:53', '[2620:fe::fe]:53']);
    const message = 'server: expected an IP address and port such as 9.9.9.9:53 or [2620:fe::fe]:53, not a host name';
    expect(
      errorLines(yaml`
        monitors:
          - name: dmarc
            dns: { name: _dmarc.example.com, type: TXT, server: "dns.google:53" }
          - { name: no-port, dns: { name: example.com, server: "9.9.9.9" } }
          - { name: bad-v4, dns: { name: example.com, server: "999.1.1.1:53" } }
          - { name: bare-v6, dns: { name: example.com, server: "2620:fe::fe:53" } }
      `),
    ).toEqual([`harden.yaml:3:49: ${message}`, `harden.yaml:4:48: ${message}`, `harden.yaml:5:47: ${message}`, `harden.yaml:6:48: ${message}`]);
  });
});

