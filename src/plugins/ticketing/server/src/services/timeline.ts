import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { PLUGIN_ID, uidOf } from '../constants';
import { bilingual } from '../errors';
import type { AdminQuery } from '../inputs/admin-query';
import {
  checkActivityProfile,
  checkProductProfile,
  checkSalesCalendar,
  compileSnapshot,
  intervalStatus,
  performanceStatus,
  performanceStatusOnly,
  saleWindows,
  draftsReaching,
  type DraftRef,
  validationImpact,
  type CheckResult,
  type ConfigurationInput,
  type ImpactEntry,
  type PerformanceWindows,
  type SaleStatus,
  type Snapshot,
} from '../domain';
import { ACTIONS } from '../permissions/actions';
import { STATUSES, STATUS_RANK, encodeLane, type WireLane, type WirePerformance } from '../../../shared/timeline';
import { gatedStatus, performancePriced, withPriceGate } from '../domain/pricing';
import { availability, capacityOf, poolLabel, soldOutStatus, withSoldOut, type CapacityUsage, type Pool } from '../domain/capacity';
import { type DbRow } from '../strapi-types';
import { icalendar, type IcsItem } from './ics';
import { missingStepProblems, setupSteps } from './setup-steps';

/**
 * What the admin pages « Billetterie » read: the sale-window timeline of a season (statuses at
 * an instant, optionally as if the drafts were validated), the explanation of one lane, the
 * engine's problems across a season, the setup checklist and the iCalendar feed. Everything
 * is computed by the engine from the `sales-snapshot` service; nothing here decides a status.
 */

type AdminUser = { id: number | string } | null | undefined;

const badRequest = (path: string, fr: string, en: string, value: unknown = null): never => {
  throw new errors.ValidationError(bilingual(fr, en), { errors: [{ path: [path], message: bilingual(fr, en), name: 'ValidationError', value }] });
};

type DraftType = DraftRef['type'];
type NamedRef = { type: string; id: string; code: string; calendarId?: string; name?: string };

const nameKey = (ref: { type: string; id: string; calendarId?: string }) => (ref.type === 'salesPeriod' ? `salesPeriod:${ref.calendarId ?? ''}:${ref.id}` : `${ref.type}:${ref.id}`);

/** An object reference with its name (the code stays for the details). */
const named =
  (names: Map<string, string>) =>
  <T extends NamedRef>(ref: T): T & { name: string } => ({ ...ref, name: names.get(nameKey(ref)) ?? ref.code });

/** The engine's messages quote codes (« MUSEE », "WEB"): the admin reads names instead. */
export function nameMessage(message: { fr: string; en: string }, objects: readonly NamedRef[], names: Map<string, string>): { fr: string; en: string } {
  let { fr, en } = message;
  for (const o of objects) {
    const name = names.get(nameKey(o));
    if (!name || !o.code) continue;
    fr = fr.split(`« ${o.code} »`).join(`« ${name} »`);
    en = en.split(`"${o.code}"`).join(`"${name}"`);
  }
  return { fr, en };
}

/** One lane before encoding: the best status of its subcategories, and its windows' bars (open, close in epoch ms, status index). */
interface LaneState {
  status: SaleStatus;
  granted: boolean;
  bars: number[];
}

/** How many timeline answers are kept (per configuration version, season, instant, drafts, perimeter). */
const TIMELINE_MEMO_SIZE = 8;

export const createTimeline = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  let drafts: { version: number; snapshot: Snapshot } | null = null;

  const perimeter = () => plugin().service('perimeter');

  /** The organisations an operator may see (perimeter service, for `timeline.read`): null = all. */
  async function allowedOrganizations(user: AdminUser): Promise<Set<string> | null> {
    const ids: string[] | null = await perimeter().organizationIdsFor(user);
    return ids === null ? null : new Set(ids);
  }

  /** The channels an operator may see in an organisation (the perimeter's channel rule, for `timeline.read`): null = all. */
  async function allowedChannels(user: AdminUser, organizationId: string | null): Promise<Set<string> | null> {
    const ids: string[] | null = await perimeter().channelLimitFor(user, organizationId, ACTIONS.readTimeline);
    return ids === null ? null : new Set(ids);
  }

  /** An explicit request for a channel outside the operator's perimeter: 403 naming it. */
  async function refuseChannel(user: AdminUser, organizationId: string | null, channelId: string) {
    await perimeter().assertChannelsWithin(user, organizationId, [channelId], ACTIONS.readTimeline);
  }

  /** The draft calendars and profiles compiled as if validated (memoised per configuration version). */
  function draftSnapshot(version: number, config: ConfigurationInput): Snapshot {
    if (drafts && drafts.version === version) return drafts.snapshot;
    const draftIds = (list: { id: string; state: string }[]) => list.filter((x) => x.state === 'draft').map((x) => x.id);
    const snapshot = compileSnapshot(config, {
      treatAsValidated: {
        salesCalendarIds: draftIds(config.salesCalendars),
        activityProfileIds: draftIds(config.activityProfiles),
        productProfileIds: draftIds(config.productProfiles),
      },
    });
    drafts = { version, snapshot };
    return snapshot;
  }

  async function context(user: AdminUser, seasonId: string | undefined) {
    const { version, config, snapshot } = await plugin().service('sales-snapshot').get();
    const allowed = await allowedOrganizations(user);
    const seasons = config.seasons.filter((s: DbRow) => !allowed || allowed.has(s.organizationId));
    const season = seasonId ? seasons.find((s: DbRow) => s.id === seasonId) : (seasons.find((s: DbRow) => s.state === 'running') ?? seasons[0]);
    if (seasonId && !season) {
      // Unknown, or outside the operator's perimeter: the same answer, so as not to reveal it.
      throw new errors.NotFoundError(bilingual(`saison inconnue : ${String(seasonId)}`, `unknown season: ${String(seasonId)}`));
    }
    return { version: version as number, config: config as ConfigurationInput, snapshot: snapshot as Snapshot, seasons, season: season ?? null, allowed };
  }

  /** Each draft calendar or profile compiled alone as if validated (memoised per configuration version). */
  let singleDrafts: { version: number; snapshots: Map<string, Snapshot> } = { version: -1, snapshots: new Map() };
  function singleDraftSnapshot(version: number, config: ConfigurationInput, type: DraftType, id: string): Snapshot {
    if (singleDrafts.version !== version) singleDrafts = { version, snapshots: new Map() };
    const key = `${type}:${id}`;
    let snapshot = singleDrafts.snapshots.get(key);
    if (!snapshot) {
      snapshot = compileSnapshot(config, { treatAsValidated: type === 'salesCalendar' ? { salesCalendarIds: [id] } : { activityProfileIds: [id] } });
      singleDrafts.snapshots.set(key, snapshot);
    }
    return snapshot;
  }

  /** Names of the objects answers refer to, `type:id` → name (memoised per configuration version). */
  let nameIndex: { version: number; names: Map<string, string> } | null = null;
  function namesOf(version: number, config: ConfigurationInput): Map<string, string> {
    if (nameIndex?.version === version) return nameIndex.names;
    const names = new Map<string, string>();
    const add = (type: string, list: { id: string; name: string }[]) => {
      for (const x of list) names.set(`${type}:${x.id}`, x.name);
    };
    add('organization', config.organizations);
    add('salesChannel', config.salesChannels);
    add('pointOfSale', config.pointsOfSale);
    add('audienceCategory', config.audienceCategories);
    add('audienceSubcategory', config.audienceSubcategories);
    add('seatCategory', config.seatCategories);
    add('tariffType', config.tariffTypes);
    add('season', config.seasons);
    add('activity', config.activities);
    add('event', config.events);
    add('product', config.products);
    add('salesCalendar', config.salesCalendars);
    add('activityProfile', config.activityProfiles);
    add('productProfile', config.productProfiles);
    for (const c of config.salesCalendars) for (const p of c.periods) if (p.name) names.set(`salesPeriod:${c.id}:${p.id}`, p.name);
    // A performance is named by its event and its start, in the institution's zone.
    const events = new Map(config.events.map((e) => [e.id, e.name]));
    for (const p of config.performances) {
      const start = DateTime.fromISO(p.startsAt, { zone: config.timeZone });
      names.set(`performance:${p.id}`, `${events.get(p.eventId) ?? ''}${start.isValid ? ` — ${start.setLocale('fr').toFormat('dd/LL/yyyy HH:mm')}` : ''}`);
    }
    nameIndex = { version, names };
    return names;
  }

  function subcategoriesOf(config: ConfigurationInput, seasonId: string, categoryId: string) {
    return config.audienceSubcategories.filter((u) => u.seasonId === seasonId && u.audienceCategoryId === categoryId);
  }

  /** The subcategory ids of each audience category (in the answer's category order) in a season. */
  function subcategoryIdsByCategory(config: ConfigurationInput, seasonId: string): string[][] {
    return config.audienceCategories.map((c) => subcategoriesOf(config, seasonId, c.id).map((u) => u.id));
  }

  /**
   * Lanes of one performance, channel-major (the order of `channels` × `audienceCategories` in
   * the answer; `channels`: the operator's). A lane's status is the best of its subcategories' (the engine's status only:
   * reasons are built when one lane is explained).
   */
  function lanesOf(
    snapshot: Snapshot,
    config: ConfigurationInput,
    channels: ConfigurationInput['salesChannels'],
    subcategoryIds: string[][],
    w: PerformanceWindows,
    at: number,
    isPriced: boolean,
    /** Issue #17: SOLD_OUT for a performance with pools (its usage now), per channel and subcategory. */
    soldOut?: (status: SaleStatus, channelId: string, audienceSubcategoryId: string) => SaleStatus,
  ): LaneState[] {
    const categories = config.audienceCategories;
    const windows: (PerformanceWindows['windows'][number] | undefined)[] = new Array(channels.length * categories.length);
    for (const x of w.windows) {
      const i = channels.findIndex((c) => c.id === x.channel.id);
      const j = categories.findIndex((c) => c.id === x.audienceCategory.id);
      if (i >= 0 && j >= 0) windows[i * categories.length + j] = x;
    }
    const lanes: LaneState[] = new Array(windows.length);
    for (let i = 0; i < channels.length; i++) {
      for (let j = 0; j < categories.length; j++) {
        const window = windows[i * categories.length + j];
        let status: SaleStatus = 'NOT_ON_SALE';
        for (const audienceSubcategoryId of subcategoryIds[j]) {
          let s = gatedStatus(performanceStatusOnly(snapshot, { performanceId: w.performance.id, channelId: channels[i].id, audienceSubcategoryId, at }), isPriced);
          if (soldOut) s = soldOut(s, channels[i].id, audienceSubcategoryId);
          if (STATUS_RANK[s] < STATUS_RANK[status]) status = s;
        }
        const bars: number[] = [];
        if (window) {
          for (const interval of window.intervals) {
            const open = Date.parse(interval.opensAt);
            const close = Date.parse(interval.closesAt);
            bars.push(open, close, STATUSES.indexOf(intervalStatus(status, open, close, at)));
          }
        }
        lanes[i * categories.length + j] = { status, granted: window?.granted ?? false, bars };
      }
    }
    return lanes;
  }

  const sameLane = (a: LaneState, b: LaneState) => a.status === b.status && a.bars.length === b.bars.length && a.bars.every((x, k) => x === b.bars[k]);

  /** Small memo of timeline answers: the page asks the same (version, season, at, drafts) again on every filter or zoom round trip. */
  const memo = new Map<string, unknown>();
  const remember = (key: string, value: unknown) => {
    memo.delete(key);
    memo.set(key, value);
    while (memo.size > TIMELINE_MEMO_SIZE) memo.delete(memo.keys().next().value as string);
    return value;
  };

  /**
   * Capacity (issue #17) for the performances given that have pools: their usage now (one read,
   * through the capacity service's 250 ms cache), its stamp, and per performance the lane rule
   * (SOLD_OUT where the engine says ON_SALE and nothing is left for that channel and subcategory).
   * null when none has pools: nothing is read.
   */
  async function capacityNow(snapshot: Snapshot, performanceIds: readonly string[]) {
    const capacity = capacityOf(snapshot);
    if (capacity.performances.size === 0) return null;
    const pooled = performanceIds.filter((id) => capacity.performances.has(id));
    if (pooled.length === 0) return null;
    const { usages, stamp } = (await plugin().service('capacity').usageMany(pooled)) as { usages: Map<string, CapacityUsage>; stamp: number };
    const subs = new Map(snapshot.config.audienceSubcategories.map((u) => [u.id, u]));
    return {
      stamp,
      usages,
      capacity,
      soldOut(performanceId: string, at: number) {
        const pc = capacity.performances.get(performanceId);
        const usage = usages.get(performanceId);
        if (!pc || !usage) return undefined;
        const contingents = capacity.contingentsOf.get(performanceId) ?? new Map();
        return (status: SaleStatus, channelId: string, audienceSubcategoryId: string) => {
          const sub = subs.get(audienceSubcategoryId);
          return soldOutStatus(status, pc, contingents, usage, { at, channelId, pointOfSaleId: null, audienceCategoryId: sub?.audienceCategoryId ?? null, audienceSubcategory: sub?.code ?? null });
        };
      },
    };
  }

  return {
    allowedOrganizations,
    allowedChannels,

    async timeline(user: AdminUser, query: AdminQuery<'timeline'>) {
      const at = query.at ?? Date.now();
      const includeDrafts = query.includeDrafts ?? false;
      const offset = query.offset ?? 0;
      const limit = query.limit ?? Number.MAX_SAFE_INTEGER;
      const { version, config, snapshot, seasons, season, allowed } = await context(user, query.season);
      // Lanes only on the operator's channels of the season's organisation.
      const channelScope = season ? await allowedChannels(user, season.organizationId) : null;
      const channels = channelScope ? config.salesChannels.filter((c) => channelScope.has(c.id)) : config.salesChannels;
      const events = season ? config.events.filter((e) => e.seasonId === season.id) : [];
      // The season's performances by start (then code); the page asks for the first ones, then the rest.
      const eventIds = new Set(events.map((e) => e.id));
      const ordered = config.performances
        .filter((p) => eventIds.has(p.eventId))
        .map((p) => ({ p, start: Date.parse(p.startsAt) }))
        .sort((a, b) => (a.start || 0) - (b.start || 0) || a.p.code.localeCompare(b.p.code))
        .map(({ p }) => p);
      const wanted = ordered.slice(offset, offset + limit);
      // SOLD_OUT (issue #17): the usage now of the wanted performances that have pools, read in one go; its stamp joins the key only then.
      const usage = await capacityNow(
        snapshot,
        wanted.map((p) => p.id),
      );
      const key = `${version}|${season?.id ?? ''}|${at}|${includeDrafts}|${offset}|${limit}|${allowed ? [...allowed].sort().join(',') : '*'}|${channelScope ? [...channelScope].sort().join(',') : '*'}${usage ? `|u${usage.stamp}` : ''}`;
      if (memo.has(key)) return remember(key, memo.get(key));
      const preview = includeDrafts ? draftSnapshot(version, config) : null;
      const subcategoryIds = season ? subcategoryIdsByCategory(config, season.id) : [];
      const windowsOf = (source: Snapshot): PerformanceWindows[] => {
        // A few performances: asked one by one; many: per event, keeping the wanted ones.
        if (wanted.length <= 500) return wanted.map((p) => saleWindows(source, { performanceId: p.id, at })[0]).filter(Boolean);
        const ids = new Set(wanted.map((p) => p.id));
        const byId = new Map<string, PerformanceWindows>();
        for (const event of events) {
          if (!wanted.some((p) => p.eventId === event.id)) continue;
          for (const w of saleWindows(source, { eventId: event.id, at })) if (ids.has(w.performance.id)) byId.set(w.performance.id, w);
        }
        return wanted.map((p) => byId.get(p.id)).filter((w): w is PerformanceWindows => Boolean(w));
      };
      const current = windowsOf(snapshot);
      const future = preview ? new Map(windowsOf(preview).map((w) => [w.performance.id, w])) : null;
      const eventOf = new Map(wanted.map((p) => [p.id, p.eventId]));
      const performances: WirePerformance[] = [];
      let changedLanes = 0;
      for (const w of current) {
        // NO_PRICE (organisations pricing in the plugin): the validated prices, in the draft preview too.
        const isPriced = season ? performancePriced(snapshot, w.performance.id, season.id) : true;
        const soldOut = usage?.soldOut(w.performance.id, at);
        const lanes = lanesOf(snapshot, config, channels, subcategoryIds, w, at, isPriced, soldOut);
        let wire: WireLane[];
        const later = future?.get(w.performance.id);
        if (later) {
          wire = lanesOf(preview!, config, channels, subcategoryIds, later, at, isPriced, soldOut).map((lane, j) => {
            if (sameLane(lane, lanes[j])) return encodeLane(lane.status, lane.granted, lane.bars);
            changedLanes++;
            return encodeLane(lane.status, lane.granted, lane.bars, { status: lanes[j].status, bars: lanes[j].bars });
          });
        } else {
          wire = lanes.map((lane) => encodeLane(lane.status, lane.granted, lane.bars));
        }
        performances.push({ id: w.performance.id, code: w.performance.code, eventId: eventOf.get(w.performance.id) ?? '', state: w.state, startsAt: w.startsAt, overAt: w.overAt, l: wire });
      }
      return remember(key, {
        at: new Date(at).toISOString(),
        configVersion: version,
        includeDrafts,
        changedLanes,
        timeZone: config.timeZone,
        season: season ? { id: season.id, code: season.code, name: season.name, startsOn: season.startsOn, endsOn: season.endsOn, state: season.state, organizationId: season.organizationId } : null,
        seasons: seasons.map((s: DbRow) => ({ id: s.id, code: s.code, name: s.name })),
        events: events.map((e) => ({ id: e.id, code: e.code, name: e.name, state: e.state, activityId: e.activityId })),
        activities: season ? config.activities.filter((a) => a.seasonId === season.id).map((a) => ({ id: a.id, code: a.code, name: a.name })) : [],
        channels: channels.map((c) => ({ id: c.id, code: c.code, name: c.name, active: c.active })),
        audienceCategories: config.audienceCategories.map((c) => ({ id: c.id, code: c.code, name: c.name })),
        /** This answer's performances are `offset` … `offset + performances.length` of `total`. */
        total: ordered.length,
        offset,
        performances,
      });
    },

    async explain(user: AdminUser, query: AdminQuery<'explain'>) {
      const at = query.at ?? Date.now();
      const { version, config, snapshot: validated, allowed } = await context(user, undefined);
      const preview = query.includeDrafts ?? false;
      const snapshot = preview ? draftSnapshot(version, config) : validated;
      const perf = config.performances.find((p) => p.id === query.performance);
      const event = perf && config.events.find((e) => e.id === perf.eventId);
      const season = event && config.seasons.find((s) => s.id === event.seasonId);
      if (!perf || !event || !season || (allowed && !allowed.has(season.organizationId))) {
        throw new errors.NotFoundError(bilingual(`séance inconnue : ${query.performance}`, `unknown performance: ${query.performance}`));
      }
      const channel = config.salesChannels.find((c) => c.id === query.channel);
      if (!channel) badRequest('channel', `filière de vente inconnue : ${query.channel}`, `unknown channel: ${query.channel}`, query.channel);
      await refuseChannel(user, season.organizationId, channel!.id);
      const sub = query.subcategory ? config.audienceSubcategories.find((u) => u.id === query.subcategory) : undefined;
      if (query.subcategory && !sub) badRequest('subcategory', `sous-catégorie inconnue : ${query.subcategory}`, `unknown subcategory: ${query.subcategory}`, query.subcategory);
      const categoryId = sub ? sub.audienceCategoryId : String(query.category);
      const category = config.audienceCategories.find((c) => c.id === categoryId);
      if (!category) badRequest('category', `catégorie de public inconnue : ${categoryId}`, `unknown audience category: ${categoryId}`, categoryId);
      const subs = sub ? [sub] : subcategoriesOf(config, season.id, categoryId);
      const windows = saleWindows(snapshot, { performanceId: perf.id, at })[0];
      const lane = windows?.windows.find((w) => w.channel.id === channel!.id && w.audienceCategory.id === categoryId) ?? null;
      const names = namesOf(version, config);
      const name = named(names);
      // The drafts that would change this lane's answer, each validated on its own.
      const candidates = draftsReaching(config, event, channel!.id);
      // NO_PRICE, as the website applies it to a performance (the validated prices, in the draft preview too).
      const isPriced = performancePriced(validated, perf.id, season.id);
      const perfRef = [{ type: 'performance' as const, id: perf.id, code: perf.code }];
      const status = (source: Snapshot, q: Parameters<typeof performanceStatus>[1]) => withPriceGate(performanceStatus(source, q), isPriced, perfRef, false);
      // Capacity (issue #17): SOLD_OUT naming the binding pool, and every pool of every seat category, with the usage now.
      const cap = await capacityNow(validated, [perf.id]);
      const pc = cap?.capacity.performances.get(perf.id);
      const usage = cap?.usages.get(perf.id);
      const contingents = cap?.capacity.contingentsOf.get(perf.id) ?? new Map();
      const buyerOf = (u: (typeof subs)[number]) => ({ at, channelId: channel!.id, pointOfSaleId: null, audienceCategoryId: u.audienceCategoryId, audienceSubcategory: u.code });
      const poolOut = (p: Pool) => ({ ...p, left: Math.max(0, p.left), label: poolLabel(p) });
      const capacityOfLane = (u: (typeof subs)[number]) =>
        pc && usage
          ? {
              usageAt: new Date().toISOString(),
              categories: [...pc.categories.keys()].sort().map((code) => {
                const a = availability(pc, contingents, usage, { ...buyerOf(u), category: code });
                return { seatCategory: code, available: a.available, binding: poolOut(a.binding), pools: a.pools.map(poolOut) };
              }),
            }
          : null;
      const answers = subs.map((u) => {
        const q = { performanceId: perf.id, channelId: channel!.id, audienceSubcategoryId: u.id, at };
        const soldOut = <A extends ReturnType<typeof status>>(a: A): A => (pc && usage ? withSoldOut(a, pc, contingents, usage, buyerOf(u), [...pc.categories.keys()], perfRef) : a);
        const live = soldOut(status(validated, q));
        const answer = preview ? soldOut(status(snapshot, q)) : live;
        const drafts = candidates
          .map((d) => ({ draft: d, other: status(singleDraftSnapshot(version, config, d.type, d.id), q) }))
          .filter(({ other }) => other.status !== live.status || other.opensAt !== live.opensAt || other.closesAt !== live.closesAt)
          .map(({ draft, other }) => ({ ...draft, status: other.status, opensAt: other.opensAt, closesAt: other.closesAt }));
        return {
          subcategory: { id: u.id, code: u.code, name: u.name },
          answer: {
            ...answer,
            reasons: answer.reasons.map((r) => ({ code: r.code, message: nameMessage(r.message, r.objects, names), objects: r.objects.map(name) })),
            provenance: {
              periods: answer.provenance.periods.map((p) => ({ calendar: name(p.calendar), period: name(p.period) })),
              profiles: answer.provenance.profiles.map(name),
            },
          },
          // In the draft preview: what is live now, when the drafts change it.
          live:
            preview && (live.status !== answer.status || live.opensAt !== answer.opensAt || live.closesAt !== answer.closesAt)
              ? { status: live.status, opensAt: live.opensAt, closesAt: live.closesAt }
              : null,
          drafts,
          capacity: capacityOfLane(u),
        };
      });
      return {
        at: new Date(at).toISOString(),
        includeDrafts: preview,
        timeZone: config.timeZone,
        performance: { id: perf.id, code: perf.code, name: names.get(`performance:${perf.id}`) ?? perf.code, startsAt: perf.startsAt, state: perf.state },
        event: { id: event.id, code: event.code, name: event.name, state: event.state },
        season: { id: season.id, code: season.code, name: season.name, state: season.state },
        channel: { id: channel!.id, code: channel!.code, name: channel!.name, active: channel!.active },
        audienceCategory: { id: category!.id, code: category!.code, name: category!.name },
        window: lane
          ? {
              calendars: lane.calendars.map(name),
              periods: lane.periods.map(name),
              intervals: lane.intervals.map((i) => ({ ...i, periods: i.periods.map((p) => ({ ...p, calendar: name(p.calendar), period: name(p.period) })) })),
              profiles: lane.profiles.map((p) => ({ ...p, profile: name(p.profile) })),
              granted: lane.granted,
            }
          : { calendars: [], periods: [], intervals: [], profiles: [], granted: false },
        answers,
      };
    },

    /**
     * What validating one draft sales calendar or activity profile would change: per channel, the
     * performances that would gain (or lose) sale windows from `at` on where the website would be
     * answered ON_SALE, compared with the validated configuration alone (domain/impact.ts: the
     * engine's statuses with `treatAsValidated`). For the side panel's validate dialog.
     */
    async impact(user: AdminUser, query: AdminQuery<'impact'>) {
      const at = query.at ?? Date.now();
      const type = query.type;
      const { config, snapshot, allowed } = await context(user, undefined);
      const list = type === 'salesCalendar' ? config.salesCalendars : config.activityProfiles;
      const object = list.find((x) => x.id === query.id);
      if (!object || (allowed && !allowed.has(object.organizationId))) {
        throw new errors.NotFoundError(bilingual(`objet inconnu : ${query.id}`, `unknown object: ${query.id}`));
      }
      const ref = { type, id: object.id, code: object.code, name: object.name, state: object.state };
      // Only a draft changes anything by being validated.
      if (object.state !== 'draft') return { at: new Date(at).toISOString(), object: ref, applicable: false, channels: [] };
      // The engine's answers with the draft treated as validated, against today's: what the website would be told.
      const after = compileSnapshot(config, { treatAsValidated: type === 'salesCalendar' ? { salesCalendarIds: [object.id] } : { activityProfileIds: [object.id] } });
      const channelScope = await allowedChannels(user, object.organizationId);
      const seasonOf = new Map(config.events.map((e) => [e.id, e.seasonId]));
      const isPriced = (performanceId: string, eventId: string) => performancePriced(snapshot, performanceId, seasonOf.get(eventId));
      const impact = validationImpact(snapshot, after, { organizationId: object.organizationId, channelIds: channelScope ? [...channelScope] : null, at, isPriced });
      const channelOf = new Map(config.salesChannels.map((c) => [c.id, { id: c.id, code: c.code, name: c.name }]));
      const eventOf = new Map(config.events.map((e) => [e.id, { id: e.id, code: e.code, name: e.name }]));
      const entry = (e: ImpactEntry) => ({
        performance: { id: e.performance.id, code: e.performance.code, startsAt: e.startsAt, event: eventOf.get(e.event.id)! },
        opensAt: e.opensAt,
        windows: e.windows,
      });
      return {
        at: new Date(at).toISOString(),
        object: ref,
        applicable: true,
        channels: impact.map((c) => ({ channel: channelOf.get(c.channel.id)!, gained: c.gained.map(entry), lost: c.lost.map(entry) })),
      };
    },

    /** Every blocking problem and warning of the engine's checks for the season's organisation. */
    async problems(user: AdminUser, query: AdminQuery<'problems'>) {
      const { version, config, snapshot, season } = await context(user, query.season);
      if (!season) return { season: null, problems: [] };
      const problems: { severity: 'blocking' | 'warning'; object: { type: string; id: string; code: string; name: string; state: string }; code: string; message: unknown; objects: unknown }[] = [];
      // A channel-limited operator sees neither the problems naming another channel nor those of
      // profiles granting only other channels.
      const channelScope = await allowedChannels(user, season.organizationId);
      const mine = (p: { objects: readonly { type: string; id: string }[] }) => !channelScope || p.objects.every((o) => o.type !== 'salesChannel' || channelScope.has(o.id));
      const profileChannels = new Map<string, string[]>([...config.activityProfiles, ...config.productProfiles].map((p) => [p.id, p.salesChannelIds]));
      const grantsMine = (id: string) => {
        const ids = profileChannels.get(id);
        return !channelScope || !ids || ids.length === 0 || ids.some((c) => channelScope.has(c));
      };
      const names = namesOf(version, config);
      const name = named(names);
      const run = (
        type: string,
        list: { id: string; code: string; name: string; state: string; organizationId: string }[],
        check: (source: ConfigurationInput | Snapshot, id: string) => CheckResult,
      ) => {
        for (const object of list) {
          if (object.organizationId !== season.organizationId || object.state === 'archived' || !grantsMine(object.id)) continue;
          // A validated object's check reads the cached snapshot; a draft's is compiled as if validated.
          const result = check(object.state === 'validated' ? snapshot : config, object.id);
          const ref = { type, id: object.id, code: object.code, name: object.name, state: object.state };
          for (const [severity, list] of [
            ['blocking', result.blocking],
            ['warning', result.warnings],
          ] as const) {
            for (const p of list) {
              if (mine(p)) problems.push({ severity, object: ref, code: p.code, message: nameMessage(p.message, p.objects, names), objects: p.objects.map(name) });
            }
          }
        }
      };
      run('salesCalendar', config.salesCalendars, checkSalesCalendar);
      run('activityProfile', config.activityProfiles, checkActivityProfile);
      run('productProfile', config.productProfiles, checkProductProfile);
      // Places (issue #16): the season's logical configurations, and the physical ones they use, checked as their validation is.
      const logicals: DbRow[] = await strapi.db.query(uidOf('logical-configuration')).findMany({
        where: { season: { documentId: season.id }, state: { $ne: 'archived' } },
        select: ['documentId', 'code', 'name', 'state'],
        populate: { physicalConfiguration: { select: ['documentId', 'code', 'name', 'state'] } },
      });
      const physicals = new Map<string, DbRow>();
      for (const l of logicals) if (l.physicalConfiguration && l.physicalConfiguration.state !== 'archived') physicals.set(l.physicalConfiguration.documentId, l.physicalConfiguration);
      const places = plugin().service('places');
      for (const [type, list] of [
        ['physical-configuration', [...physicals.values()]],
        ['logical-configuration', logicals],
      ] as const) {
        for (const row of list) {
          const result: CheckResult = await places.check(type, row.documentId);
          const ref = { type, id: row.documentId, code: row.code, name: row.name, state: row.state };
          for (const p of result.blocking) problems.push({ severity: 'blocking', object: ref, code: p.code, message: p.message, objects: p.objects ?? [] });
          for (const p of result.warnings) problems.push({ severity: 'warning', object: ref, code: p.code, message: p.message, objects: p.objects ?? [] });
        }
      }
      // A mandatory setup step still missing is a problem too (the « Étapes de paramétrage » tab agrees).
      problems.unshift(...missingStepProblems(setupSteps(config, season, channelScope), season));
      return { season: { id: season.id, code: season.code, name: season.name }, problems };
    },

    /** The mandatory steps of the manual (« Étapes de paramétrage ») for an organisation and a season. */
    async setup(user: AdminUser, query: AdminQuery<'setup'>) {
      const { config, season } = await context(user, query.season);
      if (!season) return { season: null, organization: null, steps: [] };
      const org = config.organizations.find((o) => o.id === season.organizationId) ?? null;
      const steps = setupSteps(config, season, await allowedChannels(user, season.organizationId));
      return {
        season: { id: season.id, code: season.code, name: season.name, state: season.state },
        organization: org ? { id: org.id, code: org.code, name: org.name } : null,
        steps,
      };
    },

    /** Sale openings and closings of a season (optionally one channel) as iCalendar text. */
    async ics(user: AdminUser, query: AdminQuery<'ics'>) {
      const { config, snapshot, season } = await context(user, query.season);
      const channelFilter = query.channel ?? null;
      if (channelFilter && !config.salesChannels.some((c) => c.id === channelFilter)) {
        badRequest('channel', `filière de vente inconnue : ${channelFilter}`, `unknown channel: ${channelFilter}`, channelFilter);
      }
      if (channelFilter && season) await refuseChannel(user, season.organizationId, channelFilter);
      const channelScope = season ? await allowedChannels(user, season.organizationId) : null;
      const zone = config.timeZone;
      const items = new Map<string, IcsItem & { categories: string[] }>();
      const name = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? id;
      const local = (iso: string) => DateTime.fromISO(iso, { zone }).setLocale('fr').toFormat('cccc d LLLL yyyy HH:mm');
      for (const event of season ? config.events.filter((e) => e.seasonId === season.id) : []) {
        for (const w of saleWindows(snapshot, { eventId: event.id })) {
          for (const lane of w.windows) {
            if (channelFilter && lane.channel.id !== channelFilter) continue;
            if (channelScope && !channelScope.has(lane.channel.id)) continue;
            if (!lane.granted) continue;
            for (const i of lane.intervals) {
              for (const [kind, at] of [
                ['open', i.opensAt],
                ['close', i.closesAt],
              ] as const) {
                // One entry per performance, channel and instant; its audience categories listed.
                const key = `${kind}|${w.performance.id}|${lane.channel.id}|${at}`;
                const categoryName = name(config.audienceCategories, lane.audienceCategory.id);
                const existing = items.get(key);
                if (existing) {
                  if (!existing.categories.includes(categoryName)) existing.categories.push(categoryName);
                  continue;
                }
                const channelName = name(config.salesChannels, lane.channel.id);
                const performance = w.startsAt ? `séance du ${local(w.startsAt)}` : `séance ${w.performance.code}`;
                items.set(key, {
                  uid: `${kind}-${w.performance.id}-${lane.channel.id}-${Date.parse(at)}@ticketing`,
                  at,
                  summary: `${kind === 'open' ? 'Ouverture des ventes' : 'Fermeture des ventes'} : ${event.name}, ${performance} — ${channelName}`,
                  categories: [categoryName],
                  description: [
                    `${event.name} (${event.code}), ${performance} (${w.performance.code})`,
                    `${kind === 'open' ? 'Ouverture' : 'Fermeture'} le ${local(at)} (${zone}), soit ${new Date(at).toISOString().replace('.000', '')} (UTC)`,
                    `Filière : ${channelName}`,
                  ],
                });
              }
            }
          }
        }
      }
      const list = [...items.values()]
        .sort((a, b) => a.at.localeCompare(b.at) || a.summary.localeCompare(b.summary))
        .map(({ categories, ...item }) => ({ ...item, summary: `${item.summary} (${categories.join(', ')})`, description: [...item.description, `Catégories de public : ${categories.join(', ')}`] }));
      return icalendar(season ? `Billetterie — ${season.name}` : 'Billetterie', zone, list);
    },
  };
};
