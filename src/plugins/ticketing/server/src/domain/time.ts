/**
 * Time rules of the engine (docs/sales-rules.md §1.2), in the institution time zone.
 *
 * Zone rules come from luxon. Compiling a season evaluates tens of thousands of relative
 * rules, and `DateTime#minus` costs several microseconds each (it asks Intl for the zone
 * offset two or three times), so `ZoneClock` reproduces luxon's own wall-clock arithmetic
 * (`adjustTime` + `fixOffset`) over a memoised `IANAZone#offset`. The result is the same as
 * `DateTime.fromMillis(t, { zone }).minus({ days, hours })` to the millisecond: a property
 * test in __tests__/time.test.ts checks this against luxon across DST changes.
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
  const text = value.trim();
  if (HAS_ZONE_DESIGNATOR.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  const parsed = DateTime.fromISO(text, { zone: 'utc' });
  return parsed.isValid ? parsed.toMillis() : NaN;
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

/** Wall-clock arithmetic in one IANA zone, luxon-exact, memoised. */
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
   * elapsed hours: luxon's `minus({ days, hours })`. Days first, hours second, as the
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

  /** luxon's fixOffset: the UTC instant of local wall-clock `localTs`, guessing offset `o`. */
  private fixOffset(localTs: number, o: number): number {
    let utcGuess = localTs - o * MS_PER_MINUTE;
    const o2 = this.offset(utcGuess);
    if (o === o2) return utcGuess;
    utcGuess -= (o2 - o) * MS_PER_MINUTE;
    const o3 = this.offset(utcGuess);
    if (o2 === o3) return utcGuess;
    // A wall-clock time inside a DST gap: luxon moves it forward by the gap.
    return localTs - Math.min(o2, o3) * MS_PER_MINUTE;
  }
}
