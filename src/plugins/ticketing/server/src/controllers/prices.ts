import type { Context } from 'koa';
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { LogicalLayout } from '../../../shared/seating-plan';
import { PLUGIN_ID, uidOf, type ContentTypeName } from '../constants';
import { compilePricing, defaultVatRate, fullPriceTariffType, inheritedCells, maximumRevenue, sellableBySeatCategory, type ParentGrid, type PriceCellData } from '../domain/pricing';
import type { ConfigurationInput } from '../domain/model';
import { bilingual } from '../errors';
import { parseAdminQuery } from '../inputs/admin-query';
import { CM } from '../permissions/roles';
import { entryInOrganization } from '../services/rights';
import { objectNotFound } from '../services/transitions';
import { adminPermissionService, type DbRow } from '../strapi-types';
import { problemsError } from './seating';

type Ctx = Context;
const ref = { select: ['documentId', 'code', 'name'] };
const docId = (r: DbRow | null | undefined): string | null => (r ? (r.documentId as string) : null);
const cellsOf = (v: unknown): PriceCellData[] => (Array.isArray(v) ? (v as PriceCellData[]) : []);

type GridScope = 'season' | 'event' | 'performance';
const scopeOf = (g: DbRow): GridScope => (g.performance ? 'performance' : g.event ? 'event' : 'season');

/**
 * Admin routes of the price-grid editor (Billetterie › Tarifs, routes/admin.ts `/ticketing/prices/…`).
 * The perimeter first, as the seating editor's routes: a season or grid the operator may not read
 * in the Content Manager (roles and « within my perimeter ») is answered as an unknown one (404,
 * nothing named); one they may read but not write gets a 403. A grid's cells are written through
 * the document service, hence through the state guard (409 when validated) and the write guard's
 * pricing guard (400 naming `cells[i].field`): one JSON attribute, all or nothing.
 */
export const createPricesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const perimeter = () => strapi.plugin(PLUGIN_ID).service('perimeter');
  const q = (name: ContentTypeName) => strapi.db.query(uidOf(name) as UID.ContentType);

  /** Whether the operator may `verb` this object in the Content Manager (its organisation in their perimeter when the condition applies). */
  async function may(ctx: Ctx, name: ContentTypeName, documentId: string, verb: 'read' | 'update'): Promise<boolean> {
    const uid = uidOf(name);
    const ability = ctx.state.userAbility;
    if (!ability) return false;
    const organization = await perimeter().organizationOf(uid, documentId);
    const manager = adminPermissionService(strapi).createPermissionsManager({ ability, model: uid });
    return !!ability.can(CM[verb], manager.toSubject(entryInOrganization(name, organization), uid));
  }

  async function guard(ctx: Ctx, name: 'season' | 'price-grid' | 'fee-table', documentId: string, verb: 'read' | 'update'): Promise<DbRow> {
    const row: DbRow | null = documentId ? await q(name).findOne({ where: { documentId }, select: ['id', 'documentId'] }) : null;
    if (!row || !(await may(ctx, name, documentId, 'read'))) throw objectNotFound(documentId);
    if (verb === 'update' && !(await may(ctx, name, documentId, 'update'))) {
      throw new errors.ForbiddenError(bilingual("vous n'avez pas le droit de modifier cet objet", 'you may not modify this object'), { code: 'FORBIDDEN' });
    }
    return row;
  }

  /** The season's grids the operator may read (the same perimeter as the Content Manager's list). */
  async function gridsOfSeason(ctx: Ctx, season: string): Promise<DbRow[]> {
    const grids: DbRow[] = await q('price-grid').findMany({
      where: { season: { documentId: season } },
      select: ['documentId', 'code', 'name', 'state', 'cells'],
      populate: { event: ref, performance: { select: ['documentId', 'code', 'startsAt'], populate: { event: ref } } },
      orderBy: [{ code: 'asc' }],
    });
    const readable: Set<string> = await perimeter().readableIds(
      ctx.state.userAbility,
      uidOf('price-grid'),
      grids.map((g) => g.documentId),
    );
    return grids.filter((g) => readable.has(g.documentId));
  }

  const gridSummary = (g: DbRow) => ({
    documentId: g.documentId,
    code: g.code,
    name: g.name,
    state: g.state,
    scope: scopeOf(g),
    event: g.event
      ? { documentId: g.event.documentId, code: g.event.code, name: g.event.name }
      : g.performance?.event
        ? { documentId: g.performance.event.documentId, code: g.performance.event.code, name: g.performance.event.name }
        : null,
    performance: g.performance ? { documentId: g.performance.documentId, code: g.performance.code, startsAt: g.performance.startsAt } : null,
    cellCount: cellsOf(g.cells).length,
  });

  /** The grid, its parents' cells (inherited ones for a child grid) and what the operator may do. */
  async function gridView(ctx: Ctx, documentId: string) {
    const grid: DbRow = await q('price-grid').findOne({
      where: { documentId },
      select: ['documentId', 'code', 'name', 'state', 'cells'],
      populate: { season: ref, event: ref, performance: { select: ['documentId', 'code', 'startsAt'], populate: { event: ref } } },
    });
    const season = docId(grid.season);
    const scope = scopeOf(grid);
    let parents: ParentGrid[][] = [];
    if (season && scope !== 'season') {
      // Parents: the performance's event's grids (for a performance's grid), then the season's.
      // The operator may read them: same season, same organisation.
      const all: DbRow[] = await q('price-grid').findMany({
        where: { season: { documentId: season }, state: { $ne: 'archived' }, documentId: { $ne: documentId } },
        select: ['documentId', 'code', 'state', 'cells'],
        populate: { event: { select: ['documentId'] }, performance: { select: ['documentId'] } },
      });
      const plain = (g: DbRow): ParentGrid => ({ id: g.documentId, code: g.code, state: g.state, cells: cellsOf(g.cells) });
      const eventId = docId(grid.performance?.event);
      const eventGrids = scope === 'performance' && eventId ? all.filter((g) => !g.performance && docId(g.event) === eventId).map(plain) : [];
      const seasonGrids = all.filter((g) => !g.performance && !g.event).map(plain);
      parents = [eventGrids, seasonGrids];
    }
    const inherited = [...inheritedCells(parents).values()];
    const cells = cellsOf(grid.cells);
    return {
      grid: { ...gridSummary(grid), season: season ? { documentId: season, code: grid.season.code, name: grid.season.name } : null, cells },
      inherited,
      defaultVatRate: defaultVatRate(cells, inherited),
      canUpdate: await may(ctx, 'price-grid', documentId, 'update'),
    };
  }

  /** The season's vocabulary: seat categories, its tariff types and price levels, VAT rates, grids, events and performances. */
  async function seasonView(ctx: Ctx, season: DbRow) {
    const [seatCategories, tariffTypes, priceLevels, vatRates, events, grids] = await Promise.all([
      q('seat-category').findMany({ select: ['documentId', 'code', 'name', 'rank'], orderBy: [{ rank: 'asc' }, { code: 'asc' }] }) as Promise<DbRow[]>,
      q('tariff-type').findMany({ where: { season: { documentId: season.documentId } }, select: ['documentId', 'code', 'name'], orderBy: [{ code: 'asc' }] }) as Promise<DbRow[]>,
      q('price-level').findMany({ where: { season: { documentId: season.documentId } }, select: ['documentId', 'code', 'name', 'rank'], orderBy: [{ rank: 'asc' }, { code: 'asc' }] }) as Promise<
        DbRow[]
      >,
      q('vat-rate').findMany({ select: ['documentId', 'code', 'name', 'rate', 'validFrom', 'validUntil'], orderBy: [{ rate: 'asc' }, { code: 'asc' }] }) as Promise<DbRow[]>,
      q('event').findMany({
        where: { season: { documentId: season.documentId } },
        select: ['documentId', 'code', 'name'],
        populate: { performances: { select: ['documentId', 'code', 'startsAt'], populate: { priceLevel: { select: ['documentId'] } } } },
        orderBy: [{ code: 'asc' }],
      }) as Promise<DbRow[]>,
      gridsOfSeason(ctx, season.documentId),
    ]);
    const plain = (r: DbRow) => ({ documentId: r.documentId, code: r.code, name: r.name });
    return {
      season: { documentId: season.documentId, code: season.code, name: season.name, organization: season.organization ? plain(season.organization) : null },
      seatCategories: seatCategories.map(plain),
      tariffTypes: tariffTypes.map(plain),
      fullPriceTariffType: fullPriceTariffType(tariffTypes.map((t) => ({ id: t.documentId, code: t.code, name: t.name }))),
      priceLevels: priceLevels.map(plain),
      vatRates: vatRates.map((r) => ({ ...plain(r), rate: Number(r.rate), validFrom: r.validFrom ?? null, validUntil: r.validUntil ?? null })),
      events: events.map((e) => ({
        ...plain(e),
        performances: ((e.performances ?? []) as DbRow[])
          .map((p) => ({ documentId: p.documentId, code: p.code, startsAt: p.startsAt, priceLevel: docId(p.priceLevel) }))
          .sort((a, b) => String(a.startsAt).localeCompare(String(b.startsAt))),
      })),
      grids: grids.map(gridSummary),
    };
  }

  /**
   * Maximum gross revenue of the season's performances: sellable places per seat category (the
   * performance's logical configuration, else its event's, reconciled by the places service) ×
   * the price of the tariff type (the full price unless one is asked) at `at`; validated grids
   * only, or drafts too (`includeDrafts`: a draft grid counts as validated, archived ones never).
   */
  async function revenue(ctx: Ctx, season: DbRow) {
    const query = parseAdminQuery('revenue', ctx.query);
    const at = query.at ?? Date.now();
    const includeDrafts = query.includeDrafts ?? false;
    const tariffTypes: DbRow[] = await q('tariff-type').findMany({ where: { season: { documentId: season.documentId } }, select: ['documentId', 'code', 'name'] });
    let tariffTypeId = query.tariffType ?? null;
    if (tariffTypeId && !tariffTypes.some((t) => t.documentId === tariffTypeId))
      throw problemsError([{ path: 'tariffType', fr: 'type de tarif inconnu dans cette saison', en: 'unknown tariff type in this season' }], 'INVALID_QUERY');
    tariffTypeId ??= fullPriceTariffType(tariffTypes.map((t) => ({ id: t.documentId, code: t.code, name: t.name })));

    const { config }: { config: ConfigurationInput } = await strapi.plugin(PLUGIN_ID).service('sales-snapshot').get();
    const { input } = await strapi.plugin(PLUGIN_ID).service('pricing').loadInput(config);
    if (includeDrafts) {
      const drafts: DbRow[] = await q('price-grid').findMany({
        where: { season: { documentId: season.documentId }, state: 'draft' },
        populate: { event: { select: ['documentId'] }, performance: { select: ['documentId'] } },
      });
      for (const g of drafts)
        input.grids.push({
          id: g.documentId,
          code: g.code,
          seasonId: season.documentId,
          eventId: docId(g.event),
          performanceId: docId(g.performance),
          cells: cellsOf(g.cells).map((c) => ({ seatCategoryId: c.seatCategory, tariffTypeId: c.tariffType, priceLevelId: c.priceLevel ?? null, amount: c.amount, vatRateId: c.vatRate })),
        });
    }
    const pricing = compilePricing(input);

    const events: DbRow[] = await q('event').findMany({
      where: { season: { documentId: season.documentId } },
      select: ['documentId', 'code', 'name'],
      populate: {
        logicalConfiguration: { select: ['documentId', 'code', 'securityGauge', 'layout'], populate: { physicalConfiguration: { select: ['documentId'] } } },
        performances: {
          select: ['documentId', 'code', 'startsAt'],
          populate: { logicalConfiguration: { select: ['documentId', 'code', 'securityGauge', 'layout'], populate: { physicalConfiguration: { select: ['documentId'] } } } },
        },
      },
      orderBy: [{ code: 'asc' }],
    });
    const seatCategories: DbRow[] = await q('seat-category').findMany({ select: ['documentId', 'code'] });
    const idOfCode = new Map(seatCategories.map((c) => [c.code as string, c.documentId as string]));
    const places = strapi.plugin(PLUGIN_ID).service('places');
    const sellableOfLogical = new Map<string, Record<string, number>>();
    const rows: { performance: DbRow; event: DbRow; logical: DbRow | null }[] = [];
    for (const e of events) for (const p of (e.performances ?? []) as DbRow[]) rows.push({ performance: p, event: e, logical: p.logicalConfiguration ?? e.logicalConfiguration ?? null });
    for (const { logical } of rows) {
      if (!logical || sellableOfLogical.has(logical.documentId)) continue;
      const reconciliation = await places.reconciliationOf(logical, (logical.layout as LogicalLayout | null) ?? null);
      sellableOfLogical.set(logical.documentId, sellableBySeatCategory(reconciliation.categories, idOfCode));
    }
    const logicalOf = new Map(rows.map((r) => [r.performance.documentId as string, r.logical]));
    const result = maximumRevenue(pricing, {
      performanceIds: rows.map((r) => r.performance.documentId),
      sellable: (id) => {
        const logical = logicalOf.get(id);
        return (logical && sellableOfLogical.get(logical.documentId)) || {};
      },
      tariffTypeId: () => tariffTypeId,
      at,
    });
    const byId = new Map(result.performances.map((p) => [p.performanceId, p]));
    return {
      tariffType: tariffTypeId,
      includeDrafts,
      at: new Date(at).toISOString(),
      performances: rows
        .map(({ performance, event, logical }) => {
          const r = byId.get(performance.documentId)!;
          const sellable = logical ? (sellableOfLogical.get(logical.documentId) ?? {}) : {};
          return {
            performance: { documentId: performance.documentId, code: performance.code, startsAt: performance.startsAt },
            event: { documentId: event.documentId, code: event.code, name: event.name },
            logicalConfiguration: logical ? { documentId: logical.documentId, code: logical.code } : null,
            sellable: Object.values(sellable).reduce((s, n) => s + n, 0),
            ttc: r.ttc,
            vat: r.vat,
            ht: r.ht,
            unpricedSeatCategories: r.unpricedSeatCategoryIds,
          };
        })
        .sort((a, b) => String(a.performance.startsAt).localeCompare(String(b.performance.startsAt))),
      totals: result.totals,
    };
  }

  /** A fee table, its rows, and what its rows may name: VAT rates, the organisation's channels and seasons' tariff types, payment and delivery methods. */
  async function feeTableView(ctx: Ctx, documentId: string) {
    const table: DbRow = await q('fee-table').findOne({
      where: { documentId },
      select: ['documentId', 'code', 'name', 'state', 'kind', 'fees'],
      populate: { organization: { ...ref, populate: { salesChannels: ref } } },
    });
    const organization = docId(table.organization);
    const plain = (r: DbRow) => ({ documentId: r.documentId, code: r.code, name: r.name });
    const [vatRates, tariffTypes, payments, deliveries] = await Promise.all([
      q('vat-rate').findMany({ select: ['documentId', 'code', 'name', 'rate'], orderBy: [{ rate: 'asc' }, { code: 'asc' }] }) as Promise<DbRow[]>,
      organization
        ? (q('tariff-type').findMany({
            where: { season: { organization: { documentId: organization } } },
            select: ['documentId', 'code', 'name'],
            populate: { season: { select: ['code'] } },
            orderBy: [{ code: 'asc' }],
          }) as Promise<DbRow[]>)
        : Promise.resolve([]),
      q('payment-method').findMany({ select: ['documentId', 'code', 'name', 'kind'], orderBy: [{ code: 'asc' }] }) as Promise<DbRow[]>,
      q('delivery-method').findMany({ select: ['documentId', 'code', 'name', 'kind'], orderBy: [{ code: 'asc' }] }) as Promise<DbRow[]>,
    ]);
    return {
      table: {
        documentId: table.documentId,
        code: table.code,
        name: table.name,
        state: table.state,
        kind: table.kind,
        organization: table.organization ? plain(table.organization) : null,
        fees: Array.isArray(table.fees) ? table.fees : [],
      },
      vatRates: vatRates.map((r) => ({ ...plain(r), rate: Number(r.rate) })),
      salesChannels: ((table.organization?.salesChannels ?? []) as DbRow[]).map(plain),
      tariffTypes: tariffTypes.map((t) => ({ ...plain(t), season: t.season?.code ?? null })),
      paymentMethods: payments.map((m) => ({ ...plain(m), kind: m.kind })),
      deliveryMethods: deliveries.map((m) => ({ ...plain(m), kind: m.kind })),
      canUpdate: await may(ctx, 'fee-table', documentId, 'update'),
    };
  }

  return {
    /** The fee tables the operator may read (their organisations'), by organisation and kind. */
    async feeTables(ctx: Ctx) {
      const tables: DbRow[] = await q('fee-table').findMany({ select: ['documentId', 'code', 'name', 'state', 'kind', 'fees'], populate: { organization: ref }, orderBy: [{ code: 'asc' }] });
      const readable: Set<string> = await perimeter().readableIds(
        ctx.state.userAbility,
        uidOf('fee-table'),
        tables.map((t) => t.documentId),
      );
      ctx.body = {
        data: tables
          .filter((t) => readable.has(t.documentId))
          .map((t) => ({
            documentId: t.documentId,
            code: t.code,
            name: t.name,
            state: t.state,
            kind: t.kind,
            organization: t.organization ? { documentId: t.organization.documentId, code: t.organization.code, name: t.organization.name } : null,
            feeCount: Array.isArray(t.fees) ? t.fees.length : 0,
          })),
      };
    },
    async feeTable(ctx: Ctx) {
      await guard(ctx, 'fee-table', String(ctx.params.documentId ?? ''), 'read');
      ctx.body = { data: await feeTableView(ctx, ctx.params.documentId) };
    },
    /** The table's fees, whole (`{ fees: [...] }`), through the state guard (409) and the pricing guard (400 naming `fees[i].field`). */
    async putFeeTable(ctx: Ctx) {
      await guard(ctx, 'fee-table', String(ctx.params.documentId ?? ''), 'update');
      const body = ctx.request.body;
      if (!body || typeof body !== 'object' || Array.isArray(body) || !Array.isArray((body as DbRow).fees)) {
        throw problemsError([{ path: 'fees', fr: 'le champ « fees » (une liste de frais) est attendu', en: 'the field "fees" (a list of fees) is expected' }], 'INVALID_BODY');
      }
      await strapi.documents(uidOf('fee-table') as UID.ContentType).update({ documentId: ctx.params.documentId, data: { fees: (body as DbRow).fees } as never, fields: ['documentId'] as never });
      ctx.body = { data: await feeTableView(ctx, ctx.params.documentId) };
    },
    /** Seasons the operator may read (their organisation's, or all). */
    async seasons(ctx: Ctx) {
      const seasons: DbRow[] = await q('season').findMany({ select: ['documentId', 'code', 'name', 'state'], populate: { organization: ref }, orderBy: [{ code: 'asc' }] });
      const readable: Set<string> = await perimeter().readableIds(
        ctx.state.userAbility,
        uidOf('season'),
        seasons.map((s) => s.documentId),
      );
      ctx.body = {
        data: seasons
          .filter((s) => readable.has(s.documentId))
          .map((s) => ({
            documentId: s.documentId,
            code: s.code,
            name: s.name,
            state: s.state,
            organization: s.organization ? { documentId: s.organization.documentId, code: s.organization.code, name: s.organization.name } : null,
          })),
      };
    },
    async season(ctx: Ctx) {
      await guard(ctx, 'season', String(ctx.params.documentId ?? ''), 'read');
      const season: DbRow = await q('season').findOne({ where: { documentId: ctx.params.documentId }, select: ['documentId', 'code', 'name'], populate: { organization: ref } });
      ctx.body = { data: await seasonView(ctx, season) };
    },
    async revenue(ctx: Ctx) {
      await guard(ctx, 'season', String(ctx.params.documentId ?? ''), 'read');
      const season: DbRow = await q('season').findOne({ where: { documentId: ctx.params.documentId }, select: ['documentId', 'code', 'name'] });
      ctx.body = { data: await revenue(ctx, season) };
    },
    async grid(ctx: Ctx) {
      await guard(ctx, 'price-grid', String(ctx.params.documentId ?? ''), 'read');
      ctx.body = { data: await gridView(ctx, ctx.params.documentId) };
    },
    /** The grid's cells, whole (`{ cells: [...] }`): the editor sends the grid as it shows it. */
    async putGrid(ctx: Ctx) {
      await guard(ctx, 'price-grid', String(ctx.params.documentId ?? ''), 'update');
      const body = ctx.request.body;
      if (!body || typeof body !== 'object' || Array.isArray(body) || !Array.isArray((body as DbRow).cells)) {
        throw problemsError([{ path: 'cells', fr: 'le champ « cells » (une liste de cases) est attendu', en: 'the field "cells" (a list of cells) is expected' }], 'INVALID_BODY');
      }
      await strapi.documents(uidOf('price-grid') as UID.ContentType).update({ documentId: ctx.params.documentId, data: { cells: (body as DbRow).cells } as never, fields: ['documentId'] as never });
      ctx.body = { data: await gridView(ctx, ctx.params.documentId) };
    },
  };
};
