/**
 * Amounts the French way, for the admin's price-grid editor (issue #18) and its tests: shown as
 * « 45,00 € », typed as « 45 », « 45,5 », « 45.50 », « 45,50 € » or « 1 234,50 ». Integer cents
 * end to end; the server's pricing guard stays the judge of what is stored (0 to 100,000 €).
 */

/** Largest amount of a price: 100,000.00 € (the pricing guard's MAX_AMOUNT_CENTS). */
export const MAX_PRICE_CENTS = 10_000_000;

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** « 45,00 € » (narrow no-break spaces as Intl writes them). */
export const formatCents = (cents: number): string => EUROS.format(cents / 100);

/** « 45,00 » without the currency: what an edited cell starts from. */
export const editableCents = (cents: number): string => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

export type ParsedAmount = { ok: true; cents: number } | { ok: false; code: 'EMPTY' | 'NOT_A_NUMBER' | 'TOO_PRECISE' | 'NEGATIVE' | 'TOO_LARGE'; fr: string; en: string };

/**
 * A typed amount in euros → integer cents. Accepts a comma or a point as decimal separator (one
 * or two decimals), spaces (also no-break ones) between thousands, an optional « € » or « EUR ».
 * Refuses anything else with a message in both languages.
 */
export function parseEuros(text: string): ParsedAmount {
  const raw = text
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .replace(/\s*(€|eur|euros?)$/i, '')
    .trim();
  if (raw === '') return { ok: false, code: 'EMPTY', fr: 'montant vide', en: 'empty amount' };
  if (/^-/.test(raw)) return { ok: false, code: 'NEGATIVE', fr: 'un prix ne peut pas être négatif', en: 'a price cannot be negative' };
  // Digits with optional thousands groups separated by spaces, then an optional decimal part.
  const match = /^(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d+))?$/.exec(raw);
  if (!match)
    return { ok: false, code: 'NOT_A_NUMBER', fr: `« ${text.trim()} » n’est pas un montant (exemples : 45 ; 45,5 ; 45,50 €)`, en: `"${text.trim()}" is not an amount (e.g. 45; 45.5; 45.50 €)` };
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { ok: false, code: 'TOO_PRECISE', fr: 'deux décimales au plus (centimes)', en: 'two decimals at most (cents)' };
  const euros = Number(match[1].replace(/ /g, ''));
  const cents = euros * 100 + Number(decimals.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(cents) || cents > MAX_PRICE_CENTS) return { ok: false, code: 'TOO_LARGE', fr: 'montant au-delà de 100 000 €', en: 'amount above 100,000 €' };
  return { ok: true, cents };
}

/**
 * A block copied from a spreadsheet (tab-separated columns, newline-separated rows; Windows line
 * ends; a trailing newline as spreadsheets add) → rows of cell texts.
 */
export function parseClipboardBlock(text: string): string[][] {
  const rows = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return rows.map((row) => row.split('\t'));
}

export type ParsedPercent = { ok: true; percent: number } | { ok: false; fr: string; en: string };

/** « 2,5 », « 2.5 % » → 2.5 (two decimals at most, 0 to 100). */
export function parsePercent(text: string): ParsedPercent {
  const raw = text.replace(/[\s\u00a0\u202f]+/g, '').replace(/%$/, '');
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(raw);
  if (!match) return { ok: false, fr: `« ${text.trim()} » n’est pas un pourcentage (exemples : 2 ; 2,5 ; 2,5 %)`, en: `"${text.trim()}" is not a percentage (e.g. 2; 2.5; 2.5 %)` };
  const percent = Number(`${match[1]}.${match[2] ?? '0'}`);
  if (percent > 100) return { ok: false, fr: 'un pourcentage ne dépasse pas 100', en: 'a percentage cannot exceed 100' };
  return { ok: true, percent };
}

/** « 2,5 % » */
export const formatPercent = (percent: number): string => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(percent)} %`;
