import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { LogicalLayout, SeatingPlan } from '../../../shared/seating-plan';
import { PLUGIN_ID, uidOf } from '../constants';
import { exportPretix, importPretix, layoutProblems, type PlacesProblem } from '../domain/places';
import { bilingual } from '../errors';
import { CM } from '../permissions/roles';
import { entryInOrganization } from '../services/rights';
import { objectNotFound } from '../services/transitions';
import { adminPermissionService, type DbRow } from '../strapi-types';

type Ctx = Context;
type Kind = 'physical-configuration' | 'logical-configuration';

/** A 400 listing every problem, each with its path (`plan.blocks[0]…`). */
export function problemsError(problems: Pick<PlacesProblem, 'path' | 'fr' | 'en'>[], code = 'INVALID_FIELD') {
  const message = problems.map((p) => `${p.path} : ${bilingual(p.fr, p.en)}`).join(' ; ');
  return new errors.ValidationError(message, {
    code,
    errors: problems.map((p) => ({ path: p.path.split(/[.[\]]/).filter(Boolean), message: bilingual(p.fr, p.en), name: 'ValidationError', value: null })),
  });
}

/**
 * Admin routes of the seating-plan editor (routes/admin.ts, `/ticketing/seating/…`). The
 * perimeter is checked first, before the body is looked at: an object the operator may not read
 * is answered as an unknown one (404, nothing named); one they may read but not write gets a 403.
 * Physical configurations are the institution's (read by every operator holding the Content
 * Manager read of the type, written by those holding its update); logical ones an
 * organisation's (the « within my perimeter » condition applies). Writes go through the document
 * service, hence through the state guard (409 when validated) and the write guard (400 naming
 * the path): one JSON attribute written.
 */
export const createSeatingController = ({ strapi }: { strapi: Core.Strapi }) => {
  const places = () => strapi.plugin(PLUGIN_ID).service('places');
  const perimeter = () => strapi.plugin(PLUGIN_ID).service('perimeter');

  async function guard(ctx: Ctx, kind: Kind, verb: 'read' | 'update'): Promise<void> {
    const documentId = String(ctx.params.documentId ?? '');
    const uid = uidOf(kind);
    const exists = await strapi.db.query(uid).findOne({ where: { documentId }, select: ['id'] });
    const ability = ctx.state.userAbility;
    const organization = kind === 'logical-configuration' && exists ? await perimeter().organizationOf(uid, documentId) : null;
    const manager = adminPermissionService(strapi).createPermissionsManager({ ability, model: uid });
    const subject = manager.toSubject(entryInOrganization(kind, organization), uid);
    if (!exists || !ability?.can(CM.read, subject)) throw objectNotFound(documentId);
    if (verb === 'update' && !ability.can(CM.update, subject)) {
      throw new errors.ForbiddenError(bilingual("vous n'avez pas le droit de modifier cet objet", 'you may not modify this object'), { code: 'FORBIDDEN' });
    }
  }

  function bodyField<T>(ctx: Ctx, field: string): T {
    const body = ctx.request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body) || !(field in body)) {
      throw problemsError([{ path: field, fr: `le champ « ${field} » est attendu`, en: `the field "${field}" is expected` }], 'INVALID_BODY');
    }
    return (body as Record<string, T>)[field];
  }

  async function physicalView(documentId: string) {
    const row: DbRow = await strapi.db.query(uidOf('physical-configuration')).findOne({ where: { documentId }, select: ['documentId', 'code', 'name', 'state', 'securityGauge', 'plan'] });
    return { documentId: row.documentId, code: row.code, name: row.name, state: row.state, securityGauge: row.securityGauge, plan: (row.plan as SeatingPlan | null) ?? null };
  }

  async function logicalRow(documentId: string): Promise<DbRow> {
    return strapi.db.query(uidOf('logical-configuration')).findOne({
      where: { documentId },
      select: ['documentId', 'code', 'name', 'state', 'securityGauge', 'layout'],
      populate: { physicalConfiguration: { select: ['documentId', 'code', 'name', 'securityGauge', 'plan'] } },
    });
  }

  async function logicalView(documentId: string) {
    const row = await logicalRow(documentId);
    const pc = row.physicalConfiguration;
    const categories: DbRow[] = await strapi.db.query(uidOf('seat-category')).findMany({ select: ['documentId', 'code', 'name'], orderBy: [{ rank: 'asc' }, { code: 'asc' }] });
    return {
      documentId: row.documentId,
      code: row.code,
      name: row.name,
      state: row.state,
      securityGauge: row.securityGauge,
      physicalConfiguration: pc ? { documentId: pc.documentId, code: pc.code, name: pc.name, securityGauge: pc.securityGauge, plan: pc.plan ?? null } : null,
      layout: (row.layout as LogicalLayout | null) ?? null,
      seatCategories: categories.map((c) => ({ documentId: c.documentId, code: c.code, name: c.name })),
      reconciliation: await places().reconciliationOf(row),
    };
  }

  return {
    async getPhysical(ctx: Ctx) {
      await guard(ctx, 'physical-configuration', 'read');
      ctx.body = { data: await physicalView(ctx.params.documentId) };
    },
    async putPhysical(ctx: Ctx) {
      await guard(ctx, 'physical-configuration', 'update');
      const plan = bodyField<unknown>(ctx, 'plan');
      await strapi.documents(uidOf('physical-configuration')).update({ documentId: ctx.params.documentId, data: { plan } as never, fields: ['documentId'] as never });
      ctx.body = { data: await physicalView(ctx.params.documentId) };
    },
    async getLogical(ctx: Ctx) {
      await guard(ctx, 'logical-configuration', 'read');
      ctx.body = { data: await logicalView(ctx.params.documentId) };
    },
    async putLogical(ctx: Ctx) {
      await guard(ctx, 'logical-configuration', 'update');
      const layout = bodyField<unknown>(ctx, 'layout');
      await strapi.documents(uidOf('logical-configuration')).update({ documentId: ctx.params.documentId, data: { layout } as never, fields: ['documentId'] as never });
      ctx.body = { data: await logicalView(ctx.params.documentId) };
    },
    /**
     * A pretix seating-plan file (the body) converted to our plan, not saved (the editor saves it
     * with PUT); 400 listing every problem. Also a suggested `seatsByCategory` (pretix categories
     * matched to our seat categories by code, then name) and the pretix categories matched to none.
     */
    async importPretix(ctx: Ctx) {
      await guard(ctx, 'physical-configuration', 'update');
      const categories: DbRow[] = await strapi.db.query(uidOf('seat-category')).findMany({ select: ['code', 'name'] });
      const result = importPretix(
        ctx.request.body,
        categories.map((c) => ({ code: c.code, name: c.name })),
      );
      if ('problems' in result) throw problemsError(result.problems, 'INVALID_PRETIX_FILE');
      ctx.body = { data: result };
    },
    /** The plan as a pretix seating-plan file (every seat in category « default »: categories belong to logical configurations). */
    async exportPretix(ctx: Ctx) {
      await guard(ctx, 'physical-configuration', 'read');
      const view = await physicalView(ctx.params.documentId);
      ctx.set('Content-Disposition', `attachment; filename="${String(view.code).replace(/[^A-Za-z0-9_.-]/g, '_')}.pretix.json"`);
      ctx.body = exportPretix(view.plan ?? { version: 1, width: 1000, height: 1000, blocks: [], areas: [] }, view.name);
    },
    /** The reconciliation of a layout not saved yet (the editor's preview): nothing is written. */
    async previewReconciliation(ctx: Ctx) {
      await guard(ctx, 'logical-configuration', 'read');
      const layout = bodyField<unknown>(ctx, 'layout');
      const row = await logicalRow(ctx.params.documentId);
      const problems = layoutProblems(layout, (row.physicalConfiguration?.plan as SeatingPlan) ?? null, await places().seatCategoryCodes(), 'layout');
      if (problems.length > 0) throw problemsError(problems);
      ctx.body = { data: await places().reconciliationOf(row, layout as LogicalLayout) };
    },
  };
};
