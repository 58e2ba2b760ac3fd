/**
 * The compiled layout (flat tables, listing indexes, shared memos): its code paths give the
 * same answers as performanceStatus, including on odd data, and what is shared is frozen.
 */
import fc from 'fast-check';
import { compileSnapshot, listOnSale, performanceMatrix, performanceStatus, saleWindows, type ConfigurationInput, type ListQuery, type PerformanceAnswer } from '..';
import { performanceOrder } from '../snapshot';
import { activityProfile, carmenConfig, clone, ids, performance } from './fixtures';
import { contexts, randomConfig, rng, SPAN, T0 } from './random-config';

const DAY = 86_400_000;
const seedArb = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const atArb = fc.integer({ min: T0, max: T0 + SPAN + 40 * DAY });

/** Data errors the checks report but questions must survive: unreadable dates, unknown event, unknown state, equal start times. */
function withOddities(config: ConfigurationInput, seed: number): ConfigurationInput {
  const r = rng(seed ^ 0x5bd1e995);
  const perfs = config.performances;
  if (r() < 0.5 && perfs.length > 0) perfs[0].startsAt = 'garbage';
  if (r() < 0.3) perfs.push({ id: 'orphan', code: 'ORPHAN', eventId: 'no-such-event', startsAt: new Date(T0 + 30 * DAY).toISOString(), endsAt: null, state: 'running' });
  if (r() < 0.3 && perfs.length > 1) (perfs[1] as { state: string }).state = 'unheard-of';
  if (r() < 0.3 && perfs.length > 2) perfs[2].endsAt = perfs[2].startsAt;
  if (r() < 0.5 && perfs.length > 3) perfs.push({ ...perfs[3], id: '0-same-start', code: 'SAME' });
  if (r() < 0.3) config.salesCalendars[0].periods.push({ id: 'bad-date', name: null, opening: { kind: 'absolute', at: 'nonsense' }, closing: { kind: 'none' }, audienceCategoryIds: ['a1', 'a2'] });
  // A performance selected under another event than its own (PERFORMANCE_NOT_OF_EVENT): it grants nothing.
  const selecting = config.activityProfiles.find((p) => !p.allEvents && p.events.length > 0);
  if (selecting && r() < 0.5) {
    const other = perfs.find((p) => p.eventId !== selecting.events[0].eventId);
    if (other) selecting.events[0].performanceIds.push(other.id);
  }
  return config;
}

const listedAs = (answers: PerformanceAnswer[], includeSoon: boolean) =>
  answers.filter((a) => a.status === 'ON_SALE' || (includeSoon && a.status === 'SOON_ON_SALE')).map((a) => [a.performance!.id, a.status, a.opensAt, a.closesAt]);

describe('listing code paths equal performanceStatus filtered', () => {
  it('with every filter (season, event, from/to), SOON or not, points of sale, odd data', () => {
    fc.assert(
      fc.property(seedArb, atArb, fc.boolean(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.boolean(), (seed, at, includeSoon, seasonFilter, eventFilter, range) => {
        const config = withOddities(randomConfig(seed), seed);
        // A second season, without events: listing it gives nothing.
        config.seasons.push({ ...config.seasons[0], id: 's2', code: 'S2' });
        const snapshot = compileSnapshot(config);
        const byId = new Map(config.performances.map((p) => [p.id, p]));
        for (const ctx of contexts(config)) {
          const query: ListQuery = { ...ctx, at, includeSoon };
          const keeps: ((id: string) => boolean)[] = [];
          if (seasonFilter > 0) query.seasonId = ['s1', 's2', 'no-such-season'][seasonFilter - 1];
          if (seasonFilter > 1) keeps.push(() => false);
          if (eventFilter > 0) {
            const eventId = eventFilter === 1 ? 'e1' : 'e2';
            query.eventId = eventId;
            keeps.push((id) => byId.get(id)!.eventId === eventId);
          }
          if (range) {
            // Excludes performances that may well be on sale (starting within a day, or after 12).
            query.from = at + DAY;
            query.to = new Date(at + 12 * DAY).toISOString();
            keeps.push((id) => {
              const start = Date.parse(byId.get(id)!.startsAt);
              return start >= at + DAY && start < at + 12 * DAY;
            });
          }
          const expected = listedAs(
            snapshot.performances.filter((p) => keeps.every((keep) => keep(p.ref.id))).map((p) => performanceStatus(snapshot, { performanceId: p.ref.id, ...ctx, at })),
            includeSoon,
          );
          expect(listOnSale(snapshot, query).map((l) => [l.performance.id, l.status, l.opensAt, l.closesAt])).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('eventId with from/to: the event path honours both bounds', () => {
    const snapshot = compileSnapshot(carmenConfig());
    const base = { channelId: ids.web, audienceSubcategoryId: ids.occPlein, at: '2027-06-15T10:00:00Z', includeSoon: true, eventId: ids.carmen };
    const listed = (over: object) => listOnSale(snapshot, { ...base, ...over }).map((l) => l.performance.id);
    expect(listed({})).toEqual([ids.p12, ids.p13, ids.p14]);
    expect(listed({ to: '2027-10-13T00:00:00Z' })).toEqual([ids.p12]);
    expect(listed({ from: '2027-10-13T00:00:00Z', to: '2027-10-14T00:00:00Z' })).toEqual([ids.p13]);
    expect(listed({ from: '2027-10-14T00:00:00Z' })).toEqual([ids.p14]);
    expect(listed({ seasonId: ids.season, to: '2027-10-13T00:00:00Z' })).toEqual([ids.p12]);
  });

  it('a second listing (memoised index and strings) equals the first, and gives fresh items', () => {
    const snapshot = compileSnapshot(carmenConfig());
    const query = { channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at: '2027-08-15T10:00:00Z' };
    const first = listOnSale(snapshot, query);
    expect(first).toHaveLength(3);
    first[0].status = 'SOON_ON_SALE';
    (first[1] as unknown as { extra: number }).extra = 1;
    const second = listOnSale(snapshot, query);
    expect(second).not.toBe(first);
    expect(second.map((l) => l.status)).toEqual(['ON_SALE', 'ON_SALE', 'ON_SALE']);
    expect(second[1]).not.toHaveProperty('extra');
    expect(JSON.parse(JSON.stringify(second))).toEqual(listOnSale(compileSnapshot(carmenConfig()), query));
    expect(Object.keys(second[0])).toEqual(['performance', 'event', 'startsAt', 'status', 'opensAt', 'closesAt']);
  });
});

describe('odd data', () => {
  it('a performance with an unreadable date is listed nowhere and has no window (it used to throw)', () => {
    const config = clone(carmenConfig());
    config.performances[0].startsAt = 'garbage';
    const snapshot = compileSnapshot(config);
    expect(() => listOnSale(snapshot, { channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at: '2027-08-15T10:00:00Z', includeSoon: true })).not.toThrow();
    const [w] = saleWindows(snapshot, { performanceId: config.performances[0].id, at: '2027-08-15T10:00:00Z' });
    expect(w.startsAt).toBeNull();
    expect(w.overAt).toBeNull();
    expect(w.windows.every((x) => x.intervals.length === 0 && x.pieces.length === 0)).toBe(true);
    const answer = performanceStatus(snapshot, { performanceId: config.performances[0].id, channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at: '2027-08-15T10:00:00Z' });
    expect(answer.reasons.map((r) => r.code)).toEqual(['INVALID_PERFORMANCE_DATE', 'EMPTY_SALES_WINDOW']);
  });

  it('an unknown state is kept as given', () => {
    const config = clone(carmenConfig());
    (config.performances[0] as { state: string }).state = 'archived-by-hand';
    const snapshot = compileSnapshot(config);
    const answer = performanceStatus(snapshot, { performanceId: config.performances[0].id, channelId: ids.web, audienceSubcategoryId: ids.aboPlein, at: '2027-08-15T10:00:00Z' });
    expect(answer.reasons.map((r) => r.code)).toEqual(['PERFORMANCE_NOT_RUNNING']);
    expect(answer.reasons[0].message.en).toContain('(archived-by-hand)');
    expect(snapshot.performances.find((p) => p.ref.id === config.performances[0].id)!.state).toBe('archived-by-hand');
  });
});

describe('shared parts of answers', () => {
  const snapshot = compileSnapshot(carmenConfig());
  const ask = (over: object) => performanceStatus(snapshot, { performanceId: ids.p12, channelId: ids.tel, audienceSubcategoryId: ids.occPlein, at: '2027-06-15T10:00:00Z', ...over });

  it('reasons are frozen and shared; the reasons array of each answer is its own', () => {
    const a = ask({});
    const b = ask({});
    expect(a.status).toBe('NOT_ON_SALE');
    expect(a.reasons.length).toBeGreaterThan(0);
    a.reasons.forEach((reason, i) => {
      expect(reason).toBe(b.reasons[i]);
      expect(Object.isFrozen(reason) && Object.isFrozen(reason.message) && Object.isFrozen(reason.objects)).toBe(true);
    });
    expect(a.reasons).not.toBe(b.reasons);
    a.reasons.push(a.reasons[0]);
    expect(ask({}).reasons).toHaveLength(b.reasons.length);
  });

  it('an ON_SALE answer has its own empty reasons array and frozen shared provenance', () => {
    const a = ask({ channelId: ids.web, at: '2027-08-15T10:00:00Z' });
    const b = ask({ channelId: ids.web, at: '2027-08-15T10:00:00Z' });
    expect(a.status).toBe('ON_SALE');
    expect(a.reasons).toEqual([]);
    expect(a.reasons).not.toBe(b.reasons);
    expect(Object.isFrozen(a.reasons)).toBe(false);
    expect(a.provenance.profiles).toBe(b.provenance.profiles);
    expect(a.provenance.periods).toBe(b.provenance.periods);
    expect(Object.isFrozen(a.provenance.profiles) && Object.isFrozen(a.provenance.periods)).toBe(true);
  });

  it('the performance view of the snapshot matches its table', () => {
    const view = snapshot.performances;
    expect(view.map((p) => p.ref.id)).toEqual(snapshot.perf.ids);
    expect(view.map((p) => p.startsAtIso)).toEqual([...snapshot.perf.startsAt].map((ms) => new Date(ms).toISOString()));
    expect(snapshot.performances).toBe(view);
  });
});

describe('many profiles on one channel (no bit mask)', () => {
  it('grants in profile order and explains every profile, as with few', () => {
    const config = clone(carmenConfig());
    for (let i = 0; i < 34; i++) {
      config.activityProfiles.push(
        activityProfile(`ap-extra-${String(i).padStart(2, '0')}`, {
          salesChannelIds: [ids.web],
          allEvents: i % 2 === 0,
          events: i % 2 === 0 ? [] : [{ eventId: ids.carmen, performanceIds: i % 4 === 1 ? [ids.p13] : [] }],
          buyerKind: i % 3 === 0 ? 'structure' : 'public',
        }),
      );
    }
    config.performances.push(performance('p-late', '2027-10-20T18:00:00Z'));
    const snapshot = compileSnapshot(config);
    expect(snapshot.activityProfilesByChannel[snapshot.index.channel.get(ids.web)!.idx].length).toBeGreaterThan(30);
    for (const performanceId of [ids.p12, ids.p13, 'p-late']) {
      for (const buyerKind of ['public', 'structure'] as const) {
        const answer = performanceStatus(snapshot, { performanceId, channelId: ids.web, buyerKind, audienceSubcategoryId: ids.occPlein, at: '2027-08-15T10:00:00Z' });
        const expected = config.activityProfiles.filter(
          (p) =>
            p.salesChannelIds.includes(ids.web) &&
            p.buyerKind === buyerKind &&
            (p.allEvents || p.events.some((e) => e.eventId === ids.carmen && (e.performanceIds.length === 0 || e.performanceIds.includes(performanceId)))),
        );
        expect(answer.provenance.profiles.map((p) => p.id)).toEqual(expected.map((p) => p.id));
      }
    }
    const listing = listOnSale(snapshot, { channelId: ids.web, buyerKind: 'structure', audienceSubcategoryId: ids.occPlein, at: '2027-08-15T10:00:00Z' });
    expect(listing.map((l) => l.performance.id)).toEqual(
      snapshot.performances
        .map((p) => performanceStatus(snapshot, { performanceId: p.ref.id, channelId: ids.web, buyerKind: 'structure', audienceSubcategoryId: ids.occPlein, at: '2027-08-15T10:00:00Z' }))
        .filter((a) => a.status === 'ON_SALE')
        .map((a) => a.performance!.id),
    );
  });
});

describe('matrix', () => {
  it('each cell is performanceStatus for its seat category and tariff type', () => {
    fc.assert(
      fc.property(seedArb, atArb, (seed, at) => {
        const config = withOddities(randomConfig(seed), seed);
        const snapshot = compileSnapshot(config);
        for (const ctx of contexts(config).slice(0, 8)) {
          for (const p of config.performances.slice(0, 3)) {
            const matrix = performanceMatrix(snapshot, { performanceId: p.id, ...ctx, at });
            matrix.cells.forEach((row, i) =>
              row.forEach((cell, j) =>
                expect(cell).toEqual(performanceStatus(snapshot, { performanceId: p.id, ...ctx, seatCategoryId: matrix.seatCategories[i].id, tariffTypeId: matrix.tariffTypes[j].id, at })),
              ),
            );
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('performance ids and pieces', () => {
  it('ids map to performances (a duplicated id to the last one in performance order, as the Map did); other keys are unknown', () => {
    const config = clone(carmenConfig());
    config.performances.push({ ...config.performances[0], startsAt: '2027-12-01T19:00:00Z', code: 'DUP' });
    const snapshot = compileSnapshot(config);
    expect(snapshot.index.performance.get(ids.p13)).toBe(snapshot.perf.ids.indexOf(ids.p13));
    expect(snapshot.perf.codes[snapshot.index.performance.get(config.performances[0].id)!]).toBe('DUP');
    expect(snapshot.index.performance.get('nope')).toBeUndefined();
    expect(snapshot.index.performance.get(42 as unknown as string)).toBeUndefined();
    expect(performanceStatus(snapshot, { performanceId: 42 as unknown as string, channelId: ids.web, audienceSubcategoryId: ids.occPlein, at: 0 }).reasons[0].code).toBe('UNKNOWN_PERFORMANCE');
    const many = compileSnapshot({ ...config, performances: Array.from({ length: 5000 }, (_, i) => performance(`p${i}`, new Date(Date.UTC(2027, 9, 1) + (i % 97) * 3_600_000).toISOString())) });
    for (let i = 0; i < 5000; i += 7) expect(many.perf.ids[many.index.performance.get(`p${i}`)!]).toBe(`p${i}`);
  });

  it('the pieces given as provenance (recomputed) make up each compiled interval', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const config = withOddities(randomConfig(seed), seed);
        const snapshot = compileSnapshot(config);
        for (const w of saleWindows(snapshot, { eventId: 'e1' }).concat(saleWindows(snapshot, { eventId: 'e2' }))) {
          for (const window of w.windows) {
            for (const interval of window.intervals) {
              const opens = interval.periods.map((p) => Date.parse(p.opensAt));
              const closes = interval.periods.map((p) => Date.parse(p.closesAt));
              expect(interval.periods.length).toBeGreaterThan(0);
              expect(new Date(Math.min(...opens)).toISOString()).toBe(interval.opensAt);
              expect(new Date(Math.max(...closes)).toISOString()).toBe(interval.closesAt);
              opens.forEach((open, i) => expect(open).toBeLessThan(closes[i]));
              // Sorted by opening, each one touching or overlapping the union of those before.
              for (let i = 1; i < opens.length; i++) {
                expect(opens[i]).toBeGreaterThanOrEqual(opens[i - 1]);
                expect(opens[i]).toBeLessThanOrEqual(Math.max(...closes.slice(0, i)));
              }
            }
            expect(window.pieces).toEqual(window.intervals.flatMap((i) => i.periods));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('performance order', () => {
  const reference = (keys: Float64Array, ids: string[]) => Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const keyArb = fc.oneof(
    fc.constant(Number.POSITIVE_INFINITY),
    fc.integer({ min: 0, max: 20 }).map((h) => Date.UTC(2027, 9, 1) + h * 3_600_000),
    fc.integer({ min: -5_000_000, max: 5_000_000 }).map((s) => Date.UTC(2027, 9, 1) + s * 1000),
    fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    fc.double({ min: -1e15, max: 1e15, noNaN: true }),
  );
  it('equals the (startsAt, id, input order) comparator sort, fast path or not', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, fc.constantFrom('a', 'b', 'p-10', 'p-9', 'p-1', 'Z', 'é')), { maxLength: 300 }), (items) => {
        const keys = Float64Array.from(items, ([k]) => k);
        const ids = items.map(([, id]) => id);
        expect(Array.from(performanceOrder(keys, ids))).toEqual(reference(keys, ids));
      }),
      { numRuns: 300 },
    );
    // Integer keys only (the packed fast path), with many ties and unreadable dates.
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(keyArb, keyArb.filter(Number.isFinite)).filter((k) => !Number.isFinite(k) || Number.isInteger(k)),
            fc.constantFrom('a', 'p-10', 'p-9', 'Z'),
          ),
          { maxLength: 2000 },
        ),
        (items) => {
          const keys = Float64Array.from(items, ([k]) => k);
          const ids = items.map(([, id]) => id);
          expect(Array.from(performanceOrder(keys, ids))).toEqual(reference(keys, ids));
        },
      ),
      { numRuns: 200 },
    );
  });
});
