/**
 * Instants read from a query string (website `at`/`from`/`to`, admin `at`): ISO 8601 only, and
 * strictly — a date that exists (no 30 February, no 25:00), an offset within ±18:00 or `Z`, a year
 * in the range the engine answers for. JavaScript's Date.parse rolls 2027-02-30 over to 2 March
 * and reads `+24:00`: a question would then be answered for another instant than the one asked.
 * Pure (no Strapi, no luxon).
 */

/** Instants the engine is asked about: far enough either way for any season. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;
const MIN_INSTANT = Date.UTC(MIN_YEAR, 0, 1);
const MAX_INSTANT = Date.UTC(MAX_YEAR + 1, 0, 1);

/**
 * `YYYY-MM-DD`, optionally `THH:mm`, `:ss`, `.fraction` (1 to 9 digits), then optionally `Z` or
 * `±HH:mm` / `±HHmm` / `±HH`. Without a zone the instant is UTC (as the model stores instants).
 * One source for the parser and the OpenAPI description (`pattern`).
 */
export const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(?:[Tt ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)?(?:[Zz]|[+-]\\d{2}(?::?\\d{2})?)?$';
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?([Zz]|([+-])(\d{2})(?::?(\d{2}))?)?$/;

export const INSTANT_EXAMPLE = '2027-10-12T18:00:00Z';
export const INSTANT_EXPECTED = {
  en: `an ISO 8601 instant with a real date and time, Z or an offset within ±18:00, years ${MIN_YEAR} to ${MAX_YEAR} (e.g. ${INSTANT_EXAMPLE})`,
  fr: `un instant ISO 8601 : une date et une heure qui existent, Z ou un décalage entre -18:00 et +18:00, années ${MIN_YEAR} à ${MAX_YEAR} (p. ex. ${INSTANT_EXAMPLE})`,
};

export type InstantResult = { ok: true; ms: number } | { ok: false; problem: { fr: string; en: string } };

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const refuse = (fr: string, en: string): InstantResult => ({ ok: false, problem: { fr, en } });

export function parseStrictInstant(text: string): InstantResult {
  const m = SHAPE.exec(text);
  if (!m) return refuse('ce n’est pas un instant ISO 8601', 'not an ISO 8601 instant');
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone, sign, oh = '00', om = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return refuse(`le mois ${mo} n’existe pas`, `month ${mo} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) return refuse(`le ${y}-${mo}-${d} n’existe pas`, `${y}-${mo}-${d} is not a date`);
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return refuse(`l’heure ${h}:${mi}:${s} n’existe pas`, `${h}:${mi}:${s} is not a time of day`);
  let offsetMinutes = 0;
  if (zone && sign) {
    if (Number(om) > 59) return refuse(`décalage ${zone} illisible`, `offset ${zone} is not a time offset`);
    offsetMinutes = Number(oh) * 60 + Number(om);
    if (offsetMinutes > 18 * 60) return refuse(`le décalage ${zone} dépasse ±18:00`, `offset ${zone} is beyond ±18:00`);
    if (sign === '-') offsetMinutes = -offsetMinutes;
  }
  const ms = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), Number(fraction.slice(0, 3).padEnd(3, '0'))) - offsetMinutes * 60_000;
  if (ms < MIN_INSTANT || ms >= MAX_INSTANT) return refuse(`hors des années ${MIN_YEAR} à ${MAX_YEAR}`, `outside the years ${MIN_YEAR} to ${MAX_YEAR}`);
  return { ok: true, ms };
}
