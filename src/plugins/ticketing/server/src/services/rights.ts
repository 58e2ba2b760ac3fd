import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { LIFECYCLES, STATEFUL_TYPES } from '../../../shared/lifecycle';
import { CONTENT_TYPES, PLUGIN_ID, type ContentTypeName, uidOf } from '../constants';
import { bilingual, forbidden } from '../errors';
import { ACTIONS, rbacActionsForTransition } from '../permissions/actions';
import { WITHIN_PERIMETER_ID } from '../permissions/conditions';
import { CM, CRUD, type CrudVerb } from '../permissions/roles';
import { ORGANIZATION_PATH, OPERATOR_PERIMETER_UID, channelsInOrganization, isSuperAdmin, type AdminUserLike, type ChannelRef, type PerimeterEntry } from './perimeter';
import { adminPermissionService, type AdminPermission, type DbRow, type DocRef } from '../strapi-types';

/**
 * What a channel limit of the perimeter means for each channel-bearing type (docs/operators.md),
 * as the effective-rights page explains it. Other types are not limited by channels.
 */
export const CHANNEL_RULES: Partial<Record<ContentTypeName, { fr: string; en: string }>> = {
  'point-of-sale': {
    fr: 'seuls les points de vente de vos filières sont visibles et modifiables',
    en: 'only points of sale of your channels are visible and editable',
  },
  'activity-profile': {
    fr: 'lisible dans tout l’organisme ; créer, modifier, supprimer, valider, rouvrir ou retirer un profil seulement s’il n’accorde que vos filières',
    en: 'readable across the organisation; create, update, delete, validate, reopen or archive a profile only if it grants your channels only',
  },
  'product-profile': {
    fr: 'lisible dans tout l’organisme ; créer, modifier, supprimer, valider, rouvrir ou retirer un profil seulement s’il n’accorde que vos filières',
    en: 'readable across the organisation; create, update, delete, validate, reopen or archive a profile only if it grants your channels only',
  },
  event: {
    fr: 'attributions de calendrier : seulement celles de vos filières (pas « toutes les filières ») ; les autres restent intactes',
    en: 'calendar assignments: only those on your channels (not "all channels"); the others stay untouched',
  },
};

/** The channels of the perimeter in an organisation, with their codes (null: every channel). */
function channelLimitIn(entries: PerimeterEntry[], organizationDocumentId: string | null): ChannelRef[] | null {
  const ids = channelsInOrganization(entries, organizationDocumentId);
  if (ids === null) return null;
  const refs = new Map(entries.flatMap((e) => e.salesChannels).map((c) => [c.documentId, c]));
  return ids.map((id) => refs.get(id) ?? { documentId: id, code: id, name: id });
}

/** A stand-in entry of a type inside an organisation: what the permission engine checks. */
export function entryInOrganization(name: ContentTypeName, organizationDocumentId: string | null): Record<string, unknown> {
  const path = ORGANIZATION_PATH[name];
  if (path === null || organizationDocumentId === null) return {};
  let entry: Record<string, unknown> = { documentId: organizationDocumentId };
  for (const attribute of [...path].reverse()) entry = { [attribute]: entry };
  return entry;
}

/** An unknown operator — and one outside the caller's scope. */
const notFoundOperator = (userId: unknown) => new errors.NotFoundError(bilingual(`opérateur introuvable : ${String(userId)}`, `operator not found: ${String(userId)}`));

export interface Reason {
  role: { id: number; code: string; name: string };
  conditions: string[];
  /** whether the perimeter limits this grant */
  perimeterApplies: boolean;
}

export interface Cell {
  allowed: boolean;
  because: Reason[];
}

/**
 * What an operator may do, computed with Strapi's own permission engine (the ability the
 * Content Manager checks) over a stand-in entry of each organisation, and explained by the
 * permissions, roles and perimeter rows behind each answer.
 */
export const createRights = ({ strapi }: { strapi: Core.Strapi }) => {
  const perimeter = () => strapi.plugin(PLUGIN_ID).service('perimeter');
  const permissionService = () => adminPermissionService(strapi);

  async function loadUser(userId: number | string) {
    const user = await strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: ['roles'] });
    if (!user) throw notFoundOperator(userId);
    return user;
  }

  /**
   * What a caller's perimeter covers on the operators page: the organisations of their
   * `perimeters.manage` (or, without it, of their own perimeter); null: every organisation
   * (super admin, the right held without the « within my perimeter » condition, an
   * institution-wide row).
   */
  async function scopeOf(actor: AdminUserLike): Promise<string[] | null> {
    return perimeter().organizationIdsFor(actor, ACTIONS.managePerimeters);
  }

  /** A perimeter row the caller's scope covers (an institution-wide row: only an unlimited scope). */
  const rowInside = (scope: string[] | null, entry: PerimeterEntry) => scope === null || (!entry.institutionWide && !!entry.organization && scope.includes(entry.organization.documentId));

  /**
   * An operator the caller's scope covers: one without any perimeter row (not yet placed), or with
   * at least one row inside the scope. Others are « outside the caller's perimeter »: not listed,
   * answered as unknown, their roles untouchable.
   */
  const coversOperator = (scope: string[] | null, entries: PerimeterEntry[]) => scope === null || entries.length === 0 || entries.some((e) => rowInside(scope, e));

  /** The operator as the caller may see them (404 as an unknown operator when outside the caller's scope). */
  async function loadCovered(actor: AdminUserLike, userId: number | string) {
    const user = await loadUser(userId);
    if (String(actor.id) === String(user.id)) return user;
    const scope = await scopeOf(actor);
    if (!coversOperator(scope, await perimeter().entriesFor(user))) throw notFoundOperator(userId);
    return user;
  }

  async function effectiveRights(userId: number | string, actor?: AdminUserLike) {
    const user = actor ? await loadCovered(actor, userId) : await loadUser(userId);
    const scope: string[] | null = actor ? await scopeOf(actor) : null;
    perimeter().invalidate(user.id);
    const ability = await permissionService().engine.generateUserAbility(user);
    // With their role, to say which role grants what.
    const roleIds = (user.roles ?? []).map((r: { id: number }) => r.id);
    const permissions: AdminPermission[] =
      isSuperAdmin(user) || roleIds.length === 0 ? [] : await strapi.db.query('admin::permission').findMany({ where: { role: { id: { $in: roleIds } } }, populate: ['role'] });
    const roleById = new Map<number, { id: number; code: string; name: string }>((user.roles ?? []).map((r: { id: number; code: string; name: string }) => [r.id, r]));
    // Only the organisations the caller's scope covers (their names and codes included).
    const organizations: DocRef[] = await strapi.db.query(uidOf('organization')).findMany({
      ...(scope === null ? {} : { where: { documentId: { $in: scope } } }),
      select: ['documentId', 'code', 'name'],
      orderBy: [{ code: 'asc' }],
    });
    const allEntries: PerimeterEntry[] = await perimeter().entriesFor(user);
    const entries = allEntries.filter((e) => rowInside(scope, e));
    const perimeterIds: string[] | null = await perimeter().perimeterOrganizationIds(user);

    const reasonsFor = (action: string, subject: string | null): Reason[] =>
      permissions
        .filter((p) => p.action === action && (subject === null || p.subject === subject))
        .map((p) => {
          const role = roleById.get(p.role?.id ?? -1) ?? { id: p.role?.id ?? -1, code: '?', name: '?' };
          const conditions: string[] = p.conditions ?? [];
          return { role: { id: role.id, code: role.code, name: role.name }, conditions, perimeterApplies: conditions.includes(WITHIN_PERIMETER_ID) };
        });

    const types = [];
    for (const name of CONTENT_TYPES) {
      const uid = uidOf(name);
      const manager = permissionService().createPermissionsManager({ ability, model: uid });
      const scopes: (DocRef | null)[] = ORGANIZATION_PATH[name] === null ? [null] : organizations;
      const rows = [];
      for (const org of scopes) {
        const orgId = org?.documentId ?? null;
        // The perimeter's channels in this organisation (null: every channel): a point of sale
        // is checked on one of them, i.e. « allowed » means « allowed on your channels ».
        const channelLimit = isSuperAdmin(user) || orgId === null ? null : channelLimitIn(entries, orgId);
        const standIn = entryInOrganization(name, orgId);
        if (name === 'point-of-sale' && channelLimit && channelLimit.length > 0) standIn.salesChannel = { documentId: channelLimit[0].documentId };
        const subject = manager.toSubject(standIn, uid);
        const content = {} as Record<CrudVerb, Cell>;
        for (const verb of CRUD) {
          content[verb] = { allowed: isSuperAdmin(user) || ability.can(CM[verb], subject), because: reasonsFor(CM[verb], uid) };
        }
        const transitions: Record<string, Cell & { rbacActions: string[] }> = {};
        const stateful = (STATEFUL_TYPES as Record<string, { kind: 'configuration' | 'catalogue' }>)[name];
        if (stateful) {
          for (const rule of LIFECYCLES[stateful.kind].rules) {
            const rbacActions = rbacActionsForTransition(stateful.kind, rule.action);
            let allowed = false;
            for (const a of rbacActions) allowed = allowed || (await perimeter().allowsAction(user, a, orgId));
            transitions[rule.action] = { allowed, rbacActions, because: rbacActions.flatMap((a) => reasonsFor(a, null)) };
          }
        }
        rows.push({
          organization: org ? { documentId: org.documentId, code: org.code, name: org.name } : null,
          inPerimeter: orgId === null || perimeterIds === null || perimeterIds.includes(orgId),
          channelLimit,
          content,
          transitions,
        });
      }
      types.push({ type: name, uid, institutionLevel: ORGANIZATION_PATH[name] === null, channelRule: CHANNEL_RULES[name] ?? null, rows });
    }
    return {
      operator: {
        id: user.id,
        email: user.email,
        name: [user.firstname, user.lastname].filter(Boolean).join(' '),
        isActive: !!user.isActive,
        superAdmin: isSuperAdmin(user),
        roles: (user.roles ?? []).map((r: { id: number; code: string; name: string }) => ({ id: r.id, code: r.code, name: r.name })),
      },
      today: perimeter().today(),
      perimeter: entries,
      /** rows of this operator outside the caller's scope, not shown */
      hiddenRows: allEntries.length - entries.length,
      types,
    };
  }

  /** Operators (admin users) with their roles and perimeter rows, as far as the caller's scope covers them. */
  async function operators(actor?: AdminUserLike) {
    const users: DbRow[] = await strapi.db.query('admin::user').findMany({ populate: ['roles'], orderBy: [{ id: 'asc' }] });
    const scope = actor ? await scopeOf(actor) : null;
    const out = [];
    for (const user of users) {
      const entries: PerimeterEntry[] = await perimeter().entriesFor(user);
      if (!coversOperator(scope, entries) && String(actor?.id) !== String(user.id)) continue;
      out.push({
        id: user.id,
        email: user.email,
        name: [user.firstname, user.lastname].filter(Boolean).join(' '),
        isActive: !!user.isActive,
        roles: (user.roles ?? []).map((r: { id: number; code: string; name: string }) => ({ id: r.id, code: r.code, name: r.name })),
        perimeter: entries.filter((e) => rowInside(scope, e)),
      });
    }
    return out;
  }

  /** Managing perimeters is never allowed on one's own (no self-escalation). */
  function refuseSelf(actor: AdminUserLike, targetUserId: number | string) {
    if (String(actor.id) === String(targetUserId)) {
      throw forbidden(bilingual('vous ne pouvez pas modifier votre propre périmètre', 'you cannot change your own perimeter'));
    }
  }

  return { effectiveRights, operators, refuseSelf, loadUser, loadCovered, scopeOf, rowInside, coversOperator, uid: OPERATOR_PERIMETER_UID };
};
