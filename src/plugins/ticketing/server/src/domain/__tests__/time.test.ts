import fc from 'fast-check';
import { DateTime } from 'luxon';
import { ZoneClock, parseInstant, requireInstant } from '../time';

describe('ZoneClock', () => {
  const paris = new ZoneClock('Europe/Paris');

  it('keeps the wall clock across DST for days, elapsed time for hours (docs/sales-rules.md §3)', () => {
    const start = Date.parse('2027-03-30T18:00:00Z');
    expect(new Date(paris.minusDaysHours(start, 3, 0)).toISOString()).toBe('2027-03-27T19:00:00.000Z');
    expect(new Date(paris.minusDaysHours(start, 0, 72)).toISOString()).toBe('2027-03-27T18:00:00.000Z');
  });

  it('autumn change: 1 day before a Sunday-evening performance after the change', () => {
    const start = Date.parse('2027-11-01T19:00:00Z'); // 20:00 CET, change on 2027-10-31
    expect(new Date(paris.minusDaysHours(start, 1, 0)).toISOString()).toBe('2027-10-31T19:00:00.000Z');
    expect(new Date(paris.minusDaysHours(start, 2, 0)).toISOString()).toBe('2027-10-30T18:00:00.000Z');
  });

  it('endOfLocalDay is local midnight after the start day', () => {
    expect(new Date(paris.endOfLocalDay(Date.parse('2027-10-12T18:00:00Z'))).toISOString()).toBe('2027-10-12T22:00:00.000Z');
    expect(new Date(paris.endOfLocalDay(Date.parse('2027-01-12T23:30:00Z'))).toISOString()).toBe('2027-01-13T23:00:00.000Z');
  });

  it('rejects unknown zones', () => {
    expect(() => new ZoneClock('Mars/Olympus')).toThrow(RangeError);
  });

  // The memoised arithmetic must equal luxon's DateTime.minus to the millisecond.
  it.each(['Europe/Paris', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata'])('equals luxon minus({days, hours}) in %s', (zone) => {
    const clock = new ZoneClock(zone);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2029-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 100 }),
        (ms, days, hours) => {
          const expected = DateTime.fromMillis(ms, { zone }).minus({ days, hours }).toMillis();
          expect(clock.minusDaysHours(ms, days, hours)).toBe(expected);
          const midnight = DateTime.fromMillis(ms, { zone }).startOf('day').plus({ days: 1 }).toMillis();
          expect(clock.endOfLocalDay(ms)).toBe(midnight);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('parseInstant', () => {
  it('reads ISO with or without a zone (bare = UTC), Date and epoch ms', () => {
    expect(parseInstant('2027-10-12T18:00:00Z')).toBe(Date.UTC(2027, 9, 12, 18));
    expect(parseInstant('2027-10-12T20:00:00+02:00')).toBe(Date.UTC(2027, 9, 12, 18));
    expect(parseInstant('2027-10-12T18:00:00')).toBe(Date.UTC(2027, 9, 12, 18));
    expect(parseInstant(new Date(Date.UTC(2027, 0, 1)))).toBe(Date.UTC(2027, 0, 1));
    expect(parseInstant(5)).toBe(5);
    expect(parseInstant('not a date')).toBeNaN();
    expect(parseInstant(null)).toBeNaN();
  });
  it('requireInstant throws on bad input', () => {
    expect(() => requireInstant('yesterday')).toThrow(RangeError);
  });
});
