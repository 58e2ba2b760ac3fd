import type { Context } from 'koa';
import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, uidOf } from '../constants';
import { bilingual, forbidden } from '../errors';
import { ACTIONS } from '../permissions/actions';
import { PRESET_ROLES, createPresetRoles } from '../permissions/roles';
import { OPERATOR_PERIMETER_UID, isSuperAdmin } from '../services/perimeter';
import type { AdminUser, DbRow } from '../strapi-types';

type Ctx = Context;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(path: string, fr: string, en: string): never {
  throw new errors.ValidationError(bilingual(fr, en), { errors: [{ path: [path], message: bilingual(fr, en), name: 'ValidationError', value: null }] });
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

  async function parsePerimeter(body: DbRow, partial: boolean): Promise<{ data: Record<string, unknown>; channelDocumentIds: string[] | undefined }> {
    let channelDocumentIds: string[] | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) invalid('', 'corps de requête invalide', 'invalid request body');
    const data: Record<string, unknown> = {};
    if (body.institutionWide !== undefined) {
      if (typeof body.institutionWide !== 'boolean') invalid('institutionWide', 'institutionWide doit être un booléen', 'institutionWide must be a boolean');
      data.institutionWide = body.institutionWide;
    }
    if (body.organization !== undefined && body.organization !== null) {
      if (typeof body.organization !== 'string') invalid('organization', "l'organisme doit être un documentId", 'organization must be a documentId');
      const org = await strapi.db.query(uidOf('organization')).findOne({ where: { documentId: body.organization }, select: ['id'] });
      if (!org) invalid('organization', `organisme introuvable : ${body.organization}`, `organization not found: ${body.organization}`);
      data.organization = org.id;
    } else if (body.organization === null) data.organization = null;
    if (body.salesChannels !== undefined) {
      if (!Array.isArray(body.salesChannels) || body.salesChannels.some((c: unknown) => typeof c !== 'string')) {
        invalid('salesChannels', 'salesChannels doit être une liste de documentId', 'salesChannels must be a list of documentIds');
      }
      const channels = await strapi.db.query(uidOf('sales-channel')).findMany({ where: { documentId: { $in: body.salesChannels } }, select: ['id', 'documentId'] });
      const missing = body.salesChannels.filter((d: string) => !channels.some((c: { documentId: string }) => c.documentId === d));
      if (missing.length) invalid('salesChannels', `filière introuvable : ${missing.join(', ')}`, `sales channel not found: ${missing.join(', ')}`);
      data.salesChannels = channels.map((c: { id: number }) => c.id);
      channelDocumentIds = channels.map((c: { documentId: string }) => c.documentId);
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
    return { data, channelDocumentIds };
  }

  /**
   * The actor may manage a row of this organisation (null: institution-wide) on these channels
   * (empty: every channel): within their own perimeter for perimeters.manage, channels included.
   */
  async function assertMayManage(actor: AdminUser, organizationDocumentId: string | null, institutionWide: boolean, channels: string[]) {
    const scope = await perimeter().organizationIdsFor(actor, ACTIONS.managePerimeters);
    if (scope === null) return;
    if (institutionWide || !organizationDocumentId || !scope.includes(organizationDocumentId)) {
      throw forbidden(bilingual('vous ne pouvez gérer que des périmètres de vos organismes', 'you can only manage perimeters within your own organizations'));
    }
    // A manager limited to some channels grants no more than their channels.
    await perimeter().assertChannelsWithin(actor, organizationDocumentId, channels.length === 0 ? 'all' : channels, ACTIONS.managePerimeters, null, {
      fr: 'vous ne pouvez accorder que vos filières',
      en: 'you can only grant your own channels',
    });
  }

  /** A perimeter row: unknown, or outside the caller's scope (not their own), answered alike. */
  async function findRow(actor: AdminUser, documentId: string) {
    const row = await strapi.db.query(OPERATOR_PERIMETER_UID).findOne({
      where: { documentId },
      populate: { user: { select: ['id'] }, organization: { select: ['documentId'] }, salesChannels: { select: ['documentId'] } },
    });
    const notFound = () => new errors.NotFoundError(bilingual(`périmètre introuvable : ${documentId}`, `perimeter not found: ${documentId}`));
    if (!row) throw notFound();
    const own = String(row.user?.id) === String(actor.id);
    const scope: string[] | null = await rights().scopeOf(actor);
    const inside = scope === null || (!row.institutionWide && !!row.organization && scope.includes(row.organization.documentId));
    if (!own && !inside) throw notFound();
    return row;
  }

  /**
   * Changing roles (restoring presets, the plugin's only role-changing route) is an institution
   * decision: it needs `perimeters.manage` held without the « within my perimeter » condition (or
   * super admin); and nobody changes a role they hold, nor one held by an operator outside their
   * perimeter (with an unlimited right every operator is inside; kept for any narrower right later).
   */
  async function assertMayChangeRoles(actor: AdminUser, codes: string[]) {
    const superAdmin = isSuperAdmin(actor);
    if (!superAdmin && (await perimeter().holding(actor, ACTIONS.managePerimeters)) !== 'everywhere') {
      throw forbidden(
        bilingual(
          'modifier les rôles demande le droit de gérer les périmètres sans limite de périmètre (contexte institution)',
          'changing roles needs the right to manage perimeters without a perimeter limit (institution context)',
        ),
      );
    }
    const roles: DbRow[] = await strapi.db.query('admin::role').findMany({ where: { code: { $in: codes } }, select: ['id', 'code', 'name'] });
    const held = new Set((actor.roles ?? []).map((r) => String(r.id)));
    const own = roles.filter((r) => held.has(String(r.id)));
    if (own.length) {
      throw forbidden(
        bilingual(`vous ne pouvez pas modifier un rôle que vous détenez : ${own.map((r) => r.code).join(', ')}`, `you cannot change a role you hold: ${own.map((r) => r.code).join(', ')}`),
        { roles: own.map((r) => r.code) },
      );
    }
    if (superAdmin) return;
    const scope: string[] | null = await rights().scopeOf(actor);
    if (scope === null) return;
    const holders: DbRow[] = await strapi.db.query('admin::user').findMany({ where: { roles: { id: { $in: roles.map((r) => r.id) } } }, select: ['id'] });
    for (const holder of holders) {
      if (!rights().coversOperator(scope, await perimeter().entriesFor(holder.id))) {
        throw forbidden(bilingual('un de ces rôles est détenu par un opérateur hors de votre périmètre', 'one of these roles is held by an operator outside your perimeter'));
      }
    }
  }

  function checkDates(validFrom: unknown, validUntil: unknown) {
    if (typeof validFrom === 'string' && typeof validUntil === 'string' && validUntil < validFrom) {
      invalid('validUntil', 'la fin de validité précède son début', 'validUntil is before validFrom');
    }
  }

  return {
    async operators(ctx: Ctx) {
      ctx.body = { data: await rights().operators(ctx.state.user) };
    },

    async effectiveRights(ctx: Ctx) {
      const actor = ctx.state.user;
      const self = String(actor.id) === String(ctx.params.id);
      // Everyone may see their own rights; someone else's needs perimeters.manage.
      if (!self && !ctx.state.userAbility?.can(ACTIONS.managePerimeters)) {
        throw forbidden(bilingual("il faut le droit de gérer les périmètres pour voir les droits d'un autre opérateur", "managing perimeters is needed to see another operator's rights"));
      }
      ctx.body = { data: await rights().effectiveRights(ctx.params.id, actor) };
    },

    async createPerimeter(ctx: Ctx) {
      const actor = ctx.state.user;
      const target = await rights().loadCovered(actor, ctx.params.id);
      rights().refuseSelf(actor, target.id);
      const { data, channelDocumentIds } = await parsePerimeter(ctx.request.body, false);
      checkDates(data.validFrom, data.validUntil);
      await assertMayManage(actor, ctx.request.body.organization ?? null, !!data.institutionWide, channelDocumentIds ?? []);
      const created = await strapi.documents(OPERATOR_PERIMETER_UID).create({ data: { ...data, user: target.id } as Modules.Documents.Params.Data.Input<typeof OPERATOR_PERIMETER_UID> });
      perimeter().invalidate(target.id);
      ctx.status = 201;
      ctx.body = { data: (await perimeter().entriesFor(target)).find((e: { documentId: string }) => e.documentId === created.documentId) };
    },

    async updatePerimeter(ctx: Ctx) {
      const actor = ctx.state.user;
      const row = await findRow(actor, ctx.params.documentId);
      rights().refuseSelf(actor, row.user?.id);
      const rowChannels: string[] = (row.salesChannels ?? []).map((c: { documentId: string }) => c.documentId);
      await assertMayManage(actor, row.organization?.documentId ?? null, !!row.institutionWide, rowChannels);
      const { data, channelDocumentIds } = await parsePerimeter(ctx.request.body, true);
      checkDates(data.validFrom === undefined ? row.validFrom : data.validFrom, data.validUntil === undefined ? row.validUntil : data.validUntil);
      // The row as it will be: an organisation unless institution-wide.
      const institutionWide = (data.institutionWide ?? !!row.institutionWide) as boolean;
      const organization: string | null = data.organization === undefined ? (row.organization?.documentId ?? null) : data.organization === null ? null : ctx.request.body.organization;
      if (!institutionWide && !organization) {
        invalid('organization', 'un organisme est requis (ou institutionWide: true)', 'an organization is required (or institutionWide: true)');
      }
      if (data.organization !== undefined || data.institutionWide !== undefined || channelDocumentIds !== undefined) {
        await assertMayManage(actor, organization, institutionWide, channelDocumentIds ?? rowChannels);
      }
      await strapi.documents(OPERATOR_PERIMETER_UID).update({ documentId: row.documentId, data: data as Modules.Documents.Params.Data.Input<typeof OPERATOR_PERIMETER_UID> });
      perimeter().invalidate(row.user?.id);
      ctx.body = { data: (await perimeter().entriesFor(row.user.id)).find((e: { documentId: string }) => e.documentId === row.documentId) };
    },

    async deletePerimeter(ctx: Ctx) {
      const actor = ctx.state.user;
      const row = await findRow(actor, ctx.params.documentId);
      rights().refuseSelf(actor, row.user?.id);
      await assertMayManage(
        actor,
        row.organization?.documentId ?? null,
        !!row.institutionWide,
        (row.salesChannels ?? []).map((c: { documentId: string }) => c.documentId),
      );
      await strapi.documents(OPERATOR_PERIMETER_UID).delete({ documentId: row.documentId });
      perimeter().invalidate(row.user?.id);
      ctx.body = { data: { documentId: row.documentId } };
    },

    /**
     * What the perimeter form offers (code order): the organisations the caller may grant (their
     * `perimeters.manage` scope) and the channels they may grant there (all, or the union of their
     * channel limits in those organisations).
     */
    async perimeterOptions(ctx: Ctx) {
      const actor = ctx.state.user;
      const scope: string[] | null = await rights().scopeOf(actor);
      const list = (name: 'organization' | 'sales-channel', ids: string[] | null) =>
        strapi.db.query(uidOf(name)).findMany({
          ...(ids === null ? {} : { where: { documentId: { $in: ids } } }),
          select: ['documentId', 'code', 'name'],
          orderBy: [{ code: 'asc' }],
        });
      let channels: string[] | null = null;
      if (scope !== null) {
        const limits: (string[] | null)[] = [];
        for (const org of scope) limits.push(await perimeter().channelLimitFor(actor, org, ACTIONS.managePerimeters));
        channels = limits.some((l) => l === null) ? null : [...new Set(limits.flatMap((l) => l ?? []))];
      }
      ctx.body = { data: { organizations: await list('organization', scope), salesChannels: await list('sales-channel', channels) } };
    },

    async presetRoles(ctx: Ctx) {
      ctx.body = { data: await createPresetRoles(strapi).list() };
    },

    async restorePresetRoles(ctx: Ctx) {
      const actor = ctx.state.user;
      const codes = ctx.request.body?.codes;
      if (codes !== undefined && (!Array.isArray(codes) || codes.some((c: unknown) => typeof c !== 'string'))) {
        invalid('codes', 'codes doit être une liste de codes de rôle', 'codes must be a list of role codes');
      }
      await assertMayChangeRoles(actor, codes && codes.length ? codes : PRESET_ROLES.map((p) => p.code));
      const restored = await createPresetRoles(strapi).restore(codes);
      perimeter().invalidate();
      ctx.body = { data: restored };
    },
  };
};
