import { DateTime, IANAZone } from 'luxon';

/**
 * iCalendar (RFC 5545) text of sale openings and closings. Times are written in the institution's
 * zone (`DTSTART;TZID=Europe/Paris:…`, with the zone's VTIMEZONE so that every client reads them
 * alike) and each entry also gives the UTC instant (`X-BILLETTERIE-UTC` and the description).
 */
export interface IcsItem {
  uid: string;
  /** ISO instant. */
  at: string;
  summary: string;
  description: string[];
}

/** RFC 5545 TEXT escaping: backslash, semicolon, comma, newline. */
export const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** RFC 5545 folding: lines of at most 75 octets, continued with CRLF + one space (never splitting a UTF-8 character). */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** 20270601T080000Z */
export const icsUtc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
/** 20270601T100000 (wall clock in `zone`) */
export const icsLocal = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyyLLdd'T'HHmmss");

const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/**
 * The zone's VTIMEZONE over [from, to]: one observance per offset change found (day by day, then
 * to the minute), and the offset in force at `from` as the first one. No RRULE: exact transitions.
 */
export function vtimezone(zone: string, from: number, to: number): string[] {
  const tz = IANAZone.create(zone);
  const DAY = 86_400_000;
  const start = from - 366 * DAY;
  const end = to + 366 * DAY;
  const observance = (at: number, fromOffset: number, toOffset: number, daylight: boolean) => [
    daylight ? 'BEGIN:DAYLIGHT' : 'BEGIN:STANDARD',
    // The local time of the change, on the clock in force before it.
    `DTSTART:${icsUtc(at + fromOffset * 60_000).slice(0, -1)}`,
    `TZOFFSETFROM:${offsetText(fromOffset)}`,
    `TZOFFSETTO:${offsetText(toOffset)}`,
    `TZNAME:${DateTime.fromMillis(at, { zone }).toFormat('ZZZZ')}`,
    daylight ? 'END:DAYLIGHT' : 'END:STANDARD',
  ];
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const first = tz.offset(start);
  // The offset in force before the first change, as a standard observance starting long before.
  lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offsetText(first)}`, `TZOFFSETTO:${offsetText(first)}`, 'END:STANDARD');
  let previous = first;
  for (let day = start; day < end; day += DAY) {
    const next = tz.offset(day + DAY);
    if (next === previous) continue;
    // The change is within (day, day + DAY]: find its minute.
    let lo = day;
    let hi = day + DAY;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (tz.offset(mid) === previous) lo = mid;
      else hi = mid;
    }
    lines.push(...observance(hi, previous, next, next > previous));
    previous = next;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

export function icalendar(name: string, zone: string, items: IcsItem[]): string {
  const stamp = icsUtc(Date.now());
  const instants = items.map((i) => Date.parse(i.at));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Billetterie//Strapi ticketing plugin//FR', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(name)}`, `X-WR-TIMEZONE:${zone}`];
  if (items.length > 0) lines.push(...vtimezone(zone, Math.min(...instants), Math.max(...instants)));
  for (const item of items) {
    const at = Date.parse(item.at);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${item.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=${zone}:${icsLocal(at, zone)}`,
      'DURATION:PT15M',
      `X-BILLETTERIE-UTC:${icsUtc(at)}`,
      `SUMMARY:${escapeText(item.summary)}`,
      `DESCRIPTION:${escapeText(item.description.join('\n'))}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
