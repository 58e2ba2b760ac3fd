/** docs/sales-rules.md §3: the worked examples, as written there. */
import { compileSnapshot, performanceStatus } from '..';
import { activityProfile, calendar, carmenConfig, ids, performance, period } from './fixtures';

const codes = (answer: { reasons: { code: string }[] }) => answer.reasons.map((r) => r.code);

describe('§3 subscribers first, then everyone (ABO-PUIS-TOUS)', () => {
  const snapshot = compileSnapshot(carmenConfig());
  const ask = (channelId: string, audienceSubcategoryId: string, at: string) => performanceStatus(snapshot, { performanceId: ids.p12, channelId, audienceSubcategoryId, at });

  it('Abonné on WEB on 2027-06-15: ON_SALE, closes 2027-10-12 20:30', () => {
    const answer = ask(ids.web, ids.aboPlein, '2027-06-15T10:00:00Z');
    expect(answer.status).toBe('ON_SALE');
    expect(answer.closesAt).toBe('2027-10-12T18:30:00.000Z'); // 20:30 Paris
    expect(answer.opensAt).toBe('2027-06-01T08:00:00.000Z');
    expect(answer.reasons).toEqual([]);
    expect(answer.provenance.periods.map((p) => [p.calendar.code, p.period.id])).toEqual([['ABO-PUIS-TOUS', ids.period1]]);
    expect(answer.provenance.profiles.map((p) => p.id)).toEqual([ids.profile]);
  });

  it('Occasionnel on WEB on 2027-06-15: SOON_ON_SALE, opens 2027-07-01 10:00', () => {
    const answer = ask(ids.web, ids.occPlein, '2027-06-15T10:00:00Z');
    expect(answer.status).toBe('SOON_ON_SALE');
    expect(answer.opensAt).toBe('2027-07-01T08:00:00.000Z'); // 10:00 Paris
    expect(answer.closesAt).toBe('2027-10-12T16:00:00.000Z');
    expect(codes(answer)).toEqual(['NOT_YET_OPEN']);
    expect(answer.reasons[0].message.fr).toBe('Les ventes ne sont pas encore ouvertes : ouverture le 01/07/2027 à 10:00.');
  });

  it('Occasionnel on 2027-10-12 at 19:00: SALES_ENDED, closed 18:00', () => {
    const answer = ask(ids.web, ids.occPlein, '2027-10-12T17:00:00Z'); // 19:00 Paris
    expect(answer.status).toBe('SALES_ENDED');
    expect(answer.closesAt).toBe('2027-10-12T16:00:00.000Z'); // 18:00 Paris
    expect(codes(answer)).toEqual(['CLOSED']);
    expect(answer.reasons[0].message.fr).toContain('12/10/2027 à 18:00');
  });

  it.each([ids.aboPlein, ids.occPlein, ids.occJeune])('any audience (%s) on TELEPHONE: NOT_ON_SALE, no profile for that channel', (sub) => {
    const answer = ask(ids.tel, sub, '2027-08-15T10:00:00Z');
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer)).toEqual(['NO_VALIDATED_ACTIVITY_PROFILE', 'CHANNEL_NOT_IN_PROFILE']);
    expect(answer.reasons[0].objects.map((o) => o.id)).toEqual([ids.tel, ids.org]);
    // The calendar still says when it would sell, for the admin.
    expect(answer.opensAt).not.toBeNull();
  });
});

describe('§3 only two performances, first category only, on the internet', () => {
  const config = carmenConfig();
  config.activityProfiles = [
    activityProfile('ap-web-2', {
      allEvents: false,
      events: [{ eventId: ids.carmen, performanceIds: [ids.p12, ids.p14] }],
      allSeatCategories: false,
      seatCategoryIds: [ids.cat1],
      salesChannelIds: [ids.web],
    }),
  ];
  const snapshot = compileSnapshot(config);
  const at = '2027-08-15T10:00:00Z';

  it('13 Oct on WEB is NOT_ON_SALE (PERFORMANCE_NOT_IN_PROFILE)', () => {
    const answer = performanceStatus(snapshot, { performanceId: ids.p13, channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at });
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer)).toEqual(['PERFORMANCE_NOT_IN_PROFILE']);
  });

  it('12 Oct in Catégorie 2 on WEB is NOT_ON_SALE (SEAT_CATEGORY_NOT_IN_PROFILE)', () => {
    const answer = performanceStatus(snapshot, { performanceId: ids.p12, channelId: ids.web, audienceSubcategoryId: ids.aboPlein, seatCategoryId: ids.cat2, at });
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer)).toEqual(['SEAT_CATEGORY_NOT_IN_PROFILE']);
    expect(answer.reasons[0].objects.map((o) => o.code)).toEqual(['AP-WEB-2', 'CAT1'.replace('1', '2')]);
  });

  it('12 and 14 Oct in Catégorie 1 on WEB are ON_SALE', () => {
    for (const performanceId of [ids.p12, ids.p14]) {
      const answer = performanceStatus(snapshot, { performanceId, channelId: ids.web, audienceSubcategoryId: ids.aboPlein, seatCategoryId: ids.cat1, at });
      expect(answer.status).toBe('ON_SALE');
    }
  });
});

describe('§3 relative opening across a DST change', () => {
  const build = (days: number, hours: number) => {
    const config = carmenConfig();
    config.performances = [performance('perf-dst', '2027-03-30T18:00:00Z')]; // 20:00 Paris, summer time since 03-28
    config.salesCalendars = [calendar(ids.calendar, [period('p-rel', { opening: { kind: 'relative', days, hours } })])];
    return compileSnapshot(config);
  };
  const opensAt = (days: number, hours: number) =>
    performanceStatus(build(days, hours), { performanceId: 'perf-dst', channelId: ids.web, audienceSubcategoryId: ids.occPlein, at: '2027-01-01T00:00:00Z' }).opensAt;

  it('3 days: opens 2027-03-27 20:00 local = 19:00 UTC (71 elapsed hours)', () => {
    expect(opensAt(3, 0)).toBe('2027-03-27T19:00:00.000Z');
    expect(Date.parse('2027-03-30T18:00:00Z') - Date.parse(opensAt(3, 0)!)).toBe(71 * 3_600_000);
  });

  it('0 days 72 hours: opens 2027-03-27 19:00 local = 18:00 UTC', () => {
    expect(opensAt(0, 72)).toBe('2027-03-27T18:00:00.000Z');
  });

  it('days first, then hours: 3 days 2 hours = 2027-03-27 18:00 local', () => {
    expect(opensAt(3, 2)).toBe('2027-03-27T17:00:00.000Z');
  });
});
