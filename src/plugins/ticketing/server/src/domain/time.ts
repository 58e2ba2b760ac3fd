/**
 * Time rules of the engine (docs/sales-rules.md §1.2), in the institution time zone.
 *
 * Zone rules come from luxon. Compiling a season evaluates tens of thousands of relative
 * rules, and `DateTime#minus` costs several microseconds each (it asks Intl for the zone
 * offset two or three times), so `ZoneClock` reproduces luxon's own wall-clock arithmetic
 * (`adjustTime` + `fixOffset`) over a memoised `IANAZone#offset`. The result is the same as
 * `DateTime.fromMillis(t, { zone }).minus({ days, hours })` to the millisecond, except for a
 * wall-clock time that occurs twice (autumn), where §1.2 takes the first occurrence and luxon
 * the one with the performance's own offset: a property test in __tests__/time.test.ts checks
 * this against luxon across DST changes.
 */
import { DateTime, IANAZone } from 'luxon';

/** An instant accepted at the public entry points. Internally everything is epoch ms (UTC). */
export type InstantInput = number | Date | string;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** UTC days cached densely by ZoneClock.offset: 1970-01-01 .. 2149-06-06. */
const DENSE_DAYS = 65_536;
/** Offsets change on quarter-hour boundaries in every modern IANA zone. */
const OFFSET_BUCKET_MS = 15 * MS_PER_MINUTE;
/**
 * A wall-clock time repeated when the clocks go back occurs twice, as far apart as the size of
 * the shift (one hour almost everywhere; three at most in the tz database since 1970, e.g.
 * Antarctica/Casey in 2010), so its first occurrence is found by looking this far back.
 */
const REPEAT_WINDOW_MS = 3 * MS_PER_HOUR;

const HAS_ZONE_DESIGNATOR = /(Z|[+-]\d\d(:?\d\d)?)$/i;

/**
 * Parses an instant. ISO strings without a zone designator are read as UTC, since the
 * model stores every instant in UTC (a bare local time would depend on the server's zone).
 * Returns NaN for anything unreadable: callers turn that into a reason or a problem.
 */
export function parseInstant(value: InstantInput | null | undefined): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    const fast = parseCanonicalUtc(value);
    if (!Number.isNaN(fast)) return fast;
  }
  const text = value.trim();
  if (HAS_ZONE_DESIGNATOR.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  const parsed = DateTime.fromISO(text, { zone: 'utc' });
  return parsed.isValid ? parsed.toMillis() : NaN;
}

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
const digits = (s: string, i: number, n: number): number => {
  let v = 0;
  for (let k = 0; k < n; k++) v = v * 10 + digit(s, i + k);
  return v;
};

/**
 * `YYYY-MM-DDTHH:mm:ssZ` or `YYYY-MM-DDTHH:mm:ss.sssZ` (how Strapi stores instants), without a
 * regular expression nor Date.parse: compiling parses 10⁵ of them. NaN for anything else (the
 * general path then decides). Only fields where Date.UTC and Date.parse agree are accepted:
 * year ≥ 1000, month 1–12, day 1–31 (both roll an April 31 over to May 1), hour ≤ 23.
 */
/**
 * parseCanonicalUtc into out[i]; false (out untouched) when `s` is not in the canonical form.
 * Integer arithmetic only (no Date.UTC, whose result is an allocated number).
 */
export function parseCanonicalUtcInto(s: string, out: Float64Array, i: number): boolean {
  const len = s.length;
  if ((len !== 20 && len !== 24) || s.charCodeAt(len - 1) !== 90 /* Z */) return false;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  let ms = 0;
  if (len === 24) {
    if (s.charCodeAt(19) !== 46 /* . */) return false;
    ms = digits(s, 20, 3);
  }
  // NaN fails every comparison. Only fields where Date.UTC and Date.parse agree (see below).
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return false;
  out[i] = daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + ms;
  return true;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (a day past the month's end rolls over, as Date.UTC does). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const canonical = new Float64Array(1);

/**
 * `YYYY-MM-DDTHH:mm:ssZ` or `YYYY-MM-DDTHH:mm:ss.sssZ` (how Strapi stores instants), without a
 * regular expression nor Date.parse: compiling parses 10⁵ of them. NaN for anything else (the
 * general path then decides). Only fields where Date.UTC and Date.parse agree are accepted:
 * year ≥ 1000, month 1–12, day 1–31 (both roll an April 31 over to May 1), hour ≤ 23.
 */
function parseCanonicalUtc(s: string): number {
  return parseCanonicalUtcInto(s, canonical, 0) ? canonical[0] : NaN;
}

/** Like parseInstant, but throws: for the `at` of a question, where a bad value is a caller bug. */
export function requireInstant(value: InstantInput, name = 'at'): number {
  const ms = parseInstant(value);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid instant for "${name}": ${String(value)}`);
  return ms;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

const clocks = new Map<string, ZoneClock>();

/** Wall-clock arithmetic in one IANA zone (luxon's, with §1.2's rule for repeated times), memoised. */
export class ZoneClock {
  readonly zoneName: string;
  private readonly zone: IANAZone;
  /**
   * Per UTC day: the offset when it is the same at both ends of the day, else NaN. Days
   * 0 .. DENSE_DAYS (1970–2149) in a typed array (compiling looks one up several times per
   * relative rule); other days in a map.
   */
  private readonly denseDays = new Float64Array(DENSE_DAYS).fill(Number.NEGATIVE_INFINITY);
  private readonly dayOffsets = new Map<number, number>();
  private readonly offsets = new Map<number, number>();
  private readonly dayEnds = new Map<number, number>();
  /** endOfLocalDay by local day 0 .. DENSE_DAYS (NaN: not computed yet). */
  private readonly denseDayEnds = new Float64Array(DENSE_DAYS).fill(Number.NaN);

  /** One clock per zone, shared by every snapshot: zone rules do not change while we run. */
  static for(zoneName: string): ZoneClock {
    let clock = clocks.get(zoneName);
    if (!clock) {
      clock = new ZoneClock(zoneName);
      clocks.set(zoneName, clock);
    }
    return clock;
  }

  constructor(zoneName: string) {
    if (!IANAZone.isValidZone(zoneName)) throw new RangeError(`Unknown time zone: ${zoneName}`);
    this.zoneName = zoneName;
    this.zone = IANAZone.create(zoneName);
  }

  /** Offset from UTC in minutes at instant `ms`. */
  offset(ms: number): number {
    // A UTC day whose two ends have the same offset has no transition (zones change at
    // most once a day), so most instants are answered by one lookup per day. (Kept small:
    // compiling calls it a million times, and it must be inlined.)
    const day = Math.floor(ms / MS_PER_DAY);
    if (day >= 0 && day < DENSE_DAYS) {
      const known = this.denseDays[day];
      if (known !== Number.NEGATIVE_INFINITY && !Number.isNaN(known)) return known;
    }
    return this.offsetSlow(ms, day);
  }

  private offsetSlow(ms: number, day: number): number {
    const dense = day >= 0 && day < DENSE_DAYS;
    let dayOffset = dense ? this.denseDays[day] : this.dayOffsets.get(day);
    if (dayOffset === undefined || dayOffset === Number.NEGATIVE_INFINITY) {
      const start = this.zone.offset(day * MS_PER_DAY);
      dayOffset = start === this.zone.offset((day + 1) * MS_PER_DAY - 1) ? start : Number.NaN;
      if (dense) this.denseDays[day] = dayOffset;
      else this.dayOffsets.set(day, dayOffset);
    }
    if (!Number.isNaN(dayOffset)) return dayOffset;
    const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
    let minutes = this.offsets.get(bucket);
    if (minutes === undefined) {
      minutes = this.zone.offset(bucket * OFFSET_BUCKET_MS);
      this.offsets.set(bucket, minutes);
    }
    return minutes;
  }

  /**
   * `ms` minus `days` calendar days (wall clock kept, in this zone) then minus `hours`
   * elapsed hours: luxon's `minus({ days, hours })`, except that a wall-clock time occurring
   * twice (autumn) is its first occurrence (§1.2). Days first, hours second, as the
   * contract's DST example requires (3 days keeps 20:00; 72 hours gives 19:00).
   */
  minusDaysHours(ms: number, days: number, hours: number): number {
    let ts = ms;
    if (days !== 0) {
      const o = this.offset(ms);
      ts = this.fixOffset(ms + o * MS_PER_MINUTE - days * MS_PER_DAY, o);
    }
    return ts - hours * MS_PER_HOUR;
  }

  /** minusDaysHours of from[j], written to out[i] (the compile loop: no double crosses a call). */
  minusDaysHoursInto(from: Float64Array, j: number, days: number, hours: number, out: Float64Array, i: number): void {
    const ms = from[j];
    let ts = ms;
    if (days !== 0) {
      const o = this.offset(ms);
      ts = this.fixOffset(ms + o * MS_PER_MINUTE - days * MS_PER_DAY, o);
    }
    out[i] = ts - hours * MS_PER_HOUR;
  }

  /** endOfLocalDay of from[j], written to out[i] (the compile loop: no double crosses a call). */
  endOfLocalDayInto(from: Float64Array, j: number, out: Float64Array, i: number): void {
    const ms = from[j];
    const localDay = Math.floor((ms + this.offset(ms) * MS_PER_MINUTE) / MS_PER_DAY);
    if (localDay >= 0 && localDay < DENSE_DAYS && !Number.isNaN(this.denseDayEnds[localDay])) out[i] = this.denseDayEnds[localDay];
    else out[i] = this.endOfLocalDaySlow(ms, localDay);
  }

  /** Local midnight at the end of the local day containing `ms` ("the performance is over"). */
  endOfLocalDay(ms: number): number {
    const localDay = Math.floor((ms + this.offset(ms) * MS_PER_MINUTE) / MS_PER_DAY);
    if (localDay >= 0 && localDay < DENSE_DAYS) {
      const known = this.denseDayEnds[localDay];
      if (!Number.isNaN(known)) return known;
    }
    return this.endOfLocalDaySlow(ms, localDay);
  }

  private endOfLocalDaySlow(ms: number, localDay: number): number {
    const dense = localDay >= 0 && localDay < DENSE_DAYS;
    let end = dense ? this.denseDayEnds[localDay] : this.dayEnds.get(localDay);
    if (end === undefined || Number.isNaN(end)) {
      // Few distinct days per season: plain luxon, memoised per local day.
      end = DateTime.fromMillis(ms, { zone: this.zone }).startOf('day').plus({ days: 1 }).toMillis();
      if (dense) this.denseDayEnds[localDay] = end;
      else this.dayEnds.set(localDay, end);
    }
    return end;
  }

  /**
   * The UTC instant of local wall-clock `localTs`, guessing offset `o` (luxon's fixOffset, then
   * §1.2's rule for a repeated wall-clock time). A time inside a DST gap moves forward by the gap
   * (02:30 → 03:30, as luxon does).
   */
  private fixOffset(localTs: number, o: number): number {
    let utcGuess = localTs - o * MS_PER_MINUTE;
    const o2 = this.offset(utcGuess);
    if (o === o2) return this.firstOccurrence(localTs, utcGuess, o2);
    utcGuess -= (o2 - o) * MS_PER_MINUTE;
    const o3 = this.offset(utcGuess);
    if (o2 === o3) return this.firstOccurrence(localTs, utcGuess, o2);
    return localTs - Math.min(o2, o3) * MS_PER_MINUTE;
  }

  /**
   * `found` (offset `foundOffset`) shows wall-clock `localTs`; when the clocks went back shortly
   * before it, the same wall-clock time also occurred earlier, with the larger offset in force
   * before the change: §1.2 takes that first occurrence (luxon keeps the guessed offset, so
   * from a performance after the change it would give the second one).
   */
  private firstOccurrence(localTs: number, found: number, foundOffset: number): number {
    const before = this.offset(found - REPEAT_WINDOW_MS);
    if (before > foundOffset) {
      const earlier = localTs - before * MS_PER_MINUTE;
      if (this.offset(earlier) === before) return earlier;
    }
    return found;
  }
}
