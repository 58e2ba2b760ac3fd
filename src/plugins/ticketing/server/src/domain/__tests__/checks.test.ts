/** Validation checks: blocking problems and warnings, drafts evaluated as if validated. */
import { checkActivityProfile, checkProductProfile, checkSalesCalendar, compileSnapshot, type ConfigurationInput } from '..';
import { activityProfile, calendar, carmenConfig, clone, ids, period, productProfile } from './fixtures';

const codes = (problems: { code: string }[]) => problems.map((p) => p.code);
const withChange = (change: (c: ConfigurationInput) => void) => {
  const c = clone(carmenConfig());
  change(c);
  return c;
};

describe('checkSalesCalendar', () => {
  it('the docs/sales-rules.md §3 calendar is clean', () => {
    expect(checkSalesCalendar(carmenConfig(), ids.calendar)).toEqual({ blocking: [], warnings: [] });
  });
  it('blocking: no period; period without audience category; closing before opening; bad relative rule; bad date; unknown category', () => {
    expect(
      codes(
        checkSalesCalendar(
          withChange((c) => (c.salesCalendars[0].periods = [])),
          ids.calendar,
        ).blocking,
      ),
    ).toEqual(['CALENDAR_HAS_NO_PERIOD']);
    const config = withChange((c) => {
      c.salesCalendars[0].periods = [
        period('no-cat', { audienceCategoryIds: [] }),
        period('reversed', { opening: { kind: 'absolute', at: '2027-09-01T00:00:00Z' }, closing: { kind: 'absolute', at: '2027-09-01T00:00:00Z' } }),
        period('zero', { opening: { kind: 'relative', days: 0, hours: 0 } }),
        period('rel-reversed', { opening: { kind: 'relative', days: 2, hours: 0 }, closing: { kind: 'relative', days: 3, hours: 0 } }),
        period('bad-date', { opening: { kind: 'absolute', at: 'soon' } }),
        period('bad-cat', { audienceCategoryIds: ['nope'] }),
      ];
    });
    expect(codes(checkSalesCalendar(config, ids.calendar).blocking)).toEqual([
      'PERIOD_HAS_NO_AUDIENCE_CATEGORY',
      'PERIOD_CLOSES_BEFORE_OPENING',
      'PERIOD_INVALID_RELATIVE_RULE',
      'PERIOD_CLOSES_BEFORE_OPENING',
      'PERIOD_INVALID_DATE',
      'UNKNOWN_REFERENCE',
    ]);
  });
  it('warning: a period that gives no window for any performance of an event', () => {
    const config = withChange((c) => c.salesCalendars[0].periods.push(period('too-late', { opening: { kind: 'absolute', at: '2028-01-01T00:00:00Z' } })));
    const result = checkSalesCalendar(config, ids.calendar);
    expect(result.blocking).toEqual([]);
    expect(codes(result.warnings)).toEqual(['PERIOD_YIELDS_NO_WINDOW']);
    expect(result.warnings[0].message.fr).toContain('« CARMEN »');
  });
  it('warning: not assigned to any event', () => {
    const config = withChange((c) => c.salesCalendars.push(calendar('cal-lonely', [period('p')])));
    expect(codes(checkSalesCalendar(config, 'cal-lonely').warnings)).toEqual(['CALENDAR_NOT_ASSIGNED']);
  });
  it('a draft calendar is checked as if validated (and the input is untouched)', () => {
    const config = withChange((c) => {
      c.salesCalendars[0].state = 'draft';
      c.salesCalendars.push(calendar('cal-guichet-only', [period('p')]));
      c.events[0].calendarAssignments = [{ salesCalendarId: ids.calendar, allChannels: false, salesChannelIds: [ids.guichet] }];
    });
    // WEB is granted by the profile, but only the draft calendar (for GUICHET) would give windows.
    const result = checkSalesCalendar(config, ids.calendar);
    expect(codes(result.warnings)).toEqual(['PERFORMANCE_WITHOUT_WINDOW']);
    expect(result.warnings[0].objects.map((o) => o.id).slice(0, 3)).toEqual([ids.carmen, ids.web, ids.profile]);
    expect(config.salesCalendars[0].state).toBe('draft');
    // Same answer from a snapshot of the current configuration.
    expect(checkSalesCalendar(compileSnapshot(config), ids.calendar)).toEqual(result);
  });
  it('unknown calendar', () => {
    expect(codes(checkSalesCalendar(carmenConfig(), 'nope').blocking)).toEqual(['UNKNOWN_SALES_CALENDAR']);
  });
});

describe('checkActivityProfile', () => {
  it('the docs/sales-rules.md §3 profile is clean', () => {
    expect(checkActivityProfile(carmenConfig(), ids.profile)).toEqual({ blocking: [], warnings: [] });
  });
  it('blocking: no channel, no event, empty selections, performance selection with all events, foreign performance', () => {
    const config = withChange((c) => {
      c.events.push({ ...c.events[0], id: 'ev-other', code: 'OTHER' });
      c.activityProfiles = [
        activityProfile('empty', {
          salesChannelIds: [],
          allEvents: false,
          events: [],
          allAudienceSubcategories: false,
          allSeatCategories: false,
          allTariffTypes: false,
        }),
        activityProfile('mixed', { allEvents: true, events: [{ eventId: ids.carmen, performanceIds: [ids.p12] }] }),
        activityProfile('foreign', { allEvents: false, events: [{ eventId: 'ev-other', performanceIds: [ids.p12, 'nope'] }] }),
      ];
    });
    expect(codes(checkActivityProfile(config, 'empty').blocking)).toEqual([
      'PROFILE_HAS_NO_CHANNEL',
      'PROFILE_HAS_NO_EVENT',
      'PROFILE_HAS_NO_AUDIENCE_SUBCATEGORY',
      'PROFILE_HAS_NO_SEAT_CATEGORY',
      'PROFILE_HAS_NO_TARIFF_TYPE',
    ]);
    expect(codes(checkActivityProfile(config, 'mixed').blocking)).toEqual(['PERFORMANCE_SELECTION_WITH_ALL_EVENTS']);
    expect(codes(checkActivityProfile(config, 'foreign').blocking)).toEqual(['PERFORMANCE_NOT_OF_EVENT', 'UNKNOWN_REFERENCE']);
  });
  it('warnings: overlapping grants, performances without window, channel not enabled (draft checked as validated)', () => {
    const config = withChange((c) => {
      c.organizations[0].salesChannelIds = [ids.web, ids.guichet];
      c.activityProfiles.push(activityProfile('ap-draft', { state: 'draft', salesChannelIds: [ids.web, ids.tel], allSeatCategories: false, seatCategoryIds: [ids.cat1] }));
      c.events[0].calendarAssignments = [{ salesCalendarId: ids.calendar, allChannels: false, salesChannelIds: [ids.web, ids.guichet] }];
    });
    const result = checkActivityProfile(config, 'ap-draft');
    expect(result.blocking).toEqual([]);
    expect(codes(result.warnings)).toEqual(['CHANNEL_NOT_ENABLED_FOR_ORGANIZATION', 'PERFORMANCE_WITHOUT_WINDOW', 'PROFILES_OVERLAP']);
    const overlap = result.warnings[2];
    expect(overlap.objects.map((o) => o.id)).toEqual(['ap-draft', ids.profile, ids.web]);
    expect(overlap.message.en).toContain('3 performance(s)');
    // Disjoint subcategories: no overlap.
    const disjoint = withChange((c) => {
      c.activityProfiles[0] = { ...c.activityProfiles[0], allAudienceSubcategories: false, audienceSubcategoryIds: [ids.aboPlein] };
      c.activityProfiles.push(activityProfile('ap-occ', { allAudienceSubcategories: false, audienceSubcategoryIds: [ids.occPlein] }));
    });
    expect(checkActivityProfile(disjoint, 'ap-occ').warnings).toEqual([]);
  });
});

describe('checkProductProfile', () => {
  it('clean, then every blocking problem', () => {
    expect(checkProductProfile(carmenConfig(), ids.productProfile)).toEqual({ blocking: [], warnings: [] });
    const config = withChange((c) => {
      c.productProfiles = [
        productProfile('bad', {
          salesChannelIds: [],
          productIds: [],
          allAudienceSubcategories: false,
          minQuantity: 5,
          maxQuantity: 2,
          saleStart: '2027-09-01T00:00:00Z',
          saleEnd: '2027-09-01T00:00:00Z',
        }),
      ];
    });
    expect(codes(checkProductProfile(config, 'bad').blocking)).toEqual([
      'PROFILE_HAS_NO_CHANNEL',
      'PROFILE_HAS_NO_PRODUCT',
      'PROFILE_HAS_NO_AUDIENCE_SUBCATEGORY',
      'MIN_QUANTITY_ABOVE_MAX',
      'SALE_END_NOT_AFTER_START',
    ]);
  });
  it('warning: overlapping product profiles', () => {
    const config = withChange((c) => c.productProfiles.push(productProfile('pp-draft', { state: 'draft', saleStart: '2027-09-01T00:00:00Z', saleEnd: null })));
    const result = checkProductProfile(config, 'pp-draft');
    expect(codes(result.warnings)).toEqual(['PROFILES_OVERLAP']);
    const later = withChange((c) => c.productProfiles.push(productProfile('pp-later', { state: 'draft', saleStart: '2027-10-01T00:00:00Z', saleEnd: null })));
    expect(checkProductProfile(later, 'pp-later').warnings).toEqual([]);
  });
});
