import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { STATEFUL_TYPES, type StatefulTypeName } from '../../../shared/lifecycle';
import { PLUGIN_ID } from '../constants';
import { bilingual } from '../errors';

type Ctx = any;

/** The type a route belongs to, from its path (`/sales-calendars/:documentId/transitions`). */
const typeOfPlural = (plural: string): StatefulTypeName => {
  const entry = Object.entries(STATEFUL_TYPES).find(([, t]) => t.plural === plural);
  if (!entry) throw new errors.NotFoundError(bilingual(`type inconnu : ${plural}`, `unknown type: ${plural}`));
  return entry[0] as StatefulTypeName;
};

export const createTransitionsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('transitions');
  const pluralOf = (ctx: Ctx) => String(ctx.request.path).split('/').slice(-3)[0];

  return {
    async show(ctx: Ctx) {
      const name = typeOfPlural(pluralOf(ctx));
      const ability = ctx.state.userAbility;
      ctx.body = { data: await service().describe(name, ctx.params.documentId, (action: string) => !!ability?.can(action)) };
    },

    async apply(ctx: Ctx) {
      const name = typeOfPlural(pluralOf(ctx));
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
        throw new errors.ValidationError(
          bilingual("includePerformances ne s'emploie qu'avec « run » sur un événement", 'includePerformances only goes with "run" on an event'),
          { errors: [{ path: ['includePerformances'], message: 'only with run on an event', name: 'ValidationError', value: true }] }
        );
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
