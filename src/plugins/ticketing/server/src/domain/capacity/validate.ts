/**
 * Bad input of the capacity model (contingent allocations and quantity limits), decided here once:
 * the Strapi shell calls it before any write of a logical configuration or a performance, so
 * nothing is half-written. Each problem names its field path.
 */
import { z } from 'zod';

export interface CapacityProblem {
  /** Path of the offending field: `contingents[2].seats[4]`, `limits.maxPerHold`. */
  path: string;
  code: 'INVALID' | 'UNKNOWN_REFERENCE' | 'DUPLICATE' | 'OVER_CAPACITY' | 'MIN_ABOVE_MAX' | 'WRONG_CATEGORY_KIND';
  fr: string;
  en: string;
}

/** The most places one hold or one allocation may name (a stadium is ~100,000). */
export const MAX_QUANTITY = 100_000;

const code = z.string().min(1).max(40);
const quantity = z.number().int().min(0).max(MAX_QUANTITY);
const positive = z.number().int().min(1).max(MAX_QUANTITY);

/** When a contingent's unsold places go back: never, at an instant, or days/hours before the performance (counted as sales calendars count). */
export const releaseRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('never') }),
  z.strictObject({ kind: z.literal('absolute'), at: z.string().datetime({ offset: true }) }),
  z.strictObject({ kind: z.literal('relative'), days: z.number().int().min(0).max(3650), hours: z.number().int().min(0).max(87_600) }),
]);
export type ReleaseRule = z.infer<typeof releaseRuleSchema>;

/**
 * One allocation of places to a contingent: a quantity of an unnumbered seat category, or a set
 * of seats (stable seat ids of the plan); its release rule and where released places go (`null`:
 * open sale, else another contingent's code).
 */
export const allocationSchema = z.strictObject({
  contingent: code,
  seatCategory: code.optional(),
  quantity: quantity.optional(),
  seats: z.array(z.string().min(1).max(40)).max(MAX_QUANTITY).optional(),
  release: releaseRuleSchema.optional(),
  releaseTo: code.nullable().optional(),
});
export type AllocationData = z.infer<typeof allocationSchema>;

const perKey = z.strictObject({ maxPerHold: positive.optional(), maxPerPerformance: positive.optional() });

/** Quantity limits: per hold, per buyer reference across the holds of one performance (or of a season), per tariff type or audience subcategory (by code). */
export const limitsSchema = z.strictObject({
  minPerHold: positive.optional(),
  maxPerHold: positive.optional(),
  maxPerBuyer: positive.optional(),
  /** Per buyer reference across the holds of every performance of the season (issue #17). */
  maxPerBuyerPerSeason: positive.optional(),
  tariffTypes: z.record(code, perKey).optional(),
  audienceSubcategories: z.record(code, perKey).optional(),
});
export type LimitsData = z.infer<typeof limitsSchema>;

export function zodProblems(error: z.ZodError, prefix: string): CapacityProblem[] {
  return error.issues.slice(0, 50).map((issue) => {
    const path = [prefix, ...issue.path].reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : p ? `${p}.${String(k)}` : String(k)), '');
    return { path, code: 'INVALID', fr: `${path} : valeur invalide (${issue.message})`, en: `${path}: invalid value (${issue.message})` };
  });
}

/** What allocations may name: the organisation's contingents; the logical configuration's categories (kind, sellable places) and seats. */
export interface AllocationReferences {
  contingentCodes: ReadonlySet<string>;
  categories: ReadonlyMap<string, { kind: 'numbered' | 'unnumbered' | 'mixed'; sellable: number }>;
  /** Seat id → its seat category code (killed seats are not in it). */
  categoryOfSeat: ReadonlyMap<string, string>;
}

/** Allocations: shape, references, one allocation per contingent × category, each seat at most once, the quantities of a category within its places. */
export function validateAllocations(value: unknown, refs: AllocationReferences, root = 'contingents'): { allocations: AllocationData[]; problems: CapacityProblem[] } {
  const parsed = z
    .array(allocationSchema)
    .max(1000)
    .safeParse(value ?? []);
  if (!parsed.success) return { allocations: [], problems: zodProblems(parsed.error, root) };
  const problems: CapacityProblem[] = [];
  const push = (path: string, c: CapacityProblem['code'], fr: string, en: string) => problems.length < 50 && problems.push({ path, code: c, fr, en });
  const keys = new Set<string>();
  const seatOwner = new Map<string, string>();
  const perCategory = new Map<string, number>();
  parsed.data.forEach((a, i) => {
    const at = `${root}[${i}]`;
    if (!refs.contingentCodes.has(a.contingent))
      push(
        `${at}.contingent`,
        'UNKNOWN_REFERENCE',
        `${at}.contingent : contingent « ${a.contingent} » inconnu dans cet organisme`,
        `${at}.contingent: unknown contingent "${a.contingent}" in this organization`,
      );
    if (a.releaseTo != null) {
      if (a.releaseTo === a.contingent) push(`${at}.releaseTo`, 'INVALID', `${at}.releaseTo : un contingent ne se libère pas vers lui-même`, `${at}.releaseTo: a contingent is not released to itself`);
      else if (!refs.contingentCodes.has(a.releaseTo))
        push(`${at}.releaseTo`, 'UNKNOWN_REFERENCE', `${at}.releaseTo : contingent « ${a.releaseTo} » inconnu`, `${at}.releaseTo: unknown contingent "${a.releaseTo}"`);
    }
    const bySeats = a.seats !== undefined;
    const byQuantity = a.quantity !== undefined || a.seatCategory !== undefined;
    if (bySeats === byQuantity) {
      push(
        at,
        'INVALID',
        `${at} : soit « seatCategory » et « quantity » (placement libre), soit « seats » (places numérotées)`,
        `${at}: either "seatCategory" and "quantity" (unnumbered) or "seats" (numbered)`,
      );
      return;
    }
    if (byQuantity) {
      if (a.seatCategory === undefined || a.quantity === undefined) {
        push(at, 'INVALID', `${at} : « seatCategory » et « quantity » vont ensemble`, `${at}: "seatCategory" and "quantity" go together`);
        return;
      }
      const category = refs.categories.get(a.seatCategory);
      if (!category)
        return void push(
          `${at}.seatCategory`,
          'UNKNOWN_REFERENCE',
          `${at}.seatCategory : la catégorie « ${a.seatCategory} » n’a pas de places dans cette configuration`,
          `${at}.seatCategory: category "${a.seatCategory}" has no places in this configuration`,
        );
      if (category.kind !== 'unnumbered')
        return void push(
          `${at}.seatCategory`,
          'WRONG_CATEGORY_KIND',
          `${at}.seatCategory : la catégorie « ${a.seatCategory} » est numérotée : allouer des places (« seats »)`,
          `${at}.seatCategory: category "${a.seatCategory}" is numbered: allocate seats ("seats")`,
        );
      const key = `${a.contingent}|${a.seatCategory}`;
      if (keys.has(key)) push(at, 'DUPLICATE', `${at} : deuxième allocation de « ${a.contingent} » en « ${a.seatCategory} »`, `${at}: second allocation of "${a.contingent}" in "${a.seatCategory}"`);
      keys.add(key);
      perCategory.set(a.seatCategory, (perCategory.get(a.seatCategory) ?? 0) + a.quantity);
      return;
    }
    (a.seats ?? []).forEach((seat, k) => {
      const path = `${at}.seats[${k}]`;
      const cat = refs.categoryOfSeat.get(seat);
      if (cat === undefined) return void push(path, 'UNKNOWN_REFERENCE', `${path} : place « ${seat} » inconnue ou neutralisée`, `${path}: seat "${seat}" is unknown or killed`);
      const owner = seatOwner.get(seat);
      if (owner !== undefined) return void push(path, 'DUPLICATE', `${path} : place « ${seat} » déjà allouée (${owner})`, `${path}: seat "${seat}" already allocated (${owner})`);
      seatOwner.set(seat, a.contingent);
      perCategory.set(cat, (perCategory.get(cat) ?? 0) + 1);
    });
  });
  for (const [cat, total] of perCategory) {
    const sellable = refs.categories.get(cat)?.sellable ?? 0;
    if (total > sellable)
      push(root, 'OVER_CAPACITY', `${root} : ${total} places allouées en « ${cat} » pour ${sellable} vendables`, `${root}: ${total} places allocated in "${cat}" for ${sellable} sellable`);
  }
  return { allocations: parsed.data, problems };
}

/** Limits: shape, minimum not above maximum, tariff types and subcategories known (when the caller knows them). */
export function validateLimits(
  value: unknown,
  refs: { tariffTypeCodes?: ReadonlySet<string>; audienceSubcategoryCodes?: ReadonlySet<string> } = {},
  root = 'limits',
): { limits: LimitsData | null; problems: CapacityProblem[] } {
  if (value === null || value === undefined) return { limits: null, problems: [] };
  const parsed = limitsSchema.safeParse(value);
  if (!parsed.success) return { limits: null, problems: zodProblems(parsed.error, root) };
  const problems: CapacityProblem[] = [];
  const l = parsed.data;
  if (l.minPerHold !== undefined && l.maxPerHold !== undefined && l.minPerHold > l.maxPerHold)
    problems.push({
      path: `${root}.minPerHold`,
      code: 'MIN_ABOVE_MAX',
      fr: `${root}.minPerHold : minimum ${l.minPerHold} au-dessus du maximum ${l.maxPerHold}`,
      en: `${root}.minPerHold: minimum ${l.minPerHold} above maximum ${l.maxPerHold}`,
    });
  const known = (field: 'tariffTypes' | 'audienceSubcategories', codes?: ReadonlySet<string>) => {
    if (!codes) return;
    for (const key of Object.keys(l[field] ?? {}))
      if (!codes.has(key))
        problems.push({
          path: `${root}.${field}.${key}`,
          code: 'UNKNOWN_REFERENCE',
          fr: `${root}.${field} : code « ${key} » inconnu dans la saison`,
          en: `${root}.${field}: unknown code "${key}" in the season`,
        });
  };
  known('tariffTypes', refs.tariffTypeCodes);
  known('audienceSubcategories', refs.audienceSubcategoryCodes);
  return { limits: l, problems };
}
