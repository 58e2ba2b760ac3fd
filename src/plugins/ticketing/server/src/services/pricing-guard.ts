import type { Core, UID } from '@strapi/strapi';
import { type ContentTypeName, uidOf } from '../constants';
import type { ShapeProblem } from '../domain/shape';
import { type FeeTableKind, validateCells, validateFees, validateVatRate } from '../domain/pricing';
import { resolveDocumentId, toOneRelationInput } from './relations';
import type { DbRow } from '../strapi-types';

type Plain = DbRow;

const ids = (rows: Plain[]) => new Set(rows.map((r) => r.documentId as string));

/**
 * What the write guard asks of the pricing types before any write (so nothing is half-written):
 * a grid's cells (amounts, references to its own season's tariff types and price levels, the
 * institution's seat categories and VAT rates, one cell per key), its event or performance in
 * its season; a fee table's fees; a VAT rate's value and validity (no overlap in its family).
 */
export async function pricingProblems(strapi: Core.Strapi, name: ContentTypeName, data: Plain, merged: Plain, relations: Record<string, string | null>, self?: string): Promise<ShapeProblem[]> {
  const toShape = (p: { path: string; fr: string; en: string }): ShapeProblem => ({ path: p.path, fr: p.fr, en: p.en });
  if (name === 'vat-rate') {
    const others = (await strapi.db.query(uidOf('vat-rate') as UID.ContentType).findMany({ select: ['documentId', 'code', 'family', 'validFrom', 'validUntil'] })) as Plain[];
    const family = (r: Plain) => (r.family as string) || (r.code as string);
    const rate = typeof merged.rate === 'string' ? Number(merged.rate) : merged.rate;
    return validateVatRate(
      { id: self, family: family(merged), rate, validFrom: merged.validFrom ?? null, validUntil: merged.validUntil ?? null },
      others.map((o) => ({
        id: o.documentId,
        family: family(o),
        rate: 0,
        validFrom: o.validFrom ? new Date(o.validFrom).toISOString() : null,
        validUntil: o.validUntil ? new Date(o.validUntil).toISOString() : null,
      })),
    ).map(toShape);
  }
  if (name === 'fee-table') {
    if (data.fees === undefined && data.kind === undefined) return [];
    return validateFees((merged.kind ?? 'simple') as FeeTableKind, merged.fees ?? []).problems.map(toShape);
  }
  if (name !== 'price-grid') return [];
  const season = relations.season;
  if (!season) return [];
  const problems: ShapeProblem[] = [];
  // The event or the performance of a child grid belongs to the grid's season.
  const current = self
    ? ((await strapi.db.query(uidOf('price-grid') as UID.ContentType).findOne({ where: { documentId: self }, populate: { event: true, performance: true } })) as Plain | null)
    : null;
  const relation = async (field: 'event' | 'performance') => {
    const input = toOneRelationInput(data[field]);
    if (input === undefined) return (current?.[field]?.documentId as string | undefined) ?? null;
    return resolveDocumentId(strapi, uidOf(field), input);
  };
  const event = await relation('event');
  const performance = await relation('performance');
  if (event && performance)
    problems.push({ path: 'performance', fr: 'une grille est celle d’un événement ou d’une séance, pas des deux', en: 'a grid belongs to an event or to a performance, not both' });
  if (event) {
    const row = await strapi.db.query(uidOf('event') as UID.ContentType).findOne({ where: { documentId: event, season: { documentId: season } }, select: ['documentId'] });
    if (!row) problems.push({ path: 'event', fr: 'cet événement n’est pas de la saison de la grille', en: 'this event is not in the grid’s season' });
  }
  if (performance) {
    const row = await strapi.db.query(uidOf('performance') as UID.ContentType).findOne({ where: { documentId: performance, event: { season: { documentId: season } } }, select: ['documentId'] });
    if (!row) problems.push({ path: 'performance', fr: 'cette séance n’est pas de la saison de la grille', en: 'this performance is not in the grid’s season' });
  }
  const all = (n: ContentTypeName, where: Plain = {}) => strapi.db.query(uidOf(n) as UID.ContentType).findMany({ where, select: ['documentId'] }) as Promise<Plain[]>;
  const [seatCategories, tariffTypes, priceLevels, vatRates] = await Promise.all([
    all('seat-category'),
    all('tariff-type', { season: { documentId: season } }),
    all('price-level', { season: { documentId: season } }),
    all('vat-rate'),
  ]);
  const { problems: cellProblems } = validateCells(merged.cells ?? [], {
    seatCategoryIds: ids(seatCategories),
    tariffTypeIds: ids(tariffTypes),
    priceLevelIds: ids(priceLevels),
    vatRateIds: ids(vatRates),
  });
  problems.push(...cellProblems.map(toShape));
  return problems;
}
