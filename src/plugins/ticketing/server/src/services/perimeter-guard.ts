import type { Core, UID } from '@strapi/strapi';
import { PLUGIN_ID, nameOf } from '../constants';
import { bilingual, forbidden } from '../errors';
import { CM } from '../permissions/roles';
import { type AdminUserLike, ORGANIZATION_PATH, isSuperAdmin } from './perimeter';
import { entryInOrganization } from './rights';
import { adminPermissionService, attributesOf, type Ability, type DbRow } from '../strapi-types';

type Plain = DbRow;
type Assignment = { calendar: string | null; channels: string[] | 'all' };

/** Types whose `salesChannels` (manyToMany) are the channels they grant. */
const PROFILE_TYPES: string[] = ['activity-profile', 'product-profile'];

/**
 * Keeps Content Manager writes inside the operator's perimeter.
 *
 * Strapi checks conditions on the entry as it is before an update or delete, and not at all
 * on a create: without this guard an operator of organisation B could create a calendar in
 * organisation A, move one of B's events to A's season, or attach A's calendar to B's event.
 * After the write, still inside the write's transaction (opened by the state guard), the entry
 * must be one the operator may create/update (its organisation in their perimeter), and every
 * organisation-level entry it points to (directly or from a component) one they may read;
 * otherwise the write is rolled back with a 403.
 *
 * Only requests of the Content Manager, authenticated as an admin user, are concerned: the
 * seeds, the transition service and the REST API have their own rules.
 */
export const createPerimeterGuard = ({ strapi }: { strapi: Core.Strapi }) => {
  const perimeter = () => strapi.plugin(PLUGIN_ID).service('perimeter');

  function adminRequest(): { user: Plain; ability: Ability } | null {
    const ctx = strapi.requestContext.get();
    if (!ctx?.state?.user || !ctx.state.userAbility) return null;
    if (ctx.state.auth?.strategy?.name !== 'admin') return null;
    if (!String(ctx.request?.path ?? '').startsWith('/content-manager/')) return null;
    return { user: ctx.state.user, ability: ctx.state.userAbility };
  }

  function relationTargets(uid: string, row: Plain, out: { uid: string; documentId: string }[]) {
    const attributes = attributesOf(strapi, uid);
    for (const [field, attribute] of Object.entries<Plain>(attributes)) {
      const value = row?.[field];
      if (value == null) continue;
      if (attribute.type === 'relation' && nameOf(attribute.target)) {
        for (const item of Array.isArray(value) ? value : [value]) if (item?.documentId) out.push({ uid: attribute.target, documentId: item.documentId });
      } else if (attribute.type === 'component') {
        for (const item of Array.isArray(value) ? value : [value]) relationTargets(attribute.component, item, out);
      }
    }
  }

  function populateRelations(uid: string): Plain {
    const attributes = attributesOf(strapi, uid);
    const populate: Plain = {};
    for (const [field, attribute] of Object.entries<Plain>(attributes)) {
      if (attribute.type === 'relation' && nameOf(attribute.target)) populate[field] = { select: ['documentId'] };
      else if (attribute.type === 'component') {
        const nested = populateRelations(attribute.component);
        populate[field] = Object.keys(nested).length ? { populate: nested } : true;
      }
    }
    return populate;
  }

  /**
   * What the permission engine checks for an entry: a stand-in in its organisation, plus, for a
   * point of sale, its channel (the condition filters points of sale by channel too).
   */
  async function subjectOf(uid: string, documentId: string): Promise<Plain> {
    const name = nameOf(uid)!;
    const entry = entryInOrganization(name, await perimeter().organizationOf(uid, documentId));
    if (name === 'point-of-sale') {
      const row: DbRow | null = await strapi.db.query(uid as UID.ContentType).findOne({ where: { documentId }, populate: { salesChannel: { select: ['documentId'] } } });
      if (row?.salesChannel?.documentId) entry.salesChannel = { documentId: row.salesChannel.documentId };
    }
    return entry;
  }

  async function check(uid: string, documentId: string, action: 'create' | 'update', who: { user: Plain; ability: Ability }) {
    const name = nameOf(uid)!;
    const manager = adminPermissionService(strapi).createPermissionsManager({ ability: who.ability, model: uid });
    if (ORGANIZATION_PATH[name] !== null) {
      if (!who.ability.can(CM[action], manager.toSubject(await subjectOf(uid, documentId), uid))) {
        throw forbidden(
          name === 'point-of-sale'
            ? bilingual('ce point de vente serait hors de votre périmètre (organisme ou filière)', 'this point of sale would be outside your perimeter (organization or sales channel)')
            : bilingual('cet objet serait hors de votre périmètre (organisme)', 'this object would be outside your perimeter (organization)'),
        );
      }
    }
    const row = await strapi.db.query(uid as UID.ContentType).findOne({ where: { documentId }, populate: populateRelations(uid) });
    const targets: { uid: string; documentId: string }[] = [];
    relationTargets(uid, row, targets);
    for (const target of targets) {
      const targetName = nameOf(target.uid)!;
      if (ORGANIZATION_PATH[targetName] === null) continue;
      const targetManager = adminPermissionService(strapi).createPermissionsManager({ ability: who.ability, model: target.uid });
      if (!who.ability.can(CM.read, targetManager.toSubject(await subjectOf(target.uid, target.documentId), target.uid))) {
        throw forbidden(
          // The type only: the target is outside the operator's perimeter, its id is not theirs to learn.
          bilingual(`relation hors de votre périmètre : ${targetName}`, `relation outside your perimeter: ${targetName}`),
        );
      }
    }
  }

  /** The channels a profile grants (activity and product profiles: exactly their `salesChannels`). */
  async function profileChannels(uid: string, documentId: string): Promise<string[]> {
    const row: DbRow | null = await strapi.db.query(uid as UID.ContentType).findOne({ where: { documentId }, populate: { salesChannels: { select: ['documentId'] } } });
    return (row?.salesChannels ?? []).map((c: { documentId: string }) => c.documentId);
  }

  /** An event's calendar assignments: calendar, and `'all'` or the channels they reach. */
  async function assignmentsOf(uid: string, documentId: string): Promise<Assignment[]> {
    const row: DbRow | null = await strapi.db.query(uid as UID.ContentType).findOne({
      where: { documentId },
      populate: { calendarAssignments: { populate: { salesCalendar: { select: ['documentId'] }, salesChannels: { select: ['documentId'] } } } },
    });
    return (row?.calendarAssignments ?? []).map((a: DbRow) => ({
      calendar: a.salesCalendar?.documentId ?? null,
      channels: a.allChannels ? 'all' : (a.salesChannels ?? []).map((c: { documentId: string }) => c.documentId).sort(),
    }));
  }

  const what = {
    profile: { fr: 'ce profil accorde une filière hors de votre périmètre', en: 'this profile grants a sales channel outside your perimeter' },
    assignment: {
      fr: 'attribution de calendrier sur une filière hors de votre périmètre (ni ajout, ni modification, ni retrait)',
      en: 'calendar assignment on a sales channel outside your perimeter (no adding, changing or removing it)',
    },
  };

  /**
   * Channel limits on writes (docs/operators.md): a channel-limited operator may not write a
   * profile that grants (before or after the write) a channel outside their channels of its
   * organisation, and may not add, change or remove an event's calendar assignment reaching such
   * a channel (`allChannels` included); the event's other fields and assignments stay theirs.
   */
  async function checkChannels(uid: string, documentId: string, verb: 'create' | 'update' | 'delete', who: { user: Plain }, before: Assignment[] | null) {
    const name = nameOf(uid)!;
    if (!PROFILE_TYPES.includes(name) && !(name === 'event' && before)) return; // no other type bears channels
    const org = await perimeter().organizationOf(uid, documentId);
    if (PROFILE_TYPES.includes(name)) {
      await perimeter().assertChannelsWithin(who.user, org, await profileChannels(uid, documentId), CM[verb], uid, what.profile);
      return;
    }
    if (name === 'event' && before) {
      const limit: string[] | null = await perimeter().channelLimitFor(who.user, org, CM[verb], uid);
      if (limit === null) return;
      const after = await assignmentsOf(uid, documentId);
      const reachesOutside = (a: Assignment) => a.channels === 'all' || a.channels.some((c) => !limit.includes(c));
      const key = (a: Assignment) => `${a.calendar}|${a.channels === 'all' ? '*' : a.channels.join(',')}`;
      const was = before.filter(reachesOutside).map(key).sort();
      const is = after.filter(reachesOutside).map(key).sort();
      if (was.join('\n') === is.join('\n')) return;
      const changed = [...before, ...after].filter(reachesOutside).filter((a) => was.filter((k) => k === key(a)).length !== is.filter((k) => k === key(a)).length);
      if (changed.some((a) => a.channels === 'all')) throw perimeter().channelError('all', what.assignment);
      const outside = await perimeter().channelsOutside(
        limit,
        changed.flatMap((a) => a.channels as string[]),
      );
      throw perimeter().channelError(outside, what.assignment);
    }
  }

  return {
    async middleware(context: Plain, next: () => Promise<unknown>) {
      const { uid, action } = context;
      const name = nameOf(uid);
      if (!['create', 'update', 'clone', 'delete'].includes(action) || !name) return next();
      const who = adminRequest();
      if (!who || isSuperAdmin(who.user as AdminUserLike)) return next();
      const existing = context.params?.documentId;
      // Before the write: a profile granting a channel outside the operator's channels is theirs
      // neither to edit nor to delete; an event's assignments are compared after the write.
      let before: Assignment[] | null = name === 'event' && action !== 'delete' ? [] : null;
      if (existing && (action === 'update' || action === 'delete')) {
        if (PROFILE_TYPES.includes(name)) await checkChannels(uid, existing, action, who, null);
        if (name === 'event' && action === 'update') before = await assignmentsOf(uid, existing);
      }
      if (action === 'delete') return next();
      const result = (await next()) as DbRow | null;
      const documentId = result?.documentId ?? result?.entries?.[0]?.documentId ?? context.params?.documentId;
      if (documentId) {
        const verb = action === 'update' ? 'update' : 'create';
        await check(uid, documentId, verb, who);
        await checkChannels(uid, documentId, verb, who, before);
      }
      return result;
    },
  };
};
