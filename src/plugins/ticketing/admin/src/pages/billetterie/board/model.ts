import type { LogicalLayout, SeatStatuses, SeatingPlan } from '../../../../../shared/seating-plan';

export type { SeatStatuses };

/** The board's answer (GET /ticketing/board/performances/:documentId; server: domain/capacity/board.ts). */
export interface BoardFigures {
  capacity: number;
  sold: number;
  held: number;
  left: number;
}
export interface BoardRecord {
  contingent: string;
  category: string | null;
  kind: 'scheduled' | 'manual';
  at: string;
  quantity: number;
  by: number | null;
}
export interface BoardPool extends BoardFigures {
  contingent: string | null;
  name?: string;
  release?: { ruleAt: string | null; releaseTo: string | null; effectiveAt: string | null; released: boolean; record: BoardRecord | null };
}
export interface BoardCategory extends BoardFigures {
  code: string;
  kind: 'numbered' | 'unnumbered' | 'mixed';
  pools: BoardPool[];
}
export interface BoardView {
  performance: { documentId: string; code: string; startsAt: string; state: string; limits: unknown };
  event: { documentId: string; code: string; name: string | null } | null;
  counted: boolean;
  canRelease: boolean;
  board: {
    at: string;
    securityGauge: BoardFigures;
    commercialGauge: BoardFigures | null;
    categories: BoardCategory[];
    limits: Record<string, unknown>;
  } | null;
  seating: { plan: SeatingPlan; layout: LogicalLayout | null; seatStatuses: SeatStatuses } | null;
}

/** Seat status colours of the plan: free, held, sold, killed, reserved (for a contingent). */
export const STATUS_PALETTE = ['#5cb176', '#f29d41', '#d02b20', '#c0c0cf', '#7b79ff'];
export const STATUS_INDEX = { free: 0, held: 1, sold: 2, killed: 3, reserved: 4 } as const;

/** Per seat of the plan index (ids in index order): its status's index in STATUS_PALETTE; -1 for a seat without a category. */
export function statusColors(ids: readonly string[], statuses: SeatStatuses, sellable: ReadonlySet<string>): Int16Array {
  const out = new Int16Array(ids.length);
  const of = new Map<string, number>();
  for (const s of statuses.killed) of.set(s, STATUS_INDEX.killed);
  for (const list of Object.values(statuses.reserved)) for (const s of list) of.set(s, STATUS_INDEX.reserved);
  for (const s of statuses.held) of.set(s, STATUS_INDEX.held);
  for (const s of statuses.sold) of.set(s, STATUS_INDEX.sold);
  ids.forEach((id, i) => {
    out[i] = of.get(id) ?? (sellable.has(id) ? STATUS_INDEX.free : -1);
  });
  return out;
}
