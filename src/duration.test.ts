import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, parseDuration } from './duration.js';

describe('durations', () => {
  it('reads every unit', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('30d')).toBe(2_592_000_000);
    expect(parseDuration('2w')).toBe(1_209_600_000);
  });
  it('rejects what is not a duration', () => {
    for (const text of ['60', 's', '10 min', '-5s', '1h30m']) expect(parseDuration(text)).toBeUndefined();
  });
  it('formats the shortest exact unit', () => {
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(1_500)).toBe('1500ms');
  });
});

describe('elapsed time', () => {
  it('reads like a person would say it', () => {
    expect(formatElapsed(45_400)).toBe('45s');
    expect(formatElapsed(250_000)).toBe('4m 10s');
    expect(formatElapsed(120_000)).toBe('2m');
    expect(formatElapsed(3 * 3_600_000 + 5 * 60_000)).toBe('3h 5m');
    expect(formatElapsed(2 * 86_400_000 + 4 * 3_600_000 + 99_000)).toBe('2d 4h');
  });
});
