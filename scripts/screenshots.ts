// Screenshots of harden serve for the README: the status page, the dashboard, the plan register
// and the login page, from a store seeded with a few monitors and 30 days of history.
// npm run screenshots (writes docs/screenshots/*.png; needs Debian's chromium, see src/testing/chromium.ts)
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sample } from '../src/monitor/model.js';
import type { Store } from '../src/monitor/store.js';
import { planSchema } from '../src/plan/schema.js';
import { ServerAuth } from '../src/server/auth/server-auth.js';
import type { Principal } from '../src/server/auth/session.js';
import { startStatusServer } from '../src/server/server.js';
import { authStoreOf } from '../src/store/auth.js';
import { batch, DAY, down, HOUR, MINUTE, sample } from '../src/store/fixtures.js';
import { openStore } from '../src/store/open.js';
import { launchChromium } from '../src/testing/chromium.js';

const OUT = 'docs/screenshots';
const NOW = Date.UTC(2026, 11, 7, 12, 30);
const OUTAGE = { monitor: 'api', from: NOW - 2 * DAY - 5 * HOUR, to: NOW - 2 * DAY - 4 * HOUR - 20 * MINUTE };
const INCIDENT = `${OUTAGE.monitor}@${OUTAGE.from}`;

const plan = planSchema.parse({
  project: 'Acme',
  monitors: [
    { name: 'api', description: 'Public API', http: { url: 'https://api.acme.example/health' }, alert: ['ops'] },
    { name: 'web', description: 'Website', http: { url: 'https://www.acme.example/' } },
    { name: 'auth', description: 'Single sign-on', http: { url: 'https://id.acme.example/.well-known/openid-configuration' } },
    { name: 'db', description: 'Primary database', tcp: 'db.acme.internal:5432' },
  ],
  alerts: { ops: { webhook: { url: 'https://hooks.acme.example/harden' } } },
  slo: [
    { monitor: 'api', objective: '99.9%', window: '30d' },
    { monitor: 'web', objective: '99.5%', window: '7d' },
  ],
  statusPages: [{ slug: 'public', title: 'Acme status', monitors: ['api', 'web', 'auth'] }],
});

/** Latency with a daily rhythm and a little noise, deterministic so the screenshots only change when the pages do. */
function latency(base: number, at: number): number {
  const hour = new Date(at).getUTCHours();
  const busy = hour >= 8 && hour <= 18 ? 1.4 : 1;
  return Math.round(base * busy + ((at / MINUTE) % 17) * (base / 20));
}

async function seed(store: Store): Promise<void> {
  const bases: Record<string, number> = { api: 120, web: 45, auth: 80, db: 3 };
  const samples: Sample[] = [];
  for (let at = NOW - 30 * DAY; at < NOW; at += 10 * MINUTE) {
    for (const [monitor, base] of Object.entries(bases)) {
      const out = monitor === OUTAGE.monitor && at >= OUTAGE.from && at < OUTAGE.to;
      samples.push(out ? down(monitor, at, 'status == 200: got 503') : sample(monitor, at, latency(base, at)));
    }
  }
  await store.commit(batch({ samples }));
  const first = samples.find((s) => !s.ok)!;
  await store.commit(
    batch({
      opened: [{ key: INCIDENT, monitor: OUTAGE.monitor, openedAt: OUTAGE.from, closedAt: null, reason: first.reason!, firstFailure: first }],
      states: Object.keys(bases).map((monitor) => ({ monitor, consecutiveFailures: 0, consecutiveSuccesses: 50, firstFailure: null, openIncident: null, lastSampleAt: NOW - 10 * MINUTE, lastOk: true })),
    }),
  );
  const updates = [
    { at: OUTAGE.from + 8 * MINUTE, phase: 'identified', message: 'A configuration change overloaded the API\'s connection pool.' },
    { at: OUTAGE.from + 25 * MINUTE, phase: 'monitoring', message: 'The change is rolled back; error rates are falling.' },
    { at: OUTAGE.to + 10 * MINUTE, phase: 'resolved', message: 'Requests have succeeded for 10 minutes. A write-up follows.' },
  ] as const;
  for (const update of updates) await store.addIncidentUpdate({ incident: INCIDENT, author: 'ada', ...update }, []);
  await store.commit(batch({ closed: [{ key: INCIDENT, closedAt: OUTAGE.to }] }));
  await store.compact(NOW, { raw: 7 * DAY, minute: 7 * DAY, hour: 35 * DAY, day: 730 * DAY });

  const item = (id: string, title: string, stage: string, verdict: string, claimed = 'done') => ({ id, title, stage, claimed, verdict });
  const register = (tls: string, backups: string) => [
    item('SEC-1', 'TLS 1.2+ only, HSTS on every host', 'now', tls),
    item('SEC-2', 'Admin panel behind SSO', 'now', 'verified'),
    item('SEC-3', 'Secrets out of the repositories', 'now', 'verified'),
    item('OPS-1', 'Nightly backups restored weekly', 'next', backups, backups === 'verified' ? 'done' : 'in-progress'),
    item('OPS-2', 'Alerts reach the on-call phone', 'next', 'verified'),
    item('OPS-3', 'Runbooks for the top five alerts', 'later', 'open', 'open'),
  ];
  const counts = (items: { verdict: string }[]) => items.reduce<Record<string, number>>((all, { verdict }) => ({ ...all, [verdict]: (all[verdict] ?? 0) + 1 }), {});
  for (const [at, items] of [
    [NOW - 6 * DAY, register('verified', 'open')],
    [NOW - DAY, register('regression', 'verified')],
  ] as const) {
    await store.recordVerifyRun({ at, items: [...items], counts: counts([...items]) });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'harden-screenshots-'));
try {
  const store = await openStore({ sqlite: join(dir, 'harden.db') });
  await store.migrate();
  await seed(store);
  // The pages as an operator sees them; /login is the real sign-in's page.
  const operator: Principal = { user: 'ada', role: 'operator', via: 'session', csrf: 'screenshot' };
  const server = await startStatusServer({ listen: '127.0.0.1:0', store, plan: () => plan, now: () => NOW, auth: new ServerAuth({ store: authStoreOf(store) }), authenticate: async () => operator });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    mkdirSync(OUT, { recursive: true });
    for (const [name, path, ready] of [
      ['status', '/status/public', 'main'],
      ['dashboard', '/dashboard', 'figure.chart canvas'],
      ['plan-register', '/dashboard/plan', 'figure[data-progress] canvas'],
      ['login', '/login', 'form'],
    ] as const) {
      await page.goto(server.url + path);
      await page.waitForSelector(ready, { timeout: 10_000 });
      const file = join(OUT, `${name}.png`);
      await page.screenshot({ path: file, type: 'png' });
      console.log(`${file}: ${Math.round(statSync(file).size / 1024)} KB`);
    }
  } finally {
    await browser.close();
    await server.close();
    await store.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
