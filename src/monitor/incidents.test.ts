import { describe, expect, it } from 'vitest';
import { initialState, step, type IncidentPolicy } from './incidents.js';
import type { Incident, MonitorState, Sample } from './model.js';

const policy: IncidentPolicy = { name: 'api', confirm: 3, recover: 2, target: 'https://api.test/health' };

/** Feeds "u"/"d"/"m" (up, down, down in maintenance) one second apart; returns the incidents and alerts. */
function run(pattern: string, p: IncidentPolicy = policy) {
  let state: MonitorState = initialState(p.name);
  let open: Incident | undefined;
  const incidents: Incident[] = [];
  const events: string[] = [];
  [...pattern].forEach((c, i) => {
    const sample: Sample = { monitor: p.name, at: 1000 * (i + 1), ok: c === 'u', latencyMs: 5, ...(c !== 'u' ? { reason: `fail ${i + 1}` } : {}), ...(c === 'm' ? { maintenance: true } : {}) };
    const result = step(state, sample, p, open);
    state = result.state;
    if (result.opened) incidents.push((open = result.opened));
    if (result.closed) {
      incidents[incidents.length - 1] = result.closed;
      open = undefined;
    }
    if (result.event) events.push(`${result.event.kind}@${result.event.at}`);
  });
  return { state, incidents, events };
}

describe('incident steps', () => {
  it('opens one incident after `confirm` failures in a row, keeping the first failing sample', () => {
    const { incidents, events, state } = run('uudddddd');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ key: 'api@5000', openedAt: 5000, closedAt: null, reason: 'fail 5', firstFailure: { at: 3000, reason: 'fail 3' } });
    expect(events).toEqual(['incident.opened@5000']);
    expect(state).toMatchObject({ consecutiveFailures: 6, openIncident: 'api@5000' });
  });

  it('does not open on fewer failures than confirm (flapping stays quiet)', () => {
    expect(run('ddudduddudd').incidents).toHaveLength(0);
  });

  it('closes after `recover` successes in a row, with the outage length in the alert', () => {
    const { incidents, events } = run('dddudduu');
    expect(events).toEqual(['incident.opened@3000', 'incident.resolved@8000']);
    expect(incidents).toEqual([expect.objectContaining({ openedAt: 3000, closedAt: 8000 })]);
  });

  it('a failure between successes restarts the recovery count', () => {
    expect(run('ddduduudu', { ...policy, recover: 3 }).events).toEqual(['incident.opened@3000']);
  });

  it('ignores failures in maintenance, but a recovery there still closes the incident', () => {
    expect(run('mmmmmm').incidents).toHaveLength(0);
    expect(run('ddmdmd').events).toEqual([]);
    expect(run('ddduumm').events).toEqual(['incident.opened@3000', 'incident.resolved@5000']);
    // A failure in maintenance also breaks a run of successes towards recovery.
    expect(run('dddumuu', { ...policy, recover: 3 }).events).toEqual(['incident.opened@3000']);
    expect(run('dddumuuu', { ...policy, recover: 3 }).events).toEqual(['incident.opened@3000', 'incident.resolved@8000']);
  });

  it('names the alerts after the incident, so a replay produces the same keys', () => {
    let state = initialState('api');
    const sample = (at: number): Sample => ({ monitor: 'api', at, ok: false, latencyMs: 1, reason: 'status == 200: got 503' });
    const first = step(state, sample(1), { ...policy, confirm: 1 }, undefined);
    state = first.state;
    expect(first.event).toEqual({
      key: 'incident:api@1:opened',
      kind: 'incident.opened',
      monitor: 'api',
      at: 1,
      title: 'api is down',
      reason: 'status == 200: got 503',
      dedupKey: 'incident:api@1',
      target: 'https://api.test/health',
    });
    const resolved = step(step(state, { monitor: 'api', at: 61_001, ok: true, latencyMs: 1 }, policy, first.opened).state, { monitor: 'api', at: 120_001, ok: true, latencyMs: 1 }, policy, first.opened);
    expect(resolved.event).toMatchObject({ key: 'incident:api@1:resolved', title: 'api is up again after 2m', dedupKey: 'incident:api@1' });
  });
});
