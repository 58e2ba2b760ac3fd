/**
 * What the admin's price-grid editor (Billetterie › Tarifs) asks of the pricing rules: the cells a
 * child grid inherits from its parents, the grid's default VAT rate, and the inputs of the maximum
 * gross revenue (sellable places per seat category, the full-price tariff type). Pure.
 */
import type { Id } from './model';
import type { PriceCellData } from './validate';

/** One key per seat category × tariff type × price level (none = every level). */
export const gridCellKey = (seatCategory: Id, tariffType: Id, priceLevel: Id | null | undefined): string => `${seatCategory}|${tariffType}|${priceLevel ?? ''}`;

export interface ParentGrid {
  id: Id;
  code: string;
  state: string;
  cells: PriceCellData[];
}

export interface InheritedCell extends PriceCellData {
  /** The grid that sets it (the event's or the season's). */
  gridId: Id;
  gridCode: string;
}

/**
 * The cells a child grid inherits: its parent grids, most specific first (an event's grids, then
 * the season's); in each scope validated grids before drafts, then by code (as the pricing core
 * merges them). The first grid that sets a key wins, as in `priceOf`.
 */
export function inheritedCells(parentsByScope: ParentGrid[][]): Map<string, InheritedCell> {
  const out = new Map<string, InheritedCell>();
  for (const scope of parentsByScope) {
    const ordered = [...scope].sort((a, b) => Number(b.state === 'validated') - Number(a.state === 'validated') || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const ofScope = new Map<string, InheritedCell>();
    for (const grid of ordered) {
      for (const c of grid.cells) {
        const key = gridCellKey(c.seatCategory, c.tariffType, c.priceLevel);
        if (!ofScope.has(key)) ofScope.set(key, { ...c, gridId: grid.id, gridCode: grid.code });
      }
    }
    for (const [key, cell] of ofScope) if (!out.has(key)) out.set(key, cell);
  }
  return out;
}

/** The grid's default VAT rate for new cells: the rate most of its cells (else its parent's) use. */
export function defaultVatRate(cells: readonly { vatRate: Id }[], fallback: readonly { vatRate: Id }[] = []): Id | null {
  for (const list of [cells, fallback]) {
    const counts = new Map<Id, number>();
    for (const c of list) counts.set(c.vatRate, (counts.get(c.vatRate) ?? 0) + 1);
    let best: Id | null = null;
    for (const [id, n] of counts) if (best === null || n > counts.get(best)!) best = id;
    if (best) return best;
  }
  return null;
}

/**
 * Sellable places per seat category documentId, from a logical configuration's reconciliation
 * (categories by code). Codes of no known seat category are left out.
 */
export function sellableBySeatCategory(categories: readonly { code: string; sellable: number }[], idOfCode: ReadonlyMap<string, Id>): Record<Id, number> {
  const out: Record<Id, number> = {};
  for (const c of categories) {
    const id = idOfCode.get(c.code);
    if (id && c.sellable > 0) out[id] = (out[id] ?? 0) + c.sellable;
  }
  return out;
}

const FULL_PRICE = /^(normal|plein|plein[-_ ]?tarif|full|full[-_ ]?price|tp)$/i;

/**
 * The tariff type that counts as the full price when none is chosen: a code or name that says so
 * (NORMAL, PLEIN, « Plein tarif », FULL), else the first by code. The screen lets the operator
 * choose another.
 */
export function fullPriceTariffType(tariffTypes: readonly { id: Id; code: string; name: string }[]): Id | null {
  const sorted = [...tariffTypes].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const named = sorted.find((t) => FULL_PRICE.test(t.code) || FULL_PRICE.test(t.name.trim()) || /^plein tarif$/i.test(t.name.trim()));
  return (named ?? sorted[0])?.id ?? null;
}
