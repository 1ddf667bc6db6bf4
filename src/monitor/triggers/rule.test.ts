import { describe, expect, it } from 'vitest';
import { parseTriggerRule } from './rule.js';

const MIN = 60_000;

describe('parseTriggerRule', () => {
  it('reads every metric and comparison', () => {
    expect(parseTriggerRule('p99 > 500ms for 10m')).toEqual({
      rule: { metric: 'p99', op: '>', threshold: 500, windowMs: 10 * MIN, thresholdText: '500ms', windowText: '10m' },
    });
    expect(parseTriggerRule('error_rate >= 5% for 5m')).toEqual({
      rule: { metric: 'error_rate', op: '>=', threshold: 5, windowMs: 5 * MIN, thresholdText: '5%', windowText: '5m' },
    });
    const cases: [string, string, string, number, number][] = [
      ['p50 <= 1.5s for 1h', 'p50', '<=', 1500, 3_600_000],
      ['p90 < 250ms for 30s', 'p90', '<', 250, 30_000],
      ['p95 > 1s for 15m', 'p95', '>', 1000, 15 * MIN],
      ['avg >= 200ms for 2m', 'avg', '>=', 200, 2 * MIN],
      ['max > 2s for 1d', 'max', '>', 2000, 86_400_000],
      ['error_rate < 0.5% for 1h', 'error_rate', '<', 0.5, 3_600_000],
      ['  p99>500ms   for 10m  ', 'p99', '>', 500, 10 * MIN],
      ['error_rate>=100% for 1m', 'error_rate', '>=', 100, MIN],
    ];
    for (const [text, metric, op, threshold, windowMs] of cases)
      expect(parseTriggerRule(text), text).toMatchObject({ rule: { metric, op, threshold, windowMs } });
  });

  it('names the column of what is wrong', () => {
    const cases: [string, number, string][] = [
      ['', 1, 'expected a metric (p50, p90, p95, p99, avg, max or error_rate), e.g. "p99 > 500ms for 10m"'],
      ['p98 > 500ms for 10m', 1, 'unknown metric "p98"; use p50, p90, p95, p99, avg, max or error_rate'],
      ['  latency > 500ms for 10m', 3, 'unknown metric "latency"; use p50, p90, p95, p99, avg, max or error_rate'],
      ['  p99  ', 6, 'expected a comparison (>, >=, < or <=) after p99'],
      ['p99 = 500ms for 10m', 5, 'expected a comparison (>, >=, < or <=), got "="'],
      ['p99 => 500ms for 10m', 5, 'expected a comparison (>, >=, < or <=), got "=>"'],
      ['p99 500ms for 10m', 5, 'expected a comparison (>, >=, < or <=), got "500ms"'],
      ['p99 >', 6, 'expected a latency such as 500ms after >'],
      ['p99 > for 10m', 7, 'p99 is compared with a latency such as 500ms, got "for"'],
      ['p99 > 500 for 10m', 7, 'p99 is compared with a latency such as 500ms, got "500"'],
      ['p99 > 5% for 10m', 7, 'p99 is compared with a latency such as 500ms, got "5%"'],
      ['error_rate > 500ms for 5m', 14, 'error_rate is compared with a percentage such as 5%, got "500ms"'],
      ['error_rate > 150% for 5m', 14, 'an error rate is at most 100%, got "150%"'],
      ['p99 > 500ms', 12, 'expected "for DURATION" after 500ms, e.g. "for 10m"'],
      ['p99 > 500ms during 10m', 13, 'expected "for", got "during"'],
      ['p99 > 500ms for', 16, 'expected a duration after "for", e.g. 10m'],
      ['p99 > 500ms for ten', 17, 'expected a duration such as 10m, got "ten"'],
      ['p99 > 500ms for 0s', 17, 'expected a duration such as 10m, got "0s"'],
      ['p99 > 500ms for 10m please', 21, 'unexpected "please" after the duration'],
      ['p99 > 500ms for 10m!', 20, 'unexpected "!" after the duration'],
    ];
    for (const [text, column, message] of cases) expect(parseTriggerRule(text), text).toEqual({ error: { column, message } });
  });
});
