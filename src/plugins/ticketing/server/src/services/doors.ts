import { randomBytes } from 'crypto';
import type { Context } from 'koa';
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, nameOf } from '../constants';
import { bilingual } from '../errors';
import { CM } from '../permissions/roles';
import { ORGANIZATION_PATH, isSuperAdmin } from './perimeter';
import { type Ability, type DbRow, attributesOf } from '../strapi-types';

/**
 * The doors of the Content Manager (every route of Strapi's `content-manager` plugin) and how the
 * perimeter is held at each one. docs/operators.md (« Door inventory ») mirrors this table and
 * tests/perimeter-doors.test.ts compares it with the routes of the booted application: a route
 * that is not listed here fails the test, and is closed to operators for ticketing data
 * (`closedDoor`) until it is.
 *
 * - `schema`: schemas, layouts and settings only, no ticketing data.
 * - `condition`: Strapi applies the « within my perimeter » condition to the query itself (lists,
 *   relation pickers, recent documents).
 * - `document`: the route names one document (`ids`): outside the operator's read perimeter it is
 *   answered exactly as an unknown documentId (the request continues with an id that names no
 *   document, so Strapi's own « not found » answer is given, whatever its form on that route).
 * - `documents`: the same for each documentId of a list (bulk actions).
 * - `relations`: the source (a document, or a component by its row id, whose owner document is
 *   checked) as `document`; relation targets outside the perimeter are removed from the answer.
 * - `count`: document counts recomputed within the perimeter.
 * - `not-ticketing`: single types (the plugin has none): refused for ticketing models.
 * - `uid`: uid fields (the plugin's types have none: Strapi answers 400 for them).
 * - `ee-only`: content history (Enterprise feature, absent here): refused for ticketing models.
 */
export type DoorCheck = 'schema' | 'condition' | 'document' | 'documents' | 'relations' | 'count' | 'not-ticketing' | 'uid' | 'ee-only';

export interface Door {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** full path, as `strapi.server.listRoutes()` gives it */
  path: string;
  check: DoorCheck;
  /** where the route's model uid is (default: params.model) */
  model?: { in: 'params' | 'query' | 'body'; key: string };
  /** where the documentId(s) the route acts on are */
  ids?: { in: 'params' | 'query' | 'body'; key: string };
  /** only present with an Enterprise feature */
  optional?: true;
  how: string;
}

const P = '/content-manager';
const doc = (key: string, how: string) => ({ check: 'document' as const, ids: { in: 'params' as const, key }, how });
const many = (where: 'body' | 'query', how: string) => ({ check: 'documents' as const, ids: { in: where, key: 'documentIds' }, how });

export const CONTENT_MANAGER_DOORS: Door[] = [
  { method: 'GET', path: `${P}/init`, check: 'schema', how: 'schemas and field sizes, no data' },
  { method: 'GET', path: `${P}/content-types`, check: 'schema', how: 'schemas, no data' },
  { method: 'GET', path: `${P}/content-types-settings`, check: 'schema', how: 'list settings, no data' },
  { method: 'GET', path: `${P}/content-types/:uid/configuration`, check: 'schema', how: 'edit-view layout, no data' },
  { method: 'PUT', path: `${P}/content-types/:uid/configuration`, check: 'schema', how: 'edit-view layout (configure-view right), no data' },
  { method: 'GET', path: `${P}/components`, check: 'schema', how: 'component schemas, no data' },
  { method: 'GET', path: `${P}/components/:uid/configuration`, check: 'schema', how: 'component layout, no data' },
  { method: 'PUT', path: `${P}/components/:uid/configuration`, check: 'schema', how: 'component layout, no data' },
  { method: 'POST', path: `${P}/uid/generate`, check: 'uid', model: { in: 'body', key: 'contentTypeUID' }, how: 'no ticketing type has a uid field: 400' },
  { method: 'POST', path: `${P}/uid/check-availability`, check: 'uid', model: { in: 'body', key: 'contentTypeUID' }, how: 'no ticketing type has a uid field: 400' },
  {
    method: 'GET',
    path: `${P}/relations/:model/:targetField`,
    check: 'relations',
    ids: { in: 'query', key: 'id' },
    how: 'targets filtered by the condition (Strapi); the source `?id=` (document, or component row: its owner document) outside the perimeter = unknown; targets outside the perimeter removed',
  },
  {
    method: 'GET',
    path: `${P}/relations/:model/:id/:targetField`,
    check: 'relations',
    ids: { in: 'params', key: 'id' },
    how: 'source (document, or component row: its owner document) outside the perimeter = unknown (404); targets outside the perimeter removed (Strapi returns their ids)',
  },
  { method: 'GET', path: `${P}/single-types/:model`, check: 'not-ticketing', how: 'no ticketing single type: 404 for ticketing models' },
  { method: 'PUT', path: `${P}/single-types/:model`, check: 'not-ticketing', how: 'no ticketing single type: 404' },
  { method: 'DELETE', path: `${P}/single-types/:model`, check: 'not-ticketing', how: 'no ticketing single type: 404' },
  { method: 'POST', path: `${P}/single-types/:model/actions/publish`, check: 'not-ticketing', how: 'no ticketing single type: 404' },
  { method: 'POST', path: `${P}/single-types/:model/actions/unpublish`, check: 'not-ticketing', how: 'no ticketing single type: 404' },
  { method: 'POST', path: `${P}/single-types/:model/actions/discard`, check: 'not-ticketing', how: 'no ticketing single type: 404' },
  { method: 'GET', path: `${P}/single-types/:model/actions/countDraftRelations`, check: 'not-ticketing', how: 'no ticketing single type: 404' },
  { method: 'GET', path: `${P}/collection-types/:model`, check: 'condition', how: 'list filtered by the condition (Strapi)' },
  {
    method: 'POST',
    path: `${P}/collection-types/:model`,
    check: 'condition',
    how: 'relation targets outside the perimeter = unknown (400 naming the field); the entry must land inside the perimeter (perimeter guard); links stay inside one organisation (link guard)',
  },
  { method: 'POST', path: `${P}/collection-types/:model/clone/:sourceId`, ...doc('sourceId', 'the SOURCE outside the perimeter = unknown (404) before anything; then as create') },
  { method: 'POST', path: `${P}/collection-types/:model/auto-clone/:sourceId`, ...doc('sourceId', 'the SOURCE outside the perimeter = unknown; ticketing types have relations: Strapi answers 400') },
  { method: 'GET', path: `${P}/collection-types/:model/:id`, ...doc('id', 'outside the perimeter = unknown (404)') },
  { method: 'PUT', path: `${P}/collection-types/:model/:id`, ...doc('id', 'outside the perimeter = unknown (404) before the state and write guards; then as create') },
  { method: 'DELETE', path: `${P}/collection-types/:model/:id`, ...doc('id', 'outside the perimeter = unknown (404) before the state guard') },
  { method: 'POST', path: `${P}/collection-types/:model/actions/publish`, check: 'condition', how: 'no draft & publish on ticketing types: refused by Strapi' },
  { method: 'POST', path: `${P}/collection-types/:model/:id/actions/publish`, ...doc('id', 'outside the perimeter = unknown; no draft & publish') },
  { method: 'POST', path: `${P}/collection-types/:model/:id/actions/unpublish`, ...doc('id', 'outside the perimeter = unknown; no draft & publish') },
  { method: 'POST', path: `${P}/collection-types/:model/:id/actions/discard`, ...doc('id', 'outside the perimeter = unknown; no draft & publish') },
  { method: 'POST', path: `${P}/collection-types/:model/actions/bulkDelete`, ...many('body', 'each documentId outside the perimeter = unknown') },
  { method: 'POST', path: `${P}/collection-types/:model/actions/bulkFindForValidation`, ...many('body', 'each documentId outside the perimeter = unknown (Strapi returns any id given)') },
  { method: 'POST', path: `${P}/collection-types/:model/actions/bulkPublish`, ...many('body', 'each documentId outside the perimeter = unknown; no draft & publish') },
  { method: 'POST', path: `${P}/collection-types/:model/actions/bulkUnpublish`, ...many('body', 'each documentId outside the perimeter = unknown; no draft & publish') },
  { method: 'GET', path: `${P}/collection-types/:model/:id/actions/countDraftRelations`, ...doc('id', 'outside the perimeter = unknown (404)') },
  { method: 'GET', path: `${P}/collection-types/:model/actions/countManyEntriesDraftRelations`, ...many('query', 'each documentId outside the perimeter = unknown (Strapi counts any id given)') },
  { method: 'GET', path: `${P}/homepage/recent-documents`, check: 'condition', how: 'documents filtered by the condition (Strapi)' },
  { method: 'GET', path: `${P}/homepage/count-documents`, check: 'count', how: 'Strapi counts every row of a readable type: recounted within the perimeter' },
  {
    method: 'GET',
    path: `${P}/preview/url/:contentType`,
    check: 'document',
    model: { in: 'params', key: 'contentType' },
    ids: { in: 'query', key: 'documentId' },
    how: 'no preview handler configured (204); the documentId outside the perimeter = unknown',
  },
  { method: 'GET', path: `${P}/preview/script`, check: 'schema', how: 'static script, no data' },
  {
    method: 'GET',
    path: `${P}/history-versions`,
    check: 'ee-only',
    optional: true,
    model: { in: 'query', key: 'contentType' },
    how: 'Enterprise content history, absent here: refused for ticketing models',
  },
  {
    method: 'PUT',
    path: `${P}/history-versions/:versionId/restore`,
    check: 'ee-only',
    optional: true,
    model: { in: 'body', key: 'contentType' },
    how: 'Enterprise content history, absent here: refused for ticketing models',
  },
];

export const doorKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

type Ctx = Context;
type Plain = DbRow;

const isTicketingModel = (uid: unknown): uid is string => typeof uid === 'string' && (uid.startsWith(`plugin::${PLUGIN_ID}.`) || uid.startsWith(`${PLUGIN_ID}.`));

/** A documentId that names no document (24 lowercase letters and digits, like Strapi's). */
const unknownDocumentId = () => `z${randomBytes(16).toString('hex').slice(0, 23)}`;
/** A component row id that names no row. */
const UNKNOWN_ROW_ID = '2147483647';

const read = (ctx: Ctx, where: 'params' | 'query' | 'body', key: string): unknown => {
  if (where === 'params') return ctx.params?.[key];
  if (where === 'query') return ctx.request?.query?.[key];
  return ctx.request?.body?.[key];
};
const write = (ctx: Ctx, where: 'params' | 'query' | 'body', key: string, value: unknown) => {
  if (where === 'params') ctx.params[key] = value;
  else if (where === 'query') ctx.request.query = { ...ctx.request.query, [key]: value };
  else ctx.request.body[key] = value;
};

/**
 * The route middlewares that hold the perimeter on the Content Manager's doors. Each runs after
 * Strapi's authentication and route policies, before the controller (hence before the document
 * service and every guard behind it).
 */
export const createDoors = ({ strapi }: { strapi: Core.Strapi }) => {
  const perimeter = () => strapi.plugin(PLUGIN_ID).service('perimeter');

  /** The admin user to hold to a perimeter (null: a super admin or no admin session). */
  const operatorOf = (ctx: Ctx): { user: Plain; ability: Ability } | null => {
    const user = ctx.state?.user;
    if (!user || !ctx.state.userAbility || isSuperAdmin(user)) return null;
    return { user, ability: ctx.state.userAbility };
  };

  /** Organisation-level ticketing content types: the ones a perimeter limits. */
  const limited = (uid: string) => {
    const name = nameOf(uid);
    return !!name && ORGANIZATION_PATH[name] !== null;
  };

  /** The content types (and fields) holding a component, to find the document a component row belongs to. */
  function ownersOf(componentUid: string): { uid: string; field: string }[] {
    const out: { uid: string; field: string }[] = [];
    for (const uid of Object.keys(strapi.contentTypes)) {
      if (!nameOf(uid)) continue;
      for (const [field, attribute] of Object.entries(attributesOf(strapi, uid))) {
        if (attribute.type === 'component' && attribute.component === componentUid) out.push({ uid, field });
      }
    }
    return out;
  }

  async function componentOwner(componentUid: string, rowId: unknown): Promise<{ uid: string; documentId: string } | null> {
    if (typeof rowId !== 'string' && typeof rowId !== 'number') return null;
    if (!/^\d+$/.test(String(rowId))) return null;
    for (const { uid, field } of ownersOf(componentUid)) {
      const row = await strapi.db.query(uid as UID.ContentType).findOne({ where: { [field]: { id: Number(rowId) } }, select: ['documentId'] });
      if (row?.documentId) return { uid, documentId: row.documentId };
    }
    return null;
  }

  /** Whether one document (or component row) is inside the operator's read perimeter. */
  async function sourceReadable(who: { ability: Ability }, model: string, id: unknown): Promise<boolean> {
    if (model.startsWith(`${PLUGIN_ID}.`)) {
      const owner = await componentOwner(model, id);
      if (!owner) return true; // unknown: Strapi answers it as unknown
      if (!limited(owner.uid)) return true;
      return (await perimeter().readableIds(who.ability, owner.uid, [owner.documentId])).has(owner.documentId);
    }
    if (!limited(model) || typeof id !== 'string' || id === '') return true;
    return (await perimeter().readableIds(who.ability, model, [id])).has(id);
  }

  /** Removes relation targets outside the perimeter from a relations answer. */
  async function filterTargets(ctx: Ctx, who: { ability: Ability }, model: string) {
    const targetField = ctx.params?.targetField;
    const target = typeof targetField === 'string' ? attributesOf(strapi, model)[targetField]?.target : undefined;
    if (!target || !limited(target)) return;
    const body = ctx.body as Plain | undefined;
    if (!body || !Array.isArray(body.results)) return;
    const ids = body.results.map((r: Plain) => r?.documentId).filter((d: unknown): d is string => typeof d === 'string');
    const readable: Set<string> = await perimeter().readableIds(who.ability, target, ids);
    const kept = body.results.filter((r: Plain) => readable.has(r?.documentId));
    const removed = body.results.length - kept.length;
    ctx.body = {
      ...body,
      results: kept,
      ...(body.pagination && removed > 0 ? { pagination: { ...body.pagination, total: Math.max(0, (body.pagination.total ?? kept.length) - removed) } } : {}),
    };
  }

  /** Homepage counts: Strapi counts every document of a readable type; count those inside the perimeter instead. */
  async function recount(ctx: Ctx, who: { ability: Ability }) {
    const answer = ctx.body as Plain | undefined;
    const data = answer?.data;
    if (!data || typeof data.published !== 'number') return;
    let delta = 0;
    for (const uid of Object.keys(strapi.contentTypes)) {
      if (!limited(uid) || !who.ability.can(CM.read, uid)) continue;
      const all = await strapi.db.query(uid as UID.ContentType).count({});
      const inside = await perimeter().readableCount(who.ability, uid);
      delta += inside - all;
    }
    ctx.body = { ...answer, data: { ...data, published: Math.max(0, data.published + delta) } };
  }

  function middlewareFor(door: Door) {
    return async (ctx: Ctx, next: () => Promise<unknown>) => {
      const who = operatorOf(ctx);
      if (!who) return next();
      if (door.check === 'count') {
        // Not about one model: every readable ticketing type is in the count.
        await next();
        await recount(ctx, who);
        return;
      }
      const modelAt = door.model ?? { in: 'params' as const, key: 'model' };
      const model = read(ctx, modelAt.in, modelAt.key);
      if (!isTicketingModel(model)) return next();
      switch (door.check) {
        case 'schema':
        case 'condition':
        case 'uid':
          return next();
        case 'not-ticketing':
        case 'ee-only':
          throw new errors.NotFoundError();
        case 'document': {
          const { in: where, key } = door.ids!;
          const id = read(ctx, where, key);
          if (typeof id === 'string' && id !== '' && !(await sourceReadable(who, model, id))) write(ctx, where, key, unknownDocumentId());
          return next();
        }
        case 'documents': {
          const { in: where, key } = door.ids!;
          const value = read(ctx, where, key);
          if (!limited(model)) return next();
          const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : null;
          if (list) {
            const ids = list.filter((d): d is string => typeof d === 'string');
            const readable: Set<string> = await perimeter().readableIds(who.ability, model, ids);
            const replaced = list.map((d) => (typeof d === 'string' && !readable.has(d) ? unknownDocumentId() : d));
            write(ctx, where, key, Array.isArray(value) ? replaced : replaced[0]);
          }
          return next();
        }
        case 'relations': {
          const { in: where, key } = door.ids!;
          const id = read(ctx, where, key);
          if (id !== undefined && id !== null && id !== '' && !(await sourceReadable(who, model, id))) {
            write(ctx, where, key, model.startsWith(`${PLUGIN_ID}.`) ? UNKNOWN_ROW_ID : unknownDocumentId());
          }
          await next();
          await filterTargets(ctx, who, model);
          return;
        }
      }
    };
  }

  /** A Content Manager route missing from the inventory: closed to operators for ticketing models. */
  const closedDoor = async (ctx: Ctx, next: () => Promise<unknown>) => {
    const who = operatorOf(ctx);
    const candidates = [ctx.params?.model, ctx.params?.uid, ctx.params?.contentType, ctx.request?.query?.contentType, ctx.request?.body?.contentType, ctx.request?.body?.contentTypeUID];
    if (who && candidates.some(isTicketingModel)) {
      throw new errors.NotFoundError(bilingual('route non inventoriée pour la billetterie', 'route not in the ticketing door inventory'));
    }
    return next();
  };

  /**
   * Puts the door middlewares on the Content Manager's routes (called at register, before Strapi
   * builds the router). Returns the routes found that the inventory does not list.
   */
  function install(): string[] {
    const plugin = strapi.plugin('content-manager') as unknown as { routes?: Plain } | undefined;
    const groups: Plain = plugin?.routes ?? {};
    const missing: string[] = [];
    // A router given as a factory is instantiated here, as Strapi would, so its routes get the doors too.
    if (!Array.isArray(groups)) for (const [key, group] of Object.entries(groups)) if (typeof group === 'function') groups[key] = group({ strapi });
    for (const group of (Array.isArray(groups) ? [groups] : Object.values(groups)) as Plain[]) {
      const routes: Plain[] = Array.isArray(group) ? group : (group?.routes ?? []);
      const prefix = Array.isArray(group) ? P : group?.prefix !== undefined ? `${group.prefix}` : P;
      for (const route of routes) {
        const fullPath = `${route.config?.prefix ?? prefix}${route.path}`;
        const door = CONTENT_MANAGER_DOORS.find((d) => d.method === route.method && d.path === fullPath);
        route.config = route.config ?? {};
        route.config.middlewares = [...(route.config.middlewares ?? []), door ? middlewareFor(door) : closedDoor];
        if (!door) missing.push(doorKey(route.method, fullPath));
      }
    }
    return missing;
  }

  return { install, middlewareFor, closedDoor };
};

/**
 * The plugin's own doors (admin API under /ticketing, content API under /api/ticketing) and how
 * the perimeter is held there. `:plural` stands for every type of the family; the other `:x`
 * are the routes' own parameters. Also mirrored in docs/operators.md and compared with the
 * booted application's routes by tests/perimeter-doors.test.ts.
 */
export interface PluginDoor {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  how: string;
}

export const PLUGIN_DOORS: PluginDoor[] = [
  { method: 'GET', path: '/ticketing/:plural/:documentId/transitions', how: 'object outside the perimeter (no action held there, no read) = unknown object (404), before anything' },
  {
    method: 'POST',
    path: '/ticketing/:plural/:documentId/transitions',
    how: 'object outside the perimeter = unknown (404) before the body, the action or the state; then the action within the perimeter (403) and the channel limit',
  },
  { method: 'GET', path: '/ticketing/timeline', how: 'season outside the perimeter = unknown season (404); lanes of the channel limit only' },
  { method: 'GET', path: '/ticketing/explain', how: 'performance outside the perimeter = unknown performance (404); another channel: 403' },
  { method: 'GET', path: '/ticketing/impact', how: 'calendar/profile outside the perimeter = unknown object (404); channels of the limit only' },
  { method: 'GET', path: '/ticketing/problems', how: 'season outside the perimeter = unknown season (404)' },
  { method: 'GET', path: '/ticketing/setup', how: 'season outside the perimeter = unknown season (404)' },
  { method: 'GET', path: '/ticketing/calendar.ics', how: 'season outside the perimeter = unknown season (404)' },
  { method: 'GET', path: '/ticketing/operators', how: 'perimeters.manage; only operators the caller’s scope covers, only their rows inside it' },
  {
    method: 'GET',
    path: '/ticketing/operators/:id/effective-rights',
    how: 'own, or perimeters.manage: an operator outside the scope = unknown operator (404); organisations and rows of the scope only',
  },
  { method: 'GET', path: '/ticketing/perimeters/options', how: 'perimeters.manage; organisations and channels the caller may grant' },
  { method: 'POST', path: '/ticketing/operators/:id/perimeters', how: 'perimeters.manage; operator outside the scope = unknown (404); row inside the scope; never one’s own' },
  { method: 'PUT', path: '/ticketing/perimeters/:documentId', how: 'perimeters.manage; a row outside the scope = unknown (404); stays inside the scope; never one’s own' },
  { method: 'DELETE', path: '/ticketing/perimeters/:documentId', how: 'perimeters.manage; a row outside the scope = unknown (404); never one’s own' },
  { method: 'GET', path: '/ticketing/roles/presets', how: 'perimeters.manage; role names only' },
  {
    method: 'POST',
    path: '/ticketing/roles/presets/restore',
    how: 'perimeters.manage WITHOUT the perimeter condition (or super admin); never a role one holds, nor one held by an operator outside the scope',
  },
  // Seating-plan editor (issue 16, controllers/seating.ts)
  { method: 'GET', path: '/ticketing/seating/physical-configurations/:documentId', how: 'Content Manager read of the type (institution-level: every operator holding it); unknown = 404' },
  {
    method: 'PUT',
    path: '/ticketing/seating/physical-configurations/:documentId',
    how: 'Content Manager update of the type (institution admins); then the state guard (409 when validated) and the write guard (400 naming the path)',
  },
  { method: 'GET', path: '/ticketing/seating/logical-configurations/:documentId', how: 'object outside the perimeter = unknown (404), before anything; seat categories are institution data' },
  {
    method: 'PUT',
    path: '/ticketing/seating/logical-configurations/:documentId',
    how: 'object outside the perimeter = unknown (404) before the body; then update within the perimeter (403), state and write guards',
  },
  { method: 'POST', path: '/ticketing/seating/logical-configurations/:documentId/reconciliation', how: 'object outside the perimeter = unknown (404) before the body; writes nothing' },
  {
    method: 'POST',
    path: '/ticketing/seating/physical-configurations/:documentId/import',
    how: 'Content Manager update of the type; converts the body (pretix file), writes nothing; 400 listing every problem',
  },
  { method: 'GET', path: '/ticketing/seating/physical-configurations/:documentId/export', how: 'Content Manager read of the type; the plan as a pretix file' },
  // Price-grid editor (issue 18, controllers/prices.ts)
  { method: 'GET', path: '/ticketing/prices/seasons', how: 'Content Manager read of price grids; the seasons the operator may read only' },
  { method: 'GET', path: '/ticketing/prices/seasons/:documentId', how: 'season outside the perimeter = unknown (404), before anything; its grids the operator may read only' },
  { method: 'GET', path: '/ticketing/prices/seasons/:documentId/revenue', how: 'season outside the perimeter = unknown (404), before the query; reads only' },
  { method: 'GET', path: '/ticketing/prices/grids/:documentId', how: 'grid outside the perimeter = unknown (404), before anything; its parents are of the same season' },
  {
    method: 'PUT',
    path: '/ticketing/prices/grids/:documentId',
    how: 'Content Manager update of price grids; grid outside the perimeter = unknown (404) before the body; then update within the perimeter (403), state guard (409 when validated), write guard (400 naming cells[i])',
  },
  { method: 'GET', path: '/ticketing/prices/fee-tables', how: 'Content Manager read of fee tables; the tables the operator may read only' },
  { method: 'GET', path: '/ticketing/prices/fee-tables/:documentId', how: 'table outside the perimeter = unknown (404), before anything; channels and tariff types of its organisation' },
  {
    method: 'PUT',
    path: '/ticketing/prices/fee-tables/:documentId',
    how: 'Content Manager update of fee tables; table outside the perimeter = unknown (404) before the body; then update within the perimeter (403), state guard (409 when validated), write guard (400 naming fees[i])',
  },
  // Capacity (issue #17, controllers/consistency.ts)
  {
    method: 'GET',
    path: '/ticketing/capacity/consistency',
    how: 'timeline.read; performance outside the perimeter = unknown performance (404), before anything; otherwise only the performances of the perimeter',
  },
  // Availability board (issue #17, controllers/board.ts)
  { method: 'GET', path: '/ticketing/board/performances/:documentId', how: 'performance outside the perimeter = unknown (404), before anything; Content Manager read of performances' },
  {
    method: 'POST',
    path: '/ticketing/board/performances/:documentId/releases',
    how: 'performance outside the perimeter = unknown (404) before the body; Content Manager update of performances within the perimeter, else 403',
  },
  {
    method: 'PUT',
    path: '/ticketing/board/performances/:documentId/limits',
    how: 'performance outside the perimeter = unknown (404) before the body; update within the perimeter (403); written through the document service: state guard (409), write guard (400 naming limits.…)',
  },
  { method: 'GET', path: '/api/ticketing/on-sale', how: 'public website answer: validated configuration, running objects only, no perimeter (public data)' },
  { method: 'GET', path: '/api/ticketing/performances/:idOrCode/sale-status', how: 'public; a performance in preparation = unknown (404)' },
  { method: 'GET', path: '/api/ticketing/products/on-sale', how: 'public, running products only' },
  { method: 'GET', path: '/api/ticketing/products/:idOrCode/sale-status', how: 'public; a product in preparation = unknown (404)' },
  { method: 'GET', path: '/api/ticketing/catalog', how: 'public, running seasons/events/performances, public fields' },
  { method: 'GET', path: '/api/ticketing/performances/:idOrCode/seating-plan', how: 'public; a performance not running, or without a validated logical configuration = unknown (404)' },
  { method: 'GET', path: '/api/ticketing/openapi.json', how: 'description, no data' },
  // Prices (issue #18).
  { method: 'GET', path: '/api/ticketing/performances/:idOrCode/prices', how: 'public; validated grids and fee tables only; what the question may buy (cells on sale with a price)' },
  { method: 'POST', path: '/api/ticketing/quotes', how: 'public, read-only computation (nothing held or written); lines must be on sale; validated prices only' },
  // Capacity (issue #17).
  {
    method: 'GET',
    path: '/api/ticketing/performances/:idOrCode/availability',
    how: 'public; validated logical configuration only; what is left for the question, per seat category, and the binding pool',
  },
  { method: 'POST', path: '/api/ticketing/holds', how: 'API tokens only (policy api-token-only); lines must be on sale; counted in one transaction (docs/capacity.md)' },
  { method: 'POST', path: '/api/ticketing/holds/:id/confirm', how: 'API tokens only; an expired hold is refused (409)' },
  { method: 'DELETE', path: '/api/ticketing/holds/:id', how: 'API tokens only; a confirmed hold is refused (409)' },
  { method: 'POST', path: '/api/ticketing/:plural', how: 'API tokens only (institution-level integration, no perimeter); write, state and link guards; answers { documentId, state }' },
  { method: 'PUT', path: '/api/ticketing/:plural/:id', how: 'API tokens only; write, state and link guards' },
  { method: 'DELETE', path: '/api/ticketing/:plural/:id', how: 'API tokens only; state guard' },
];

/** Whether a booted route path matches a door's path (`:plural` = any plural name). */
export const matchesDoorPath = (pattern: string, path: string) => new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(':plural', '[a-z-]+')}$`).test(path);
