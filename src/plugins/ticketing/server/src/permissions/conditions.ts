import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { AdminUser } from '../strapi-types';

export const WITHIN_PERIMETER = 'within-perimeter';
/** The id Strapi gives the condition once registered (`plugin::<plugin>.<name>`). */
export const WITHIN_PERIMETER_ID = `plugin::${PLUGIN_ID}.${WITHIN_PERIMETER}` as const;

/**
 * « Dans mon périmètre / Within my perimeter ».
 *
 * One condition for every organisation-level type: Strapi's permission engine calls the
 * handler once per permission, with the user merged with `{ permission }`, so the handler
 * knows the subject and returns the relation path of that type (`organization.documentId`,
 * `season.organization.documentId`, `event.season.organization.documentId`, or the
 * organisation's own `documentId`; points of sale also by their channel when the perimeter
 * limits channels: `salesChannel.documentId`). Dotted paths are the form Strapi turns both into a
 * database filter (lists, bulk actions, relation pickers) and into an in-memory check of a
 * fetched entry (single read, update, delete).
 *
 * Institution referentials (channels, audience and seat categories) and plugin actions
 * without subject get `true`: the transitions and timeline routes apply the perimeter
 * themselves (services/rights.ts), since those actions have no entry to filter.
 */
export const createConditions = (strapi: Core.Strapi) => [
  {
    displayName: 'Dans mon périmètre (organismes, filières) / Within my perimeter (organizations, channels)',
    name: WITHIN_PERIMETER,
    plugin: PLUGIN_ID,
    category: 'Billetterie',
    async handler(user: AdminUser & { permission?: { subject?: string | null } }) {
      const perimeter = strapi.plugin(PLUGIN_ID).service('perimeter');
      const subject: string | null | undefined = user?.permission?.subject;
      if (!subject) return true;
      return perimeter.conditionFilter(user, subject);
    },
  },
];
