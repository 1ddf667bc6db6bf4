/** Commits and compacts in a loop until it is killed (the crash test's victim); prints "ready" after the first round. */
import { openStore } from './open.js';

const path = process.argv[2]!;
const store = await openStore({ sqlite: path });
await store.migrate();
const keepAll = { raw: 1e12, minute: 1e12, hour: 1e12, day: 1e12 };
for (let round = 0; ; round++) {
  const at = Date.UTC(2026, 0, 5) + round * 60_000;
  const samples = Array.from({ length: 2000 }, (_, i) => ({ monitor: `m${i % 50}`, at: at + i, ok: i % 13 !== 0, latencyMs: 1 + (i % 300), reason: 'down' }));
  await store.commit({ samples, states: [], opened: [], closed: [], alerts: [{ channel: 'slack', event: { key: `e${round}`, kind: 'incident.opened', monitor: 'm0', at, title: 't', reason: 'r', dedupKey: 'd', target: 'x' } }] });
  if (round % 2 === 1) await store.compact(at, keepAll);
  if (round === 1) console.log('ready');
}
