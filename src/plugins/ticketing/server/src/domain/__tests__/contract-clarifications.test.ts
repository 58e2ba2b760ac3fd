/**
 * sales-rules.md §1.1–1.4 as clarified (issue #21): emptiness of relative periods across DST
 * changes, repeated and skipped wall-clock times, a channel enabled for the organisation, a
 * profile that selects nothing, and opensAt / closesAt whatever the status.
 */
import {
  checkActivityProfile,
  checkProductProfile,
  checkSalesCalendar,
  compileSnapshot,
  intervalStatus,
  listOnSale,
  listProductsOnSale,
  performanceStatus,
  productStatus,
  type ConfigurationInput,
  type OpeningRule,
  type ClosingRule,
} from '..';
import { ZoneClock } from '../time';
import { periodAlwaysEmpty, salesPeriodProblems, salesPeriodRules } from '../shape';
import { activityProfile, calendar, carmenConfig, clone, ids, performance, period, productProfile } from './fixtures';

const codes = (list: { code: string }[]) => list.map((p) => p.code);
const iso = (ms: number) => new Date(ms).toISOString();
const rel = (days: number, hours: number) => ({ kind: 'relative' as const, days, hours });

/** Carmen with one performance at `startsAt` and one calendar of one period. */
function onePeriod(startsAt: string, opening: OpeningRule, closing: ClosingRule, change: (c: ConfigurationInput) => void = () => {}): ConfigurationInput {
  const config = clone(carmenConfig());
  config.performances = [performance('perf-x', startsAt)];
  config.salesCalendars = [calendar(ids.calendar, [period('p', { opening, closing })])];
  change(config);
  return config;
}
const answer = (config: ConfigurationInput, at: string, over: object = {}) =>
  performanceStatus(compileSnapshot(config), { performanceId: 'perf-x', channelId: ids.web, audienceSubcategoryId: ids.occPlein, at, ...over });

// Europe/Paris: summer time from 2027-03-28 02:00 to 2027-10-31 03:00.
const SPRING_3_DAYS_AFTER = '2027-03-30T18:00:00Z'; // Tuesday 20:00 CEST (the contract's §3 example)
const SPRING_2_DAYS_AFTER = '2027-03-29T18:00:00Z'; // Monday 20:00 CEST
const AUTUMN_3_DAYS_AFTER = '2027-11-02T19:00:00Z'; // Tuesday 20:00 CET
const AUTUMN_2_DAYS_AFTER = '2027-11-01T19:00:00Z'; // Monday 20:00 CET

describe('§1.2 a relative period is decided per performance, never by counting a day as 24 hours (#21)', () => {
  // [performance, opening, closing, the one-hour interval it gives, or null when it gives none]
  const cases: [string, string, OpeningRule, ClosingRule, [string, string] | null][] = [
    ['spring, 0 d 72 h → 3 d', SPRING_3_DAYS_AFTER, rel(0, 72), rel(3, 0), ['2027-03-27T18:00:00.000Z', '2027-03-27T19:00:00.000Z']],
    ['spring, 3 d → 0 d 72 h', SPRING_3_DAYS_AFTER, rel(3, 0), rel(0, 72), null],
    ['spring, 0 d 48 h → 2 d', SPRING_2_DAYS_AFTER, rel(0, 48), rel(2, 0), ['2027-03-27T18:00:00.000Z', '2027-03-27T19:00:00.000Z']],
    ['spring, 2 d → 0 d 48 h', SPRING_2_DAYS_AFTER, rel(2, 0), rel(0, 48), null],
    ['autumn, 3 d → 0 d 72 h', AUTUMN_3_DAYS_AFTER, rel(3, 0), rel(0, 72), ['2027-10-30T18:00:00.000Z', '2027-10-30T19:00:00.000Z']],
    ['autumn, 0 d 72 h → 3 d', AUTUMN_3_DAYS_AFTER, rel(0, 72), rel(3, 0), null],
    ['autumn, 2 d → 0 d 48 h', AUTUMN_2_DAYS_AFTER, rel(2, 0), rel(0, 48), ['2027-10-30T18:00:00.000Z', '2027-10-30T19:00:00.000Z']],
    ['autumn, 0 d 48 h → 2 d', AUTUMN_2_DAYS_AFTER, rel(0, 48), rel(2, 0), null],
  ];

  it.each(cases)('%s: validation does not refuse it; the engine answers the interval; a warning only when this event gets none', (_name, startsAt, opening, closing, interval) => {
    const config = onePeriod(startsAt, opening, closing);
    const check = checkSalesCalendar(config, ids.calendar);
    expect(check.blocking).toEqual([]);
    expect(periodAlwaysEmpty(opening, closing)).toBe(false);
    if (interval) {
      expect(check.warnings).toEqual([]);
      const before = answer(config, '2027-01-01T00:00:00Z');
      expect([before.status, before.opensAt, before.closesAt]).toEqual(['SOON_ON_SALE', ...interval]);
      const inside = Date.parse(interval[0]) + 30 * 60_000;
      expect(answer(config, iso(inside)).status).toBe('ON_SALE');
      expect(answer(config, interval[1]).status).toBe('SALES_ENDED');
    } else {
      // (The profile grants the performance on WEB and GUICHET: each channel is warned about too.)
      expect(codes(check.warnings)).toEqual(['PERIOD_YIELDS_NO_WINDOW', 'PERFORMANCE_WITHOUT_WINDOW', 'PERFORMANCE_WITHOUT_WINDOW']);
      expect(check.warnings[0].objects.map((o) => o.id)).toEqual([ids.calendar, 'p', ids.carmen]);
      expect(codes(answer(config, '2027-01-01T00:00:00Z').reasons)).toEqual(['EMPTY_SALES_WINDOW']);
    }
  });

  it('the §3 pair validates even when the calendar is assigned to no event (only CALENDAR_NOT_ASSIGNED)', () => {
    const config = onePeriod(SPRING_3_DAYS_AFTER, rel(0, 72), rel(3, 0), (c) => (c.events[0].calendarAssignments = []));
    expect(checkSalesCalendar(config, ids.calendar)).toEqual({ blocking: [], warnings: [expect.objectContaining({ code: 'CALENDAR_NOT_ASSIGNED' })] });
  });

  it('no PERIOD_YIELDS_NO_WINDOW while one performance of the event gets an interval (a spring and an autumn performance)', () => {
    const config = onePeriod(SPRING_3_DAYS_AFTER, rel(3, 0), rel(0, 72), (c) => c.performances.push(performance('perf-autumn', AUTUMN_3_DAYS_AFTER)));
    const check = checkSalesCalendar(config, ids.calendar);
    expect(check.blocking).toEqual([]);
    // Only the spring performance is without a window (on each channel the profile grants).
    expect(codes(check.warnings)).toEqual(['PERFORMANCE_WITHOUT_WINDOW', 'PERFORMANCE_WITHOUT_WINDOW']);
    expect(check.warnings[0].objects.map((o) => o.id)).toContain('perf-x');
    expect(check.warnings[0].objects.map((o) => o.id)).not.toContain('perf-autumn');
  });

  it.each([
    ['same days, closing hours not fewer than opening hours', rel(1, 2), rel(1, 3)],
    ['same days and hours', rel(2, 5), rel(2, 5)],
    ['a day more before, closing', rel(1, 0), rel(2, 0)],
    ['0 d 23 h → 1 d: empty even when the day lasts 23 hours', rel(0, 23), rel(1, 0)],
    ['2 d → 0 d 49 h', rel(2, 0), rel(0, 49)],
  ])('refused: empty for every possible performance (%s)', (_name, opening, closing) => {
    expect(periodAlwaysEmpty(opening, closing)).toBe(true);
    const config = onePeriod(SPRING_3_DAYS_AFTER, opening, closing);
    expect(codes(checkSalesCalendar(config, ids.calendar).blocking)).toEqual(['PERIOD_CLOSES_BEFORE_OPENING']);
  });

  it('0 d 24 h → 1 d is accepted: a one-hour interval the day before a spring change', () => {
    const config = onePeriod('2027-03-28T18:00:00Z', rel(0, 24), rel(1, 0)); // Sunday 20:00 CEST
    expect(checkSalesCalendar(config, ids.calendar).blocking).toEqual([]);
    const a = answer(config, '2027-01-01T00:00:00Z');
    expect([a.opensAt, a.closesAt]).toEqual(['2027-03-27T18:00:00.000Z', '2027-03-27T19:00:00.000Z']);
  });

  it('absolute: refused only when closing at or before the opening; mixed kinds never refused', () => {
    const at = (s: string) => ({ kind: 'absolute' as const, at: s });
    expect(periodAlwaysEmpty(at('2027-09-01T00:00:00Z'), at('2027-09-01T00:00:00Z'))).toBe(true);
    expect(periodAlwaysEmpty(at('2027-09-01T00:00:00Z'), at('2027-09-01T00:00:01Z'))).toBe(false);
    expect(periodAlwaysEmpty(at('2027-09-01T00:00:00Z'), rel(400, 0))).toBe(false);
    expect(periodAlwaysEmpty(rel(1, 0), at('2020-01-01T00:00:00Z'))).toBe(false);
    expect(periodAlwaysEmpty(rel(0, 1), { kind: 'none' })).toBe(false);
    expect(periodAlwaysEmpty(rel(0, 1), { kind: 'atPerformance' })).toBe(false);
    // Absolute closing before every performance's opening: a warning for the event, not a refusal.
    const config = onePeriod(SPRING_3_DAYS_AFTER, rel(1, 0), at('2020-01-01T00:00:00Z'));
    const check = checkSalesCalendar(config, ids.calendar);
    expect(check.blocking).toEqual([]);
    expect(codes(check.warnings)).toContain('PERIOD_YIELDS_NO_WINDOW');
  });
});

describe('one validator of period rules: the write guard refuses what validation refuses, and only that', () => {
  const stored = (fields: object) => ({ openingKind: 'relative', openingDays: 0, openingHours: 72, closingKind: 'relative', closingDays: 3, closingHours: 0, ...fields });
  it('0 d 72 h → 3 d and its reverse are well-formed; 1 d → 2 d is refused on closingDays', () => {
    expect(salesPeriodProblems(stored({}), 'periods[0]')).toEqual([]);
    expect(salesPeriodProblems(stored({ openingDays: 3, openingHours: null, closingDays: null, closingHours: '72' }), 'periods[0]')).toEqual([]);
    expect(salesPeriodProblems(stored({ openingDays: 1, openingHours: 0, closingDays: 2 }), 'periods[0]').map((p) => p.path)).toEqual(['periods[0].closingDays']);
  });
  it('the stored fields read as the engine reads them (the configuration loader uses the same function)', () => {
    expect(salesPeriodRules(stored({ closingHours: '2' }))).toEqual({ opening: rel(0, 72), closing: rel(3, 2) });
    expect(salesPeriodRules({ openingKind: 'absolute', opensAt: new Date('2027-06-01T08:00:00Z'), closingKind: 'atPerformance' })).toEqual({
      opening: { kind: 'absolute', at: '2027-06-01T08:00:00.000Z' },
      closing: { kind: 'atPerformance' },
    });
  });
});

describe('§1.2 wall-clock times that do not exist or occur twice', () => {
  const paris = new ZoneClock('Europe/Paris');

  it('a time in the spring gap moves forward by the gap (02:30 → 03:30)', () => {
    // Monday 2027-03-29 02:30 CEST minus 1 day: Sunday 02:30 does not exist → 03:30 CEST.
    expect(iso(paris.minusDaysHours(Date.parse('2027-03-29T00:30:00Z'), 1, 0))).toBe('2027-03-28T01:30:00.000Z');
  });

  it('a time repeated in autumn is its first occurrence (summer time)', () => {
    // Monday 2027-11-01 02:30 CET minus 1 day: Sunday 02:30 occurs at 00:30Z (CEST) then 01:30Z (CET).
    expect(iso(paris.minusDaysHours(Date.parse('2027-11-01T01:30:00Z'), 1, 0))).toBe('2027-10-31T00:30:00.000Z');
    // Days first, then elapsed hours from that first occurrence.
    expect(iso(paris.minusDaysHours(Date.parse('2027-11-01T01:30:00Z'), 1, 2))).toBe('2027-10-30T22:30:00.000Z');
    // The other wall-clock times of that night are unambiguous.
    expect(iso(paris.minusDaysHours(Date.parse('2027-11-01T02:30:00Z'), 1, 0))).toBe('2027-10-31T02:30:00.000Z'); // 03:30 CET
    expect(iso(paris.minusDaysHours(Date.parse('2027-10-31T23:30:00Z'), 1, 0))).toBe('2027-10-30T22:30:00.000Z'); // 00:30 CEST
  });

  it('in the engine: a night performance opening one day before', () => {
    const repeated = onePeriod('2027-11-01T01:30:00Z', rel(1, 0), { kind: 'none' });
    expect(answer(repeated, '2027-01-01T00:00:00Z').opensAt).toBe('2027-10-31T00:30:00.000Z');
    const skipped = onePeriod('2027-03-29T00:30:00Z', rel(1, 0), { kind: 'none' });
    expect(answer(skipped, '2027-01-01T00:00:00Z').opensAt).toBe('2027-03-28T01:30:00.000Z');
  });
});

describe('§1.1 the channel is enabled for the organisation', () => {
  const notEnabled = () => {
    const config = clone(carmenConfig());
    config.organizations[0].salesChannelIds = [ids.guichet, ids.tel];
    return config;
  };
  it('performances: NOT_ON_SALE with CHANNEL_NOT_ENABLED_FOR_ORGANIZATION, not listed; other channels unaffected', () => {
    const snapshot = compileSnapshot(notEnabled());
    const query = { performanceId: ids.p12, audienceSubcategoryId: ids.occPlein, at: '2027-08-15T10:00:00Z' };
    const web = performanceStatus(snapshot, { ...query, channelId: ids.web });
    expect(web.status).toBe('NOT_ON_SALE');
    expect(codes(web.reasons)).toEqual(['CHANNEL_NOT_ENABLED_FOR_ORGANIZATION']);
    expect(web.opensAt).toBe('2027-07-01T08:00:00.000Z'); // the calendar still says when it would sell (§1.4)
    expect(listOnSale(snapshot, { channelId: ids.web, audienceSubcategoryId: ids.occPlein, at: query.at })).toEqual([]);
    expect(listOnSale(snapshot, { pointOfSaleId: ids.website, audienceSubcategoryId: ids.occPlein, at: query.at })).toEqual([]);
    expect(performanceStatus(snapshot, { ...query, channelId: ids.guichet }).status).toBe('ON_SALE');
  });
  it('products: NOT_ON_SALE with CHANNEL_NOT_ENABLED_FOR_ORGANIZATION, not listed', () => {
    const snapshot = compileSnapshot(notEnabled());
    const at = '2027-06-15T10:00:00Z';
    const web = productStatus(snapshot, { productId: ids.subscription, channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at });
    expect(web.status).toBe('NOT_ON_SALE');
    expect(codes(web.reasons)).toContain('CHANNEL_NOT_ENABLED_FOR_ORGANIZATION');
    expect(listProductsOnSale(snapshot, { channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at })).toEqual([]);
  });
  it('a profile on a channel the organisation does not have: a warning at validation', () => {
    expect(codes(checkActivityProfile(notEnabled(), ids.profile).warnings)).toContain('CHANNEL_NOT_ENABLED_FOR_ORGANIZATION');
    expect(codes(checkProductProfile(notEnabled(), ids.productProfile).warnings)).toContain('CHANNEL_NOT_ENABLED_FOR_ORGANIZATION');
  });
});

describe('§1.3 a profile that selects nothing grants nothing, and validation refuses it', () => {
  const withProfile = (over: Parameters<typeof activityProfile>[1]) => {
    const config = clone(carmenConfig());
    config.activityProfiles = [activityProfile(ids.profile, over)];
    return config;
  };
  const at = '2027-08-15T10:00:00Z';
  it.each([
    ['no subcategory', { allAudienceSubcategories: false, audienceSubcategoryIds: [] }, 'SUBCATEGORY_NOT_IN_PROFILE', 'PROFILE_HAS_NO_AUDIENCE_SUBCATEGORY'],
    ['no seat category', { allSeatCategories: false, seatCategoryIds: [] }, 'SEAT_CATEGORY_NOT_IN_PROFILE', 'PROFILE_HAS_NO_SEAT_CATEGORY'],
    ['no tariff type', { allTariffTypes: false, tariffTypeIds: [] }, 'TARIFF_TYPE_NOT_IN_PROFILE', 'PROFILE_HAS_NO_TARIFF_TYPE'],
    ['no event', { allEvents: false, events: [] }, 'EVENT_NOT_IN_PROFILE', 'PROFILE_HAS_NO_EVENT'],
  ])('%s', (_name, over, reason, problem) => {
    const config = withProfile(over);
    const snapshot = compileSnapshot(config);
    for (const audienceSubcategoryId of [ids.aboPlein, ids.occPlein, ids.occJeune]) {
      for (const extra of [{}, { seatCategoryId: ids.cat1, tariffTypeId: ids.normal }]) {
        const a = performanceStatus(snapshot, { performanceId: ids.p12, channelId: ids.web, audienceSubcategoryId, at, ...extra });
        expect(a.status).toBe('NOT_ON_SALE');
        expect(codes(a.reasons)).toContain(reason);
      }
      expect(listOnSale(snapshot, { channelId: ids.web, audienceSubcategoryId, at, includeSoon: true })).toEqual([]);
    }
    expect(codes(checkActivityProfile(config, ids.profile).blocking)).toEqual([problem]);
  });
  it('a selection of objects that no longer exist selects nothing (and is refused)', () => {
    const config = withProfile({ allSeatCategories: false, seatCategoryIds: ['seat-gone'] });
    const a = performanceStatus(compileSnapshot(config), { performanceId: ids.p12, channelId: ids.web, audienceSubcategoryId: ids.occPlein, at });
    expect(codes(a.reasons)).toEqual(['SEAT_CATEGORY_NOT_IN_PROFILE']);
    expect(codes(checkActivityProfile(config, ids.profile).blocking)).toEqual(['UNKNOWN_REFERENCE']);
  });
  it('a product profile without subcategory grants nothing (and is refused)', () => {
    const config = clone(carmenConfig());
    config.productProfiles = [productProfile(ids.productProfile, { allAudienceSubcategories: false, audienceSubcategoryIds: [] })];
    const a = productStatus(compileSnapshot(config), { productId: ids.subscription, channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at: '2027-06-15T10:00:00Z' });
    expect(a.status).toBe('NOT_ON_SALE');
    expect(codes(a.reasons)).toEqual(['SUBCATEGORY_NOT_IN_PROFILE']);
    expect(codes(checkProductProfile(config, ids.productProfile).blocking)).toEqual(['PROFILE_HAS_NO_AUDIENCE_SUBCATEGORY']);
  });
});

describe('§1.4 opensAt / closesAt for SALES_ENDED and NOT_ON_SALE', () => {
  const twoIntervals = (change: (c: ConfigurationInput) => void = () => {}) => {
    const config = clone(carmenConfig());
    config.salesCalendars = [
      calendar(ids.calendar, [
        period('a', { opening: { kind: 'absolute', at: '2027-07-01T00:00:00Z' }, closing: { kind: 'absolute', at: '2027-07-10T00:00:00Z' } }),
        period('b', { opening: { kind: 'absolute', at: '2027-08-01T00:00:00Z' }, closing: { kind: 'absolute', at: '2027-08-10T00:00:00Z' } }),
      ]),
    ];
    change(config);
    return compileSnapshot(config);
  };
  const ask = (snapshot: ReturnType<typeof compileSnapshot>, at: string) => performanceStatus(snapshot, { performanceId: ids.p12, channelId: ids.web, audienceSubcategoryId: ids.occPlein, at });
  const window = (a: { status: string; opensAt: string | null; closesAt: string | null }) => [a.status, a.opensAt, a.closesAt];
  const LAST = ['2027-08-01T00:00:00.000Z', '2027-08-10T00:00:00.000Z'];
  const FIRST = ['2027-07-01T00:00:00.000Z', '2027-07-10T00:00:00.000Z'];

  it('SALES_ENDED: the last interval', () => {
    expect(window(ask(twoIntervals(), '2027-09-01T00:00:00Z'))).toEqual(['SALES_ENDED', ...LAST]);
  });
  it.each([
    ['no validated profile', (c: ConfigurationInput) => (c.activityProfiles[0].state = 'draft')],
    ['inactive channel', (c: ConfigurationInput) => (c.salesChannels[0].active = false)],
    ['cancelled performance', (c: ConfigurationInput) => (c.performances[0].state = 'cancelled')],
    ['season in preparation', (c: ConfigurationInput) => (c.seasons[0].state = 'preparing')],
  ])('NOT_ON_SALE (%s): the interval that would apply — current, else next, else last', (_name, change) => {
    const snapshot = twoIntervals(change);
    expect(window(ask(snapshot, '2027-06-01T00:00:00Z'))).toEqual(['NOT_ON_SALE', ...FIRST]);
    expect(window(ask(snapshot, '2027-07-05T00:00:00Z'))).toEqual(['NOT_ON_SALE', ...FIRST]);
    expect(window(ask(snapshot, '2027-07-20T00:00:00Z'))).toEqual(['NOT_ON_SALE', ...LAST]);
    expect(window(ask(snapshot, '2027-09-01T00:00:00Z'))).toEqual(['NOT_ON_SALE', ...LAST]);
  });
  it('each interval of a window, as the admin timeline draws it: the answer’s status when it sells nothing, else where `at` falls', () => {
    const [open, close] = [10, 20];
    expect([5, 10, 19, 20].map((t) => intervalStatus('ON_SALE', open, close, t))).toEqual(['SOON_ON_SALE', 'ON_SALE', 'ON_SALE', 'SALES_ENDED']);
    expect(intervalStatus('NOT_ON_SALE', open, close, 15)).toBe('NOT_ON_SALE');
    expect(intervalStatus('TEMPORARILY_UNAVAILABLE', open, close, 15)).toBe('TEMPORARILY_UNAVAILABLE');
  });
  it('NOT_ON_SALE without any interval (no calendar for the channel): null', () => {
    const snapshot = twoIntervals((c) => (c.events[0].calendarAssignments = []));
    expect(window(ask(snapshot, '2027-07-05T00:00:00Z'))).toEqual(['NOT_ON_SALE', null, null]);
  });
});
