import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';
import { bilingual, callerLanguage } from '../errors';
import { holdBodySchema } from '../website/params';

const HOLD_ID = /^[0-9a-f-]{36}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Holds (issue #17), content API for API tokens only (policy `api-token-only`): POST /holds,
 * POST /holds/:id/confirm, DELETE /holds/:id. Thin: the body is parsed here, resolved and checked
 * against the engine in website/holds.ts, counted in services/holds.ts.
 */
export const createHoldsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const holds = () => strapi.plugin(PLUGIN_ID).service('holds');
  const idOf = (ctx: Context) => {
    const id = String(ctx.params?.id ?? '');
    if (!HOLD_ID.test(id))
      throw new errors.ValidationError(bilingual('id : identifiant de réservation invalide', 'id: invalid hold id'), {
        code: 'INVALID_PARAMETER',
        errors: [{ path: ['id'], message: 'invalid hold id' }],
      });
    return id;
  };
  return {
    async create(ctx: Context) {
      const locale = callerLanguage(ctx);
      const parsed = holdBodySchema.safeParse((ctx.request as { body?: unknown }).body ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues;
        const path = (i: (typeof issues)[number]) => i.path.map(String);
        throw new errors.ValidationError(issues.map((i) => `${path(i).join('.') || 'body'} : ${i.message}`).join(' ; '), {
          code: 'INVALID_HOLD',
          errors: issues.map((i) => ({ path: path(i), message: i.message, name: 'ValidationError' })),
        });
      }
      const key = ctx.get('idempotency-key') || null;
      if (key !== null && !IDEMPOTENCY_KEY.test(key))
        throw new errors.ValidationError(bilingual('Idempotency-Key : 1 à 200 caractères ASCII visibles', 'Idempotency-Key: 1 to 200 visible ASCII characters'), {
          code: 'INVALID_PARAMETER',
          errors: [{ path: ['Idempotency-Key'], message: 'invalid' }],
        });
      const result = await holds().hold(parsed.data, Date.now(), key, parsed.data.locale ?? locale);
      ctx.set('Cache-Control', 'no-store');
      ctx.status = result.status;
      ctx.body = { data: result.body };
    },
    async confirm(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await holds().confirm(idOf(ctx), Date.now()) };
    },
    async delete(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await holds().release(idOf(ctx), Date.now()) };
    },
  };
};
