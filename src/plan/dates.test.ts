import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentTime, dateProblem, formatDate } from './dates.js';

describe('plan dates', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('knows the length of every month, leap years included', () => {
    expect(dateProblem('2026-02-28')).toBeUndefined();
    expect(dateProblem('2028-02-29')).toBeUndefined();
    expect(dateProblem('2000-02-29')).toBeUndefined();
    expect(dateProblem('2100-02-29')).toBe('February 2100 has 28 days');
    expect(dateProblem('2026-02-30')).toBe('February 2026 has 28 days');
    expect(dateProblem('2026-04-31')).toBe('April 2026 has 30 days');
    expect(dateProblem('2026-12-31')).toBeUndefined();
    expect(dateProblem('2026-06-00')).toBe('June 2026 has 30 days');
    expect(dateProblem('2026-00-10')).toBe('there is no month 0');
    expect(dateProblem('26-1-1')).toBe('expected a date as YYYY-MM-DD');
  });

  it('refuses an impossible --now or HARDEN_NOW instead of rolling it over', () => {
    expect(formatDate(currentTime('2026-02-28'))).toBe('2026-02-28');
    expect(currentTime('2026-03-01T10:30:00Z').toISOString()).toBe('2026-03-01T10:30:00.000Z');
    expect(() => currentTime('2026-02-30')).toThrow('2026-02-30 is not a date: February 2026 has 28 days');
    expect(() => currentTime('2026-02-30T10:00:00Z')).toThrow('2026-02-30T10:00:00Z is not a date: February 2026 has 28 days');
    expect(() => currentTime('yesterday')).toThrow('invalid date "yesterday"');
    vi.stubEnv('HARDEN_NOW', '2026-04-31');
    expect(() => currentTime()).toThrow('HARDEN_NOW=2026-04-31 is not a date: April 2026 has 30 days');
  });
});
