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

  /**
   * luxon's minus({ days, hours }) with §1.2's rule for a wall-clock time that occurs twice (its
   * first occurrence; luxon keeps the starting instant's offset): every instant showing luxon's
   * wall-clock time, with each offset in force within 3 hours of it, and the earliest one.
   */
  const contractMinus = (ms: number, days: number, hours: number, zone: string): number => {
    if (days === 0) return ms - hours * 3_600_000;
    const shifted = DateTime.fromMillis(ms, { zone }).minus({ days });
    const wall = shifted.toMillis() + shifted.offset * 60_000;
    let first = shifted.toMillis();
    for (const probe of [first - 3 * 3_600_000, first + 3 * 3_600_000]) {
      const offset = DateTime.fromMillis(probe, { zone }).offset;
      const candidate = wall - offset * 60_000;
      if (candidate < first && DateTime.fromMillis(candidate, { zone }).offset === offset) first = candidate;
    }
    return first - hours * 3_600_000;
  };

  it('the oracle: luxon gives the second occurrence of a repeated time, §1.2 the first', () => {
    const start = Date.parse('2027-11-01T01:30:00Z'); // 02:30 CET, the day after the change
    expect(DateTime.fromMillis(start, { zone: 'Europe/Paris' }).minus({ days: 1 }).toMillis()).toBe(Date.parse('2027-10-31T01:30:00Z'));
    expect(contractMinus(start, 1, 0, 'Europe/Paris')).toBe(Date.parse('2027-10-31T00:30:00Z'));
  });

  // The memoised arithmetic must equal luxon's DateTime.minus to the millisecond (with §1.2's first occurrence).
  it.each(['Europe/Paris', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata'])('equals luxon minus({days, hours}) in %s', (zone) => {
    const clock = new ZoneClock(zone);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2029-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 100 }),
        (ms, days, hours) => {
          expect(clock.minusDaysHours(ms, days, hours)).toBe(contractMinus(ms, days, hours, zone));
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

describe('parseInstant fast path', () => {
  // The general path alone (what parseInstant did before its fast path for canonical UTC strings).
  const general = (value: string): number => {
    const text = value.trim();
    if (/(Z|[+-]\d\d(:?\d\d)?)$/i.test(text)) {
      const ms = Date.parse(text);
      if (!Number.isNaN(ms)) return ms;
    }
    const parsed = DateTime.fromISO(text, { zone: 'utc' });
    return parsed.isValid ? parsed.toMillis() : NaN;
  };
  const two = (n: number) => String(n).padStart(2, '0');
  const isoLike = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.integer({ min: 0, max: 61 }),
      fc.option(fc.integer({ min: 0, max: 999 })),
      fc.constantFrom('Z', 'z', '+02:00', ''),
    )
    .map(([y, mo, d, h, mi, s, ms, zone]) => `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${ms === null ? '' : `.${String(ms).padStart(3, '0')}`}${zone}`);
  it('gives what the general path gives, on ISO-like strings in and out of range', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          isoLike,
          fc.string(),
          isoLike.map((s) => ` ${s}`),
          isoLike.map((s) => s.replace('T', ' ')),
        ),
        (text) => {
          expect(Object.is(parseInstant(text), general(text))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
    expect(parseInstant('2027-04-31T10:00:00.000Z')).toBe(Date.parse('2027-04-31T10:00:00.000Z'));
    expect(parseInstant('2027-10-12T24:00:00.000Z')).toBe(Date.parse('2027-10-12T24:00:00.000Z'));
    expect(parseInstant('0099-10-12T18:00:00Z')).toBe(Date.parse('0099-10-12T18:00:00Z'));
  });
});
