/** The validate dialog's preview (domain/impact.ts): openings announced only where the engine sells. */
import { compileSnapshot, performanceStatus, saleWindows, validationImpact, type ConfigurationInput } from '..';
import { activityProfile, carmenConfig, clone, ids } from './fixtures';

const AT = '2027-06-15T10:00:00Z';
const at = Date.parse(AT);

/** Carmen's calendar ABO-PUIS-TOUS as a draft, then `change`; the snapshots before and after validating it. */
function draftCalendar(change: (c: ConfigurationInput) => void = () => {}) {
  const config = clone(carmenConfig());
  config.salesCalendars[0].state = 'draft';
  change(config);
  const before = compileSnapshot(config);
  const after = compileSnapshot(config, { treatAsValidated: { salesCalendarIds: [ids.calendar] } });
  return { config, before, after, impact: validationImpact(before, after, { organizationId: ids.org, channelIds: null, at }) };
}
const summary = (impact: ReturnType<typeof validationImpact>) =>
  impact.map((c) => [c.channel.code, c.gained.map((g) => [g.performance.id, g.windows.map((w) => w.categories.join('+'))]), c.lost.length]);

describe('validationImpact', () => {
  it('the §3 calendar opens Carmen on WEB and GUICHET (the profile’s channels), for both categories', () => {
    const { impact, after } = draftCalendar();
    const both = [ids.p12, ids.p13, ids.p14].map((p) => [p, ['ABONNE', 'OCCASIONNEL']]);
    expect(summary(impact)).toEqual([
      ['WEB', both, 0],
      ['GUICHET', both, 0],
    ]);
    // What it announces is what the website gets once validated: ON_SALE at each announced opening.
    for (const channel of impact) {
      for (const g of channel.gained) {
        for (const w of g.windows) {
          const subcategory = w.categories.includes('ABONNE') ? ids.aboPlein : ids.occPlein;
          const answer = performanceStatus(after, { performanceId: g.performance.id, channelId: channel.channel.id, audienceSubcategoryId: subcategory, at: w.opensAt });
          expect(answer.status).toBe('ON_SALE');
        }
      }
    }
  });

  it('announces no opening for a performance without a price where its organisation prices in the plugin (NO_PRICE)', () => {
    const { before, after } = draftCalendar();
    const impact = validationImpact(before, after, { organizationId: ids.org, channelIds: null, at, isPriced: (performanceId) => performanceId !== ids.p13 });
    const both = [ids.p12, ids.p14].map((p) => [p, ['ABONNE', 'OCCASIONNEL']]);
    expect(summary(impact)).toEqual([
      ['WEB', both, 0],
      ['GUICHET', both, 0],
    ]);
  });

  it('announces nothing the engine refuses: an inactive channel, a suspended event, an audience no profile grants', () => {
    // What the preview used to read: a window, and some validated profile covering the performance on the channel.
    const oldPreviewSells = (after: ReturnType<typeof compileSnapshot>, channel: string, category: string) =>
      saleWindows(after, { performanceId: ids.p12, at: AT })[0].windows.some(
        (lane) => lane.channel.id === channel && lane.audienceCategory.id === category && lane.granted && lane.intervals.some((i) => Date.parse(i.closesAt) > at),
      );

    const inactive = draftCalendar((c) => (c.salesChannels[1].active = false)); // GUICHET
    expect(oldPreviewSells(inactive.after, ids.guichet, ids.abonne)).toBe(true);
    expect(summary(inactive.impact).map(([code]) => code)).toEqual(['WEB']);

    const suspended = draftCalendar((c) => (c.events[0].state = 'suspended'));
    expect(oldPreviewSells(suspended.after, ids.web, ids.abonne)).toBe(true);
    expect(suspended.impact).toEqual([]);

    const notEnabled = draftCalendar((c) => (c.organizations[0].salesChannelIds = [ids.web]));
    expect(oldPreviewSells(notEnabled.after, ids.guichet, ids.abonne)).toBe(true);
    expect(summary(notEnabled.impact).map(([code]) => code)).toEqual(['WEB']);

    const youngOnly = draftCalendar((c) => {
      c.activityProfiles = [activityProfile(ids.profile, { allAudienceSubcategories: false, audienceSubcategoryIds: [ids.occJeune], salesChannelIds: [ids.web] })];
    });
    expect(oldPreviewSells(youngOnly.after, ids.web, ids.abonne)).toBe(true);
    expect(summary(youngOnly.impact)).toEqual([['WEB', [ids.p12, ids.p13, ids.p14].map((p) => [p, ['OCCASIONNEL']]), 0]]);
  });

  it('a profile for structures only still opens sales (to structures); channels outside the scope are left out', () => {
    const structures = draftCalendar((c) => (c.activityProfiles[0].buyerKind = 'structure'));
    expect(summary(structures.impact).map(([code]) => code)).toEqual(['WEB', 'GUICHET']);
    const scoped = validationImpact(structures.before, structures.after, { organizationId: ids.org, channelIds: [ids.guichet], at });
    expect(scoped.map((c) => c.channel.code)).toEqual(['GUICHET']);
    expect(validationImpact(structures.before, structures.after, { organizationId: ids.otherOrg, channelIds: null, at })).toEqual([]);
  });

  it('windows the second snapshot no longer sells are reported as lost', () => {
    const { config } = draftCalendar();
    // Before: validated; after: the calendar no longer counts (compiled as archived).
    const validated = clone(config);
    validated.salesCalendars[0].state = 'validated';
    const archived = clone(config);
    archived.salesCalendars[0].state = 'archived';
    const lost = validationImpact(compileSnapshot(validated), compileSnapshot(archived), { organizationId: ids.org, channelIds: null, at });
    expect(lost.map((c) => [c.channel.code, c.gained.length, c.lost.length])).toEqual([
      ['WEB', 0, 3],
      ['GUICHET', 0, 3],
    ]);
  });
});
