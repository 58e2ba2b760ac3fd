/** Best available (issue #17): runs of adjacent seats, the best block by closeness to the stage, seats not to take skipped. */
import fc from 'fast-check';
import { generateBlock } from '../../../../../shared/seating-generator';
import type { SeatingPlan } from '../../../../../shared/seating-plan';
import { bestBlock, bestSeats, seatRuns, type SeatRun } from '..';

/** 3 rows of 8 seats, numbered left to right (no aisle), the stage above the first row. */
const plan = (over: Partial<SeatingPlan> = {}): SeatingPlan => ({
  version: 1,
  width: 1000,
  height: 800,
  stage: { x: 300, y: 0, width: 400, height: 100 },
  blocks: [generateBlock({ id: 'P', name: 'Parterre', x: 500, y: 200, rows: 3, seatsPerRow: 8, rowLabels: 'letters', numbering: 'ltr', shape: 'straight' })],
  areas: [],
  ...over,
});
const all = (p: SeatingPlan, category = 'CAT1') => new Map(p.blocks.flatMap((b) => b.rows.flatMap((r) => r.seats.map((s) => [s.id, category] as [string, string]))));

describe('seatRuns', () => {
  test('one run per row; an aisle, a killed seat or another category cuts a run', () => {
    const p = plan();
    expect(
      seatRuns(p, all(p))
        .get('CAT1')!
        .map((r) => r.length),
    ).toEqual([8, 8, 8]);
    const aisle = plan({ blocks: [generateBlock({ id: 'T', name: 'T', x: 500, y: 200, rows: 1, seatsPerRow: 5, rowLabels: 'letters', numbering: 'oddEven', shape: 'straight' })] });
    expect(
      seatRuns(aisle, all(aisle))
        .get('CAT1')!
        .map((r) => r.map((s) => s.id)),
    ).toEqual([
      ['T-r0-s0', 'T-r0-s1', 'T-r0-s2'],
      ['T-r0-s3', 'T-r0-s4'],
    ]);
    const categories = all(p);
    categories.delete('P-r0-s3'); // killed
    categories.set('P-r1-s0', 'CAT2');
    const runs = seatRuns(p, categories);
    expect(runs.get('CAT1')!.map((r) => r.length)).toEqual([3, 4, 7, 8]);
    expect(runs.get('CAT2')!.map((r) => r.length)).toEqual([1]);
    expect(seatRuns(null, categories).size).toBe(0);
  });
});

describe('bestBlock / bestSeats', () => {
  const p = plan();
  const runs = seatRuns(p, all(p));
  test('the centre of the first row first, then around it', () => {
    expect(bestSeats(runs, 'CAT1', 2, () => true)).toEqual(['P-r0-s3', 'P-r0-s4']);
    expect(bestSeats(runs, 'CAT1', 4, () => true)).toEqual(['P-r0-s2', 'P-r0-s3', 'P-r0-s4', 'P-r0-s5']);
    // The centre taken: the best 2 adjacent among the rest of row A beat row B's centre.
    const taken = new Set(['P-r0-s3', 'P-r0-s4']);
    expect(bestSeats(runs, 'CAT1', 2, (s) => !taken.has(s))).toEqual(['P-r0-s1', 'P-r0-s2']);
    // 8 in a row: only whole rows; row A partly taken → row B.
    expect(bestSeats(runs, 'CAT1', 8, (s) => !taken.has(s))).toEqual(Array.from({ length: 8 }, (_, i) => `P-r1-s${i}`));
  });
  test('none: more than any run holds, an unknown category, a bad quantity', () => {
    expect(bestSeats(runs, 'CAT1', 9, () => true)).toBeNull();
    expect(bestSeats(runs, 'NOPE', 1, () => true)).toBeNull();
    expect(bestSeats(runs, 'CAT1', 0, () => true)).toBeNull();
    expect(bestSeats(runs, 'CAT1', 1, () => false)).toBeNull();
  });
  test('a rank given by the caller replaces the distance to the stage', () => {
    const ranked = seatRuns(p, all(p), (id) => (id.startsWith('P-r2') ? 0 : 10));
    expect(bestSeats(ranked, 'CAT1', 2, () => true)).toEqual(['P-r2-s0', 'P-r2-s1']);
  });
  test('property: the answer is adjacent seats that may be taken, and no other block of them scores lower', () => {
    const run = (ranks: number[]): SeatRun => ranks.map((rank, i) => ({ id: `s${i}`, rank }));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        (ranks, free, n) => {
          const r = run(ranks);
          const may = (id: string) => free[Number(id.slice(1))];
          const got = bestBlock([r], n, may);
          const blocks: number[] = [];
          for (let i = 0; i + n <= r.length; i++) if (r.slice(i, i + n).every((s) => may(s.id))) blocks.push(r.slice(i, i + n).reduce((t, s) => t + s.rank, 0));
          if (blocks.length === 0) return got === null;
          if (!got || got.length !== n || !got.every(may)) return false;
          const start = Number(got[0].slice(1));
          const ids = got.map((id) => Number(id.slice(1)));
          const score = got.reduce((t, id) => t + r[Number(id.slice(1))].rank, 0);
          return ids.every((x, k) => x === start + k) && score === Math.min(...blocks);
        },
      ),
    );
  });
});
