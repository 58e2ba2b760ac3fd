import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, nameOf } from '../constants';
import { bilingual } from '../errors';
import { CM } from '../permissions/roles';
import { ORGANIZATION_PATH, isSuperAdmin } from './perimeter';
import { entryInOrganization } from './rights';

type Plain = Record<string, any>;

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

  function adminRequest(): { user: Plain; ability: any } | null {
    const ctx: any = strapi.requestContext.get();
    if (!ctx?.state?.user || !ctx.state.userAbility) return null;
    if (ctx.state.auth?.strategy?.name !== 'admin') return null;
    if (!String(ctx.request?.path ?? '').startsWith('/content-manager/')) return null;
    return { user: ctx.state.user, ability: ctx.state.userAbility };
  }

  function relationTargets(uid: string, row: Plain, out: { uid: string; documentId: string }[]) {
    const attributes = (strapi.getModel(uid as any) as any).attributes as Plain;
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
    const attributes = (strapi.getModel(uid as any) as any).attributes as Plain;
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

  async function check(uid: string, documentId: string, action: 'create' | 'update', who: { user: Plain; ability: any }) {
    const name = nameOf(uid)!;
    const manager = (strapi.service('admin::permission') as any).createPermissionsManager({ ability: who.ability, model: uid });
    if (ORGANIZATION_PATH[name] !== null) {
      const org = await perimeter().organizationOf(uid, documentId);
      if (!who.ability.can(CM[action], manager.toSubject(entryInOrganization(name, org), uid))) {
        throw new errors.ForbiddenError(
          bilingual("cet objet serait hors de votre périmètre (organisme)", 'this object would be outside your perimeter (organization)')
        );
      }
    }
    const row = await strapi.db.query(uid as any).findOne({ where: { documentId }, populate: populateRelations(uid) });
    const targets: { uid: string; documentId: string }[] = [];
    relationTargets(uid, row, targets);
    for (const target of targets) {
      const targetName = nameOf(target.uid)!;
      if (ORGANIZATION_PATH[targetName] === null) continue;
      const org = await perimeter().organizationOf(target.uid, target.documentId);
      const targetManager = (strapi.service('admin::permission') as any).createPermissionsManager({ ability: who.ability, model: target.uid });
      if (!who.ability.can(CM.read, targetManager.toSubject(entryInOrganization(targetName, org), target.uid))) {
        throw new errors.ForbiddenError(
          bilingual(`relation hors de votre périmètre : ${targetName} ${target.documentId}`, `relation outside your perimeter: ${targetName} ${target.documentId}`)
        );
      }
    }
  }

  return {
    async middleware(context: Plain, next: () => Promise<unknown>) {
      const { uid, action } = context;
      if (!['create', 'update', 'clone'].includes(action) || !nameOf(uid)) return next();
      const who = adminRequest();
      if (!who || isSuperAdmin(who.user as any)) return next();
      const result: any = await next();
      const documentId = result?.documentId ?? result?.entries?.[0]?.documentId ?? context.params?.documentId;
      if (documentId) await check(uid, documentId, action === 'update' ? 'update' : 'create', who);
      return result;
    },
  };
};

