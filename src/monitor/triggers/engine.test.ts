import { describe, expect, it } from 'vitest';
import type { Trigger } from '../schema.js';
import type { Sample } from '../model.js';
import { TriggerEngine, type TriggerTransition } from './engine.js';
import { TRIGGER_MAX_SAMPLES } from './window.js';

const MIN = 60_000;

function up(at: number, latencyMs: number, monitor = 'api-health'): Sample {
  return { monitor, at, ok: true, latencyMs };
}
function down(at: number, extra: Partial<Sample> = {}): Sample {
  return { monitor: 'api-health', at, ok: false, latencyMs: 10_000, reason: 'timeout after 10s', ...extra };
}
function trigger(when: string, extra: Partial<Trigger> = {}): Trigger {
  return { monitor: 'api-health', when, alert: [], ...extra };
}
/** Feeds samples in order; the transitions as [at, firing, value]. */
function feed(engine: TriggerEngine, samples: Sample[]): [number, boolean, number][] {
  return samples.flatMap((sample) => engine.observe(sample)).map(brief);
}
function brief(transition: TriggerTransition): [number, boolean, number] {
  return [transition.at, transition.firing, transition.value];
}

describe('TriggerEngine', () => {
  it('fires when the window holds the condition and resolves once the slow samples leave it', () => {
    const engine = new TriggerEngine([trigger('p99 > 500ms for 10m')], { targetOf: (monitor) => `https://${monitor}.test/health` });
    expect(feed(engine, [up(0, 600), up(MIN, 600)])).toEqual([]);
    expect(engine.states()).toEqual([{ name: 'api-health:p99 > 500ms for 10m', monitor: 'api-health', firing: false, value: null }]);

    const [fired] = engine.observe(up(2 * MIN, 600));
    expect(fired).toEqual({
      trigger: { monitor: 'api-health', when: 'p99 > 500ms for 10m', alert: [], name: 'api-health:p99 > 500ms for 10m' },
      firing: true,
      value: 600,
      at: 120_000,
      event: {
        key: 'trigger:api-health:p99 > 500ms for 10m:fired@120000',
        kind: 'trigger.fired',
        monitor: 'api-health',
        at: 120_000,
        title: 'api-health: p99 600ms > 500ms over 10m',
        reason: 'p99 > 500ms for 10m (3 up samples in the last 10m)',
        dedupKey: 'trigger:api-health:p99 > 500ms for 10m',
        target: 'https://api-health.test/health',
      },
    });

    // Fast samples from 3m on; the slow one at 2m is inside (t-10m, t] until t = 12m.
    const fast = [3, 4, 5, 6, 7, 8, 9, 10, 11].map((m) => up(m * MIN, 100));
    expect(feed(engine, fast)).toEqual([]);
    expect(engine.states()[0]).toMatchObject({ firing: true, value: 600 });
    const [resolved] = engine.observe(up(12 * MIN, 100));
    expect(brief(resolved!)).toEqual([720_000, false, 100]);
    expect(resolved!.event).toMatchObject({
      key: 'trigger:api-health:p99 > 500ms for 10m:resolved@720000',
      kind: 'trigger.resolved',
      title: 'api-health: p99 100ms, no longer > 500ms over 10m',
      dedupKey: 'trigger:api-health:p99 > 500ms for 10m',
    });
  });

  it('slides the window on ticks without new samples', () => {
    const engine = new TriggerEngine([trigger('max > 1s for 5m', { name: 'slow-max' })]);
    expect(feed(engine, [up(0, 2000), up(10_000, 100), up(20_000, 100), up(30_000, 100)])).toEqual([[20_000, true, 2000]]);
    expect(engine.tick(299_999)).toEqual([]);
    const [resolved] = engine.tick(300_000);
    expect(brief(resolved!)).toEqual([300_000, false, 100]);
    expect(resolved!.event.key).toBe('trigger:slow-max:resolved@300000');
    expect(resolved!.event.title).toBe('api-health: max 100ms, no longer > 1s over 5m');
  });

  it('keeps its state while the window holds too few samples to decide', () => {
    const engine = new TriggerEngine([trigger('p50 > 1s for 1m')]);
    expect(feed(engine, [up(0, 1500), up(10_000, 1500), up(20_000, 1500)])).toEqual([[20_000, true, 1500]]);
    expect(engine.tick(70_000)).toEqual([]);
    expect(engine.states()[0]).toMatchObject({ firing: true, value: null });
    // Down samples are not latencies: two fast ups among them are still too few.
    expect(feed(engine, [down(80_000), up(90_000, 50), down(100_000), up(110_000, 50)])).toEqual([]);
    expect(feed(engine, [up(120_000, 50)])).toEqual([[120_000, false, 50]]);
  });

  it('counts the error rate over samples outside maintenance', () => {
    const engine = new TriggerEngine([trigger('error_rate > 20% for 5m')]);
    const [fired] = feed(engine, [up(0, 80), down(30_000), up(60_000, 80)]).map(([at, firing]) => [at, firing]);
    expect(fired).toEqual([60_000, true]);
    expect(engine.states()[0]!.value).toBeCloseTo(33.333333, 5);
    expect(feed(engine, [down(90_000, { maintenance: true }), down(120_000, { maintenance: true })])).toEqual([]);
    expect(feed(engine, [up(150_000, 80)])).toEqual([]);
    expect(engine.states()[0]!.value).toBe(25);
    expect(feed(engine, [up(180_000, 80)])).toEqual([[180_000, false, 20]]);
  });

  it('titles an error-rate alert in percent', () => {
    const engine = new TriggerEngine([trigger('error_rate >= 50% for 1m')]);
    const [fired] = [down(0), down(10_000), up(20_000, 40)].flatMap((sample) => engine.observe(sample));
    expect(fired!.event.title).toBe('api-health: error_rate 66.67% >= 50% over 1m');
    expect(fired!.event.reason).toBe('error_rate >= 50% for 1m (2 of 3 samples down in the last 1m)');
  });

  it('compares at the threshold as written', () => {
    const at100 = [up(0, 100), up(1000, 100), up(2000, 100)];
    const fires = (when: string) => feed(new TriggerEngine([trigger(when)]), at100).length === 1;
    expect(fires('p50 > 100ms for 1m')).toBe(false);
    expect(fires('p50 >= 100ms for 1m')).toBe(true);
    expect(fires('p50 < 100ms for 1m')).toBe(false);
    expect(fires('p50 <= 100ms for 1m')).toBe(true);
    expect(fires('avg < 101ms for 1m')).toBe(true);
  });

  it('reads quantiles by nearest rank over the up samples in the window', () => {
    const rules = ['p50', 'p90', 'p95', 'p99', 'avg', 'max'].map((metric) => trigger(`${metric} > 1h for 1h`, { name: metric }));
    const engine = new TriggerEngine(rules);
    // 1..20 × 10ms, shuffled, and down samples that must not count.
    const order = [7, 3, 19, 1, 12, 20, 5, 14, 9, 2, 16, 11, 18, 4, 8, 13, 6, 17, 10, 15];
    feed(engine, order.map((n, i) => up(i * 1000, n * 10)));
    feed(engine, [down(30_000), down(31_000)]);
    expect(Object.fromEntries(engine.states().map((state) => [state.name, state.value]))).toEqual({ p50: 100, p90: 180, p95: 190, p99: 200, avg: 105, max: 200 });
  });

  it('routes samples to their monitor and ignores samples older than the window', () => {
    const engine = new TriggerEngine([trigger('max > 1s for 1m'), trigger('max > 1s for 1m', { monitor: 'db' })]);
    expect(feed(engine, [up(0, 5000, 'db'), up(1000, 5000, 'db'), up(100_000, 10), up(100_000, 10), up(101_000, 10)])).toEqual([]);
    expect(feed(engine, [up(20_000, 5000)])).toEqual([]);
    expect(feed(engine, [up(2000, 5000, 'db')])).toEqual([[2000, true, 5000]]);
    expect(engine.states().map((state) => [state.monitor, state.firing, state.value])).toEqual([
      ['api-health', false, 10],
      ['db', true, 5000],
    ]);
    expect(feed(engine, [up(3000, 1, 'other')])).toEqual([]);
  });

  it('keeps at most TRIGGER_MAX_SAMPLES per trigger, dropping the oldest', () => {
    const engine = new TriggerEngine([trigger('max > 1s for 1w')]);
    const transitions = feed(engine, [up(0, 5000), ...Array.from({ length: TRIGGER_MAX_SAMPLES }, (_, i) => up(i + 1, 10))]);
    expect(transitions).toEqual([
      [2, true, 5000],
      [TRIGGER_MAX_SAMPLES, false, 10],
    ]);
  });

  it('refuses a rule that does not parse', () => {
    expect(() => new TriggerEngine([trigger('p99 > 500 for 10m')])).toThrow(
      'trigger "p99 > 500 for 10m" on api-health, column 7: p99 is compared with a latency such as 500ms, got "500"',
    );
  });
});
