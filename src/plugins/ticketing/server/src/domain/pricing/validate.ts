/**
 * Bad input of the pricing model, decided here once (the Strapi shell calls it before any write,
 * so nothing is half-written): each problem names its field path.
 */
import { z } from 'zod';
import { MAX_AMOUNT_CENTS } from './money';
import type { Id } from './model';

export interface PricingProblem {
  /** Path of the offending field: `cells[3].amount`, `rate`, `fees[0].value`. */
  path: string;
  code: 'INVALID' | 'BAD_AMOUNT' | 'BAD_PERCENT' | 'BAD_RATE' | 'OVERLAPPING_VAT_RATE' | 'UNKNOWN_REFERENCE' | 'DUPLICATE_CELL';
  fr: string;
  en: string;
}

const amount = z.number().int().min(0).max(MAX_AMOUNT_CENTS);
const id = z.string().min(1).max(64);

export const priceCellSchema = z.strictObject({
  seatCategory: id,
  tariffType: id,
  priceLevel: id.nullable().optional(),
  amount,
  vatRate: id,
});
export type PriceCellData = z.infer<typeof priceCellSchema>;

const feeBase = {
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
  vatRate: id,
  salesChannels: z.array(id).optional(),
  validFrom: z.string().datetime({ offset: true }).nullable().optional(),
  validUntil: z.string().datetime({ offset: true }).nullable().optional(),
};
const fixedOrPercent = { kind: z.enum(['fixed', 'percent']), value: z.number().min(0) };

export const simpleFeeSchema = z.strictObject({ ...feeBase, ...fixedOrPercent, tariffTypes: z.array(id).optional() });
export const generalFeeSchema = z.strictObject({
  ...feeBase,
  ...fixedOrPercent,
  feeKind: z.enum(['booking', 'payment', 'delivery']),
  paymentMethod: id.nullable().optional(),
  deliveryKind: z.string().max(40).nullable().optional(),
});
export const deliveryFeeSchema = z.strictObject({ ...feeBase, deliveryMethod: id, per: z.enum(['ticket', 'order']), amount });

export type FeeTableKind = 'simple' | 'general' | 'delivery';
const FEE_SCHEMAS = { simple: simpleFeeSchema, general: generalFeeSchema, delivery: deliveryFeeSchema } as const;

function zodProblems(error: z.ZodError, prefix: string): PricingProblem[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path].reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : p ? `${p}.${String(k)}` : String(k)), '');
    const field = String(issue.path[issue.path.length - 1] ?? prefix);
    const money = field === 'amount';
    return {
      path,
      code: money ? 'BAD_AMOUNT' : 'INVALID',
      fr: money ? `${path} : montant en centimes entiers, entre 0 et 10 000 000 (100 000 €)` : `${path} : valeur invalide (${issue.message})`,
      en: money ? `${path}: amount in whole cents, between 0 and 10,000,000 (100,000 €)` : `${path}: invalid value (${issue.message})`,
    };
  });
}

/** What ids a grid's cells may name (the grid's season's categories, tariffs and levels; the institution's VAT rates). */
export interface GridReferences {
  seatCategoryIds: ReadonlySet<Id>;
  tariffTypeIds: ReadonlySet<Id>;
  priceLevelIds: ReadonlySet<Id>;
  vatRateIds: ReadonlySet<Id>;
}

/** The cells of a grid: shape, amounts, references to its own season, one cell per key. */
export function validateCells(cells: unknown, refs: GridReferences): { cells: PriceCellData[]; problems: PricingProblem[] } {
  const parsed = z
    .array(priceCellSchema)
    .max(5000)
    .safeParse(cells ?? []);
  if (!parsed.success) return { cells: [], problems: zodProblems(parsed.error, 'cells') };
  const problems: PricingProblem[] = [];
  const seen = new Set<string>();
  parsed.data.forEach((c, i) => {
    const unknown = (field: string, fr: string, en: string) =>
      problems.push({ path: `cells[${i}].${field}`, code: 'UNKNOWN_REFERENCE', fr: `cells[${i}].${field} : ${fr}`, en: `cells[${i}].${field}: ${en}` });
    if (!refs.seatCategoryIds.has(c.seatCategory)) unknown('seatCategory', 'catégorie de place inconnue', 'unknown seat category');
    if (!refs.tariffTypeIds.has(c.tariffType)) unknown('tariffType', 'type de tarif inconnu ou d’une autre saison', 'unknown tariff type or one of another season');
    if (c.priceLevel && !refs.priceLevelIds.has(c.priceLevel)) unknown('priceLevel', 'niveau de prix inconnu ou d’une autre saison', 'unknown price level or one of another season');
    if (!refs.vatRateIds.has(c.vatRate)) unknown('vatRate', 'taux de TVA inconnu', 'unknown VAT rate');
    const key = `${c.seatCategory}|${c.tariffType}|${c.priceLevel ?? ''}`;
    if (seen.has(key))
      problems.push({ path: `cells[${i}]`, code: 'DUPLICATE_CELL', fr: `cells[${i}] : cette case est déjà définie dans la grille`, en: `cells[${i}]: this cell is already set in the grid` });
    seen.add(key);
  });
  return { cells: parsed.data, problems };
}

/** The fees of a fee table: shape, amounts, percentages ≤ 100, fixed amounts ≤ 100,000 €. */
export function validateFees(kind: FeeTableKind, fees: unknown): { fees: unknown[]; problems: PricingProblem[] } {
  const parsed = z
    .array(FEE_SCHEMAS[kind] as z.ZodType<Record<string, unknown>>)
    .max(500)
    .safeParse(fees ?? []);
  if (!parsed.success) return { fees: [], problems: zodProblems(parsed.error, 'fees') };
  const problems: PricingProblem[] = [];
  parsed.data.forEach((f, i) => {
    if (f.kind === 'percent' && (f.value as number) > 100)
      problems.push({ path: `fees[${i}].value`, code: 'BAD_PERCENT', fr: `fees[${i}].value : un pourcentage ne dépasse pas 100`, en: `fees[${i}].value: a percentage cannot exceed 100` });
    if (f.kind === 'percent' && Math.round((f.value as number) * 100) !== (f.value as number) * 100)
      problems.push({ path: `fees[${i}].value`, code: 'BAD_PERCENT', fr: `fees[${i}].value : deux décimales au plus`, en: `fees[${i}].value: two decimals at most` });
    if (f.kind === 'fixed' && !(Number.isInteger(f.value) && (f.value as number) <= MAX_AMOUNT_CENTS))
      problems.push({
        path: `fees[${i}].value`,
        code: 'BAD_AMOUNT',
        fr: `fees[${i}].value : montant en centimes entiers, entre 0 et 10 000 000 (100 000 €)`,
        en: `fees[${i}].value: amount in whole cents, between 0 and 10,000,000 (100,000 €)`,
      });
    if (f.validFrom && f.validUntil && Date.parse(f.validUntil as string) <= Date.parse(f.validFrom as string))
      problems.push({ path: `fees[${i}].validUntil`, code: 'INVALID', fr: `fees[${i}].validUntil : la fin doit suivre le début`, en: `fees[${i}].validUntil: must be after validFrom` });
  });
  return { fees: parsed.data, problems };
}

export interface VatRateData {
  id?: Id;
  family: string;
  rate: unknown;
  validFrom: string | null;
  validUntil: string | null;
}

/**
 * A VAT rate: 0 ≤ rate ≤ 100 with two decimals at most; rows of the same family must not overlap
 * in time (an open validity overlaps everything of its code).
 */
export function validateVatRate(rate: VatRateData, others: VatRateData[]): PricingProblem[] {
  const problems: PricingProblem[] = [];
  const r = rate.rate;
  if (typeof r !== 'number' || !Number.isFinite(r) || r < 0 || r > 100 || Math.abs(Math.round(r * 100) - r * 100) > 1e-9)
    problems.push({ path: 'rate', code: 'BAD_RATE', fr: 'rate : taux entre 0 et 100, deux décimales au plus', en: 'rate: a rate between 0 and 100, two decimals at most' });
  const from = (v: string | null) => (v ? Date.parse(v) : -Infinity);
  const until = (v: string | null) => (v ? Date.parse(v) : Infinity);
  if (rate.validFrom && rate.validUntil && until(rate.validUntil) <= from(rate.validFrom))
    problems.push({ path: 'validUntil', code: 'INVALID', fr: 'validUntil : la fin doit suivre le début', en: 'validUntil: must be after validFrom' });
  const clash = others.find((o) => o.id !== rate.id && o.family === rate.family && from(o.validFrom) < until(rate.validUntil) && from(rate.validFrom) < until(o.validUntil));
  if (clash)
    problems.push({
      path: 'validFrom',
      code: 'OVERLAPPING_VAT_RATE',
      fr: `validFrom : un autre taux de la famille ${rate.family} est en vigueur sur cette période (donnez des dates de validité qui ne se chevauchent pas)`,
      en: `validFrom: another rate of family ${rate.family} is in force over this period (give validity dates that do not overlap)`,
    });
  return problems;
}
