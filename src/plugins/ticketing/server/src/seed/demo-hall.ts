/**
 * The demo opera house's hall (issue 16): « Grande salle » of the Opéra de Montval, about 1,800
 * seats drawn with the block generator (shared/seating-generator.ts): stalls in French odd/even
 * numbering from the centre aisle, two balconies in arcs, a standing area up in the gods, PMR
 * places with their companions at the back of the stalls, a killed sound desk. Pure data.
 */
import type { LogicalLayout, SeatingPlan } from '../../../shared/seating-plan';
import { generateBlock } from '../../../shared/seating-generator';

export const DEMO_HALL = {
  site: { code: 'MONTVAL', name: 'Opéra de Montval', address: '1 place de l’Opéra, 00000 Montval', timeZone: 'Europe/Paris' },
  space: { code: 'GRANDE-SALLE', name: 'Grande salle' },
  physical: { code: 'GS-STANDARD', name: 'Grande salle — configuration standard', securityGauge: 1950 },
  logical: { code: 'GS-OPERA-2027', name: 'Grande salle — saison lyrique 2027–2028', securityGauge: 1920 },
  /** The demo events played there (their venueName is « Grande salle »). */
  venueName: 'Grande salle',
} as const;

export function demoHallPlan(): SeatingPlan {
  const stalls = generateBlock({
    id: 'PARTERRE',
    name: 'Parterre',
    x: 2000,
    y: 600,
    rows: 24,
    seatsPerRow: 36,
    rowLabels: 'letters',
    numbering: 'oddEven',
    shape: 'straight',
    aisleWidth: 120,
    rowSpacing: 80,
  });
  // PMR places at both ends of the last row, each beside a companion seat.
  const last = stalls.rows[stalls.rows.length - 1].seats;
  for (const i of [0, 1, last.length - 2, last.length - 1]) last[i].accessible = true;
  for (const i of [2, 3, last.length - 4, last.length - 3]) last[i].companion = true;
  const balcony1 = generateBlock({
    id: 'BALCON1',
    name: 'Premier balcon',
    x: 2000,
    y: 2900,
    rows: 8,
    seatsPerRow: 60,
    rowLabels: 'letters',
    numbering: 'oddEven',
    shape: 'arc',
    arcRadius: 2500,
    aisleWidth: 0,
    rowSpacing: 80,
  });
  const balcony2 = generateBlock({
    id: 'BALCON2',
    name: 'Second balcon',
    x: 2000,
    y: 3700,
    rows: 8,
    seatsPerRow: 56,
    rowLabels: 'letters',
    numbering: 'oddEven',
    shape: 'arc',
    arcRadius: 3000,
    aisleWidth: 0,
    rowSpacing: 80,
  });
  return {
    version: 1,
    width: 4000,
    height: 4800,
    stage: { x: 800, y: 0, width: 2400, height: 400 },
    blocks: [stalls, balcony1, balcony2],
    areas: [{ id: 'DEBOUT-POULAILLER', name: 'Poulailler (debout)', capacity: 150, shape: { kind: 'rectangle', x: 1200, y: 4450, width: 1600, height: 250 } }],
  };
}

/** The demo season's layout: front stalls CAT1, the rest of the stalls and the balconies CAT2, the standing area CAT3 (unnumbered). */
export function demoHallLayout(plan: SeatingPlan): LogicalLayout {
  const [stalls, ...balconies] = plan.blocks;
  const ids = (rows: { seats: { id: string }[] }[]) => rows.flatMap((r) => r.seats.map((s) => s.id));
  // The sound desk takes the four middle seats of the stalls' last row.
  const lastRow = stalls.rows[stalls.rows.length - 1].seats;
  const middle = Math.floor(lastRow.length / 2);
  return {
    version: 1,
    seatsByCategory: {
      CAT1: ids(stalls.rows.slice(0, 10)),
      CAT2: [...ids(stalls.rows.slice(10)), ...balconies.flatMap((b) => ids(b.rows))],
    },
    killedSeats: lastRow.slice(middle - 2, middle + 2).map((s) => s.id),
    areas: { 'DEBOUT-POULAILLER': { category: 'CAT3', sellableGauge: 120 } },
  };
}
