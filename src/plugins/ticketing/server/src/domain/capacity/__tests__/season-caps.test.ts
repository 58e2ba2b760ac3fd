import { seasonCaps } from '../availability';

describe('seasonCaps (maxPerBuyerPerSeason of a hold)', () => {
  test('per season, the strictest limit among its performances and the places asked; seasons without a limit left out; sorted', () => {
    const caps = seasonCaps([
      { seasonId: 'S2', quantity: 2, max: 6 },
      { seasonId: 'S1', quantity: 1, max: 5 },
      { seasonId: 'S2', quantity: 3, max: 4 },
      { seasonId: 'S1', quantity: 2 },
      { seasonId: 'S3', quantity: 7 },
      { seasonId: null, quantity: 9, max: 1 },
    ]);
    expect(caps).toEqual([
      { season: 'S1', max: 5, asked: 3 },
      { season: 'S2', max: 4, asked: 5 },
    ]);
  });
});
