import fc from 'fast-check';
import { STATUSES, STATUS_RANK, bestStatus, combineBars, type Bar, type SaleStatus } from '../../../../shared/timeline';

/** The grouped lanes of the admin timeline (a channel across categories, a category across channels). */

const bar = fc
  .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 20 }), fc.constantFrom(...STATUSES))
  .map(([opensAt, length, status]): Bar => ({ opensAt, closesAt: opensAt + length, status }));
const lanes = fc.array(fc.array(bar, { maxLength: 4 }), { maxLength: 5 });

/** The status drawn at instant t (half-open bars), or null where no bar is. */
const statusAt = (bars: Bar[], t: number): SaleStatus | null => {
  const covering = bars.filter((b) => b.opensAt <= t && t < b.closesAt).map((b) => b.status);
  return covering.length === 0 ? null : bestStatus(covering);
};

describe('grouped lanes', () => {
  test('best status: on sale › soon on sale › temporarily unavailable › sold out › sales ended › not on sale', () => {
    expect([...STATUSES].sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b])).toEqual(['ON_SALE', 'SOON_ON_SALE', 'TEMPORARILY_UNAVAILABLE', 'SOLD_OUT', 'SALES_ENDED', 'NOT_ON_SALE']);
    expect(bestStatus(['SOON_ON_SALE', 'ON_SALE', 'NOT_ON_SALE'])).toBe('ON_SALE');
    expect(bestStatus(['NOT_ON_SALE', 'SALES_ENDED'])).toBe('SALES_ENDED');
    expect(bestStatus([])).toBe('NOT_ON_SALE');
  });

  test('subscribers on sale now, occasional buyers later: one bar on sale over both windows', () => {
    const subscribers: Bar[] = [{ opensAt: 0, closesAt: 100, status: 'ON_SALE' }];
    const occasional: Bar[] = [{ opensAt: 30, closesAt: 100, status: 'SOON_ON_SALE' }];
    expect(combineBars([subscribers, occasional])).toEqual([{ opensAt: 0, closesAt: 100, status: 'ON_SALE' }]);
    // A later window of a lower status stays visible where it is alone.
    expect(combineBars([[{ opensAt: 0, closesAt: 10, status: 'SALES_ENDED' }], [{ opensAt: 5, closesAt: 20, status: 'SOON_ON_SALE' }]])).toEqual([
      { opensAt: 0, closesAt: 5, status: 'SALES_ENDED' },
      { opensAt: 5, closesAt: 20, status: 'SOON_ON_SALE' },
    ]);
  });

  test('combined bars: at every instant the best status of the bars covering it, nothing where none is', () => {
    fc.assert(
      fc.property(lanes, (input) => {
        const combined = combineBars(input);
        const all = input.flat();
        for (let t = 0; t <= 72; t++) expect(statusAt(combined, t)).toBe(statusAt(all, t));
        // Sorted, disjoint, and merged: no two touching bars of one status.
        for (let k = 1; k < combined.length; k++) {
          expect(combined[k].opensAt).toBeGreaterThanOrEqual(combined[k - 1].closesAt);
          if (combined[k].opensAt === combined[k - 1].closesAt) expect(combined[k].status).not.toBe(combined[k - 1].status);
        }
      }),
    );
  });
});
