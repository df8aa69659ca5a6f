import { describe, expect, it } from 'vitest';
import { dayAfter, stockholmMidnight } from './current.js';

describe('stockholmMidnight', () => {
  it('is 23:00 UTC the day before in winter and 22:00 in summer', () => {
    expect(stockholmMidnight('2026-01-12').toISOString()).toBe('2026-01-11T23:00:00.000Z');
    expect(stockholmMidnight('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('takes the offset of midnight itself on the days the clocks change', () => {
    // Summer time starts at 02:00 on 29 March 2026 and ends at 03:00 on 25 October 2026: the day's
    // noon has the other offset than its midnight.
    expect(stockholmMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(stockholmMidnight('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(stockholmMidnight('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(stockholmMidnight('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('bounds a day with the next one across a month and a year', () => {
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
  });
});
