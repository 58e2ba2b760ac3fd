/** The order of an answer's reasons (explain.ts REASON_RANK): the first one is the one to show. */
import fc from 'fast-check';
import { compileSnapshot, orderReasons, performanceStatus, productStatus, REASON_RANK, type Reason } from '..';
import { REASON_CODES } from '../../../../shared/enums';
import { contexts, randomConfig, SPAN, T0 } from './random-config';

const seedArb = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const atArb = fc.integer({ min: T0, max: T0 + SPAN + 40 * 86_400_000 });

const ranks = (reasons: readonly Reason[]) => reasons.map((r) => REASON_RANK[r.code]);
const sorted = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);

describe('reasons in order', () => {
  test('every reason code has a rank', () => {
    for (const code of REASON_CODES) expect(typeof REASON_RANK[code]).toBe('number');
    expect(Object.keys(REASON_RANK).sort()).toEqual([...REASON_CODES].sort());
  });

  test('orderReasons is stable and puts what the buyer can do nothing about first', () => {
    const r = (code: Reason['code'], n = '') => ({ code, objects: [], message: { fr: code + n, en: code + n } }) as Reason;
    const list = [r('NOT_YET_OPEN'), r('SUBCATEGORY_NOT_IN_PROFILE', '1'), r('CHANNEL_NOT_IN_PROFILE'), r('SUBCATEGORY_NOT_IN_PROFILE', '2'), r('PERFORMANCE_SUSPENDED'), r('EVENT_NOT_RUNNING')];
    expect(orderReasons(list).map((x) => x.message.en)).toEqual([
      'EVENT_NOT_RUNNING',
      'PERFORMANCE_SUSPENDED',
      'CHANNEL_NOT_IN_PROFILE',
      'SUBCATEGORY_NOT_IN_PROFILE1',
      'SUBCATEGORY_NOT_IN_PROFILE2',
      'NOT_YET_OPEN',
    ]);
  });

  test('every answer lists its reasons by rank, and the first one agrees with the status', () => {
    fc.assert(
      fc.property(seedArb, atArb, (seed, at) => {
        const config = randomConfig(seed);
        const snapshot = compileSnapshot(config);
        for (const ctx of contexts(config)) {
          for (const p of config.performances) {
            const answer = performanceStatus(snapshot, { performanceId: p.id, ...ctx, at });
            expect(sorted(ranks(answer.reasons))).toBe(true);
            const first = answer.reasons[0]?.code;
            if (answer.status === 'SOON_ON_SALE') expect(first).toBe('NOT_YET_OPEN');
            if (answer.status === 'SALES_ENDED') expect(['PERFORMANCE_OVER', 'CLOSED']).toContain(first);
            if (answer.status === 'TEMPORARILY_UNAVAILABLE') expect(first).toMatch(/_SUSPENDED$/);
          }
          for (const x of config.products) {
            const answer = productStatus(snapshot, { productId: x.id, ...ctx, quantity: 3, at });
            expect(sorted(ranks(answer.reasons))).toBe(true);
            if (answer.status === 'SOON_ON_SALE') expect(answer.reasons[0].code).toBe('NOT_YET_OPEN');
            if (answer.status === 'TEMPORARILY_UNAVAILABLE') expect(answer.reasons[0].code).toMatch(/_SUSPENDED$/);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
