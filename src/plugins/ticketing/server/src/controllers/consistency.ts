import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, uidOf } from '../constants';
import { parseAdminQuery } from '../inputs/admin-query';
import { ACTIONS } from '../permissions/actions';
import { objectNotFound } from '../services/transitions';
import type { DbRow } from '../strapi-types';

type Difference = { performance: string; pool: string; counter: number; lines: number };

/**
 * `GET /ticketing/capacity/consistency[?performance=<documentId>]` (issue #17): the capacity
 * service's consistency check (counters = sums of the live hold lines; every held seat has a live
 * hold) within the operator's perimeter for `timeline.read`. An organisation operator gets the
 * performances of their organisations only; a performance outside it is answered as an unknown
 * one (404, the same message), before anything is read.
 */
export const createConsistencyController = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const PERFORMANCE = uidOf('performance');

  return {
    async check(ctx: Context) {
      const query = parseAdminQuery('consistency', ctx.query);
      const allowed: string[] | null = await plugin().service('perimeter').organizationIdsFor(ctx.state.user, ACTIONS.readTimeline);
      const inside = async (ids: string[]): Promise<Set<string>> => {
        if (allowed === null) return new Set(ids);
        const orgs: Map<string, string | null> = await plugin().service('perimeter').organizationsOf(PERFORMANCE, ids);
        return new Set(ids.filter((id) => allowed.includes(orgs.get(id) ?? '')));
      };
      let performances: string[];
      let differences: Difference[];
      if (query.performance) {
        const row: DbRow | null = await strapi.db.query(PERFORMANCE).findOne({ where: { documentId: query.performance }, select: ['documentId'] });
        if (!row || !(await inside([query.performance])).has(query.performance)) throw objectNotFound(query.performance);
        performances = [query.performance];
        differences = await plugin().service('capacity').consistency({ performance: query.performance });
      } else {
        // Counters of a performance deleted since are shown only to those who see every organisation.
        const counted: string[] = await plugin().service('capacity').countedPerformances();
        const kept = await inside(counted);
        performances = counted.filter((id) => kept.has(id));
        const all: Difference[] = await plugin().service('capacity').consistency();
        const reported = await inside([...new Set(all.map((d) => d.performance))]);
        differences = all.filter((d) => reported.has(d.performance));
      }
      const codes = new Map<string, string>();
      const named = [...new Set(differences.map((d) => d.performance))];
      if (named.length > 0) {
        const rows: DbRow[] = await strapi.db.query(PERFORMANCE).findMany({ where: { documentId: { $in: named } }, select: ['documentId', 'code'] });
        for (const r of rows) codes.set(r.documentId, r.code);
      }
      ctx.body = {
        data: {
          consistent: differences.length === 0,
          performances: performances.length,
          differences: differences.map((d) => ({ ...d, code: codes.get(d.performance) ?? null })),
        },
      };
    },
  };
};
