/** SOLD_OUT composed with the engine's statuses (issue #17): the lane rule and the interval shown now. */
import { ZoneClock } from '../../time';
import { intervalStatus } from '../../answer';
import { type CapacityUsage, compileCapacity, soldOutReason, soldOutStatus, usageKey } from '..';

const clock = ZoneClock.for('Europe/Paris');
const STARTS = Date.parse('2027-10-12T18:00:00.000Z');
const pc = compileCapacity({
  performanceId: 'p1',
  startsAt: STARTS,
  clock,
  securityGauge: 1000,
  commercialGauge: null,
  categories: [
    { code: 'CAT1', kind: 'numbered', sellable: 2 },
    { code: 'FOSSE', kind: 'unnumbered', sellable: 3 },
  ],
  seatsByCategory: { CAT1: ['S0', 'S1'] },
  killedSeats: [],
  planned: [],
  overrides: null,
  plannedLimits: null,
  performanceLimits: null,
});
const buyer = { at: STARTS - 86_400_000, channelId: 'web', pointOfSaleId: null, audienceCategoryId: 'occ' };
const usage = (cat1: number, fosse: number): CapacityUsage => ({
  taken: new Map([
    [usageKey('CAT1', null), cat1],
    [usageKey('FOSSE', null), fosse],
  ]),
});

describe('soldOutStatus / soldOutReason', () => {
  test('ON_SALE stays while one category has a place; SOLD_OUT when none has', () => {
    expect(soldOutStatus('ON_SALE', pc, new Map(), usage(2, 2), buyer)).toBe('ON_SALE');
    expect(soldOutStatus('ON_SALE', pc, new Map(), usage(1, 3), buyer)).toBe('ON_SALE');
    expect(soldOutStatus('ON_SALE', pc, new Map(), usage(2, 3), buyer)).toBe('SOLD_OUT');
  });
  test('only an open window becomes SOLD_OUT', () => {
    for (const s of ['SOON_ON_SALE', 'SALES_ENDED', 'NOT_ON_SALE', 'TEMPORARILY_UNAVAILABLE'] as const) expect(soldOutStatus(s, pc, new Map(), usage(2, 3), buyer)).toBe(s);
  });
  test('the reason names the binding pool of the first category, fr and en', () => {
    const r = soldOutReason(pc, new Map(), usage(2, 3), buyer, ['CAT1', 'FOSSE'], [])!;
    expect(r.code).toBe('SOLD_OUT');
    expect(r.message).toEqual({ fr: 'complet : plus aucune place dans la vente libre (2)', en: 'sold out: nothing left in the open sale (2)' });
    expect(soldOutReason(pc, new Map(), usage(2, 3), buyer, [], [])).toBeNull();
  });
});

describe('intervalStatus with SOLD_OUT', () => {
  test('the interval open now shows SOLD_OUT; the others before or after it keep their place in time', () => {
    expect(intervalStatus('SOLD_OUT', 0, 100, 50)).toBe('SOLD_OUT');
    expect(intervalStatus('SOLD_OUT', 100, 200, 50)).toBe('SOON_ON_SALE');
    expect(intervalStatus('SOLD_OUT', 0, 40, 50)).toBe('SALES_ENDED');
    expect(intervalStatus('ON_SALE', 0, 100, 50)).toBe('ON_SALE');
  });
});
