/**
 * The website's seating plan of a performance (GET /api/ticketing/performances/:idOrCode/seating-plan,
 * issue 16): the plan of its logical configuration (the performance's own, else its event's) as a
 * website draws it — seats with their category code and whether they are sold at all (not killed,
 * with a category), areas with their category and sellable gauge, and the legend (categories with
 * their counts). Pure: the controller loads the rows.
 */
import type { LogicalLayout, SeatingPlan } from '../../../shared/seating-plan';

export interface SeatingPlanInput {
  performance: { documentId: string; code: string };
  logical: { code: string; name: string; layout: LogicalLayout | null };
  plan: SeatingPlan | null;
  categories: { code: string; name: string; rank: number }[];
}

export function seatingPlanAnswer({ performance, logical, plan, categories }: SeatingPlanInput) {
  const layout = logical.layout ?? { version: 1, seatsByCategory: {}, killedSeats: [], areas: {} };
  const categoryOf = new Map<string, string>();
  for (const [code, ids] of Object.entries(layout.seatsByCategory ?? {})) for (const id of ids) if (!categoryOf.has(id)) categoryOf.set(id, code);
  const killed = new Set(layout.killedSeats ?? []);
  const counts = new Map<string, { seats: number; places: number; numbered: boolean }>();
  const count = (code: string, numbered: boolean, n: number) => {
    const c = counts.get(code) ?? { seats: 0, places: 0, numbered };
    if (numbered) c.seats += n;
    c.places += n;
    counts.set(code, c);
  };
  const blocks = (plan?.blocks ?? []).map((block) => ({
    id: block.id,
    name: block.name,
    x: block.x,
    y: block.y,
    rotation: block.rotation,
    rows: block.rows.map((row) => ({
      id: row.id,
      label: row.label,
      seats: row.seats.map((seat) => {
        const category = categoryOf.get(seat.id) ?? null;
        const sellable = category !== null && !killed.has(seat.id);
        if (sellable) count(category, true, 1);
        return { id: seat.id, number: seat.number, x: seat.x, y: seat.y, category, sellable, accessible: seat.accessible === true, companion: seat.companion === true };
      }),
    })),
  }));
  const areas = (plan?.areas ?? []).map((area) => {
    const choice = layout.areas?.[area.id];
    const gauge = choice ? Math.max(0, Math.min(choice.sellableGauge, area.capacity)) : 0;
    if (choice && gauge > 0) count(choice.category, false, gauge);
    return { id: area.id, name: area.name, shape: area.shape, category: choice?.category ?? null, sellableGauge: gauge };
  });
  const known = new Map(categories.map((c) => [c.code, c]));
  const legend = [...counts.entries()]
    .map(([code, c]) => ({ code, name: known.get(code)?.name ?? code, rank: known.get(code)?.rank ?? 0, numbered: c.numbered, sellable: c.places }))
    .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
  return {
    data: {
      performance,
      logicalConfiguration: { code: logical.code, name: logical.name },
      width: plan?.width ?? 0,
      height: plan?.height ?? 0,
      stage: plan?.stage ?? null,
      legend,
      blocks,
      areas,
    },
  };
}
