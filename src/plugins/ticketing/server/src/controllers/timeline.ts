import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { parseAdminQuery } from '../inputs/admin-query';

type Ctx = Context;

/** Admin pages « Billetterie »: timeline, explanation, problems, setup checklist, iCalendar feed (parameters: inputs/admin-query.ts). */
export const createTimelineController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('timeline');
  return {
    async timeline(ctx: Ctx) {
      ctx.body = { data: await service().timeline(ctx.state.user, parseAdminQuery('timeline', ctx.query)) };
    },
    async explain(ctx: Ctx) {
      ctx.body = { data: await service().explain(ctx.state.user, parseAdminQuery('explain', ctx.query)) };
    },
    async impact(ctx: Ctx) {
      ctx.body = { data: await service().impact(ctx.state.user, parseAdminQuery('impact', ctx.query)) };
    },
    async problems(ctx: Ctx) {
      ctx.body = { data: await service().problems(ctx.state.user, parseAdminQuery('problems', ctx.query)) };
    },
    async setup(ctx: Ctx) {
      ctx.body = { data: await service().setup(ctx.state.user, parseAdminQuery('setup', ctx.query)) };
    },
    async ics(ctx: Ctx) {
      const text: string = await service().ics(ctx.state.user, parseAdminQuery('ics', ctx.query));
      ctx.set('Content-Type', 'text/calendar; charset=utf-8');
      ctx.set('Content-Disposition', 'attachment; filename="billetterie-ventes.ics"');
      ctx.body = text;
    },
  };
};
