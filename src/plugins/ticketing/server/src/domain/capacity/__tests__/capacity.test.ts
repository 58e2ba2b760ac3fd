/** Availability: pools, the binding pool, releases, entitlement, limits, validation (unit + properties). */
import fc from 'fast-check';
import { ZoneClock } from '../../time';
import {
  type AllocationData,
  type CapacityUsage,
  type ContingentInfo,
  type LimitsData,
  availability,
  compileCapacity,
  drawPlan,
  releaseInstant,
  seatPool,
  usageKey,
  validateAllocations,
  validateLimits,
} from '..';

const clock = ZoneClock.for('Europe/Paris');
const STARTS = Date.parse('2027-10-12T18:00:00.000Z'); // 20:00 in Paris
const DAY = 86_400_000;
const WEB = 'web';
const BOX = 'box';
const SUBSCRIBER = 'abo';
const ANYONE = 'occ';

const contingents = new Map<string, ContingentInfo>([
  ['ABO', { code: 'ABO', name: 'Abonnés', kind: 'targetGroup', salesChannels: [], pointsOfSale: [], audienceCategories: [SUBSCRIBER] }],
  ['AGENCE', { code: 'AGENCE', name: 'Agence', kind: 'channelPartner', salesChannels: [], pointsOfSale: ['pos-agence'], audienceCategories: [] }],
  ['PRESSE', { code: 'PRESSE', name: 'Presse', kind: 'internal', salesChannels: [BOX], pointsOfSale: [], audienceCategories: [] }],
]);

const SEATS = Array.from({ length: 20 }, (_, i) => `S${i}`);

function hall(
  opts: {
    planned?: AllocationData[];
    overrides?: AllocationData[] | null;
    limits?: LimitsData | null;
    perfLimits?: LimitsData | null;
    security?: number;
    commercial?: number | null;
    fosse?: number;
  } = {},
) {
  return compileCapacity({
    performanceId: 'p1',
    startsAt: STARTS,
    clock,
    securityGauge: opts.security ?? 1000,
    commercialGauge: opts.commercial ?? null,
    categories: [
      { code: 'CAT1', kind: 'numbered', sellable: 20 },
      { code: 'FOSSE', kind: 'unnumbered', sellable: opts.fosse ?? 100 },
    ],
    seatsByCategory: { CAT1: SEATS },
    killedSeats: [],
    planned: opts.planned ?? [],
    overrides: opts.overrides ?? null,
    plannedLimits: opts.limits ?? null,
    performanceLimits: opts.perfLimits ?? null,
  });
}

const usage = (entries: [string, string | null, number][] = [], extra: Partial<CapacityUsage> = {}): CapacityUsage => ({
  taken: new Map(entries.map(([cat, pool, n]) => [usageKey(cat, pool), n])),
  ...extra,
});

const subscriberOnWeb = { channelId: WEB, audienceCategoryId: SUBSCRIBER };
const anyoneOnWeb = { channelId: WEB, audienceCategoryId: ANYONE };
const BEFORE = STARTS - 40 * DAY;
const AFTER_RELEASE = STARTS - 10 * DAY;

const subscribers: AllocationData = { contingent: 'ABO', seatCategory: 'FOSSE', quantity: 30, release: { kind: 'relative', days: 30, hours: 0 } };

describe('availability', () => {
  it('without contingents: the open sale is the category (a tie goes to the narrower pool)', () => {
    const a = availability(hall(), contingents, usage([['FOSSE', null, 40]]), { category: 'FOSSE', at: BEFORE, ...anyoneOnWeb });
    expect(a.available).toBe(60);
    expect(a.binding.kind).toBe('openSale');
    expect(a.pools.map((p) => [p.kind, p.capacity, p.used, p.left])).toEqual([
      ['securityGauge', 1000, 40, 960],
      ['category', 100, 40, 60],
      ['openSale', 100, 40, 60],
    ]);
  });

  it('the security and commercial gauges bind across categories', () => {
    const a = availability(
      hall({ security: 50, commercial: 45 }),
      contingents,
      usage([
        ['CAT1', null, 15],
        ['FOSSE', null, 20],
      ]),
      { category: 'FOSSE', at: BEFORE, ...anyoneOnWeb },
    );
    expect([a.available, a.binding.kind]).toEqual([10, 'commercialGauge']);
  });

  it('a contingent is out of the open sale until its release, then goes back to it', () => {
    const pc = hall({ planned: [subscribers] });
    const before = availability(pc, contingents, usage([['FOSSE', null, 70]]), { category: 'FOSSE', at: BEFORE, ...anyoneOnWeb });
    expect([before.available, before.binding.kind]).toEqual([0, 'openSale']);
    const subscriber = availability(pc, contingents, usage([['FOSSE', null, 70]]), { category: 'FOSSE', at: BEFORE, ...subscriberOnWeb });
    expect([subscriber.available, subscriber.binding.kind]).toEqual([30, 'reachable']);
    const after = availability(
      pc,
      contingents,
      usage([
        ['FOSSE', null, 70],
        ['FOSSE', 'ABO', 12],
      ]),
      { category: 'FOSSE', at: AFTER_RELEASE, ...anyoneOnWeb },
    );
    expect(after.available).toBe(18);
    expect(after.pools.find((p) => p.kind === 'contingent')).toMatchObject({ code: 'ABO', capacity: 12, used: 12, released: true });
  });

  it('releases at the instant the sales calendars count (30 days before 20:00 Paris, in the institution zone)', () => {
    const at = releaseInstant({ kind: 'relative', days: 30, hours: 0 }, STARTS, clock);
    // 12 Oct 2027 20:00 CEST → 12 Sep 2027 20:00 CEST
    expect(new Date(at).toISOString()).toBe('2027-09-12T18:00:00.000Z');
    const pc = hall({ planned: [subscribers] });
    expect(availability(pc, contingents, usage(), { category: 'FOSSE', at: at - 1, ...anyoneOnWeb }).available).toBe(70);
    expect(availability(pc, contingents, usage(), { category: 'FOSSE', at, ...anyoneOnWeb }).available).toBe(100);
    expect(releaseInstant({ kind: 'absolute', at: '2027-09-01T10:00:00.000Z' }, STARTS, clock)).toBe(Date.parse('2027-09-01T10:00:00.000Z'));
    expect(releaseInstant({ kind: 'never' }, STARTS, clock)).toBe(Infinity);
  });

  it('a release to another contingent moves the unsold places there, not to the open sale', () => {
    const pc = hall({
      planned: [
        { contingent: 'PRESSE', seatCategory: 'FOSSE', quantity: 10, release: { kind: 'relative', days: 20, hours: 0 }, releaseTo: 'ABO' },
        { ...subscribers, release: { kind: 'never' } },
      ],
    });
    const u = usage([['FOSSE', 'PRESSE', 4]]);
    const sub = availability(pc, contingents, u, { category: 'FOSSE', at: AFTER_RELEASE, ...subscriberOnWeb });
    expect(sub.pools.find((p) => p.code === 'ABO')).toMatchObject({ capacity: 36, used: 0 });
    expect(availability(pc, contingents, u, { category: 'FOSSE', at: AFTER_RELEASE, ...anyoneOnWeb }).available).toBe(60);
  });

  it('entitlement: by audience category, point of sale, channel', () => {
    const pc = hall({
      planned: [
        { contingent: 'AGENCE', seatCategory: 'FOSSE', quantity: 20 },
        { contingent: 'PRESSE', seatCategory: 'FOSSE', quantity: 5 },
      ],
    });
    const full = usage([['FOSSE', null, 75]]);
    expect(availability(pc, contingents, full, { category: 'FOSSE', at: BEFORE, pointOfSaleId: 'pos-agence', channelId: 'agency' }).available).toBe(20);
    expect(availability(pc, contingents, full, { category: 'FOSSE', at: BEFORE, channelId: BOX }).available).toBe(5);
    expect(availability(pc, contingents, full, { category: 'FOSSE', at: BEFORE, channelId: WEB }).available).toBe(0);
  });

  it('limits: per hold, per buyer, per tariff type', () => {
    const pc = hall({ limits: { maxPerHold: 8, tariffTypes: { RED: { maxPerPerformance: 3 } } }, perfLimits: { maxPerBuyer: 4 } });
    const hold = availability(pc, contingents, usage(), { category: 'FOSSE', at: BEFORE, ...anyoneOnWeb });
    expect([hold.available, hold.binding.code]).toEqual([8, 'maxPerHold']);
    const buyer = availability(pc, contingents, usage([], { buyer: 3 }), { category: 'FOSSE', at: BEFORE, ...anyoneOnWeb, buyerKnown: true });
    expect([buyer.available, buyer.binding.code]).toEqual([1, 'maxPerBuyer']);
    const red = availability(pc, contingents, usage([], { tariffTypes: new Map([['RED', 2]]) }), { category: 'FOSSE', at: BEFORE, ...anyoneOnWeb, tariffType: 'RED' });
    expect([red.available, red.binding.code]).toEqual([1, 'tariffType:RED.maxPerPerformance']);
  });

  it('a performance overrides a contingent’s planned allocations', () => {
    const pc = hall({ planned: [subscribers], overrides: [{ contingent: 'ABO', seatCategory: 'FOSSE', quantity: 5 }] });
    expect(availability(pc, contingents, usage(), { category: 'FOSSE', at: BEFORE, ...anyoneOnWeb }).available).toBe(95);
  });

  it('numbered seats: a seat’s pool is its contingent until released, then its target', () => {
    const pc = hall({ planned: [{ contingent: 'PRESSE', seats: ['S0', 'S1'], release: { kind: 'relative', days: 1, hours: 0 } }] });
    expect(seatPool(pc, 'S0', BEFORE)).toBe('PRESSE');
    expect(seatPool(pc, 'S0', STARTS)).toBeNull();
    expect(seatPool(pc, 'S5', BEFORE)).toBeNull();
    expect(availability(pc, contingents, usage(), { category: 'CAT1', at: BEFORE, ...anyoneOnWeb }).available).toBe(18);
  });

  it('drawPlan takes the contingents first, then the open sale', () => {
    const pc = hall({ planned: [subscribers] });
    expect(drawPlan(pc, contingents, usage([['FOSSE', 'ABO', 25]]), { category: 'FOSSE', at: BEFORE, ...subscriberOnWeb }, 8)).toEqual([
      { contingent: 'ABO', quantity: 5 },
      { contingent: null, quantity: 3 },
    ]);
  });
});

describe('properties', () => {
  const arbitraryHall = fc.record({
    fosse: fc.integer({ min: 0, max: 200 }),
    security: fc.integer({ min: 0, max: 300 }),
    commercial: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    abo: fc.integer({ min: 0, max: 60 }),
    presse: fc.integer({ min: 0, max: 30 }),
    aboDays: fc.integer({ min: 0, max: 60 }),
    presseDays: fc.integer({ min: 0, max: 60 }),
    presseToAbo: fc.boolean(),
    maxPerHold: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    taken: fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 30 })),
    daysBefore: fc.integer({ min: 0, max: 70 }),
    subscriber: fc.boolean(),
    box: fc.boolean(),
  });

  type Hall = typeof arbitraryHall extends fc.Arbitrary<infer R> ? R : never;
  const build = (h: Hall) => {
    const abo = Math.min(h.abo, h.fosse);
    const presse = Math.min(h.presse, h.fosse - abo);
    const pc = hall({
      fosse: h.fosse,
      security: h.security,
      commercial: h.commercial,
      limits: h.maxPerHold !== undefined ? { maxPerHold: h.maxPerHold } : null,
      planned: [
        { contingent: 'ABO', seatCategory: 'FOSSE', quantity: abo, release: { kind: 'relative', days: h.aboDays, hours: 0 } },
        { contingent: 'PRESSE', seatCategory: 'FOSSE', quantity: presse, release: { kind: 'relative', days: h.presseDays, hours: 0 }, releaseTo: h.presseToAbo ? 'ABO' : null },
      ],
    });
    // What is taken never exceeds what each pool held (holds honour availability).
    const u = usage([
      ['FOSSE', null, Math.min(h.taken[0], h.fosse - abo - presse)],
      ['FOSSE', 'ABO', Math.min(h.taken[1], abo)],
      ['FOSSE', 'PRESSE', Math.min(h.taken[2], presse)],
    ]);
    const buyer = { channelId: h.box ? BOX : WEB, audienceCategoryId: h.subscriber ? SUBSCRIBER : ANYONE };
    return { pc, u, buyer, at: STARTS - h.daysBefore * DAY };
  };

  it('the binding pool is always the minimum of the pools that apply, and available is never negative', () => {
    fc.assert(
      fc.property(arbitraryHall, (h) => {
        const { pc, u, buyer, at } = build(h);
        const a = availability(pc, contingents, u, { category: 'FOSSE', at, ...buyer });
        const min = Math.min(...a.pools.filter((p) => p.applies).map((p) => p.left));
        return a.binding.applies && a.binding.left === min && a.available === Math.max(0, min);
      }),
      { numRuns: 500 },
    );
  });

  it('releasing never lowers the open sale (later instants give at least as much to anyone)', () => {
    fc.assert(
      fc.property(arbitraryHall, fc.integer({ min: 0, max: 70 }), (h, earlier) => {
        const { pc, u } = build(h);
        const anyone = { channelId: WEB, audienceCategoryId: ANYONE };
        const t1 = STARTS - Math.max(earlier, h.daysBefore) * DAY;
        const t2 = STARTS - Math.min(earlier, h.daysBefore) * DAY;
        const open = (at: number) => availability(pc, contingents, u, { category: 'FOSSE', at, ...anyone }).pools.find((p) => p.kind === 'openSale')!.left;
        return open(t2) >= open(t1);
      }),
      { numRuns: 500 },
    );
  });

  it('a hold of what is available, drawn by drawPlan, never makes a pool negative', () => {
    fc.assert(
      fc.property(arbitraryHall, fc.integer({ min: 1, max: 50 }), (h, wanted) => {
        const { pc, u, buyer, at } = build(h);
        const q = { category: 'FOSSE', at, ...buyer };
        const before = availability(pc, contingents, u, q);
        if (before.pools.some((p) => p.applies && p.kind !== 'limit' && p.left < 0)) return true; // an over-full start (gauge lowered after sales) is not the property
        const n = Math.min(wanted, before.available);
        if (n === 0) return true;
        const plan = drawPlan(pc, contingents, u, q, n);
        if (plan.reduce((s, d) => s + d.quantity, 0) !== n) return false;
        const taken = new Map(u.taken);
        for (const d of plan) taken.set(usageKey('FOSSE', d.contingent), (taken.get(usageKey('FOSSE', d.contingent)) ?? 0) + d.quantity);
        const after = availability(pc, contingents, { taken }, q);
        return after.pools.every((p) => p.kind === 'limit' || p.left >= 0) && after.available >= 0;
      }),
      { numRuns: 500 },
    );
  });
});

describe('validation', () => {
  const refs = {
    contingentCodes: new Set(['ABO', 'PRESSE']),
    categories: new Map([
      ['CAT1', { kind: 'numbered' as const, sellable: 3 }],
      ['FOSSE', { kind: 'unnumbered' as const, sellable: 10 }],
    ]),
    categoryOfSeat: new Map([
      ['S0', 'CAT1'],
      ['S1', 'CAT1'],
      ['S2', 'CAT1'],
    ]),
  };
  it('accepts good allocations', () => {
    expect(
      validateAllocations([subscribers, { contingent: 'PRESSE', seats: ['S0', 'S1'], releaseTo: 'ABO' }], {
        ...refs,
        categories: new Map([...refs.categories, ['FOSSE', { kind: 'unnumbered', sellable: 100 }]]),
      }).problems,
    ).toEqual([]);
  });
  it('names every bad field', () => {
    const paths = validateAllocations(
      [
        { contingent: 'NOPE', seatCategory: 'FOSSE', quantity: 4 },
        { contingent: 'ABO', seatCategory: 'CAT1', quantity: 1 },
        { contingent: 'PRESSE', seats: ['S0', 'S0', 'ZZ'] },
        { contingent: 'ABO', seatCategory: 'FOSSE', quantity: 11, releaseTo: 'ABO' },
        { contingent: 'ABO', seatCategory: 'FOSSE', quantity: 1, seats: ['S2'] },
      ],
      refs,
    ).problems.map((p) => `${p.path} ${p.code}`);
    expect(paths).toEqual([
      'contingents[0].contingent UNKNOWN_REFERENCE',
      'contingents[1].seatCategory WRONG_CATEGORY_KIND',
      'contingents[2].seats[1] DUPLICATE',
      'contingents[2].seats[2] UNKNOWN_REFERENCE',
      'contingents[3].releaseTo INVALID',
      'contingents[4] INVALID',
      'contingents OVER_CAPACITY',
    ]);
    expect(validateAllocations([{ contingent: 'ABO', seatCategory: 'FOSSE', quantity: -1 }], refs).problems[0].path).toBe('contingents[0].quantity');
    expect(validateAllocations([{ contingent: 'ABO', seatCategory: 'FOSSE', quantity: 1e9 }], refs).problems[0].path).toBe('contingents[0].quantity');
  });
  it('limits: shape, min not above max, known codes', () => {
    expect(validateLimits({ minPerHold: 2, maxPerHold: 8, maxPerBuyer: 4 }).problems).toEqual([]);
    expect(validateLimits({ minPerHold: 9, maxPerHold: 8 }).problems.map((p) => p.code)).toEqual(['MIN_ABOVE_MAX']);
    expect(validateLimits({ maxPerHold: 0 }).problems.map((p) => p.path)).toEqual(['limits.maxPerHold']);
    expect(validateLimits({ tariffTypes: { X: { maxPerHold: 2 } } }, { tariffTypeCodes: new Set(['N']) }).problems.map((p) => p.path)).toEqual(['limits.tariffTypes.X']);
    expect(validateLimits({ other: 1 }).problems.length).toBe(1);
  });
});
