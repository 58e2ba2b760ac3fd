/** Seating plans: validation, generator, layout rules and the capacity reconciliation (unit + properties). */
import fc from 'fast-check';
import type { LogicalLayout, SeatingPlan } from '../../../../../shared/seating-plan';
import { generateBlock, type BlockSpec } from '../../../../../shared/seating-generator';
import { emptyLayout, layoutProblems, planProblems, reconcile, seatCount, seatIdsOf, seatsUsedBy } from '..';

const block = (spec: Partial<BlockSpec> & { id: string; rows: number; seatsPerRow: number }) =>
  generateBlock({ name: spec.id, x: 0, y: 0, rowLabels: 'letters', numbering: 'oddEven', shape: 'straight', ...spec });

const hall = (): SeatingPlan => ({
  version: 1,
  width: 3000,
  height: 2000,
  blocks: [block({ id: 'P', rows: 3, seatsPerRow: 4 })],
  areas: [{ id: 'FOSSE', name: 'Fosse', capacity: 100, shape: { kind: 'rectangle', x: 0, y: 0, width: 100, height: 50 } }],
});
const CATS = new Set(['CAT1', 'CAT2', 'DEBOUT']);

describe('plan validation', () => {
  it('accepts a good plan', () => expect(planProblems(hall())).toEqual([]));
  it('names the path of every problem', () => {
    const plan = hall() as any;
    plan.blocks[0].rows[1].seats[2].id = plan.blocks[0].rows[0].seats[0].id;
    plan.blocks[0].rows[2].seats[0].id = 'no spaces';
    plan.blocks[0].rows[2].seats[1].x = 'left';
    plan.areas[0].capacity = -1;
    plan.version = 2;
    const paths = planProblems(plan).map((p) => `${p.path} ${p.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'plan.version INVALID_PLAN',
        'plan.blocks[0].rows[1].seats[2].id DUPLICATE_ID',
        'plan.blocks[0].rows[2].seats[0].id INVALID_ID',
        'plan.blocks[0].rows[2].seats[1].x INVALID_PLAN',
        'plan.areas[0].capacity INVALID_PLAN',
      ]),
    );
  });
  it('ids are unique across blocks, rows, seats and areas', () => {
    const plan = hall();
    plan.areas[0].id = plan.blocks[0].id;
    expect(planProblems(plan).map((p) => p.code)).toEqual(['DUPLICATE_ID']);
  });
  it('lists at most 50 problems, then counts the rest', () => {
    const plan = hall() as any;
    plan.blocks = [block({ id: 'X', rows: 10, seatsPerRow: 10 })];
    for (const row of plan.blocks[0].rows) for (const seat of row.seats) seat.x = null;
    const problems = planProblems(plan);
    expect(problems).toHaveLength(51);
    expect(problems[50]).toMatchObject({ code: 'MORE_PROBLEMS', en: 'and 50 more problem(s)' });
  });
  it('refuses what is not a plan', () => {
    expect(planProblems(null)[0].code).toBe('INVALID_PLAN');
    expect(planProblems({ version: 1, width: 1, height: 1 }).map((p) => p.path)).toEqual(['plan.blocks', 'plan.areas']);
  });
});

describe('layout rules and reconciliation', () => {
  const ids = (plan: SeatingPlan) => [...seatIdsOf(plan)];
  it('refuses unknown seats, categories, areas, a seat in two categories, an area gauge above capacity, a category numbered and unnumbered', () => {
    const plan = hall();
    const [a, b] = ids(plan);
    const layout: LogicalLayout = {
      version: 1,
      seatsByCategory: { CAT1: [a, 'ghost'], CAT2: [a], NOPE: [b], DEBOUT: [b] },
      killedSeats: ['ghost2'],
      areas: { FOSSE: { category: 'DEBOUT', sellableGauge: 101 }, NOAREA: { category: 'CAT1', sellableGauge: 1 } },
    };
    const codes = layoutProblems(layout, plan, CATS).map((p) => `${p.path} ${p.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'layout.seatsByCategory.CAT1[1] UNKNOWN_SEAT',
        'layout.seatsByCategory.CAT2[0] SEAT_IN_TWO_CATEGORIES',
        'layout.seatsByCategory.NOPE UNKNOWN_CATEGORY',
        'layout.killedSeats[0] UNKNOWN_SEAT',
        'layout.areas.FOSSE.sellableGauge AREA_GAUGE_OVER_CAPACITY',
        'layout.areas.NOAREA UNKNOWN_AREA',
        'layout.seatsByCategory.DEBOUT CATEGORY_NUMBERED_AND_UNNUMBERED',
      ]),
    );
  });
  it('reconciles: per category seats, kills, area gauges, sellable; blocks with the seat count', () => {
    const plan = hall();
    const all = ids(plan); // 12 seats
    const layout: LogicalLayout = {
      version: 1,
      seatsByCategory: { CAT1: all.slice(0, 6), CAT2: all.slice(6, 10) },
      killedSeats: [all[0], all[11]],
      areas: { FOSSE: { category: 'DEBOUT', sellableGauge: 80 } },
    };
    expect(layoutProblems(layout, plan, CATS)).toEqual([]);
    const r = reconcile(plan, layout, 100, 120);
    expect(r.categories).toEqual([
      { code: 'CAT1', kind: 'numbered', seats: 6, killed: 1, areaGauges: 0, sellable: 5 },
      { code: 'CAT2', kind: 'numbered', seats: 4, killed: 0, areaGauges: 0, sellable: 4 },
      { code: 'DEBOUT', kind: 'unnumbered', seats: 0, killed: 0, areaGauges: 80, sellable: 80 },
    ]);
    expect(r).toMatchObject({ totalSeats: 12, unassignedSeats: 1, killedSeats: 2, areaGauges: 80, sellable: 89 });
    expect(r.blocking).toEqual([expect.objectContaining({ code: 'UNASSIGNED_SEATS', count: 1 })]);
    const full = reconcile(plan, { ...layout, seatsByCategory: { CAT1: all.slice(0, 6), CAT2: all.slice(6) } }, 80, 120);
    expect(full.blocking.map((p) => [p.code, p.count])).toEqual([['SELLABLE_OVER_SECURITY_GAUGE', 10]]);
    expect(reconcile(plan, { ...layout, seatsByCategory: { CAT1: all.slice(0, 6), CAT2: all.slice(6) } }, 80, 50).blocking.map((p) => p.code)).toEqual([
      'LOGICAL_GAUGE_OVER_PHYSICAL',
      'SELLABLE_OVER_SECURITY_GAUGE',
    ]);
  });
  it('an empty layout blocks with every seat unassigned and warns about the area', () => {
    const r = reconcile(hall(), emptyLayout(), 1000, 1000);
    expect(r.blocking).toEqual([expect.objectContaining({ code: 'UNASSIGNED_SEATS', count: 12 })]);
    expect(r.warnings.map((w) => w.code)).toEqual(['AREA_WITHOUT_CATEGORY']);
  });
  it('property: sellable = seats with a category not killed + area gauges; every seat counted once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 100 }),
        (cats, kills, gauge) => {
          const plan = hall();
          const all = ids(plan);
          const seatsByCategory: Record<string, string[]> = {};
          all.forEach((id, i) => {
            if (cats[i] > 0) (seatsByCategory[`CAT${cats[i] === 3 ? 2 : cats[i]}`] ??= []).push(id);
          });
          const layout: LogicalLayout = { version: 1, seatsByCategory, killedSeats: all.filter((_, i) => kills[i]), areas: { FOSSE: { category: 'DEBOUT', sellableGauge: gauge } } };
          expect(layoutProblems(layout, plan, CATS)).toEqual([]);
          const r = reconcile(plan, layout, 10_000, 10_000);
          const expected = all.filter((_, i) => cats[i] > 0 && !kills[i]).length + gauge;
          expect(r.sellable).toBe(expected);
          expect(r.unassignedSeats).toBe(all.filter((_, i) => cats[i] === 0 && !kills[i]).length);
          expect(r.categories.reduce((s, c) => s + c.seats, 0) + all.filter((_, i) => cats[i] === 0).length).toBe(12);
          expect(r.blocking.some((p) => p.code === 'UNASSIGNED_SEATS')).toBe(r.unassignedSeats > 0);
          expect(seatsUsedBy(layout).size).toBe(all.filter((_, i) => cats[i] > 0 || kills[i]).length);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('checks a 20,000-seat plan and its layout quickly enough to run on every save', () => {
    const blocks = Array.from({ length: 10 }, (_, b) => block({ id: `B${b}`, rows: 40, seatsPerRow: 50 }));
    const plan: SeatingPlan = { version: 1, width: 10000, height: 10000, blocks, areas: [] };
    const all = ids(plan);
    expect(all).toHaveLength(20_000);
    expect(seatCount(plan)).toBe(20_000);
    const layout: LogicalLayout = { version: 1, seatsByCategory: { CAT1: all.slice(0, 10_000), CAT2: all.slice(10_000) }, killedSeats: [], areas: {} };
    expect(planProblems(plan)).toEqual([]);
    expect(layoutProblems(layout, plan, CATS)).toEqual([]);
    expect(reconcile(plan, layout, 20_000, 20_000).blocking).toEqual([]);
  });
});
