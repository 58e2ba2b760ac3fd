import type { Core, UID } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { PLUGIN_ID, type ContentTypeName, nameOf, uidOf } from '../constants';
import { bilingual, forbidden } from '../errors';
import { ACTIONS } from '../permissions/actions';
import { WITHIN_PERIMETER_ID } from '../permissions/conditions';
import { adminPermissionService, type Ability, type AdminPermission, type DbRow, type DocRef } from '../strapi-types';

export const OPERATOR_PERIMETER_UID = `plugin::${PLUGIN_ID}.operator-perimeter` as const;
export const SUPER_ADMIN_CODE = 'strapi-super-admin';
/** The Content Manager's read action (permissions/roles.ts imports this file: no import back). */
const CM_READ = 'plugin::content-manager.explorer.read';

/**
 * How each organisation-level type reaches its organisation. `null`: an institution
 * referential, shared by every organisation. The organisation itself is reached by its own
 * documentId.
 */
export const ORGANIZATION_PATH: Record<ContentTypeName, string[] | null> = {
  organization: [],
  'sales-channel': null,
  'audience-category': null,
  'seat-category': null,
  'point-of-sale': ['organization'],
  season: ['organization'],
  'sales-calendar': ['organization'],
  'activity-profile': ['organization'],
  'product-profile': ['organization'],
  'audience-subcategory': ['season', 'organization'],
  'tariff-type': ['season', 'organization'],
  activity: ['season', 'organization'],
  event: ['season', 'organization'],
  product: ['season', 'organization'],
  performance: ['event', 'season', 'organization'],
  // Places (issue 16): the venue is the institution's; what is sold in it, an organisation's.
  site: null,
  space: null,
  'physical-configuration': null,
  'logical-configuration': ['organization'],
  // Prices and fees (issue #18).
  'vat-rate': null,
  'payment-method': null,
  'delivery-method': null,
  'price-level': ['season', 'organization'],
  'price-grid': ['season', 'organization'],
  'fee-table': ['organization'],
  contingent: ['organization'],
};

export type { Ability } from '../strapi-types';

export interface AdminUserLike {
  id: number | string;
  roles?: { id?: number | string; code?: string }[];
}

/** One row of an operator's perimeter, as the admin pages and the effective-rights route show it. */
export interface PerimeterEntry {
  documentId: string;
  institutionWide: boolean;
  organization: { documentId: string; code: string; name: string } | null;
  salesChannels: { documentId: string; code: string; name: string }[];
  validFrom: string | null;
  validUntil: string | null;
  note: string | null;
  /** valid today (validFrom <= today <= validUntil, both inclusive, in the institution's time zone) */
  current: boolean;
  status: 'current' | 'future' | 'expired';
}

/** A sales channel as the perimeter rules name it. */
export interface ChannelRef {
  documentId: string;
  code: string;
  name: string;
}

/**
 * THE channel rule (every caller goes through it): the channels an operator may work on in an
 * organisation, from their perimeter rows valid today that cover it (its own rows and the
 * institution-wide ones). `null`: every channel (one such row has no channel list); `[]`: none
 * (no row covers the organisation). Rows add up: two rows limited to WEB and to GUICHET give both.
 */
export function channelsInOrganization(entries: PerimeterEntry[], organizationDocumentId: string | null): string[] | null {
  const rows = entries.filter((e) => e.current && (e.institutionWide || (!!organizationDocumentId && e.organization?.documentId === organizationDocumentId)));
  if (rows.some((e) => e.salesChannels.length === 0)) return null;
  return [...new Set(rows.flatMap((e) => e.salesChannels.map((c) => c.documentId)))];
}

/**
 * The « within my perimeter » filter of points of sale (one channel each): organisation and
 * channel. Same dotted-path form as the other types (Strapi turns it into a database query and
 * into an in-memory check); `true`: no limit, `false`: nothing.
 */
export function pointOfSaleFilter(entries: PerimeterEntry[]): Record<string, unknown> | boolean {
  const current = entries.filter((e) => e.current);
  const organizations = [...new Set(current.filter((e) => !e.institutionWide && e.organization).map((e) => e.organization!.documentId))];
  const wide = current.some((e) => e.institutionWide);
  const clauses: Record<string, unknown>[] = [];
  if (wide) {
    const everywhere = channelsInOrganization(
      current.filter((e) => e.institutionWide),
      null,
    );
    if (everywhere === null) return true;
    if (everywhere.length) clauses.push({ 'salesChannel.documentId': { $in: everywhere } });
  }
  const unlimited: string[] = [];
  for (const org of organizations) {
    const channels = channelsInOrganization(current, org);
    if (channels === null) unlimited.push(org);
    else if (channels.length) clauses.push({ 'organization.documentId': { $in: [org] }, 'salesChannel.documentId': { $in: channels } });
  }
  if (unlimited.length) clauses.unshift({ 'organization.documentId': { $in: unlimited } });
  if (clauses.length === 0) return false;
  return clauses.length === 1 ? clauses[0] : { $or: clauses };
}

export const isSuperAdmin = (user: AdminUserLike | null | undefined) => !!user?.roles?.some((r) => r.code === SUPER_ADMIN_CODE);

/**
 * The operator's perimeter: the organisations (and optionally channels) an admin user works
 * in, each row valid between two optional dates. Read on every ability generation (the
 * « within my perimeter » condition), so it is cached per user for a second and the
 * cache is dropped on every perimeter write of this process.
 */
export const createPerimeterService = ({ strapi }: { strapi: Core.Strapi }) => {
  // Another process's perimeter or role change applies within this time (this process's: at once).
  const CACHE_MS = 1000;
  const cache = new Map<string, { at: number; entries: Promise<PerimeterEntry[]> }>();
  const permissionCache = new Map<string, { at: number; permissions: Promise<AdminPermission[]> }>();

  const timeZone = () => (strapi.config.get(`plugin::${PLUGIN_ID}`) as { timeZone?: string })?.timeZone ?? 'Europe/Paris';
  const today = () => DateTime.now().setZone(timeZone()).toISODate() as string;

  const statusOf = (validFrom: string | null, validUntil: string | null, day = today()): PerimeterEntry['status'] => {
    if (validFrom && day < validFrom) return 'future';
    if (validUntil && day > validUntil) return 'expired';
    return 'current';
  };

  const load = async (userId: number | string): Promise<PerimeterEntry[]> => {
    // The db layer, not the document service: this runs inside ability generation and must
    // not go through document middlewares (nor recurse into permission checks).
    const rows = await strapi.db.query(OPERATOR_PERIMETER_UID).findMany({
      where: { user: { id: userId } },
      populate: { organization: { select: ['documentId', 'code', 'name'] }, salesChannels: { select: ['documentId', 'code', 'name'] } },
      orderBy: [{ id: 'asc' }],
    });
    const day = today();
    return rows.map((row: DbRow) => {
      const status = statusOf(row.validFrom ?? null, row.validUntil ?? null, day);
      return {
        documentId: row.documentId,
        institutionWide: !!row.institutionWide,
        organization: row.organization ? { documentId: row.organization.documentId, code: row.organization.code, name: row.organization.name } : null,
        salesChannels: (row.salesChannels ?? []).map((c: DocRef) => ({ documentId: c.documentId, code: c.code, name: c.name })),
        validFrom: row.validFrom ?? null,
        validUntil: row.validUntil ?? null,
        note: row.note ?? null,
        current: status === 'current',
        status,
      };
    });
  };

  /** A db query for `where` limited by the user's Content Manager read permission on `uid`. */
  async function readQuery(ability: Ability, uid: string, where: Record<string, unknown>) {
    // why: addPermissionsQueryTo is not in the typed surface of the permissions manager.
    const manager = adminPermissionService(strapi).createPermissionsManager({ ability, model: uid }) as unknown as { addPermissionsQueryTo(q: object, action: string): object };
    const query = manager.addPermissionsQueryTo({ filters: where, fields: ['documentId'] }, CM_READ);
    return strapi.get('query-params').transform(uid as UID.ContentType, query) as DbRow;
  }

  const service = {
    today,
    statusOf,

    /** Every perimeter row of a user (current, future and expired). */
    async entriesFor(user: AdminUserLike | number | string): Promise<PerimeterEntry[]> {
      const id = String(typeof user === 'object' ? user.id : user);
      const hit = cache.get(id);
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.entries;
      const entries = load(id);
      cache.set(id, { at: Date.now(), entries });
      entries.catch(() => cache.delete(id));
      return entries;
    },

    /** Forget cached perimeters (after a perimeter write). */
    invalidate(userId?: number | string) {
      if (userId === undefined) {
        cache.clear();
        permissionCache.clear();
      } else {
        cache.delete(String(userId));
        permissionCache.delete(String(userId));
      }
    },

    /**
     * Forget every cached permission list: called on each write of admin roles, permissions
     * and users of this process (bootstrap subscribes to their db lifecycles), so that a role
     * change made in Strapi's own screens applies at once to the plugin's routes.
     */
    forgetPermissions() {
      permissionCache.clear();
    },

    /** The admin permissions the user holds through their roles (cached like the perimeter). */
    async permissionsOf(adminUser: AdminUserLike): Promise<AdminPermission[]> {
      const id = String(adminUser.id);
      const hit = permissionCache.get(id);
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.permissions;
      const permissions = adminPermissionService(strapi).findUserPermissions({ id: adminUser.id, roles: adminUser.roles });
      permissionCache.set(id, { at: Date.now(), permissions });
      permissions.catch(() => permissionCache.delete(id));
      return permissions;
    },

    /**
     * How the user holds an action (on `subject` for a Content Manager action): not at all, only
     * with the « within my perimeter » condition, or without it — the institution context
     * (e.g. the « Administrateur billetterie » preset role), where the perimeter limits nothing.
     */
    async holding(adminUser: AdminUserLike, action: string, subject: string | null = null): Promise<'no' | 'within-perimeter' | 'everywhere'> {
      const held = (await service.permissionsOf(adminUser)).filter((p) => p.action === action && (subject === null || p.subject === subject));
      if (held.length === 0) return 'no';
      return held.some((p) => !(p.conditions ?? []).includes(WITHIN_PERIMETER_ID)) ? 'everywhere' : 'within-perimeter';
    },

    /**
     * Whether the user may take a plugin action (no subject) on an object of an organisation
     * (`null`: an institution object): they must hold the action, and either hold it without
     * the perimeter condition or have the organisation in their perimeter today.
     */
    async allowsAction(adminUser: AdminUserLike, action: string, organizationDocumentId: string | null): Promise<boolean> {
      if (!adminUser) return false;
      if (isSuperAdmin(adminUser)) return true;
      const holding = await service.holding(adminUser, action);
      if (holding === 'no') return false;
      if (holding === 'everywhere' || organizationDocumentId === null) return true;
      const ids = await service.perimeterOrganizationIds(adminUser);
      return ids === null || ids.includes(organizationDocumentId);
    },

    /**
     * The organisations an operator works in today, for an action (default: reading the
     * timelines): `null` means every organisation (super admin, the action held without the
     * « within my perimeter » condition, or an institution-wide perimeter row valid today);
     * otherwise the documentIds of the organisations of the perimeter rows valid today
     * (possibly none).
     */
    async organizationIdsFor(adminUser: AdminUserLike, action: string = ACTIONS.readTimeline): Promise<string[] | null> {
      if (!adminUser) return [];
      if (isSuperAdmin(adminUser)) return null;
      if ((await service.holding(adminUser, action)) === 'everywhere') return null;
      return service.perimeterOrganizationIds(adminUser);
    },

    /**
     * The organisations of the perimeter rows valid today, whatever the user's roles
     * (`null` only for an institution-wide row valid today): what the « within my
     * perimeter » condition filters by.
     */
    async perimeterOrganizationIds(adminUser: AdminUserLike): Promise<string[] | null> {
      const entries = (await service.entriesFor(adminUser)).filter((e) => e.current);
      if (entries.some((e) => e.institutionWide)) return null;
      return [...new Set(entries.filter((e) => e.organization).map((e) => e.organization!.documentId))];
    },

    /**
     * The channels the operator's perimeter allows in an organisation today (whatever their
     * roles): `null` = every channel. See `channelsInOrganization`.
     */
    async salesChannelIdsFor(adminUser: AdminUserLike, organizationDocumentId: string | null): Promise<string[] | null> {
      if (isSuperAdmin(adminUser)) return null;
      return channelsInOrganization(await service.entriesFor(adminUser), organizationDocumentId);
    },

    /**
     * The channels an operator may work on in an organisation for an action (a plugin action,
     * or a Content Manager action on `subject`): `null` = every channel (super admin, or the
     * action held without the « within my perimeter » condition); otherwise the perimeter's
     * channels of that organisation (`salesChannelIdsFor`).
     */
    async channelLimitFor(adminUser: AdminUserLike, organizationDocumentId: string | null, action: string, subject: string | null = null): Promise<string[] | null> {
      if (!adminUser) return [];
      if (isSuperAdmin(adminUser)) return null;
      if ((await service.holding(adminUser, action, subject)) === 'everywhere') return null;
      return service.salesChannelIdsFor(adminUser, organizationDocumentId);
    },

    /** The channels of `channelIds` outside a limit (`'all'`: every channel, i.e. outside any limit). */
    async channelsOutside(limit: string[] | null, channelIds: string[] | 'all'): Promise<ChannelRef[] | 'all'> {
      if (limit === null) return [];
      if (channelIds === 'all') return 'all';
      const outside = [...new Set(channelIds.filter((id) => !limit.includes(id)))];
      if (outside.length === 0) return [];
      const rows: ChannelRef[] = await strapi.db.query(uidOf('sales-channel')).findMany({ where: { documentId: { $in: outside } }, select: ['documentId', 'code', 'name'] });
      return outside.map((id) => rows.find((r) => r.documentId === id) ?? { documentId: id, code: id, name: id });
    },

    /** The 403 naming the channels outside the operator's perimeter (French / English). */
    channelError(outside: ChannelRef[] | 'all', what?: { fr: string; en: string }): ReturnType<typeof forbidden> {
      const names = outside === 'all' ? null : outside.map((c) => c.code).join(', ');
      const fr = names ? `filière hors de votre périmètre : ${names}` : 'toutes les filières : hors de votre périmètre (limité à certaines filières)';
      const en = names ? `sales channel outside your perimeter: ${names}` : 'every sales channel: outside your perimeter (limited to some channels)';
      return forbidden(bilingual(what ? `${what.fr} — ${fr}` : fr, what ? `${what.en} — ${en}` : en), {
        salesChannels: outside === 'all' ? 'all' : outside.map((c) => c.code),
      });
    },

    /** Throws the 403 when `channelIds` reach outside the operator's channels of the organisation for the action. */
    async assertChannelsWithin(
      adminUser: AdminUserLike,
      organizationDocumentId: string | null,
      channelIds: string[] | 'all',
      action: string,
      subject: string | null = null,
      what?: { fr: string; en: string },
    ) {
      const limit = await service.channelLimitFor(adminUser, organizationDocumentId, action, subject);
      const outside = await service.channelsOutside(limit, channelIds);
      if (outside === 'all' || outside.length > 0) throw service.channelError(outside, what);
    },

    /**
     * The query filter limiting a content type to the perimeter (dotted path, the form
     * Strapi's permission engine turns both into a database query and into an in-memory
     * check of a populated entity). `true`: no limit; `false`: nothing.
     */
    filterFor(uid: string, organizationIds: string[] | null): Record<string, unknown> | boolean {
      const name = nameOf(uid);
      if (!name) return true; // not a ticketing configuration type: the condition does not restrict it
      const path = ORGANIZATION_PATH[name];
      if (path === null || organizationIds === null) return true;
      if (organizationIds.length === 0) return false;
      return { [[...path, 'documentId'].join('.')]: { $in: organizationIds } };
    },

    /**
     * What the « within my perimeter » condition filters a subject by: the organisations of the
     * perimeter, and for points of sale also the channels (see docs/operators.md for the other
     * channel-bearing types, checked on write by the perimeter guard).
     */
    async conditionFilter(adminUser: AdminUserLike, uid: string): Promise<Record<string, unknown> | boolean> {
      if (nameOf(uid) === 'point-of-sale') return pointOfSaleFilter(await service.entriesFor(adminUser));
      return service.filterFor(uid, await service.perimeterOrganizationIds(adminUser));
    },

    /**
     * The documentIds among `documentIds` the user may read in the Content Manager: Strapi's own
     * permission query for the read action (roles, « within my perimeter » condition), as the
     * Content Manager's lists apply it. Every door asks this one question before anything else.
     */
    async readableIds(ability: Ability, uid: string, documentIds: string[]): Promise<Set<string>> {
      const ids = [...new Set(documentIds.filter((d) => typeof d === 'string' && d !== ''))];
      if (ids.length === 0 || !ability.can(CM_READ, uid)) return new Set();
      const rows: { documentId: string }[] = await strapi.db.query(uid as UID.ContentType).findMany(await readQuery(ability, uid, { documentId: { $in: ids } }));
      return new Set(rows.map((r) => r.documentId));
    },

    /** How many documents of a type the user may read (Content Manager read permission). */
    async readableCount(ability: Ability, uid: string): Promise<number> {
      if (!ability.can(CM_READ, uid)) return 0;
      const query = await readQuery(ability, uid, {});
      return strapi.db.query(uid as UID.ContentType).count({ where: query.where });
    },

    /** The organisation of several objects of one type at once (documentId → organisation documentId or null). */
    async organizationsOf(uid: string, documentIds: string[]): Promise<Map<string, string | null>> {
      const out = new Map<string, string | null>();
      const name = nameOf(uid);
      const ids = [...new Set(documentIds)];
      if (!name || ids.length === 0) return out;
      const path = ORGANIZATION_PATH[name];
      if (path === null) {
        for (const id of ids) out.set(id, null);
        return out;
      }
      if (path.length === 0) {
        for (const id of ids) out.set(id, id);
        return out;
      }
      const populate: DbRow = {};
      let cursor = populate;
      path.forEach((attribute, i) => {
        cursor[attribute] = i === path.length - 1 ? { select: ['documentId'] } : { select: ['id'], populate: {} };
        cursor = cursor[attribute].populate;
      });
      const rows: DbRow[] = await strapi.db.query(uid as UID.ContentType).findMany({ where: { documentId: { $in: ids } }, select: ['documentId'], populate });
      for (const row of rows) {
        let value = row;
        for (const attribute of path) value = value?.[attribute];
        out.set(row.documentId, value?.documentId ?? null);
      }
      return out;
    },

    /** The organisation documentId an object of a type belongs to (null for institution types). */
    async organizationOf(uid: string, documentId: string): Promise<string | null> {
      const name = nameOf(uid);
      if (!name) return null;
      const path = ORGANIZATION_PATH[name];
      if (path === null) return null;
      if (path.length === 0) return documentId;
      type Populate = Record<string, { select: string[]; populate?: Populate }>;
      const populate: Populate = {};
      let cursor = populate;
      path.forEach((attribute, i) => {
        cursor[attribute] = i === path.length - 1 ? { select: ['documentId'] } : { select: ['id'], populate: {} };
        cursor = cursor[attribute].populate ?? {};
      });
      const row: DbRow | null = await strapi.db.query(uid as UID.ContentType).findOne({ where: { documentId }, populate });
      let value = row;
      for (const attribute of path) value = value?.[attribute];
      return value?.documentId ?? null;
    },
  };
  return service;
};

export type PerimeterService = ReturnType<typeof createPerimeterService>;
