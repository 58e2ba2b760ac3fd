import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';
import { bilingual } from '../errors';
import {
  checkActivityProfile,
  checkProductProfile,
  checkSalesCalendar,
  compileSnapshot,
  parseInstant,
  performanceStatus,
  performanceStatusOnly,
  saleWindows,
  type CheckResult,
  type ConfigurationInput,
  type PerformanceWindows,
  type SaleStatus,
  type Snapshot,
} from '../domain';
import { ACTIONS } from '../permissions/actions';
import { STATUS_RANK, encodeLane, type WireLane, type WirePerformance } from '../../../shared/timeline';
import { type DbRow } from '../strapi-types';

/**
 * What the admin pages « Billetterie » read: the sale-window timeline of a season (statuses at
 * an instant, optionally as if the drafts were validated), the explanation of one lane, the
 * engine's problems across a season, the setup checklist and the iCalendar feed. Everything
 * is computed by the engine from the `sales-snapshot` service; nothing here decides a status.
 */

type AdminUser = { id: number | string } | null | undefined;

const badRequest = (path: string, fr: string, en: string, value: unknown = null): never => {
  throw new errors.ValidationError(bilingual(fr, en), { errors: [{ path: [path], message: en, name: 'ValidationError', value }] });
};

/** `at` from a query string: absent → now; unreadable → 400 naming the field. */
export function readInstant(value: unknown, path = 'at'): number {
  if (value === undefined || value === null || value === '') return Date.now();
  const text = String(value);
  const ms = /^\d+$/.test(text) ? Number(text) : parseInstant(text);
  if (Number.isNaN(ms)) badRequest(path, `instant illisible : ${String(value)}`, `unreadable instant: ${String(value)}`, value);
  return ms as number;
}

export const readBoolean = (value: unknown): boolean => value === 'true' || value === '1' || value === true;

/** One lane before encoding: the best status of its subcategories, and its windows' bounds in epoch ms. */
interface LaneState { status: SaleStatus; granted: boolean; bounds: number[] }

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

  async function context(user: AdminUser, seasonId: unknown) {
    const { version, config, snapshot } = await plugin().service('sales-snapshot').get();
    const allowed = await allowedOrganizations(user);
    const seasons = config.seasons.filter((s: DbRow) => !allowed || allowed.has(s.organizationId));
    const season = seasonId ? seasons.find((s: DbRow) => s.id === seasonId) : seasons.find((s: DbRow) => s.state === 'running') ?? seasons[0];
    if (seasonId && !season) {
      // Unknown, or outside the operator's perimeter: the same answer, so as not to reveal it.
      throw new errors.NotFoundError(bilingual(`saison inconnue : ${String(seasonId)}`, `unknown season: ${String(seasonId)}`));
    }
    return { version: version as number, config: config as ConfigurationInput, snapshot: snapshot as Snapshot, seasons, season: season ?? null, allowed };
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
  function lanesOf(snapshot: Snapshot, config: ConfigurationInput, channels: ConfigurationInput['salesChannels'], subcategoryIds: string[][], w: PerformanceWindows, at: number): LaneState[] {
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
          const s = performanceStatusOnly(snapshot, { performanceId: w.performance.id, channelId: channels[i].id, audienceSubcategoryId, at });
          if (STATUS_RANK[s] < STATUS_RANK[status]) status = s;
        }
        const bounds: number[] = [];
        if (window) for (const interval of window.intervals) bounds.push(Date.parse(interval.opensAt), Date.parse(interval.closesAt));
        lanes[i * categories.length + j] = { status, granted: window?.granted ?? false, bounds };
      }
    }
    return lanes;
  }

  const sameLane = (a: LaneState, b: LaneState) => a.status === b.status && a.bounds.length === b.bounds.length && a.bounds.every((x, k) => x === b.bounds[k]);

  /** Small memo of timeline answers: the page asks the same (version, season, at, drafts) again on every filter or zoom round trip. */
  const memo = new Map<string, unknown>();
  const remember = (key: string, value: unknown) => {
    memo.delete(key);
    memo.set(key, value);
    while (memo.size > TIMELINE_MEMO_SIZE) memo.delete(memo.keys().next().value as string);
    return value;
  };

  return {
    allowedOrganizations,
    allowedChannels,

    async timeline(user: AdminUser, query: { season?: unknown; at?: unknown; includeDrafts?: unknown }) {
      const at = readInstant(query.at);
      const includeDrafts = readBoolean(query.includeDrafts);
      const { version, config, snapshot, seasons, season, allowed } = await context(user, query.season);
      // Lanes only on the operator's channels of the season's organisation.
      const channelScope = season ? await allowedChannels(user, season.organizationId) : null;
      const channels = channelScope ? config.salesChannels.filter((c) => channelScope.has(c.id)) : config.salesChannels;
      const key = `${version}|${season?.id ?? ''}|${at}|${includeDrafts}|${allowed ? [...allowed].sort().join(',') : '*'}|${channelScope ? [...channelScope].sort().join(',') : '*'}`;
      if (memo.has(key)) return remember(key, memo.get(key));
      const preview = includeDrafts ? draftSnapshot(version, config) : null;
      const events = season ? config.events.filter((e) => e.seasonId === season.id) : [];
      const subcategoryIds = season ? subcategoryIdsByCategory(config, season.id) : [];
      const performances: WirePerformance[] = [];
      let changedLanes = 0;
      for (const event of events) {
        const current = saleWindows(snapshot, { eventId: event.id, at });
        const future = preview ? saleWindows(preview, { eventId: event.id, at }) : null;
        current.forEach((w, k) => {
          const lanes = lanesOf(snapshot, config, channels, subcategoryIds, w, at);
          let wire: WireLane[];
          if (future) {
            wire = lanesOf(preview!, config, channels, subcategoryIds, future[k], at).map((lane, j) => {
              if (sameLane(lane, lanes[j])) return encodeLane(lane.status, lane.granted, lane.bounds);
              changedLanes++;
              return encodeLane(lane.status, lane.granted, lane.bounds, { status: lanes[j].status, bounds: lanes[j].bounds });
            });
          } else {
            wire = lanes.map((lane) => encodeLane(lane.status, lane.granted, lane.bounds));
          }
          performances.push({ id: w.performance.id, code: w.performance.code, eventId: event.id, state: w.state, startsAt: w.startsAt, overAt: w.overAt, l: wire });
        });
      }
      performances.sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? '') || a.code.localeCompare(b.code));
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
        channels: channels.map((c) => ({ id: c.id, code: c.code, name: c.name })),
        audienceCategories: config.audienceCategories.map((c) => ({ id: c.id, code: c.code, name: c.name })),
        performances,
      });
    },

    async explain(user: AdminUser, query: { performance?: unknown; channel?: unknown; category?: unknown; subcategory?: unknown; at?: unknown; includeDrafts?: unknown }) {
      const at = readInstant(query.at);
      if (!query.performance) badRequest('performance', 'séance requise', 'performance is required');
      if (!query.channel) badRequest('channel', 'filière de vente requise', 'channel is required');
      if (!query.category && !query.subcategory) badRequest('category', 'catégorie ou sous-catégorie de public requise', 'category or subcategory is required');
      const { version, config, snapshot: validated, allowed } = await context(user, undefined);
      const snapshot = readBoolean(query.includeDrafts) ? draftSnapshot(version, config) : validated;
      const perf = config.performances.find((p) => p.id === query.performance);
      const event = perf && config.events.find((e) => e.id === perf.eventId);
      const season = event && config.seasons.find((s) => s.id === event.seasonId);
      if (!perf || !event || !season || (allowed && !allowed.has(season.organizationId))) {
        throw new errors.NotFoundError(bilingual(`séance inconnue : ${String(query.performance)}`, `unknown performance: ${String(query.performance)}`));
      }
      const channel = config.salesChannels.find((c) => c.id === query.channel);
      if (!channel) badRequest('channel', `filière de vente inconnue : ${String(query.channel)}`, `unknown channel: ${String(query.channel)}`, query.channel);
      await refuseChannel(user, season.organizationId, channel!.id);
      const sub = query.subcategory ? config.audienceSubcategories.find((u) => u.id === query.subcategory) : undefined;
      if (query.subcategory && !sub) badRequest('subcategory', `sous-catégorie inconnue : ${String(query.subcategory)}`, `unknown subcategory: ${String(query.subcategory)}`, query.subcategory);
      const categoryId = sub ? sub.audienceCategoryId : String(query.category);
      const category = config.audienceCategories.find((c) => c.id === categoryId);
      if (!category) badRequest('category', `catégorie de public inconnue : ${categoryId}`, `unknown audience category: ${categoryId}`, categoryId);
      const subs = sub ? [sub] : subcategoriesOf(config, season.id, categoryId);
      const windows = saleWindows(snapshot, { performanceId: perf.id, at })[0];
      const lane = windows?.windows.find((w) => w.channel.id === channel!.id && w.audienceCategory.id === categoryId) ?? null;
      return {
        at: new Date(at).toISOString(),
        includeDrafts: readBoolean(query.includeDrafts),
        performance: { id: perf.id, code: perf.code, startsAt: perf.startsAt, state: perf.state },
        event: { id: event.id, code: event.code, name: event.name, state: event.state },
        season: { id: season.id, code: season.code, name: season.name, state: season.state },
        channel: { id: channel!.id, code: channel!.code, name: channel!.name },
        audienceCategory: { id: category!.id, code: category!.code, name: category!.name },
        window: lane
          ? { calendars: lane.calendars, periods: lane.periods, intervals: lane.intervals, profiles: lane.profiles, granted: lane.granted }
          : { calendars: [], periods: [], intervals: [], profiles: [], granted: false },
        answers: subs.map((u) => ({
          subcategory: { id: u.id, code: u.code, name: u.name },
          answer: performanceStatus(snapshot, { performanceId: perf.id, channelId: channel!.id, audienceSubcategoryId: u.id, at }),
        })),
      };
    },

    /**
     * What validating one draft sales calendar or activity profile would change: per channel, the
     * performances that would gain (or lose) sale windows from `at` on, compared with the validated
     * configuration alone (the engine with `treatAsValidated`). For the side panel's validate dialog.
     */
    async impact(user: AdminUser, query: { type?: unknown; id?: unknown; at?: unknown }) {
      const at = readInstant(query.at);
      const type = String(query.type ?? '');
      if (type !== 'salesCalendar' && type !== 'activityProfile') {
        badRequest('type', 'type attendu : salesCalendar ou activityProfile', 'type must be salesCalendar or activityProfile', query.type ?? null);
      }
      if (!query.id) badRequest('id', 'identifiant requis', 'id is required');
      const { config, snapshot, allowed } = await context(user, undefined);
      const list = type === 'salesCalendar' ? config.salesCalendars : config.activityProfiles;
      const object = list.find((x) => x.id === query.id);
      if (!object || (allowed && !allowed.has(object.organizationId))) {
        throw new errors.NotFoundError(bilingual(`objet inconnu : ${String(query.id)}`, `unknown object: ${String(query.id)}`));
      }
      const ref = { type, id: object.id, code: object.code, name: object.name, state: object.state };
      // Only a draft changes anything by being validated.
      if (object.state !== 'draft') return { at: new Date(at).toISOString(), object: ref, applicable: false, channels: [] };
      const after = compileSnapshot(config, { treatAsValidated: type === 'salesCalendar' ? { salesCalendarIds: [object.id] } : { activityProfileIds: [object.id] } });
      const channelScope = await allowedChannels(user, object.organizationId);
      type Window = { opensAt: string; closesAt: string; categories: string[] };
      type Change = { performance: { id: string; code: string; startsAt: string | null; event: { id: string; code: string; name: string } }; opensAt: string; windows: Window[] };
      const channels = new Map(config.salesChannels.filter((c) => !channelScope || channelScope.has(c.id)).map((c) => [c.id, { channel: { id: c.id, code: c.code, name: c.name }, gained: [] as Change[], lost: [] as Change[] }]));
      const categoryCode = new Map(config.audienceCategories.map((c) => [c.id, c.code]));
      /** Granted windows still to come at `at`, per channel: `open|close` → audience categories. */
      const sellable = (w: PerformanceWindows) => {
        const out = new Map<string, Map<string, Set<string>>>();
        for (const lane of w.windows) {
          if (!lane.granted) continue;
          for (const i of lane.intervals) {
            if (Date.parse(i.closesAt) <= at) continue;
            const byInterval = out.get(lane.channel.id) ?? new Map<string, Set<string>>();
            const key = `${i.opensAt}|${i.closesAt}`;
            byInterval.set(key, (byInterval.get(key) ?? new Set<string>()).add(categoryCode.get(lane.audienceCategory.id) ?? lane.audienceCategory.id));
            out.set(lane.channel.id, byInterval);
          }
        }
        return out;
      };
      const diff = (from: Map<string, Set<string>> | undefined, to: Map<string, Set<string>> | undefined) => {
        const changes: Window[] = [];
        for (const [key, categories] of to ?? []) {
          const missing = [...categories].filter((c) => !from?.get(key)?.has(c));
          if (missing.length > 0) {
            const [opensAt, closesAt] = key.split('|');
            changes.push({ opensAt, closesAt, categories: missing.sort() });
          }
        }
        return changes.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
      };
      for (const event of config.events) {
        const season = config.seasons.find((s) => s.id === event.seasonId);
        if (!season || season.organizationId !== object.organizationId) continue;
        const before = saleWindows(snapshot, { eventId: event.id, at });
        const later = saleWindows(after, { eventId: event.id, at });
        before.forEach((w, k) => {
          if (w.state === 'cancelled' || w.state === 'closed' || (w.overAt && Date.parse(w.overAt) <= at)) return;
          const was = sellable(w);
          const will = sellable(later[k]);
          for (const [channelId, entry] of channels) {
            const performance = { id: w.performance.id, code: w.performance.code, startsAt: w.startsAt, event: { id: event.id, code: event.code, name: event.name } };
            const gained = diff(was.get(channelId), will.get(channelId));
            const lost = diff(will.get(channelId), was.get(channelId));
            if (gained.length > 0) entry.gained.push({ performance, opensAt: gained[0].opensAt, windows: gained });
            if (lost.length > 0) entry.lost.push({ performance, opensAt: lost[0].opensAt, windows: lost });
          }
        });
      }
      const byOpening = (a: { opensAt: string; performance: { startsAt?: string | null } }, b: { opensAt: string; performance: { startsAt?: string | null } }) => a.opensAt.localeCompare(b.opensAt) || (a.performance.startsAt ?? '').localeCompare(b.performance.startsAt ?? '');
      return {
        at: new Date(at).toISOString(),
        object: ref,
        applicable: true,
        channels: [...channels.values()]
          .filter((c) => c.gained.length > 0 || c.lost.length > 0)
          .map((c) => ({ ...c, gained: c.gained.sort(byOpening), lost: c.lost.sort(byOpening) })),
      };
    },

    /** Every blocking problem and warning of the engine's checks for the season's organisation. */
    async problems(user: AdminUser, query: { season?: unknown }) {
      const { config, snapshot, season } = await context(user, query.season);
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
      const run = (type: string, list: { id: string; code: string; name: string; state: string; organizationId: string }[], check: (source: ConfigurationInput | Snapshot, id: string) => CheckResult) => {
        for (const object of list) {
          if (object.organizationId !== season.organizationId || object.state === 'archived' || !grantsMine(object.id)) continue;
          // A validated object's check reads the cached snapshot; a draft's is compiled as if validated.
          const result = check(object.state === 'validated' ? snapshot : config, object.id);
          const ref = { type, id: object.id, code: object.code, name: object.name, state: object.state };
          for (const p of result.blocking) if (mine(p)) problems.push({ severity: 'blocking', object: ref, code: p.code, message: p.message, objects: p.objects });
          for (const p of result.warnings) if (mine(p)) problems.push({ severity: 'warning', object: ref, code: p.code, message: p.message, objects: p.objects });
        }
      };
      run('salesCalendar', config.salesCalendars, checkSalesCalendar);
      run('activityProfile', config.activityProfiles, checkActivityProfile);
      run('productProfile', config.productProfiles, checkProductProfile);
      return { season: { id: season.id, code: season.code, name: season.name }, problems };
    },

    /** The mandatory steps of the manual (« Étapes de paramétrage ») for an organisation and a season. */
    async setup(user: AdminUser, query: { season?: unknown }) {
      const { config, season } = await context(user, query.season);
      if (!season) return { season: null, organization: null, steps: [] };
      const org = config.organizations.find((o) => o.id === season.organizationId) ?? null;
      // Channels and points of sale: those of the operator's channels only.
      const channelScope = await allowedChannels(user, season.organizationId);
      const enabledChannels = (org?.salesChannelIds ?? []).filter((id) => !channelScope || channelScope.has(id));
      const pointsOfSale = config.pointsOfSale.filter((p) => p.organizationId === season.organizationId && (!channelScope || channelScope.has(p.salesChannelId)));
      const inSeason = <T extends { seasonId: string }>(list: T[]) => list.filter((x) => x.seasonId === season.id);
      const ofOrg = <T extends { organizationId: string }>(list: T[]) => list.filter((x) => x.organizationId === season.organizationId);
      const events = inSeason(config.events);
      const eventIds = new Set(events.map((e) => e.id));
      const performances = config.performances.filter((p) => eventIds.has(p.eventId));
      const step = (key: string, type: string, required: boolean, count: number, done: boolean, detail: Record<string, number> = {}) => ({ key, type, required, count, done, detail });
      const validated = (list: { state: string }[]) => list.filter((x) => x.state === 'validated').length;
      const calendars = ofOrg(config.salesCalendars);
      const profiles = ofOrg(config.activityProfiles);
      const productProfiles = ofOrg(config.productProfiles);
      const running = (list: { state: string }[]) => list.filter((x) => x.state === 'running').length;
      const steps = [
        step('organizations', 'organization', true, org ? 1 : 0, !!org),
        step('seatCategories', 'seat-category', true, config.seatCategories.length, config.seatCategories.length > 0),
        step('salesChannels', 'sales-channel', true, enabledChannels.length, enabledChannels.length > 0),
        step('pointsOfSale', 'point-of-sale', true, pointsOfSale.length, pointsOfSale.length > 0),
        step('seasons', 'season', true, 1, true),
        step('audienceSubcategories', 'audience-subcategory', true, inSeason(config.audienceSubcategories).length, inSeason(config.audienceSubcategories).length > 0),
        step('tariffTypes', 'tariff-type', true, inSeason(config.tariffTypes).length, inSeason(config.tariffTypes).length > 0),
        step('activities', 'activity', true, inSeason(config.activities).length, inSeason(config.activities).length > 0),
        step('salesCalendars', 'sales-calendar', true, calendars.length, validated(calendars) > 0, { validated: validated(calendars) }),
        step('events', 'event', true, events.length, events.length > 0 && performances.length > 0, { performances: performances.length }),
        step('activityProfiles', 'activity-profile', true, profiles.length, validated(profiles) > 0, { validated: validated(profiles) }),
        step('products', 'product-profile', false, inSeason(config.products).length, validated(productProfiles) > 0, {
          products: inSeason(config.products).length,
          validated: validated(productProfiles),
        }),
        step('operation', 'season', true, running(events), season.state === 'running' && running(events) > 0, {
          runningEvents: running(events),
          runningPerformances: running(performances),
        }),
      ];
      return {
        season: { id: season.id, code: season.code, name: season.name, state: season.state },
        organization: org ? { id: org.id, code: org.code, name: org.name } : null,
        steps,
      };
    },

    /** Sale openings and closings of a season (optionally one channel) as iCalendar text. */
    async ics(user: AdminUser, query: { season?: unknown; channel?: unknown }) {
      const { config, snapshot, season } = await context(user, query.season);
      const channelFilter = query.channel ? String(query.channel) : null;
      if (channelFilter && !config.salesChannels.some((c) => c.id === channelFilter)) {
        badRequest('channel', `filière de vente inconnue : ${channelFilter}`, `unknown channel: ${channelFilter}`, channelFilter);
      }
      if (channelFilter && season) await refuseChannel(user, season.organizationId, channelFilter);
      const channelScope = season ? await allowedChannels(user, season.organizationId) : null;
      const items = new Map<string, { uid: string; at: string; summary: string; description: string[] }>();
      const name = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? id;
      for (const event of season ? config.events.filter((e) => e.seasonId === season.id) : []) {
        for (const w of saleWindows(snapshot, { eventId: event.id })) {
          for (const lane of w.windows) {
            if (channelFilter && lane.channel.id !== channelFilter) continue;
            if (channelScope && !channelScope.has(lane.channel.id)) continue;
            if (!lane.granted) continue;
            for (const i of lane.intervals) {
              for (const [kind, at] of [['open', i.opensAt], ['close', i.closesAt]] as const) {
                // One entry per event, channel, category and instant: several performances often open together.
                const key = `${kind}|${event.id}|${lane.channel.id}|${lane.audienceCategory.id}|${at}`;
                const channelName = name(config.salesChannels, lane.channel.id);
                const categoryName = name(config.audienceCategories, lane.audienceCategory.id);
                const item = items.get(key) ?? {
                  uid: `${kind}-${event.id}-${lane.channel.id}-${lane.audienceCategory.id}-${Date.parse(at)}@ticketing`,
                  at,
                  summary: `${kind === 'open' ? 'Ouverture des ventes' : 'Fermeture des ventes'} : ${event.name} — ${channelName} — ${categoryName}`,
                  description: [],
                };
                item.description.push(`${w.performance.code} (${w.startsAt})`);
                items.set(key, item);
              }
            }
          }
        }
      }
      return icalendar(season ? `Billetterie — ${season.name}` : 'Billetterie', [...items.values()].sort((a, b) => a.at.localeCompare(b.at)));
    },
  };
};

/** RFC 5545 TEXT escaping: backslash, semicolon, comma, newline. */
export const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** RFC 5545 folding: lines of at most 75 octets, continued with CRLF + one space (never splitting a UTF-8 character). */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const icsDate = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function icalendar(name: string, items: { uid: string; at: string; summary: string; description: string[] }[]): string {
  const stamp = icsDate(new Date().toISOString());
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Billetterie//Strapi ticketing plugin//FR', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(name)}`];
  for (const item of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${item.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsDate(item.at)}`,
      `DURATION:PT15M`,
      `SUMMARY:${escapeText(item.summary)}`,
      `DESCRIPTION:${escapeText(item.description.join('\n'))}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT'
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
