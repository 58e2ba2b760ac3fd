/** Answers of the price-grid editor's routes (server/src/controllers/prices.ts) and the editor's cell model. */

export interface Named {
  documentId: string;
  code: string;
  name: string;
}

export interface SeasonOption extends Named {
  state: string;
  organization: Named | null;
}

export interface VatRateOption extends Named {
  rate: number;
  validFrom: string | null;
  validUntil: string | null;
}

export type GridScope = 'season' | 'event' | 'performance';

export interface GridSummary extends Named {
  state: string;
  scope: GridScope;
  event: Named | null;
  performance: { documentId: string; code: string; startsAt: string } | null;
  cellCount: number;
}

export interface SeasonPrices {
  season: Named & { organization: Named | null };
  seatCategories: Named[];
  tariffTypes: Named[];
  fullPriceTariffType: string | null;
  priceLevels: Named[];
  vatRates: VatRateOption[];
  events: (Named & { performances: { documentId: string; code: string; startsAt: string; priceLevel: string | null }[] })[];
  grids: GridSummary[];
}

export interface Cell {
  seatCategory: string;
  tariffType: string;
  priceLevel?: string | null;
  amount: number;
  vatRate: string;
}

export interface InheritedCell extends Cell {
  gridId: string;
  gridCode: string;
}

export interface GridView {
  grid: GridSummary & { season: Named | null; cells: Cell[] };
  inherited: InheritedCell[];
  defaultVatRate: string | null;
  canUpdate: boolean;
}

export interface RevenueRow {
  performance: { documentId: string; code: string; startsAt: string };
  event: Named;
  logicalConfiguration: { documentId: string; code: string } | null;
  sellable: number;
  ttc: number;
  vat: number;
  ht: number;
  unpricedSeatCategories: string[];
}

export interface RevenueData {
  tariffType: string | null;
  includeDrafts: boolean;
  at: string;
  performances: RevenueRow[];
  totals: { ttc: number; vat: number; ht: number };
}

/** The key of a cell (seat category × tariff type × price level; '' = every level), as the server's `gridCellKey`. */
export const keyOf = (seatCategory: string, tariffType: string, priceLevel: string | null | undefined) => `${seatCategory}|${tariffType}|${priceLevel ?? ''}`;

export const cellsByKey = <C extends Cell>(cells: readonly C[]): Map<string, C> => new Map(cells.map((c) => [keyOf(c.seatCategory, c.tariffType, c.priceLevel), c]));

/** The cells to save, in a stable order (seat category, tariff type, level as listed), so that `cells[i]` of an error names a cell we can find. */
export function cellsToSave(edited: ReadonlyMap<string, Cell>): Cell[] {
  return [...edited.values()].map((c) => (c.priceLevel ? { ...c } : { seatCategory: c.seatCategory, tariffType: c.tariffType, amount: c.amount, vatRate: c.vatRate }));
}

/** A server refusal's `details.errors[].path` (`['cells', '3', 'amount']`) → the index of the cell it names, or null. */
export function cellIndexOfPath(path: readonly (string | number)[] | undefined): number | null {
  if (!path || path[0] !== 'cells' || path.length < 2) return null;
  const n = Number(path[1]);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** « 5,5 % » */
export const formatRate = (rate: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(rate)} %`;

export interface FeeTableSummary extends Named {
  state: string;
  kind: 'simple' | 'general' | 'delivery';
  organization: Named | null;
  feeCount: number;
}

export interface FeeTableView {
  table: Named & { state: string; kind: 'simple' | 'general' | 'delivery'; organization: Named | null; fees: Record<string, unknown>[] };
  vatRates: (Named & { rate: number })[];
  salesChannels: Named[];
  tariffTypes: (Named & { season: string | null })[];
  paymentMethods: (Named & { kind: string })[];
  deliveryMethods: (Named & { kind: string })[];
  canUpdate: boolean;
}
