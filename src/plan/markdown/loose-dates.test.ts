import { describe, expect, it } from 'vitest';
import { dateOrderOf, findDates } from './loose-dates.js';

const dates = (text: string, order?: 'day-first' | 'month-first') => findDates(text, order).dates.map((found) => found.date);

describe('dates as trackers write them', () => {
  it.each([
    ['(2026-04-24)', '2026-04-24'], ['(Apr 24, 2026)', '2026-04-24'], ['April 24th, 2026', '2026-04-24'], ['24 April 2026', '2026-04-24'],
    ['24-Apr-2026', '2026-04-24'], ['(24/04/2026)', '2026-04-24'], ['04/24/2026', '2026-04-24'], ['24.04.2026', '2026-04-24'],
    ['2026/04/24', '2026-04-24'], ['04/04/2026', '2026-04-04'], ['delivered 14/03/2026.', '2026-03-14'], ['12/Feb/26', '2026-02-12'],
  ])('%s → %s', (text, date) => expect(dates(text)).toEqual([date]));

  it('reads 04/05/2026 the way the rest of the tracker writes dates, and leaves it out when nothing says', () => {
    expect(dates('04/05/2026', 'day-first')).toEqual(['2026-05-04']);
    expect(dates('04/05/2026', 'month-first')).toEqual(['2026-04-05']);
    expect(findDates('04/05/2026', undefined)).toEqual({
      dates: [],
      problems: [{ text: '04/05/2026', message: '04/05/2026 could be day/month or month/day and no other date in the tracker says which; left out (write 2026-MM-DD)' }],
    });
  });

  it('says which way a document writes numeric dates', () => {
    expect(dateOrderOf('found 24/04/2026, fixed 02/05/2026')).toBe('day-first');
    expect(dateOrderOf('found 04/24/2026')).toBe('month-first');
    expect(dateOrderOf('01/02/2026')).toBeUndefined();
    expect(dateOrderOf('24/04/2026 and 04/24/2026')).toBeUndefined();
  });

  it('leaves out days that do not exist, and numbers that are no dates', () => {
    expect(findDates('31/02/2026', undefined).problems.map((p) => p.message)).toEqual(['31/02/2026 is not a date (February 2026 has 28 days); left out']);
    expect(dates('v1.2.3, 10.42.0.0/16, port 2026')).toEqual([]);
  });
});
