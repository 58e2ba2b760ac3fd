import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { LogicalLayout, SeatingPlan } from '../../../shared/seating-plan';
import { PLUGIN_ID, uidOf } from '../constants';
import { type Board, type CapacityUsage, type PerformanceCapacity, seatStatuses } from '../domain/capacity';
import { bilingual } from '../errors';
import { CM } from '../permissions/roles';
import { entryInOrganization } from '../services/rights';
import { objectNotFound } from '../services/transitions';
import { adminPermissionService, type DbRow } from '../strapi-types';

type Ctx = Context;
const CODE = /^[A-Za-z0-9_-]{1,40}$/;

const invalid = (field: string, fr: string, en: string, code = 'INVALID_RELEASE') =>
  new errors.ValidationError(bilingual(`${field} : ${fr}`, `${field}: ${en}`), { code, errors: [{ path: [field], message: en, name: 'ValidationError' }] });

/**
 * The availability board of a performance (issue #17, Billetterie › Disponibilités): admin routes
 * `/ticketing/board/performances/:documentId` (GET: Content Manager read of performances) and
 * `…/releases` (POST « release now ») and `…/limits` (PUT: the performance's limits), both with the
 * Content Manager update of performances. The perimeter is
 * checked first: a performance the operator may not read is answered as an unknown one (404,
 * before the body is looked at); one they may read but not update gets a 403.
 */
export const createBoardController = ({ strapi }: { strapi: Core.Strapi }) => {
  const perimeter = () => strapi.plugin(PLUGIN_ID).service('perimeter');
  const releases = () => strapi.plugin(PLUGIN_ID).service('releases');
  const uid = uidOf('performance');

  /** The performance if the operator may read it (else 404, as unknown), and whether they may update it (required for `update`, else 403). */
  async function guard(ctx: Ctx, verb: 'read' | 'update'): Promise<{ row: DbRow; canUpdate: boolean }> {
    const documentId = String(ctx.params.documentId ?? '');
    const row: DbRow | null = await strapi.db.query(uid).findOne({
      where: { documentId },
      select: ['documentId', 'code', 'startsAt', 'state', 'limits'],
      populate: { logicalConfiguration: { select: ['documentId'] }, event: { select: ['documentId', 'code', 'name'], populate: { logicalConfiguration: { select: ['documentId'] } } } },
    });
    const ability = ctx.state.userAbility;
    const organization = row ? await perimeter().organizationOf(uid, documentId) : null;
    const manager = adminPermissionService(strapi).createPermissionsManager({ ability, model: uid });
    const subject = manager.toSubject(entryInOrganization('performance', organization), uid);
    if (!row || !ability?.can(CM.read, subject)) throw objectNotFound(documentId);
    const canUpdate = !!ability.can(CM.update, subject);
    if (verb === 'update' && !canUpdate) {
      throw new errors.ForbiddenError(bilingual("vous n'avez pas le droit de modifier cette séance", 'you may not modify this performance'), { code: 'FORBIDDEN' });
    }
    return { row, canUpdate };
  }

  async function view(row: DbRow, canRelease: boolean) {
    const at = Date.now();
    const performanceId = row.documentId as string;
    const counted: { board: Board; pc: PerformanceCapacity; usage: CapacityUsage } | null = await releases().board(performanceId, at);
    const board = counted?.board ?? null;
    const logicalId = row.logicalConfiguration?.documentId ?? row.event?.logicalConfiguration?.documentId ?? null;
    let seating = null;
    if (counted && logicalId && counted.board.categories.some((c) => c.kind !== 'unnumbered')) {
      const logical: DbRow | null = await strapi.db
        .query(uidOf('logical-configuration'))
        .findOne({ where: { documentId: logicalId }, select: ['layout'], populate: { physicalConfiguration: { select: ['plan'] } } });
      const plan = (logical?.physicalConfiguration?.plan as SeatingPlan | null) ?? null;
      if (plan) {
        const layout = (logical?.layout as LogicalLayout | null) ?? null;
        const held = await strapi.plugin(PLUGIN_ID).service('capacity').heldSeatsOf(performanceId);
        seating = { plan, layout, seatStatuses: seatStatuses(counted.pc, counted.usage, held, layout?.killedSeats ?? [], at) };
      }
    }
    return {
      performance: { documentId: performanceId, code: row.code, startsAt: row.startsAt, state: row.state, limits: row.limits ?? null },
      event: row.event ? { documentId: row.event.documentId, code: row.event.code, name: row.event.name ?? null } : null,
      counted: board !== null,
      canRelease,
      board,
      seating,
    };
  }

  return {
    async show(ctx: Ctx) {
      const { row, canUpdate } = await guard(ctx, 'read');
      ctx.body = { data: await view(row, canUpdate) };
    },
    /**
     * The performance's own limits (`{ limits }`: an object, or null to follow the logical
     * configuration's), written through the document service: the write guard validates them (400
     * naming `limits.…`), the state guard refuses a closed or cancelled performance (409).
     */
    async putLimits(ctx: Ctx) {
      const { row } = await guard(ctx, 'update');
      const body = (ctx.request as { body?: unknown }).body;
      if (!body || typeof body !== 'object' || Array.isArray(body) || !('limits' in body)) throw invalid('limits', 'le champ « limits » est attendu', 'the field "limits" is expected', 'INVALID_BODY');
      const limits = (body as { limits: unknown }).limits;
      if (limits !== null && (typeof limits !== 'object' || Array.isArray(limits))) throw invalid('limits', 'un objet est attendu (ou null)', 'an object is expected (or null)', 'INVALID_BODY');
      await strapi.documents(uid).update({ documentId: row.documentId, data: { limits } as never, fields: ['documentId'] as never });
      const { row: fresh } = await guard(ctx, 'read');
      ctx.body = { data: await view(fresh, true) };
    },
    /** « Release now »: body `{ contingent, category? }` (no category: every category it has places in). */
    async release(ctx: Ctx) {
      const { row } = await guard(ctx, 'update');
      const body = (ctx.request as { body?: unknown }).body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('contingent', 'le champ « contingent » est attendu', 'the field "contingent" is expected');
      const { contingent, category } = body as { contingent?: unknown; category?: unknown };
      if (typeof contingent !== 'string' || !CODE.test(contingent)) throw invalid('contingent', 'un code de contingent est attendu', 'a contingent code is expected');
      if (category !== undefined && category !== null && (typeof category !== 'string' || !CODE.test(category)))
        throw invalid('category', 'un code de catégorie de place est attendu (ou rien : toutes)', 'a seat category code is expected (or none: all)');
      const userId = typeof ctx.state.user?.id === 'number' ? ctx.state.user.id : null;
      const record = await releases().releaseNow(row.documentId, contingent, (category as string | null | undefined) ?? null, userId);
      ctx.status = 201;
      ctx.body = { data: { ...record, at: new Date(record.at).toISOString() } };
    },
  };
};
