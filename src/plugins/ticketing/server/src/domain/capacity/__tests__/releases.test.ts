/** Releases recorded and « release now » (effectiveRelease, dueReleases, manualRelease), and seat statuses. */
import { ZoneClock } from '../../time';
import {
  type AllocationData,
  type CapacityUsage,
  type ContingentInfo,
  availability,
  compileCapacity,
  dueReleases,
  effectiveRelease,
  manualRelease,
  releasedKey,
  seatPool,
  seatStatuses,
  usageKey,
} from '..';

const clock = ZoneClock.for('Europe/Paris');
const STARTS = Date.parse('2027-10-12T18:00:00.000Z');
const DAY = 86_400_000;
const BEFORE = STARTS - 40 * DAY;
const SEATS = Array.from({ length: 10 }, (_, i) => `S${i}`);
const contingents = new Map<string, ContingentInfo>([
  ['ABO', { code: 'ABO', name: 'Abonnés', kind: 'targetGroup', salesChannels: [], pointsOfSale: [], audienceCategories: ['abo'] }],
  ['PRESSE', { code: 'PRESSE', name: 'Presse', kind: 'internal', salesChannels: ['box'], pointsOfSale: [], audienceCategories: [] }],
]);
const anyone = { channelId: 'web', audienceCategoryId: 'occ' };

const hall = (planned: AllocationData[]) =>
  compileCapacity({
    performanceId: 'p1',
    startsAt: STARTS,
    clock,
    securityGauge: 1000,
    commercialGauge: null,
    categories: [
      { code: 'CAT1', kind: 'numbered', sellable: 10 },
      { code: 'FOSSE', kind: 'unnumbered', sellable: 100 },
    ],
    seatsByCategory: { CAT1: SEATS },
    killedSeats: [],
    planned,
    overrides: null,
    plannedLimits: null,
    performanceLimits: null,
  });
const ABO: AllocationData = { contingent: 'ABO', seatCategory: 'FOSSE', quantity: 30, release: { kind: 'relative', days: 30, hours: 0 } };
const PRESSE: AllocationData = { contingent: 'PRESSE', seats: ['S0', 'S1', 'S2'], release: { kind: 'never' } };
const usage = (entries: [string, string | null, number][], released: [string, string | null, number][] = []): CapacityUsage => ({
  taken: new Map(entries.map(([cat, pool, n]) => [usageKey(cat, pool), n])),
  released: new Map(released.map(([c, cat, at]) => [releasedKey(c, cat), at])),
});

describe('effectiveRelease', () => {
  it('is the earliest of the rule and the records (its category, or all categories)', () => {
    expect(effectiveRelease(500, 'ABO', 'FOSSE', null)).toBe(500);
    expect(effectiveRelease(500, 'ABO', 'FOSSE', usage([], [['ABO', 'FOSSE', 200]]))).toBe(200);
    expect(effectiveRelease(Infinity, 'ABO', 'FOSSE', usage([], [['ABO', null, 300]]))).toBe(300);
    expect(effectiveRelease(100, 'ABO', 'FOSSE', usage([], [['ABO', null, 300]]))).toBe(100);
    expect(effectiveRelease(500, 'ABO', 'FOSSE', usage([], [['ABO', 'CAT1', 200]]))).toBe(500);
  });
});

describe('release now', () => {
  const pc = hall([ABO, PRESSE]);
  const NOW = BEFORE;

  it('moves the unsold places of a contingent to the open sale (counters unchanged)', () => {
    const taken = usage([
      ['FOSSE', 'ABO', 12],
      ['FOSSE', null, 60],
    ]);
    expect(availability(pc, contingents, taken, { category: 'FOSSE', at: NOW, ...anyone }).available).toBe(10);
    const r = manualRelease(pc, taken, 'ABO', null, NOW);
    expect(r).toEqual({ ok: true, categories: [{ category: 'FOSSE', quantity: 18 }], quantity: 18 });
    const after = usage(
      [
        ['FOSSE', 'ABO', 12],
        ['FOSSE', null, 60],
      ],
      [['ABO', null, NOW]],
    );
    const a = availability(pc, contingents, after, { category: 'FOSSE', at: NOW, ...anyone });
    expect(a.available).toBe(28);
    expect(a.pools.find((p) => p.code === 'ABO')).toMatchObject({ capacity: 12, released: true, releaseAt: NOW });
    // Before the recorded instant, it was not released.
    expect(availability(pc, contingents, after, { category: 'FOSSE', at: NOW - 1, ...anyone }).available).toBe(10);
  });

  it('refuses twice, an unknown contingent, a category it has no places in', () => {
    const done = usage([], [['ABO', 'FOSSE', NOW]]);
    expect(manualRelease(pc, done, 'ABO', null, NOW)).toMatchObject({ ok: false, code: 'ALREADY_RELEASED' });
    expect(manualRelease(pc, done, 'ABO', 'FOSSE', NOW)).toMatchObject({ ok: false, code: 'ALREADY_RELEASED' });
    // Released by its rule already (30 days before).
    expect(manualRelease(pc, usage([]), 'ABO', null, STARTS - DAY)).toMatchObject({ ok: false, code: 'ALREADY_RELEASED' });
    expect(manualRelease(pc, usage([]), 'AGENCE', null, NOW)).toMatchObject({ ok: false, code: 'INVALID_RELEASE', field: 'contingent' });
    expect(manualRelease(pc, usage([]), 'ABO', 'CAT1', NOW)).toMatchObject({ ok: false, code: 'INVALID_RELEASE', field: 'category' });
  });

  it('frees a numbered contingent’s seats to the open sale', () => {
    expect(seatPool(pc, 'S1', NOW, usage([]))).toBe('PRESSE');
    expect(seatPool(pc, 'S1', NOW, usage([], [['PRESSE', 'CAT1', NOW]]))).toBeNull();
    expect(availability(pc, contingents, usage([], [['PRESSE', null, NOW]]), { category: 'CAT1', at: NOW, ...anyone }).available).toBe(10);
  });
});

describe('dueReleases', () => {
  const pc = hall([ABO, PRESSE]);
  it('lists the releases whose instant has passed and that no record covers, with their unsold places', () => {
    const at = STARTS - 10 * DAY;
    const due = dueReleases(pc, usage([['FOSSE', 'ABO', 5]]), at);
    expect(due).toEqual([{ contingent: 'ABO', category: 'FOSSE', at: STARTS - 30 * DAY, quantity: 25 }]);
    expect(dueReleases(pc, usage([], [['ABO', 'FOSSE', due[0].at]]), at)).toEqual([]);
    expect(dueReleases(pc, usage([], [['ABO', null, BEFORE]]), at)).toEqual([]);
    expect(dueReleases(pc, usage([]), BEFORE)).toEqual([]);
  });
});

describe('seatStatuses', () => {
  const pc = hall([PRESSE]);
  it('held, sold, killed, reserved for an unreleased contingent', () => {
    const s = seatStatuses(
      pc,
      usage([]),
      [
        { seat: 'S5', status: 'held' },
        { seat: 'S1', status: 'confirmed' },
      ],
      ['S9'],
      BEFORE,
    );
    expect(s).toEqual({ at: new Date(BEFORE).toISOString(), held: ['S5'], sold: ['S1'], killed: ['S9'], reserved: { PRESSE: ['S0', 'S2'] } });
    expect(seatStatuses(pc, usage([], [['PRESSE', null, BEFORE]]), [], [], BEFORE).reserved).toEqual({});
  });
});
