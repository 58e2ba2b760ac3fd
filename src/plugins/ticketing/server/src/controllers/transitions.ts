import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { LIFECYCLES, STATEFUL_TYPES, type StatefulTypeName } from '../../../shared/lifecycle';
import { PLUGIN_ID, uidOf } from '../constants';
import { ACTIONS, rbacActionsForTransition } from '../permissions/actions';
import { CM } from '../permissions/roles';
import { entryInOrganization } from '../services/rights';
import { objectNotFound } from '../services/transitions';
import { bilingual } from '../errors';
import { adminPermissionService, type DbRow } from '../strapi-types';

type Ctx = Context;

/** The type a route belongs to, from its path (`/sales-calendars/:documentId/transitions`). */
const typeOfPlural = (plural: string): StatefulTypeName => {
  const entry = Object.entries(STATEFUL_TYPES).find(([, t]) => t.plural === plural);
  if (!entry) throw new errors.NotFoundError(bilingual(`type inconnu : ${plural}`, `unknown type: ${plural}`));
  return entry[0] as StatefulTypeName;
};

export const createTransitionsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('transitions');
  const pluralOf = (ctx: Ctx) => String(ctx.request.path).split('/').slice(-3)[0];

  const perimeter = () => strapi.plugin(PLUGIN_ID).service('perimeter');

  /**
   * The plugin actions the operator may take on this object: held, and (when held only with
   * the « within my perimeter » condition) the object's organisation in their perimeter today.
   */
  async function allowedActionsOn(ctx: Ctx, name: StatefulTypeName, documentId: string) {
    const organization = await perimeter().organizationOf(uidOf(name), documentId);
    const allowed = new Set<string>();
    for (const action of Object.values(ACTIONS)) {
      if (await perimeter().allowsAction(ctx.state.user, action, organization)) allowed.add(action);
    }
    // A profile granting a channel outside a channel-limited operator's channels: no transition
    // either (docs/operators.md, « Channel limits »).
    let channelsOutside: { documentId: string; code: string; name: string }[] | 'all' | null = null;
    if ((name === 'activity-profile' || name === 'product-profile') && allowed.has(ACTIONS.transitionConfiguration)) {
      const row: DbRow | null = await strapi.db.query(uidOf(name)).findOne({ where: { documentId }, populate: { salesChannels: { select: ['documentId'] } } });
      const limit = await perimeter().channelLimitFor(ctx.state.user, organization, ACTIONS.transitionConfiguration);
      const outside = await perimeter().channelsOutside(
        limit,
        (row?.salesChannels ?? []).map((c: { documentId: string }) => c.documentId),
      );
      if (outside === 'all' || outside.length > 0) {
        allowed.delete(ACTIONS.transitionConfiguration);
        channelsOutside = outside;
      }
    }
    return { organization, allowed, channelsOutside };
  }

  /**
   * Whether the object exists and the operator may see it (a plugin action held there, or the
   * Content Manager read): otherwise the routes answer as for an unknown object, first.
   */
  async function maySee(ctx: Ctx, name: StatefulTypeName, organization: string | null, allowed: Set<string>) {
    const exists = await strapi.db.query(uidOf(name)).findOne({ where: { documentId: ctx.params.documentId }, select: ['id'] });
    if (!exists) return false;
    if (allowed.size > 0) return true;
    const uid = uidOf(name);
    const manager = adminPermissionService(strapi).createPermissionsManager({ ability: ctx.state.userAbility, model: uid });
    return !!ctx.state.userAbility?.can(CM.read, manager.toSubject(entryInOrganization(name, organization), uid));
  }

  return {
    async show(ctx: Ctx) {
      const name = typeOfPlural(pluralOf(ctx));
      const { organization, allowed } = await allowedActionsOn(ctx, name, ctx.params.documentId);
      // Outside the perimeter: answered as an unknown object (no existence oracle).
      if (!(await maySee(ctx, name, organization, allowed))) throw objectNotFound(ctx.params.documentId);
      ctx.body = { data: await service().describe(name, ctx.params.documentId, (action: string) => allowed.has(action)) };
    },

    async apply(ctx: Ctx) {
      const name = typeOfPlural(pluralOf(ctx));
      // The perimeter first: an object the operator may not see is answered as an unknown one,
      // before the body, the action or the object's state is looked at.
      const decided = await allowedActionsOn(ctx, name, ctx.params.documentId);
      if (!(await maySee(ctx, name, decided.organization, decided.allowed))) throw objectNotFound(ctx.params.documentId);
      const body = ctx.request.body ?? {};
      if (typeof body !== 'object' || Array.isArray(body)) {
        throw new errors.ValidationError(bilingual('corps de requête invalide', 'invalid request body'));
      }
      if (body.reason !== undefined && body.reason !== null && typeof body.reason !== 'string') {
        throw new errors.ValidationError(bilingual('le motif doit être un texte', 'reason must be a string'), {
          errors: [{ path: ['reason'], message: 'string expected', name: 'ValidationError', value: null }],
        });
      }
      if (body.includePerformances !== undefined && typeof body.includePerformances !== 'boolean') {
        throw new errors.ValidationError(bilingual('includePerformances doit être un booléen', 'includePerformances must be a boolean'), {
          errors: [{ path: ['includePerformances'], message: 'boolean expected', name: 'ValidationError', value: null }],
        });
      }
      if (body.includePerformances && !(name === 'event' && body.action === 'run')) {
        throw new errors.ValidationError(bilingual("includePerformances ne s'emploie qu'avec « run » sur un événement", 'includePerformances only goes with "run" on an event'), {
          errors: [{ path: ['includePerformances'], message: 'only with run on an event', name: 'ValidationError', value: true }],
        });
      }
      const kind = STATEFUL_TYPES[name].kind as 'configuration' | 'catalogue';
      if (LIFECYCLES[kind].rules.some((r) => r.action === body.action)) {
        const { allowed, channelsOutside } = decided;
        if (!rbacActionsForTransition(kind, body.action).some((a) => allowed.has(a))) {
          if (channelsOutside) {
            throw perimeter().channelError(channelsOutside, {
              fr: 'ce profil accorde une filière hors de votre périmètre',
              en: 'this profile grants a sales channel outside your perimeter',
            });
          }
          throw new errors.ForbiddenError(
            bilingual(`action « ${body.action} » non autorisée sur cet objet (droit ou périmètre)`, `action "${body.action}" not allowed on this object (right or perimeter)`),
          );
        }
      }
      const result = await service().apply({
        uid: name,
        documentId: ctx.params.documentId,
        action: body.action,
        reason: body.reason,
        includePerformances: body.includePerformances === true,
        user: ctx.state.user,
      });
      ctx.body = { data: result };
    },
  };
};
