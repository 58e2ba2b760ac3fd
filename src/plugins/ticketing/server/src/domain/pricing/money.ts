/**
 * Money and VAT arithmetic. Integer cents only (EUR). A VAT rate is held in basis points
 * (5.5 % = 550) so that every computation is an exact integer one.
 *
 * Rounding rule (docs: README « Prix et TVA »): prices are entered VAT included (TTC). The VAT of
 * an amount is computed from the TTC amount and the rate, `TTC × rate / (100 + rate)`, rounded
 * half-up to the cent (0.5 cent goes up); HT is then `TTC − VAT`, so HT + VAT = TTC exactly for
 * every line, every fee and every total. A percentage fee is `base × percent / 100` rounded
 * half-up to the cent.
 */

export type Cents = number;

/** Largest amount a price or a fixed fee may have: 100,000.00 €. */
export const MAX_AMOUNT_CENTS = 10_000_000;

/** 5.5 → 550 (rates have at most two decimals). */
export const basisPoints = (percent: number): number => Math.round(percent * 100);

/** `numerator / denominator` rounded half-up, for non-negative integers. */
function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** The VAT part of a TTC amount at `rateBp` basis points, rounded half-up to the cent. */
export function vatOfTtc(ttc: Cents, rateBp: number): Cents {
  if (ttc <= 0 || rateBp <= 0) return 0;
  return divideHalfUp(ttc * rateBp, 10_000 + rateBp);
}

/** `base × percentBp / 10000`, rounded half-up to the cent (a percentage fee). */
export function percentOf(base: Cents, percentBp: number): Cents {
  if (base <= 0 || percentBp <= 0) return 0;
  return divideHalfUp(base * percentBp, 10_000);
}

export interface VatSplit {
  ttc: Cents;
  vat: Cents;
  ht: Cents;
}

export function splitTtc(ttc: Cents, rateBp: number): VatSplit {
  const vat = vatOfTtc(ttc, rateBp);
  return { ttc, vat, ht: ttc - vat };
}

/** A valid amount of money: a whole number of cents, 0 ≤ amount ≤ 100,000 €. */
export const isValidAmount = (value: unknown): value is Cents => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_AMOUNT_CENTS;

/** « 45,00 € » (the French way, as the admin shows amounts). */
export const formatEuros = (cents: Cents): string => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
