/** Invariants of the engine over random configurations (fast-check). */
import fc from 'fast-check';
import { compileSnapshot, listOnSale, performanceStatus, performanceStatusOnly, type ConfigurationInput, type PerformanceAnswer } from '..';
import { activityProfile } from './fixtures';
import { contexts, randomConfig, SPAN, T0 } from './random-config';

const seedArb = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const atArb = fc.integer({ min: T0, max: T0 + SPAN + 40 * 86_400_000 });
const RUNS = { numRuns: 150 };

function allAnswers(config: ConfigurationInput, at: number, extra: { seatCategoryId?: string; tariffTypeId?: string } = {}) {
  const snapshot = compileSnapshot(config);
  const answers: { key: string; answer: PerformanceAnswer }[] = [];
  for (const ctx of contexts(config)) {
    for (const p of config.performances) {
      answers.push({ key: `${p.id}|${JSON.stringify(ctx)}`, answer: performanceStatus(snapshot, { performanceId: p.id, ...ctx, ...extra, at }) });
    }
  }
  return answers;
}

/** What a caller relies on (reasons are explanations and may legitimately get richer). */
const observable = (a: PerformanceAnswer) => ({ status: a.status, opensAt: a.opensAt, closesAt: a.closesAt, provenance: a.provenance, codes: a.reasons.map((r) => r.code) });

describe('properties', () => {
  it('status agrees with opensAt / closesAt and at', () => {
    fc.assert(
      fc.property(seedArb, atArb, (seed, at) => {
        for (const { answer } of allAnswers(randomConfig(seed), at)) {
          const opens = answer.opensAt ? Date.parse(answer.opensAt) : null;
          const closes = answer.closesAt ? Date.parse(answer.closesAt) : null;
          if (opens !== null && closes !== null) expect(opens).toBeLessThan(closes);
          switch (answer.status) {
            case 'ON_SALE':
              expect(opens! <= at && at < closes!).toBe(true);
              break;
            case 'SOON_ON_SALE':
              expect(at < opens!).toBe(true);
              break;
            case 'SALES_ENDED':
              expect(closes! <= at).toBe(true);
              break;
            default:
              break;
          }
        }
      }),
      RUNS,
    );
  });

  it('every non-ON_SALE answer has a reason; ON_SALE has none, and has provenance (a period containing at, a profile)', () => {
    fc.assert(
      fc.property(seedArb, atArb, fc.boolean(), (seed, at, withSeat) => {
        for (const { answer } of allAnswers(randomConfig(seed), at, withSeat ? { seatCategoryId: 'k2', tariffTypeId: 't1' } : {})) {
          if (answer.status === 'ON_SALE') {
            expect(answer.reasons).toEqual([]);
            expect(answer.provenance.profiles.length).toBeGreaterThan(0);
            expect(answer.provenance.periods.some((p) => Date.parse(p.opensAt) <= at && at < Date.parse(p.closesAt))).toBe(true);
          } else {
            expect(answer.reasons.length).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('performanceStatusOnly gives the status of performanceStatus, with or without seat category and tariff type, for unknown ids too', () => {
    fc.assert(
      fc.property(seedArb, atArb, fc.boolean(), (seed, at, withSeat) => {
        const config = randomConfig(seed);
        const snapshot = compileSnapshot(config);
        const extra = withSeat ? { seatCategoryId: 'k2', tariffTypeId: 't1' } : {};
        for (const ctx of contexts(config)) {
          for (const performanceId of [...config.performances.map((p) => p.id), 'no-such-performance']) {
            const query = { performanceId, ...ctx, ...extra, at };
            expect(performanceStatusOnly(snapshot, query)).toBe(performanceStatus(snapshot, query).status);
          }
        }
      }),
      RUNS,
    );
  });

  it('the listing equals performanceStatus filtered over all performances', () => {
    fc.assert(
      fc.property(seedArb, atArb, fc.boolean(), (seed, at, includeSoon) => {
        const config = randomConfig(seed);
        const snapshot = compileSnapshot(config);
        for (const ctx of contexts(config)) {
          const listed = listOnSale(snapshot, { ...ctx, at, includeSoon }).map((l) => [l.performance.id, l.status, l.opensAt, l.closesAt]);
          const expected = snapshot.performances
            .map((p) => performanceStatus(snapshot, { performanceId: p.ref.id, ...ctx, at }))
            .filter((a) => a.status === 'ON_SALE' || (includeSoon && a.status === 'SOON_ON_SALE'))
            .map((a) => [a.performance!.id, a.status, a.opensAt, a.closesAt]);
          expect(listed).toEqual(expected);
        }
      }),
      RUNS,
    );
  });

  it('adding a validated period never removes an ON_SALE answer', () => {
    fc.assert(
      fc.property(seedArb, seedArb, atArb, (seed, otherSeed, at) => {
        const config = randomConfig(seed);
        const before = allAnswers(config, at);
        const extra = randomConfig(otherSeed).salesCalendars[0].periods[0];
        const target = config.salesCalendars.find((c) => c.state === 'validated');
        if (!target) return;
        target.periods.push({ ...extra, id: 'added' });
        const after = new Map(allAnswers(config, at).map((x) => [x.key, x.answer]));
        for (const { key, answer } of before) {
          if (answer.status === 'ON_SALE') expect(after.get(key)!.status).toBe('ON_SALE');
        }
      }),
      RUNS,
    );
  });

  it('a draft calendar or profile changes no answer', () => {
    fc.assert(
      fc.property(seedArb, seedArb, atArb, (seed, otherSeed, at) => {
        const config = randomConfig(seed);
        const before = allAnswers(config, at).map((x) => observable(x.answer));
        const other = randomConfig(otherSeed);
        config.salesCalendars.push({ ...other.salesCalendars[0], id: 'draft-cal', state: 'draft' });
        for (const e of config.events) e.calendarAssignments.push({ salesCalendarId: 'draft-cal', allChannels: true, salesChannelIds: [] });
        config.activityProfiles.push(
          activityProfile('draft-ap', {
            name: 'draft',
            organizationId: 'o1',
            state: otherSeed % 2 === 0 ? 'draft' : 'archived',
            salesChannelIds: ['c1', 'c2', 'c3'],
          }),
        );
        const after = allAnswers(config, at).map((x) => observable(x.answer));
        expect(after).toEqual(before);
      }),
      RUNS,
    );
  });

  it('answers do not depend on the order of the input lists', () => {
    fc.assert(
      fc.property(seedArb, atArb, (seed, at) => {
        const config = randomConfig(seed);
        const reversed: ConfigurationInput = { ...config, performances: [...config.performances].reverse(), events: [...config.events].reverse() };
        expect(
          allAnswers(reversed, at)
            .map((x) => [x.key, x.answer.status, x.answer.opensAt])
            .sort(),
        ).toEqual(
          allAnswers(config, at)
            .map((x) => [x.key, x.answer.status, x.answer.opensAt])
            .sort(),
        );
      }),
      { numRuns: 50 },
    );
  });
});
