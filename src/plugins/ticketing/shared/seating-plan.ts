/**
 * The seating plan as it is stored, edited and served: one JSON document per physical configuration
 * (its `plan` attribute), and the logical configuration's choices over it (its `layout` attribute).
 * Shared by the server (validation, rules, website answer) and the admin (editor).
 *
 * Identifiers: every block, row, seat and area has an `id` made once, when it is created (by the
 * editor's generator, an import or the server), and never changed afterwards, whatever happens to
 * its labels, numbers or position. Later chapters hold and issue tickets for a seat by this id.
 * Ids are short strings of [A-Za-z0-9_-], at most 40 characters, unique within one plan.
 *
 * Coordinates are plan units (1 unit ≈ 1 cm on the floor is a good habit, nothing depends on it),
 * x to the right, y downwards (towards the back of the hall); a block's seats are placed relative
 * to the block's origin, then the block is rotated by `rotation` degrees (clockwise) around it.
 */
export interface SeatingPlan {
  /** The format's version; 1 today. */
  version: 1;
  /** The drawing's extent, in plan units. */
  width: number;
  height: number;
  /** Where the stage is, to draw it and to rank seats by closeness to it. */
  stage?: PlanRectangle;
  blocks: SeatBlock[];
  areas: SeatingArea[];
}

export interface PlanRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A group of numbered seats: « Parterre », « Balcon 1 — côté cour »… */
export interface SeatBlock {
  id: string;
  name: string;
  x: number;
  y: number;
  /** Degrees, clockwise, around (x, y). */
  rotation: number;
  rows: SeatRow[];
}

export interface SeatRow {
  id: string;
  /** « A », « B »… or « 1 », « 2 »… as printed on the ticket. */
  label: string;
  seats: Seat[];
}

export interface Seat {
  id: string;
  /** As printed on the ticket: « 1 », « 2 », « 101 »… */
  number: string;
  /** Relative to the block's origin. */
  x: number;
  y: number;
  /** PMR place (wheelchair). */
  accessible?: boolean;
  /** Companion of a PMR place. */
  companion?: boolean;
}

/** An unnumbered area (standing pit, lawn) with its capacity. */
export interface SeatingArea {
  id: string;
  name: string;
  shape: (PlanRectangle & { kind: 'rectangle' }) | { kind: 'polygon'; points: [number, number][] };
  capacity: number;
}

/**
 * What a logical configuration makes of a physical configuration's plan: the seat category of each
 * seat and area (by the seat category's `code`), the seats not sold, the areas' sellable gauge.
 * Seats are listed per category (compact for 20,000 seats); a seat in no list has no category.
 */
export interface LogicalLayout {
  version: 1;
  /** Seat category code → the ids of its seats. */
  seatsByCategory: Record<string, string[]>;
  /** Ids of seats that are not sold (technical positions, obstructed view…). */
  killedSeats: string[];
  /** Area id → its seat category code and sellable gauge (≤ the area's capacity). */
  areas: Record<string, { category: string; sellableGauge: number }>;
}

/** Limits that keep a plan loadable and drawable. */
export const SEATING_PLAN_LIMITS = {
  maxSeats: 100_000,
  maxAreas: 500,
  maxIdLength: 40,
} as const;

/**
 * The capacity reconciliation of a logical configuration (server: domain/places/reconciliation.ts;
 * shown by the editor's logical view, returned by the seating admin routes). Per seat category:
 * its seats and area gauges, the killed seats among them, what is sellable; the totals against the
 * security gauges; what blocks validation (the same problems the validate transition reports).
 */
export interface CapacityReconciliation {
  categories: ReconciliationCategory[];
  /** Numbered seats of the plan, killed ones included. */
  totalSeats: number;
  /** Seats (not killed) that have no category: validation is blocked while there is one. */
  unassignedSeats: number;
  killedSeats: number;
  /** Sum of the areas' sellable gauges. */
  areaGauges: number;
  /** Seats not killed that have a category + area sellable gauges. */
  sellable: number;
  /** The logical configuration's security gauge, and its physical configuration's. */
  securityGauge: number;
  physicalSecurityGauge: number;
  /** Empty when the configuration may be validated. */
  blocking: ReconciliationProblem[];
  warnings: ReconciliationProblem[];
}

export interface ReconciliationCategory {
  /** Seat category code. */
  code: string;
  /** Numbered (seats) or unnumbered (areas); `mixed` is a blocking problem. */
  kind: 'numbered' | 'unnumbered' | 'mixed';
  seats: number;
  killed: number;
  areaGauges: number;
  /** seats − killed + areaGauges */
  sellable: number;
}

export interface ReconciliationProblem {
  /** UNASSIGNED_SEATS, SELLABLE_OVER_SECURITY_GAUGE, LOGICAL_GAUGE_OVER_PHYSICAL, CATEGORY_NUMBERED_AND_UNNUMBERED, UNKNOWN_CATEGORY, AREA_WITHOUT_CATEGORY… */
  code: string;
  message: { fr: string; en: string };
  /** How many seats (or places) the problem concerns, when it is a count. */
  count?: number;
  /** Seat category code or area id concerned, when there is one. */
  category?: string;
  area?: string;
}

/** A performance's seats by status (website seating-plan answer, admin board); free = the plan's other seats. */
export interface SeatStatuses {
  at: string;
  held: string[];
  sold: string[];
  killed: string[];
  /** Contingent code → its seats not held or sold, not yet released. */
  reserved: Record<string, string[]>;
}
