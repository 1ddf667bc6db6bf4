import { describe, expect, it } from 'vitest';
import { cronProblem, MaintenanceCalendar, windowsAhead } from './maintenance.js';

const at = (iso: string) => Date.parse(iso);

describe('maintenance windows', () => {
  // 2026-11-29 is a Sunday.
  const calendar = new MaintenanceCalendar([
    { monitors: ['api'], cron: '0 3 * * SUN', duration: 30 * 60_000, reason: 'weekly patching' },
    { monitors: ['api', 'db'], start: '2026-12-01T10:00:00Z', end: '2026-12-01T11:00:00Z' },
  ]);

  it('a recurring window covers [start, start + duration) of each cron start', () => {
    expect(calendar.active('api', at('2026-11-29T02:59:59Z'))).toBe(false);
    expect(calendar.windowAt('api', at('2026-11-29T03:00:00Z'))).toEqual({ start: at('2026-11-29T03:00:00Z'), end: at('2026-11-29T03:30:00Z'), reason: 'weekly patching' });
    expect(calendar.active('api', at('2026-11-29T03:29:59Z'))).toBe(true);
    expect(calendar.active('api', at('2026-11-29T03:30:00Z'))).toBe(false);
    expect(calendar.active('api', at('2026-12-06T03:10:00Z'))).toBe(true);
    expect(calendar.active('api', at('2026-12-07T03:10:00Z'))).toBe(false);
  });

  it('answers the same when asked out of order (the cache never lies)', () => {
    const times = ['2026-11-29T03:10:00Z', '2026-11-22T03:10:00Z', '2026-11-29T04:00:00Z', '2026-11-29T03:20:00Z', '2026-11-28T03:10:00Z'];
    expect(times.map((t) => calendar.active('api', at(t)))).toEqual([true, true, false, true, false]);
  });

  it('a one-off window applies to the monitors it names only', () => {
    expect(calendar.active('db', at('2026-12-01T10:30:00Z'))).toBe(true);
    expect(calendar.active('db', at('2026-12-01T11:00:00Z'))).toBe(false);
    expect(calendar.active('web', at('2026-12-01T10:30:00Z'))).toBe(false);
  });

  it('honours the window timezone', () => {
    const berlin = new MaintenanceCalendar([{ monitors: ['api'], cron: '0 3 * * *', duration: 60_000 * 10, timezone: 'Europe/Berlin' }]);
    expect(berlin.active('api', at('2026-11-30T02:05:00Z'))).toBe(true);
    expect(berlin.active('api', at('2026-11-30T03:05:00Z'))).toBe(false);
  });

  it('reports cron expressions it cannot read', () => {
    expect(cronProblem('0 3 * * SUN')).toBeUndefined();
    expect(cronProblem('61 3 * * *')).toMatch(/.+/);
    expect(cronProblem('0 3 * * *', 'Europe/Berlin')).toBeUndefined();
    expect(cronProblem('0 3 * * *', 'Europe/Berln')).toMatch(/.+/);
  });

  it('announces the windows under way and those starting within the span, soonest first', () => {
    const windows = [
      { monitors: ['api'], cron: '0 3 * * SUN', duration: 30 * 60_000, reason: 'weekly patching' },
      { monitors: ['api', 'db'], start: '2026-12-01T10:00:00Z', end: '2026-12-01T11:00:00Z' },
      { monitors: ['db'], start: '2026-11-01T10:00:00Z', end: '2026-11-01T11:00:00Z' },
    ];
    expect(windowsAhead(windows, at('2026-11-29T03:10:00Z'), at('2026-12-07T00:00:00Z'))).toEqual([
      { monitors: ['api'], start: at('2026-11-29T03:00:00Z'), end: at('2026-11-29T03:30:00Z'), reason: 'weekly patching' },
      { monitors: ['api', 'db'], start: at('2026-12-01T10:00:00Z'), end: at('2026-12-01T11:00:00Z'), reason: undefined },
      { monitors: ['api'], start: at('2026-12-06T03:00:00Z'), end: at('2026-12-06T03:30:00Z'), reason: 'weekly patching' },
    ]);
  });
});
