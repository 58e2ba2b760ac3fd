/** One test (at least) per rule of docs/sales-rules.md §1 and per reason code. */
import { compileSnapshot, performanceStatus, performanceMatrix, saleWindows, listOnSale, type ConfigurationInput, type PerformanceQuery } from '..';
import { activityProfile, aboPuisTous, calendar, carmenConfig, clone, ids, performance, period } from './fixtures';

const SUMMER = '2027-08-15T10:00:00Z'; // both periods of ABO-PUIS-TOUS are open
type Q = Partial<PerformanceQuery>;

function ask(config: ConfigurationInput, query: Q = {}) {
  return performanceStatus(compileSnapshot(config), {
    performanceId: ids.p12,
    channelId: ids.web,
    audienceSubcategoryId: ids.occPlein,
    at: SUMMER,
    ...query,
  });
}
const codes = (answer: { reasons: { code: string }[] }) => answer.reasons.map((r) => r.code);
function withChange(change: (c: ConfigurationInput) => void): ConfigurationInput {
  const config = clone(carmenConfig());
  change(config);
  return config;
}

describe('baseline', () => {
  it('the base fixture is ON_SALE on WEB in summer, with provenance and no reason', () => {
    const answer = ask(carmenConfig());
    expect(answer.status).toBe('ON_SALE');
    expect(answer.reasons).toEqual([]);
    expect(answer.provenance.profiles).toHaveLength(1);
  });
});

describe('§1.1 catalogue gate', () => {
  it.each([
    ['season', 'SEASON_NOT_RUNNING', (c: ConfigurationInput) => (c.seasons[0].state = 'validated')],
    ['event', 'EVENT_NOT_RUNNING', (c: ConfigurationInput) => (c.events[0].state = 'closed')],
    ['performance', 'PERFORMANCE_NOT_RUNNING', (c: ConfigurationInput) => (c.performances[0].state = 'cancelled')],
  ])('%s not running → NOT_ON_SALE (%s)', (_name, code, change) => {
    const answer = ask(withChange(change));
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer)).toEqual([code]);
    expect(answer.reasons[0].message.fr).toMatch(/n'est pas en exploitation/);
  });

  it.each([
    ['season', 'SEASON_SUSPENDED', (c: ConfigurationInput) => (c.seasons[0].state = 'suspended')],
    ['event', 'EVENT_SUSPENDED', (c: ConfigurationInput) => (c.events[0].state = 'suspended')],
    ['performance', 'PERFORMANCE_SUSPENDED', (c: ConfigurationInput) => (c.performances[0].state = 'suspended')],
  ])('%s suspended → TEMPORARILY_UNAVAILABLE (%s)', (_name, code, change) => {
    const answer = ask(withChange(change));
    expect(answer.status).toBe('TEMPORARILY_UNAVAILABLE');
    expect(codes(answer)).toEqual([code]);
  });

  it('suspended wins over a channel failure, but not over a cancelled object', () => {
    const suspendedAndInactive = ask(
      withChange((c) => {
        c.performances[0].state = 'suspended';
        c.salesChannels[0].active = false;
      }),
    );
    expect(suspendedAndInactive.status).toBe('TEMPORARILY_UNAVAILABLE');
    expect(codes(suspendedAndInactive)).toEqual(['PERFORMANCE_SUSPENDED', 'CHANNEL_INACTIVE']);
    const suspendedAndCancelled = ask(
      withChange((c) => {
        c.seasons[0].state = 'suspended';
        c.performances[0].state = 'cancelled';
      }),
    );
    expect(suspendedAndCancelled.status).toBe('NOT_ON_SALE');
    expect(codes(suspendedAndCancelled)).toEqual(['PERFORMANCE_NOT_RUNNING', 'SEASON_SUSPENDED']);
  });

  it('inactive channel → CHANNEL_INACTIVE', () => {
    const answer = ask(withChange((c) => (c.salesChannels[0].active = false)));
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer)).toEqual(['CHANNEL_INACTIVE']);
  });

  it('channel not enabled for the organisation → CHANNEL_NOT_ENABLED_FOR_ORGANIZATION', () => {
    const answer = ask(withChange((c) => (c.organizations[0].salesChannelIds = [ids.guichet])));
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer)).toEqual(['CHANNEL_NOT_ENABLED_FOR_ORGANIZATION']);
  });

  it('a point of sale gives its channel; inactive, wrong channel, wrong organisation are reported', () => {
    expect(ask(carmenConfig(), { channelId: undefined, pointOfSaleId: ids.website }).status).toBe('ON_SALE');
    const inactive = ask(
      withChange((c) => (c.pointsOfSale[0].active = false)),
      { channelId: undefined, pointOfSaleId: ids.website },
    );
    expect(codes(inactive)).toEqual(['POINT_OF_SALE_INACTIVE']);
    const wrongChannel = ask(carmenConfig(), { channelId: ids.web, pointOfSaleId: ids.counter });
    expect(wrongChannel.status).toBe('NOT_ON_SALE');
    expect(codes(wrongChannel)).toEqual(['POINT_OF_SALE_WRONG_CHANNEL']);
    const wrongOrg = ask(carmenConfig(), { channelId: undefined, pointOfSaleId: ids.festivalSite });
    expect(wrongOrg.status).toBe('NOT_ON_SALE');
    expect(codes(wrongOrg)).toEqual(['POINT_OF_SALE_WRONG_ORGANIZATION']);
  });

  it('a subcategory or tariff type of another season is refused', () => {
    const config = withChange((c) => {
      c.seasons.push({ ...c.seasons[0], id: 'season-old', code: 'S2026' });
      c.audienceSubcategories.push({ id: 'sub-old', code: 'OLD', name: 'Old', audienceCategoryId: ids.occasionnel, seasonId: 'season-old' });
      c.tariffTypes.push({ id: 'tt-old', code: 'TT-OLD', name: 'Old', seasonId: 'season-old' });
    });
    expect(codes(ask(config, { audienceSubcategoryId: 'sub-old' }))).toEqual(['AUDIENCE_SUBCATEGORY_OTHER_SEASON']);
    expect(codes(ask(config, { tariffTypeId: 'tt-old' }))).toEqual(['TARIFF_TYPE_OTHER_SEASON']);
  });

  it.each([
    ['UNKNOWN_PERFORMANCE', { performanceId: 'nope' }],
    ['UNKNOWN_CHANNEL', { channelId: 'nope' }],
    ['UNKNOWN_POINT_OF_SALE', { channelId: undefined, pointOfSaleId: 'nope' }],
    ['UNKNOWN_AUDIENCE_SUBCATEGORY', { audienceSubcategoryId: 'nope' }],
    ['UNKNOWN_SEAT_CATEGORY', { seatCategoryId: 'nope' }],
    ['UNKNOWN_TARIFF_TYPE', { tariffTypeId: 'nope' }],
    ['CHANNEL_REQUIRED', { channelId: undefined }],
  ] as [string, Q][])('%s', (code, query) => {
    const answer = ask(carmenConfig(), query);
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer)).toContain(code);
  });

  it('reports every failing condition, not only the first', () => {
    const answer = ask(
      withChange((c) => {
        c.seasons[0].state = 'closed';
        c.events[0].state = 'preparing';
        c.salesChannels[0].active = false;
        c.activityProfiles[0].buyerKind = 'structure';
      }),
      { at: '2027-05-01T00:00:00Z' },
    );
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer)).toEqual(['SEASON_NOT_RUNNING', 'EVENT_NOT_RUNNING', 'CHANNEL_INACTIVE', 'BUYER_KIND_MISMATCH', 'NOT_YET_OPEN']);
  });
});

describe('§1.2 calendars', () => {
  const single = (opening: object, closing: object, extra: (c: ConfigurationInput) => void = () => {}) =>
    withChange((c) => {
      c.salesCalendars = [calendar(ids.calendar, [period('p', { opening: opening as never, closing: closing as never })])];
      extra(c);
    });
  const window = (config: ConfigurationInput, at = '2027-01-01T00:00:00Z') => {
    const a = ask(config, { at });
    return [a.opensAt, a.closesAt];
  };

  it('absolute opening, closing none: until the end of the start day (no endsAt)', () => {
    expect(window(single({ kind: 'absolute', at: '2027-09-01T08:00:00Z' }, { kind: 'none' }))).toEqual(['2027-09-01T08:00:00.000Z', '2027-10-12T22:00:00.000Z']);
  });
  it('closing none with endsAt: until endsAt', () => {
    const config = single({ kind: 'absolute', at: '2027-09-01T08:00:00Z' }, { kind: 'none' }, (c) => (c.performances[0].endsAt = '2027-10-12T21:15:00Z'));
    expect(window(config)[1]).toBe('2027-10-12T21:15:00.000Z');
  });
  it('closing atPerformance: start plus the event tolerance', () => {
    const config = single({ kind: 'absolute', at: '2027-09-01T08:00:00Z' }, { kind: 'atPerformance' }, (c) => (c.events[0].closingToleranceMinutes = 45));
    expect(window(config)[1]).toBe('2027-10-12T18:45:00.000Z');
  });
  it('closing absolute and relative (days then hours)', () => {
    expect(window(single({ kind: 'absolute', at: '2027-09-01T08:00:00Z' }, { kind: 'absolute', at: '2027-10-01T08:00:00Z' }))[1]).toBe('2027-10-01T08:00:00.000Z');
    expect(window(single({ kind: 'absolute', at: '2027-09-01T08:00:00Z' }, { kind: 'relative', days: 1, hours: 3 }))[1]).toBe('2027-10-11T15:00:00.000Z');
  });
  it('relative opening, days in local calendar days', () => {
    expect(window(single({ kind: 'relative', days: 30, hours: 0 }, { kind: 'none' }))[0]).toBe('2027-09-12T18:00:00.000Z');
  });
  it('nothing is sold after the performance is over, whatever the rule says', () => {
    const config = single({ kind: 'absolute', at: '2027-09-01T08:00:00Z' }, { kind: 'absolute', at: '2027-12-31T08:00:00Z' }, (c) => (c.performances[0].endsAt = '2027-10-12T21:00:00Z'));
    expect(window(config)[1]).toBe('2027-10-12T21:00:00.000Z');
    const after = ask(config, { at: '2027-10-12T21:00:00Z' });
    expect(after.status).toBe('SALES_ENDED');
    expect(codes(after)).toEqual(['PERFORMANCE_OVER', 'CLOSED']);
    // atPerformance + tolerance past midnight is cut at midnight too
    const late = single({ kind: 'absolute', at: '2027-09-01T08:00:00Z' }, { kind: 'atPerformance' }, (c) => {
      c.performances[0].startsAt = '2027-10-12T21:45:00Z'; // 23:45 Paris
    });
    expect(window(late)[1]).toBe('2027-10-12T22:00:00.000Z');
  });
  it('an empty interval (close ≤ open) is dropped: EMPTY_SALES_WINDOW', () => {
    const config = single({ kind: 'absolute', at: '2027-10-01T08:00:00Z' }, { kind: 'absolute', at: '2027-09-01T08:00:00Z' });
    const answer = ask(config);
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(answer.opensAt).toBeNull();
    expect(codes(answer)).toEqual(['EMPTY_SALES_WINDOW']);
  });
  it('edges: ON_SALE at the opening instant, not at the closing instant', () => {
    const config = single({ kind: 'absolute', at: '2027-09-01T08:00:00Z' }, { kind: 'absolute', at: '2027-10-01T08:00:00Z' });
    expect(ask(config, { at: '2027-09-01T07:59:59.999Z' }).status).toBe('SOON_ON_SALE');
    expect(ask(config, { at: '2027-09-01T08:00:00Z' }).status).toBe('ON_SALE');
    expect(ask(config, { at: '2027-10-01T07:59:59.999Z' }).status).toBe('ON_SALE');
    expect(ask(config, { at: '2027-10-01T08:00:00Z' }).status).toBe('SALES_ENDED');
  });
  it('the window is the union of periods and calendars; gaps give SOON_ON_SALE with the next interval', () => {
    const config = withChange((c) => {
      c.salesCalendars = [
        calendar(ids.calendar, [
          period('a', { opening: { kind: 'absolute', at: '2027-07-01T00:00:00Z' }, closing: { kind: 'absolute', at: '2027-07-10T00:00:00Z' } }),
          period('b', { opening: { kind: 'absolute', at: '2027-07-05T00:00:00Z' }, closing: { kind: 'absolute', at: '2027-07-20T00:00:00Z' } }),
        ]),
        calendar('cal-2', [period('c', { opening: { kind: 'absolute', at: '2027-08-01T00:00:00Z' }, closing: { kind: 'absolute', at: '2027-08-10T00:00:00Z' } })]),
      ];
      c.events[0].calendarAssignments.push({ salesCalendarId: 'cal-2', allChannels: true, salesChannelIds: [] });
    });
    const inside = ask(config, { at: '2027-07-08T00:00:00Z' });
    expect([inside.status, inside.opensAt, inside.closesAt]).toEqual(['ON_SALE', '2027-07-01T00:00:00.000Z', '2027-07-20T00:00:00.000Z']);
    expect(inside.provenance.periods.map((p) => p.period.id)).toEqual(['a', 'b']);
    const gap = ask(config, { at: '2027-07-25T00:00:00Z' });
    expect([gap.status, gap.opensAt, gap.closesAt]).toEqual(['SOON_ON_SALE', '2027-08-01T00:00:00.000Z', '2027-08-10T00:00:00.000Z']);
    expect(gap.provenance.periods.map((p) => p.calendar.id)).toEqual(['cal-2']);
    const after = ask(config, { at: '2027-09-01T00:00:00Z' });
    expect([after.status, after.closesAt]).toEqual(['SALES_ENDED', '2027-08-10T00:00:00.000Z']);
  });
  it('touching intervals merge into one', () => {
    const config = withChange((c) => {
      c.salesCalendars = [
        calendar(ids.calendar, [
          period('a', { opening: { kind: 'absolute', at: '2027-07-01T00:00:00Z' }, closing: { kind: 'absolute', at: '2027-07-10T00:00:00Z' } }),
          period('b', { opening: { kind: 'absolute', at: '2027-07-10T00:00:00Z' }, closing: { kind: 'absolute', at: '2027-07-20T00:00:00Z' } }),
        ]),
      ];
    });
    const answer = ask(config, { at: '2027-07-10T00:00:00Z' });
    expect([answer.status, answer.opensAt, answer.closesAt]).toEqual(['ON_SALE', '2027-07-01T00:00:00.000Z', '2027-07-20T00:00:00.000Z']);
  });
  it('only validated calendars count: NO_VALIDATED_CALENDAR_FOR_CHANNEL', () => {
    for (const state of ['draft', 'archived'] as const) {
      const answer = ask(withChange((c) => (c.salesCalendars[0].state = state)));
      expect(answer.status).toBe('NOT_ON_SALE');
      expect(codes(answer)).toEqual(['NO_VALIDATED_CALENDAR_FOR_CHANNEL']);
    }
  });
  it('assignment to a selection of channels reaches only those channels', () => {
    const config = withChange((c) => (c.events[0].calendarAssignments = [{ salesCalendarId: ids.calendar, allChannels: false, salesChannelIds: [ids.guichet] }]));
    expect(ask(config, { channelId: ids.guichet }).status).toBe('ON_SALE');
    const web = ask(config, { channelId: ids.web });
    expect(codes(web)).toEqual(['NO_VALIDATED_CALENDAR_FOR_CHANNEL']);
    expect(web.reasons[0].objects.map((o) => o.id)).toEqual([ids.carmen, ids.web]);
  });
  it('a period for other audience categories only: NO_PERIOD_FOR_AUDIENCE_CATEGORY', () => {
    const config = withChange((c) => (c.salesCalendars[0].periods = c.salesCalendars[0].periods.slice(0, 1)));
    const answer = ask(config, { audienceSubcategoryId: ids.occPlein });
    expect(codes(answer)).toEqual(['NO_PERIOD_FOR_AUDIENCE_CATEGORY']);
    expect(answer.reasons[0].objects.map((o) => o.id)).toEqual([ids.occasionnel, ids.calendar]);
  });
});

describe('§1.3 activity profiles', () => {
  it('only validated profiles count: NO_VALIDATED_ACTIVITY_PROFILE', () => {
    const answer = ask(withChange((c) => (c.activityProfiles[0].state = 'draft')));
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer)).toEqual(['NO_VALIDATED_ACTIVITY_PROFILE']);
  });
  it('a profile of another organisation does not grant', () => {
    const answer = ask(withChange((c) => (c.activityProfiles[0].organizationId = ids.otherOrg)));
    expect(codes(answer)).toEqual(['NO_VALIDATED_ACTIVITY_PROFILE']);
  });
  it('buyer kind: BUYER_KIND_MISMATCH, default public', () => {
    expect(codes(ask(carmenConfig(), { buyerKind: 'structure' }))).toEqual(['BUYER_KIND_MISMATCH']);
    const structures = withChange((c) => (c.activityProfiles[0].buyerKind = 'structure'));
    expect(ask(structures, { buyerKind: 'structure' }).status).toBe('ON_SALE');
    expect(codes(ask(structures))).toEqual(['BUYER_KIND_MISMATCH']);
  });
  it('event selection: EVENT_NOT_IN_PROFILE', () => {
    const config = withChange((c) => Object.assign(c.activityProfiles[0], { allEvents: false, events: [{ eventId: 'ev-other', performanceIds: [] }] }));
    expect(codes(ask(config))).toEqual(['EVENT_NOT_IN_PROFILE']);
    const withEvent = withChange((c) => Object.assign(c.activityProfiles[0], { allEvents: false, events: [{ eventId: ids.carmen, performanceIds: [] }] }));
    expect(ask(withEvent).status).toBe('ON_SALE');
  });
  it('performance selection: PERFORMANCE_NOT_IN_PROFILE', () => {
    const config = withChange((c) => Object.assign(c.activityProfiles[0], { allEvents: false, events: [{ eventId: ids.carmen, performanceIds: [ids.p13] }] }));
    expect(codes(ask(config))).toEqual(['PERFORMANCE_NOT_IN_PROFILE']);
    expect(ask(config, { performanceId: ids.p13 }).status).toBe('ON_SALE');
  });
  it('subcategory selection: SUBCATEGORY_NOT_IN_PROFILE', () => {
    const config = withChange((c) => Object.assign(c.activityProfiles[0], { allAudienceSubcategories: false, audienceSubcategoryIds: [ids.occJeune] }));
    expect(codes(ask(config))).toEqual(['SUBCATEGORY_NOT_IN_PROFILE']);
    expect(ask(config, { audienceSubcategoryId: ids.occJeune }).status).toBe('ON_SALE');
  });
  it('seat categories: the one asked, or at least one', () => {
    const config = withChange((c) => Object.assign(c.activityProfiles[0], { allSeatCategories: false, seatCategoryIds: [ids.cat1] }));
    expect(ask(config).status).toBe('ON_SALE');
    expect(ask(config, { seatCategoryId: ids.cat1 }).status).toBe('ON_SALE');
    expect(codes(ask(config, { seatCategoryId: ids.cat2 }))).toEqual(['SEAT_CATEGORY_NOT_IN_PROFILE']);
    const none = withChange((c) => Object.assign(c.activityProfiles[0], { allSeatCategories: false, seatCategoryIds: [] }));
    expect(codes(ask(none))).toEqual(['SEAT_CATEGORY_NOT_IN_PROFILE']);
  });
  it('tariff types: the one asked, or at least one of the season', () => {
    const config = withChange((c) => Object.assign(c.activityProfiles[0], { allTariffTypes: false, tariffTypeIds: [ids.normal] }));
    expect(ask(config).status).toBe('ON_SALE');
    expect(codes(ask(config, { tariffTypeId: ids.reduit }))).toEqual(['TARIFF_TYPE_NOT_IN_PROFILE']);
    const none = withChange((c) => Object.assign(c.activityProfiles[0], { allTariffTypes: false, tariffTypeIds: [] }));
    expect(codes(ask(none))).toEqual(['TARIFF_TYPE_NOT_IN_PROFILE']);
  });
  it('profiles combine as a union; when none grants, each profile on the channel explains itself', () => {
    const config = withChange((c) => {
      c.activityProfiles = [
        activityProfile('ap-jeunes', { allAudienceSubcategories: false, audienceSubcategoryIds: [ids.occJeune], salesChannelIds: [ids.web] }),
        activityProfile('ap-structures', { buyerKind: 'structure', salesChannelIds: [ids.web] }),
        activityProfile('ap-guichet', { salesChannelIds: [ids.guichet] }),
      ];
    });
    const answer = ask(config);
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(answer.reasons.map((r) => [r.code, r.objects[0].id])).toEqual([
      ['CHANNEL_NOT_IN_PROFILE', 'ap-guichet'],
      ['SUBCATEGORY_NOT_IN_PROFILE', 'ap-jeunes'],
      ['BUYER_KIND_MISMATCH', 'ap-structures'],
    ]);
    const union = ask(config, { audienceSubcategoryId: ids.occJeune });
    expect(union.status).toBe('ON_SALE');
    expect(union.provenance.profiles.map((p) => p.id)).toEqual(['ap-jeunes']);
  });
});

describe('§1.4 answers', () => {
  it('the profile failure and the window are both reported', () => {
    const answer = ask(
      withChange((c) => (c.activityProfiles[0].state = 'archived')),
      { at: '2027-01-01T00:00:00Z' },
    );
    expect(codes(answer)).toEqual(['NO_VALIDATED_ACTIVITY_PROFILE', 'NOT_YET_OPEN']);
    expect(answer.status).toBe('NOT_ON_SALE');
  });
  it('messages exist in French (with accents) and English', () => {
    const answer = ask(withChange((c) => (c.performances[0].state = 'preparing')));
    expect(answer.reasons[0].message).toEqual({
      fr: "La séance « PERF-CARMEN-12 » n'est pas en exploitation (en préparation).",
      en: 'Performance "PERF-CARMEN-12" is not running (preparing).',
    });
  });
  it('accepts Date, epoch ms and ISO for `at`', () => {
    const config = carmenConfig();
    const iso = ask(config, { at: SUMMER });
    expect(ask(config, { at: new Date(SUMMER) })).toEqual(iso);
    expect(ask(config, { at: Date.parse(SUMMER) })).toEqual(iso);
    expect(() => ask(config, { at: 'someday' })).toThrow(RangeError);
  });
  it('invalid performance date: INVALID_PERFORMANCE_DATE', () => {
    const answer = ask(withChange((c) => (c.performances[0].startsAt = 'garbage')));
    expect(answer.status).toBe('NOT_ON_SALE');
    expect(codes(answer)).toContain('INVALID_PERFORMANCE_DATE');
  });
});

describe('matrix, listing, windows', () => {
  const config = withChange((c) => Object.assign(c.activityProfiles[0], { allSeatCategories: false, seatCategoryIds: [ids.cat1], allTariffTypes: false, tariffTypeIds: [ids.reduit] }));
  const snapshot = compileSnapshot(config);

  it('matrix: seat categories of the institution × tariff types of the season', () => {
    const matrix = performanceMatrix(snapshot, { performanceId: ids.p12, channelId: ids.web, audienceSubcategoryId: ids.occPlein, at: SUMMER });
    expect(matrix.seatCategories.map((k) => k.code)).toEqual(['CAT1', 'CAT2']);
    expect(matrix.tariffTypes.map((t) => t.code)).toEqual(['NORMAL', 'REDUIT']);
    expect(matrix.cells.map((row) => row.map((a) => a.status))).toEqual([
      ['NOT_ON_SALE', 'ON_SALE'],
      ['NOT_ON_SALE', 'NOT_ON_SALE'],
    ]);
    expect(codes(matrix.cells[1][0])).toEqual(['SEAT_CATEGORY_NOT_IN_PROFILE', 'TARIFF_TYPE_NOT_IN_PROFILE']);
  });

  it('listing: ON_SALE sorted by start, SOON when asked, filters', () => {
    const at = '2027-06-15T10:00:00Z';
    const base = { channelId: ids.web, audienceSubcategoryId: ids.occPlein, at };
    expect(listOnSale(snapshot, base)).toEqual([]);
    const soon = listOnSale(snapshot, { ...base, includeSoon: true });
    expect(soon.map((l) => [l.performance.id, l.status])).toEqual([
      [ids.p12, 'SOON_ON_SALE'],
      [ids.p13, 'SOON_ON_SALE'],
      [ids.p14, 'SOON_ON_SALE'],
    ]);
    const abo = listOnSale(snapshot, { ...base, audienceSubcategoryId: ids.aboPlein });
    expect(abo.map((l) => l.performance.id)).toEqual([ids.p12, ids.p13, ids.p14]);
    expect(abo[0].closesAt).toBe('2027-10-12T18:30:00.000Z');
    expect(listOnSale(snapshot, { ...base, audienceSubcategoryId: ids.aboPlein, from: '2027-10-13T00:00:00Z', to: '2027-10-14T00:00:00Z' }).map((l) => l.performance.id)).toEqual([ids.p13]);
    expect(listOnSale(snapshot, { ...base, audienceSubcategoryId: ids.aboPlein, eventId: 'other' })).toEqual([]);
    expect(listOnSale(snapshot, { ...base, audienceSubcategoryId: ids.aboPlein, seasonId: ids.season })).toHaveLength(3);
    expect(listOnSale(snapshot, { ...base, channelId: ids.tel, audienceSubcategoryId: ids.aboPlein })).toEqual([]);
  });

  it('windows: per channel × category, with provenance and granting profiles', () => {
    const [w] = saleWindows(snapshot, { performanceId: ids.p12, at: '2027-06-15T10:00:00Z' });
    expect(w.performance.id).toBe(ids.p12);
    expect(w.overAt).toBe('2027-10-12T22:00:00.000Z');
    const webOcc = w.windows.find((x) => x.channel.id === ids.web && x.audienceCategory.id === ids.occasionnel)!;
    expect(webOcc.intervals).toEqual([
      { opensAt: '2027-07-01T08:00:00.000Z', closesAt: '2027-10-12T16:00:00.000Z', position: 'future', periods: [expect.objectContaining({ period: expect.objectContaining({ id: ids.period2 }) })] },
    ]);
    expect(webOcc.granted).toBe(true);
    const tel = w.windows.find((x) => x.channel.id === ids.tel && x.audienceCategory.id === ids.abonne)!;
    expect(tel.granted).toBe(false);
    expect(tel.intervals[0].position).toBe('current');
    expect(saleWindows(snapshot, { eventId: ids.carmen })).toHaveLength(3);
    expect(saleWindows(snapshot, { eventId: 'nope' })).toEqual([]);
  });
});

describe('compile', () => {
  it('validated calendars per channel: draft ones are ignored, and compiling does not mutate the input', () => {
    const config = carmenConfig();
    const before = JSON.stringify(config);
    compileSnapshot(config);
    expect(JSON.stringify(config)).toBe(before);
  });
  it('treatAsValidated makes a draft count', () => {
    const config = withChange((c) => (c.salesCalendars[0].state = 'draft'));
    expect(ask(config).status).toBe('NOT_ON_SALE');
    const s = compileSnapshot(config, { treatAsValidated: { salesCalendarIds: [ids.calendar] } });
    expect(performanceStatus(s, { performanceId: ids.p12, channelId: ids.web, audienceSubcategoryId: ids.occPlein, at: SUMMER }).status).toBe('ON_SALE');
  });
  it('the same calendar assigned twice counts once', () => {
    const config = withChange((c) => c.events[0].calendarAssignments.push({ salesCalendarId: ids.calendar, allChannels: false, salesChannelIds: [ids.web] }));
    expect(ask(config).provenance.periods).toHaveLength(1);
  });
  it('performance over without endsAt is the local midnight (in winter too)', () => {
    const config = withChange((c) => {
      c.performances = [performance('w', '2027-12-12T19:00:00Z')];
      c.salesCalendars = [aboPuisTous()];
    });
    const answer = ask(config, { performanceId: 'w', audienceSubcategoryId: ids.aboPlein, at: '2027-12-12T19:10:00Z' });
    expect(answer.closesAt).toBe('2027-12-12T19:30:00.000Z');
    expect(ask(config, { performanceId: 'w', audienceSubcategoryId: ids.aboPlein, at: '2027-12-12T23:00:00Z' }).reasons.map((r) => r.code)).toContain('PERFORMANCE_OVER');
  });
});
