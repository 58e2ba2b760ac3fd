import { adminApi } from '@strapi/strapi/admin';
import { CONTENT_TYPES } from '../../shared/content-types';
import type { TransitionProblem, TransitionsView } from '../../shared/lifecycle';
import { PLUGIN_ID } from './pluginId';
import type { EffectiveRights, Operator, Ref } from './pages/OperatorsPage';
import type { FeeTableSummary, FeeTableView, GridView, RevenueData, SeasonOption, SeasonPrices } from './pages/prices/model';
import type { BoardView } from './pages/billetterie/board/model';
import { decodeTimeline, type ExplainData, type ProblemsData, type SetupData, type TimelineData, type WireTimeline } from './pages/billetterie/model';

/**
 * The plugin's admin routes through the admin's own data layer (RTK Query, `adminApi`): requests
 * carry the session like Strapi's, answers are cached per arguments, and every answer depends on
 * the plugin's content types' `Document` list tags — the tags the Content Manager invalidates when
 * it creates, edits or deletes one of them — so that an edit in the Content Manager refetches the
 * Billetterie pages that are open (and marks the others stale for their next visit).
 */
const CONFIGURATION_TAGS = CONTENT_TYPES.map((name) => ({ type: 'Document' as const, id: `plugin::${PLUGIN_ID}.${name}_LIST` }));

/**
 * Timelines are held outside the store: a 10,000-performance answer would make the store's every
 * check (serialisability and immutability in development, freezing and structural sharing always)
 * walk hundreds of thousands of values. The store keeps a key (and the request's tags and state);
 * `heldTimeline(key)` gives the decoded answer. The last few answers are kept.
 */
const held = new Map<string, Map<string, unknown>>();
let heldCount = 0;
const HELD_MAX = 8;
/** Keep `data` under a new key; the last HELD_MAX answers of each kind are kept (a plan loaded never pushes out a timeline). */
function hold(kind: string, data: unknown): string {
  const key = `${kind}:${++heldCount}`;
  const answers = held.get(kind) ?? new Map<string, unknown>();
  held.set(kind, answers.set(key, data));
  while (answers.size > HELD_MAX) answers.delete(answers.keys().next().value as string);
  return key;
}
const heldAnswer = <T>(key: string | undefined): T | null => (key ? ((held.get(key.slice(0, key.lastIndexOf(':')))?.get(key) as T | undefined) ?? null) : null);
export const heldTimeline = (key: string | undefined): TimelineData | null => heldAnswer<TimelineData>(key);
/** A seating plan's configuration (20,000 seats: held outside the store like timelines). */
export const heldSeatingView = <T>(key: string | undefined): T | null => heldAnswer<T>(key);

/**
 * How the data layer reports a failure: the server's `{ name, message, details }` when it answered
 * (its message already in the caller's language), else the error itself. `field`: the parameter a
 * 400 names; `blocking`: the problems of a refused validation.
 */
export function apiFailure(error: unknown, lang: 'fr' | 'en' = 'fr'): { message: string; field: string | null; blocking: string[] } {
  const e = failure(error);
  const field = e.details?.errors?.[0]?.path?.[0];
  return {
    message: e.message ?? String(error),
    field: field === undefined ? null : String(field),
    blocking: (e.details?.blocking ?? []).map((b) => b.message[lang]),
  };
}
/** The server's error as the data layer rejects with it (`{ name, message, details }`), typed; `{}` when there is none. */
export type ApiFailure = {
  status?: number;
  message?: string;
  details?: { code?: string; errors?: { path?: (string | number)[]; message?: string }[]; blocking?: TransitionProblem[] };
};
export const failure = (error: unknown): ApiFailure => (error as ApiFailure | null | undefined) ?? {};

/** The seating editors' two kinds of configuration: their admin route and their type. */
export type SeatingKind = 'physical' | 'logical';
export const SEATING_PATH: Record<SeatingKind, string> = { physical: 'physical-configurations', logical: 'logical-configurations' };
export const SEATING_UID: Record<SeatingKind, string> = { physical: `plugin::${PLUGIN_ID}.physical-configuration`, logical: `plugin::${PLUGIN_ID}.logical-configuration` };
export interface SeatingRow {
  documentId: string;
  code: string;
  name: string;
  state: string;
  securityGauge?: number;
}
const seatingUrl = (kind: SeatingKind, documentId: string, tail = '') => `/${PLUGIN_ID}/seating/${SEATING_PATH[kind]}/${documentId}${tail}`;
/** A write of a configuration: the pages listing that type (and the timeline) refetch. */
const seatingTags = (kind: SeatingKind) => [{ type: 'Document' as const, id: `${SEATING_UID[kind]}_LIST` }];

export interface TimelineArgs {
  season?: string;
  at: string;
  includeDrafts: boolean;
  offset?: number;
  limit?: number;
}
/** An object of a type with validation states (shared/lifecycle.ts STATEFUL_TYPES `plural`), by documentId. */
export interface StatefulObject {
  plural: string;
  documentId: string;
}

export interface ImpactEntry {
  performance: { id: string; code: string };
  opensAt: string;
}
/** GET /ticketing/impact: what validating a draft calendar or profile would change, per channel. */
export interface ImpactData {
  applicable: boolean;
  channels: { channel: { id: string; code: string; name: string }; gained: ImpactEntry[]; lost: ImpactEntry[] }[];
}

export interface ExplainLaneArgs {
  performance: string;
  channel: string;
  category: string;
  at: string;
  includeDrafts: boolean;
}

const query = (path: string, params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
  return { url: `/${PLUGIN_ID}/${path}?${search}`, method: 'GET' as const };
};

/** Operators, their roles and perimeters (Paramètres › Billetterie › Opérateurs et droits). */
const OPERATOR_TAGS = ['TicketingOperators' as const];

const ticketingApi = adminApi.enhanceEndpoints({ addTagTypes: ['Document', 'TicketingOperators'] }).injectEndpoints({
  endpoints: (build) => ({
    getTimeline: build.query<{ key: string }, TimelineArgs>({
      async queryFn({ season, at, includeDrafts, offset, limit }, _api, _extra, baseQuery) {
        const res = await baseQuery(
          query('timeline', { season, at, includeDrafts: String(includeDrafts), offset: offset === undefined ? undefined : String(offset), limit: limit === undefined ? undefined : String(limit) }),
        );
        if (res.error) return { error: res.error };
        return { data: { key: hold('timeline', decodeTimeline((res.data as { data: WireTimeline }).data)) } };
      },
      providesTags: CONFIGURATION_TAGS,
    }),
    /** A lane, or each lane of a grouped lane (one request per lane, answered together). */
    getExplanations: build.query<ExplainData[], ExplainLaneArgs[]>({
      async queryFn(lanes, _api, _extra, baseQuery) {
        const answers = await Promise.all(lanes.map((lane) => baseQuery(query('explain', { ...lane, includeDrafts: String(lane.includeDrafts) }))));
        const failed = answers.find((a) => a.error);
        if (failed?.error) return { error: failed.error };
        return { data: answers.map((a) => (a.data as { data: ExplainData }).data) };
      },
      providesTags: CONFIGURATION_TAGS,
    }),
    getProblems: build.query<ProblemsData, string>({
      query: (season) => query('problems', { season }),
      transformResponse: (res: { data: ProblemsData }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    getSetup: build.query<SetupData, string>({
      query: (season) => query('setup', { season }),
      transformResponse: (res: { data: SetupData }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    /** The state panel of the Content Manager's edit view: the object's state, history and possible transitions. */
    getTransitions: build.query<TransitionsView, StatefulObject>({
      query: ({ plural, documentId }) => ({ url: `/${PLUGIN_ID}/${plural}/${documentId}/transitions`, method: 'GET' as const }),
      transformResponse: (res: { data: TransitionsView }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    /**
     * A transition (validate, run, suspend…). No tag invalidated: the state panel reloads the whole
     * page after a transition (the edit form holds the former state), which starts a new store.
     */
    applyTransition: build.mutation<{ warnings?: TransitionProblem[] }, StatefulObject & { body: Record<string, unknown> }>({
      query: ({ plural, documentId, body }) => ({ url: `/${PLUGIN_ID}/${plural}/${documentId}/transitions`, method: 'POST' as const, data: body }),
      transformResponse: (res: { data: { warnings?: TransitionProblem[] } }) => res.data,
    }),
    getImpact: build.query<ImpactData, { type: string; id: string }>({
      query: ({ type, id }) => query('impact', { type, id }),
      transformResponse: (res: { data: ImpactData }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    getOperators: build.query<Operator[], void>({
      query: () => ({ url: `/${PLUGIN_ID}/operators`, method: 'GET' as const }),
      transformResponse: (res: { data: Operator[] }) => res.data,
      providesTags: OPERATOR_TAGS,
    }),
    getPerimeterOptions: build.query<{ organizations: Ref[]; salesChannels: Ref[] }, void>({
      query: () => ({ url: `/${PLUGIN_ID}/perimeters/options`, method: 'GET' as const }),
      transformResponse: (res: { data: { organizations: Ref[]; salesChannels: Ref[] } }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    getEffectiveRights: build.query<EffectiveRights, string>({
      query: (operatorId) => ({ url: `/${PLUGIN_ID}/operators/${operatorId}/effective-rights`, method: 'GET' as const }),
      transformResponse: (res: { data: EffectiveRights }) => res.data,
      providesTags: [...OPERATOR_TAGS, ...CONFIGURATION_TAGS],
    }),
    restorePresetRoles: build.mutation<unknown, void>({
      query: () => ({ url: `/${PLUGIN_ID}/roles/presets/restore`, method: 'POST' as const, data: {} }),
      invalidatesTags: OPERATOR_TAGS,
    }),
    /** A new perimeter row of an operator (no documentId) or an edit of one. */
    savePerimeter: build.mutation<unknown, { documentId: string | null; operatorId: string; body: Record<string, unknown> }>({
      query: ({ documentId, operatorId, body }) =>
        documentId
          ? { url: `/${PLUGIN_ID}/perimeters/${documentId}`, method: 'PUT' as const, data: body }
          : { url: `/${PLUGIN_ID}/operators/${operatorId}/perimeters`, method: 'POST' as const, data: body },
      invalidatesTags: OPERATOR_TAGS,
    }),
    /** Billetterie › Tarifs (issue #18): seasons, a season's vocabulary and grids, a grid, its save, the maximum gross revenue. */
    getPriceSeasons: build.query<SeasonOption[], void>({
      query: () => ({ url: `/${PLUGIN_ID}/prices/seasons`, method: 'GET' as const }),
      transformResponse: (res: { data: SeasonOption[] }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    getSeasonPrices: build.query<SeasonPrices, string>({
      query: (season) => ({ url: `/${PLUGIN_ID}/prices/seasons/${season}`, method: 'GET' as const }),
      transformResponse: (res: { data: SeasonPrices }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    getPriceGrid: build.query<GridView, string>({
      query: (grid) => ({ url: `/${PLUGIN_ID}/prices/grids/${grid}`, method: 'GET' as const }),
      transformResponse: (res: { data: GridView }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    /** The grid's cells, whole; the Content Manager's views of grids are refetched (their list tag). */
    savePriceGrid: build.mutation<GridView, { documentId: string; cells: unknown[] }>({
      query: ({ documentId, cells }) => ({ url: `/${PLUGIN_ID}/prices/grids/${documentId}`, method: 'PUT' as const, data: { cells } }),
      transformResponse: (res: { data: GridView }) => res.data,
      invalidatesTags: [{ type: 'Document' as const, id: `plugin::${PLUGIN_ID}.price-grid_LIST` }],
    }),
    getRevenue: build.query<RevenueData, { season: string; tariffType?: string; includeDrafts: boolean }>({
      query: ({ season, tariffType, includeDrafts }) => query(`prices/seasons/${season}/revenue`, { tariffType, includeDrafts: String(includeDrafts) }),
      transformResponse: (res: { data: RevenueData }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    getFeeTables: build.query<FeeTableSummary[], void>({
      query: () => ({ url: `/${PLUGIN_ID}/prices/fee-tables`, method: 'GET' as const }),
      transformResponse: (res: { data: FeeTableSummary[] }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    getFeeTable: build.query<FeeTableView, string>({
      query: (table) => ({ url: `/${PLUGIN_ID}/prices/fee-tables/${table}`, method: 'GET' as const }),
      transformResponse: (res: { data: FeeTableView }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    saveFeeTable: build.mutation<FeeTableView, { documentId: string; fees: unknown[] }>({
      query: ({ documentId, fees }) => ({ url: `/${PLUGIN_ID}/prices/fee-tables/${documentId}`, method: 'PUT' as const, data: { fees } }),
      transformResponse: (res: { data: FeeTableView }) => res.data,
      invalidatesTags: [{ type: 'Document' as const, id: `plugin::${PLUGIN_ID}.fee-table_LIST` }],
    }),
    deletePerimeter: build.mutation<unknown, string>({
      query: (documentId) => ({ url: `/${PLUGIN_ID}/perimeters/${documentId}`, method: 'DELETE' as const }),
      invalidatesTags: OPERATOR_TAGS,
    }),
    /** « Plans de salle »: the configurations of a kind (through the Content Manager's list, so its edits refresh it). */
    getSeatingConfigurations: build.query<SeatingRow[], SeatingKind>({
      query: (kind) => ({ url: `/content-manager/collection-types/${SEATING_UID[kind]}?page=1&pageSize=100&sort=code:ASC`, method: 'GET' as const }),
      transformResponse: (res: { results: SeatingRow[] }) => res.results,
      providesTags: CONFIGURATION_TAGS,
    }),
    /**
     * One configuration as its editor loads it (held outside the store). No tags: the editor holds
     * its own edits, so it reloads when opened or asked (after a transition), not behind the
     * operator's back.
     */
    getSeatingView: build.query<{ key: string }, { kind: SeatingKind; documentId: string }>({
      async queryFn({ kind, documentId }, _api, _extra, baseQuery) {
        const res = await baseQuery({ url: seatingUrl(kind, documentId), method: 'GET' });
        if (res.error) return { error: res.error };
        return { data: { key: hold(`seating-${kind}`, (res.data as { data: unknown }).data) } };
      },
    }),
    /** Save a physical plan (`{ plan }`) or a logical layout (`{ layout }`): the saved configuration, held. */
    saveSeatingView: build.mutation<{ key: string }, { kind: SeatingKind; documentId: string; body: Record<string, unknown> }>({
      async queryFn({ kind, documentId, body }, _api, _extra, baseQuery) {
        const res = await baseQuery({ url: seatingUrl(kind, documentId), method: 'PUT', data: body });
        if (res.error) return { error: res.error };
        return { data: { key: hold(`seating-${kind}`, (res.data as { data: unknown }).data) } };
      },
      invalidatesTags: (_result, _error, { kind }) => seatingTags(kind),
    }),
    /** A pretix seating-plan file checked and converted by the server (not saved): the plan, held. */
    importPretix: build.mutation<{ key: string }, { documentId: string; file: unknown }>({
      async queryFn({ documentId, file }, _api, _extra, baseQuery) {
        const res = await baseQuery({ url: seatingUrl('physical', documentId, '/import'), method: 'POST', data: file });
        if (res.error) return { error: res.error };
        return { data: { key: hold('seating-import', (res.data as { data: { plan: unknown } }).data.plan) } };
      },
    }),
    /** The plan in pretix's format, for a download (not cached: a file is made each time). */
    exportPretix: build.mutation<unknown, string>({
      query: (documentId) => ({ url: seatingUrl('physical', documentId, '/export'), method: 'GET' as const }),
    }),
    /** The server's capacity reconciliation of a layout being edited (not saved). */
    previewReconciliation: build.mutation<unknown, { documentId: string; layout: unknown }>({
      query: ({ documentId, layout }) => ({ url: seatingUrl('logical', documentId, '/reconciliation'), method: 'POST' as const, data: { layout } }),
      transformResponse: (res: { data: unknown }) => res.data,
    }),
    /** The availability board of a performance (issue #17): pools, releases, seat statuses. */
    getBoard: build.query<BoardView, string>({
      query: (documentId) => ({ url: `/${PLUGIN_ID}/board/performances/${documentId}`, method: 'GET' as const }),
      transformResponse: (res: { data: BoardView }) => res.data,
      providesTags: CONFIGURATION_TAGS,
    }),
    /** « Release now »: a contingent of a performance (all its categories, or one). The page refetches the board. */
    releaseNow: build.mutation<unknown, { documentId: string; contingent: string; category?: string | null }>({
      query: ({ documentId, contingent, category }) => ({ url: `/${PLUGIN_ID}/board/performances/${documentId}/releases`, method: 'POST' as const, data: { contingent, category: category ?? null } }),
    }),
    /** The performance's own limits (null: the logical configuration's), through the write guard; the new board. */
    saveBoardLimits: build.mutation<BoardView, { documentId: string; limits: Record<string, unknown> | null }>({
      query: ({ documentId, limits }) => ({ url: `/${PLUGIN_ID}/board/performances/${documentId}/limits`, method: 'PUT' as const, data: { limits } }),
      transformResponse: (res: { data: BoardView }) => res.data,
      invalidatesTags: [{ type: 'Document' as const, id: `plugin::${PLUGIN_ID}.performance_LIST` }],
    }),
  }),
  overrideExisting: false,
});

export const {
  useGetTimelineQuery,
  useGetExplanationsQuery,
  useGetProblemsQuery,
  useGetSetupQuery,
  useGetTransitionsQuery,
  useApplyTransitionMutation,
  useGetImpactQuery,
  useGetOperatorsQuery,
  useGetPerimeterOptionsQuery,
  useGetEffectiveRightsQuery,
  useRestorePresetRolesMutation,
  useSavePerimeterMutation,
  useDeletePerimeterMutation,
  useGetSeatingConfigurationsQuery,
  useGetSeatingViewQuery,
  useSaveSeatingViewMutation,
  useImportPretixMutation,
  useExportPretixMutation,
  usePreviewReconciliationMutation,
  useGetPriceSeasonsQuery,
  useGetSeasonPricesQuery,
  useGetPriceGridQuery,
  useSavePriceGridMutation,
  useGetRevenueQuery,
  useGetFeeTablesQuery,
  useGetFeeTableQuery,
  useSaveFeeTableMutation,
  useGetBoardQuery,
  useReleaseNowMutation,
  useSaveBoardLimitsMutation,
} = ticketingApi;
export const usePrefetchTimeline = () => ticketingApi.usePrefetch('getTimeline');
