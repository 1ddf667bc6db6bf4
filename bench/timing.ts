// probe/login-timing's statistics against a loopback login endpoint: how many requests it
// needs to detect a 2 ms gap between a known and an unknown account at α = 0.01, and how
// often it raises a false alarm when there is no gap. Every run is bounded by maxRequests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { planSchema } from '../src/plan/schema.js';
import { HttpClient } from '../src/targets/http/client.js';
import { DEFAULT_LOGIN_TIMING_OPTIONS, runLoginTimingProbe, type LoginTimingConfig } from '../src/targets/probe/login-timing.js';
import { median } from '../src/targets/probe/timing-stats.js';

const DETECTION_RUNS = Number(process.env.BENCH_DETECTION_RUNS ?? 20);
const NULL_RUNS = Number(process.env.BENCH_NULL_RUNS ?? 200);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 2);
const MAX_REQUESTS = 400;
const ALPHA = 0.01;

async function loginServer(gapMs: number): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { email } = JSON.parse(body) as { email: string };
      const answer = () => response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid credentials"}');
      if (email === 'alice@example.test' && gapMs > 0) setTimeout(answer, gapMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const site = planSchema.parse({ targets: { sites: [{ url: 'http://127.0.0.1/', probes: { loginTiming: { path: '/login', knownUser: 'alice@example.test', maxRequests: MAX_REQUESTS } } }] } }).targets.sites[0]!;
const config: LoginTimingConfig = site.probes.loginTiming!;

async function run(origin: string, seed: number) {
  const client = new HttpClient({ connectionsPerHost: 6, timeoutMs: 10_000 });
  try {
    return await runLoginTimingProbe((path, init) => client.send(new URL(path, origin).toString(), init), config, { ...DEFAULT_LOGIN_TIMING_OPTIONS, alpha: ALPHA, seed });
  } finally {
    await client.close();
  }
}

const started = performance.now();
const gap = await loginServer(GAP_MS);
const needed: number[] = [];
let detected = 0;
let maxSent = 0;
for (let i = 0; i < DETECTION_RUNS; i++) {
  const outcome = await run(gap.origin, 1000 + i);
  maxSent = Math.max(maxSent, outcome.requests);
  if (outcome.decision === 'different') detected += 1;
  // An undetected run counts as needing more than the budget.
  needed.push(outcome.decision === 'different' ? outcome.requests : Infinity);
}
await gap.close();
console.log(
  `detection: ${GAP_MS} ms gap, alpha ${ALPHA}, maxRequests ${MAX_REQUESTS}: median ${median(needed)} requests over ${DETECTION_RUNS} runs ` +
    `(detected in ${detected}/${DETECTION_RUNS}; min ${Math.min(...needed)}, max ${Math.max(...needed)}; target <= 400)`,
);

const none = await loginServer(0);
let alarms = 0;
let equivalent = 0;
let requestsTotal = 0;
for (let i = 0; i < NULL_RUNS; i++) {
  const outcome = await run(none.origin, 5000 + i);
  maxSent = Math.max(maxSent, outcome.requests);
  requestsTotal += outcome.requests;
  if (outcome.decision === 'different') alarms += 1;
  if (outcome.decision === 'equivalent') equivalent += 1;
}
await none.close();
console.log(
  `false positives: no gap, alpha ${ALPHA}: ${alarms}/${NULL_RUNS} runs = ${((alarms / NULL_RUNS) * 100).toFixed(1)}% (target <= 1%); ` +
    `${equivalent} ended early as equivalent, mean ${Math.round(requestsTotal / NULL_RUNS)} requests per run`,
);
console.log(`bounded: at most ${maxSent} requests in any run (maxRequests ${MAX_REQUESTS}); ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
