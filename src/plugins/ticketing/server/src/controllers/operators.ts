import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, uidOf } from '../constants';
import { bilingual } from '../errors';
import { ACTIONS } from '../permissions/actions';
import { createPresetRoles } from '../permissions/roles';
import { OPERATOR_PERIMETER_UID } from '../services/perimeter';

type Ctx = any;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(path: string, fr: string, en: string): never {
  throw new errors.ValidationError(bilingual(fr, en), { errors: [{ path: [path], message: en, name: 'ValidationError', value: null }] });
}

/**
 * Operators' perimeters, preset roles and effective rights (admin routes, see routes/admin.ts).
 * Every write needs perimeters.manage (checked by the route policy) and is refused on one's own
 * perimeter; an operator whose perimeters.manage is itself limited to their perimeter manages
 * only rows of their organisations, and never institution-wide rows.
 */
export const createOperatorsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const rights = () => strapi.plugin(PLUGIN_ID).service('rights');
  const perimeter = () => strapi.plugin(PLUGIN_ID).service('perimeter');

  async function parsePerimeter(body: any, partial: boolean) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) invalid('', 'corps de requête invalide', 'invalid request body');
    const data: Record<string, unknown> = {};
    if (body.institutionWide !== undefined) {
      if (typeof body.institutionWide !== 'boolean') invalid('institutionWide', 'institutionWide doit être un booléen', 'institutionWide must be a boolean');
      data.institutionWide = body.institutionWide;
    }
    if (body.organization !== undefined && body.organization !== null) {
      if (typeof body.organization !== 'string') invalid('organization', "l'organisme doit être un documentId", 'organization must be a documentId');
      const org = await strapi.db.query(uidOf('organization') as any).findOne({ where: { documentId: body.organization }, select: ['id'] });
      if (!org) invalid('organization', `organisme introuvable : ${body.organization}`, `organization not found: ${body.organization}`);
      data.organization = org.id;
    } else if (body.organization === null) data.organization = null;
    if (body.salesChannels !== undefined) {
      if (!Array.isArray(body.salesChannels) || body.salesChannels.some((c: unknown) => typeof c !== 'string')) {
        invalid('salesChannels', 'salesChannels doit être une liste de documentId', 'salesChannels must be a list of documentIds');
      }
      const channels = await strapi.db.query(uidOf('sales-channel') as any).findMany({ where: { documentId: { $in: body.salesChannels } }, select: ['id', 'documentId'] });
      const missing = body.salesChannels.filter((d: string) => !channels.some((c: any) => c.documentId === d));
      if (missing.length) invalid('salesChannels', `filière introuvable : ${missing.join(', ')}`, `sales channel not found: ${missing.join(', ')}`);
      data.salesChannels = channels.map((c: any) => c.id);
    }
    for (const field of ['validFrom', 'validUntil']) {
      const value = body[field];
      if (value === undefined) continue;
      if (value !== null && (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value)))) {
        invalid(field, `${field} doit être une date AAAA-MM-JJ`, `${field} must be a YYYY-MM-DD date`);
      }
      data[field] = value;
    }
    if (body.note !== undefined) {
      if (body.note !== null && (typeof body.note !== 'string' || body.note.length > 500)) invalid('note', 'note : texte de 500 caractères au plus', 'note: text of at most 500 characters');
      data.note = body.note;
    }
    if (!partial && !data.institutionWide && !data.organization) {
      invalid('organization', 'un organisme est requis (ou institutionWide: true)', 'an organization is required (or institutionWide: true)');
    }
    return data;
  }

  /** The actor may manage a row of this organisation (null: institution-wide). */
  async function assertMayManage(actor: any, organizationDocumentId: string | null, institutionWide: boolean) {
    const scope = await perimeter().organizationIdsFor(actor, ACTIONS.managePerimeters);
    if (scope === null) return;
    if (institutionWide || !organizationDocumentId || !scope.includes(organizationDocumentId)) {
      throw new errors.ForbiddenError(
        bilingual('vous ne pouvez gérer que des périmètres de vos organismes', 'you can only manage perimeters within your own organizations')
      );
    }
  }

  async function findRow(documentId: string) {
    const row = await strapi.db.query(OPERATOR_PERIMETER_UID as any).findOne({ where: { documentId }, populate: { user: { select: ['id'] }, organization: { select: ['documentId'] } } });
    if (!row) throw new errors.NotFoundError(bilingual(`périmètre introuvable : ${documentId}`, `perimeter not found: ${documentId}`));
    return row;
  }

  function checkDates(validFrom: unknown, validUntil: unknown) {
    if (typeof validFrom === 'string' && typeof validUntil === 'string' && validUntil < validFrom) {
      invalid('validUntil', 'la fin de validité précède son début', 'validUntil is before validFrom');
    }
  }

  return {
    async operators(ctx: Ctx) {
      ctx.body = { data: await rights().operators() };
    },

    async effectiveRights(ctx: Ctx) {
      const actor = ctx.state.user;
      const self = String(actor.id) === String(ctx.params.id);
      // Everyone may see their own rights; someone else's needs perimeters.manage.
      if (!self && !ctx.state.userAbility?.can(ACTIONS.managePerimeters)) {
        throw new errors.ForbiddenError(bilingual("il faut le droit de gérer les périmètres pour voir les droits d'un autre opérateur", "managing perimeters is needed to see another operator's rights"));
      }
      ctx.body = { data: await rights().effectiveRights(ctx.params.id) };
    },

    async createPerimeter(ctx: Ctx) {
      const actor = ctx.state.user;
      const target = await rights().loadUser(ctx.params.id);
      rights().refuseSelf(actor, target.id);
      const data = await parsePerimeter(ctx.request.body, false);
      checkDates(data.validFrom, data.validUntil);
      await assertMayManage(actor, ctx.request.body.organization ?? null, !!data.institutionWide);
      const created = await strapi.documents(OPERATOR_PERIMETER_UID as any).create({ data: { ...data, user: target.id } as any });
      perimeter().invalidate(target.id);
      ctx.status = 201;
      ctx.body = { data: (await perimeter().entriesFor(target)).find((e: any) => e.documentId === created.documentId) };
    },

    async updatePerimeter(ctx: Ctx) {
      const actor = ctx.state.user;
      const row = await findRow(ctx.params.documentId);
      rights().refuseSelf(actor, row.user?.id);
      await assertMayManage(actor, row.organization?.documentId ?? null, !!row.institutionWide);
      const data = await parsePerimeter(ctx.request.body, true);
      checkDates(data.validFrom === undefined ? row.validFrom : data.validFrom, data.validUntil === undefined ? row.validUntil : data.validUntil);
      if (data.organization !== undefined || data.institutionWide !== undefined) {
        await assertMayManage(actor, ctx.request.body.organization ?? row.organization?.documentId ?? null, (data.institutionWide ?? row.institutionWide) as boolean);
      }
      await strapi.documents(OPERATOR_PERIMETER_UID as any).update({ documentId: row.documentId, data: data as any });
      perimeter().invalidate(row.user?.id);
      ctx.body = { data: (await perimeter().entriesFor(row.user.id)).find((e: any) => e.documentId === row.documentId) };
    },

    async deletePerimeter(ctx: Ctx) {
      const actor = ctx.state.user;
      const row = await findRow(ctx.params.documentId);
      rights().refuseSelf(actor, row.user?.id);
      await assertMayManage(actor, row.organization?.documentId ?? null, !!row.institutionWide);
      await strapi.documents(OPERATOR_PERIMETER_UID as any).delete({ documentId: row.documentId });
      perimeter().invalidate(row.user?.id);
      ctx.body = { data: { documentId: row.documentId } };
    },

    async presetRoles(ctx: Ctx) {
      ctx.body = { data: await createPresetRoles(strapi).list() };
    },

    async restorePresetRoles(ctx: Ctx) {
      const codes = ctx.request.body?.codes;
      if (codes !== undefined && (!Array.isArray(codes) || codes.some((c: unknown) => typeof c !== 'string'))) {
        invalid('codes', 'codes doit être une liste de codes de rôle', 'codes must be a list of role codes');
      }
      const restored = await createPresetRoles(strapi).restore(codes);
      perimeter().invalidate();
      ctx.body = { data: restored };
    },
  };
};
