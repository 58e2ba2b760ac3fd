/** Strict instants (inputs/instant.ts): what Date.parse would roll over or shift is refused. */
import { parseStrictInstant } from '../instant';

const ms = (text: string) => {
  const r = parseStrictInstant(text);
  return r.ok ? r.ms : r.problem.en;
};

test('accepted: real dates and times, Z or an offset within ±18:00, with or without seconds and fraction', () => {
  expect(ms('2027-07-15T10:00:00Z')).toBe(Date.UTC(2027, 6, 15, 10));
  expect(ms('2027-07-15T10:00:00+02:00')).toBe(Date.UTC(2027, 6, 15, 8));
  expect(ms('2027-07-15T10:00+0200')).toBe(Date.UTC(2027, 6, 15, 8));
  expect(ms('2027-07-15T10:00:00-05')).toBe(Date.UTC(2027, 6, 15, 15));
  expect(ms('2027-07-15T10:00:00.5Z')).toBe(Date.UTC(2027, 6, 15, 10, 0, 0, 500));
  expect(ms('2027-07-15T10:00:00+18:00')).toBe(Date.UTC(2027, 6, 14, 16));
  expect(ms('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
  expect(ms('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
});

test.each([
  ['2027-02-30T10:00:00Z', '2027-02-30 is not a date'],
  ['2027-02-29T10:00:00Z', '2027-02-29 is not a date'],
  ['1900-02-29T10:00:00Z', '1900-02-29 is not a date'],
  ['2027-04-31T10:00:00Z', '2027-04-31 is not a date'],
  ['2027-13-01T10:00:00Z', 'month 13 does not exist'],
  ['2027-07-15T24:00:00Z', '24:00:00 is not a time of day'],
  ['2027-07-15T10:61:00Z', '10:61:00 is not a time of day'],
  ['2027-07-15T10:00:60Z', '10:00:60 is not a time of day'],
  ['2027-07-15T10:00:00+24:00', 'offset +24:00 is beyond ±18:00'],
  ['2027-07-15T10:00:00+18:30', 'offset +18:30 is beyond ±18:00'],
  ['2027-07-15T10:00:00+99:99', 'offset +99:99 is not a time offset'],
  ['1969-12-31T23:59:59Z', 'outside the years 1970 to 2199'],
  ['2200-01-01T00:00:00Z', 'outside the years 1970 to 2199'],
  ['2027-07-15T10:00:00+01:00 ', 'not an ISO 8601 instant'],
  ['March 7, 2027', 'not an ISO 8601 instant'],
  ['1700000000000', 'not an ISO 8601 instant'],
])('%s → %s', (text, problem) => {
  expect(ms(text)).toBe(problem);
});
