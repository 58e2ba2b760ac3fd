import type { Core } from '@strapi/strapi';
import { type ContentTypeName, uidOf } from '../constants';
import type { ConfigurationInput, PricingSetupInput } from '../domain/model';
import { compilePricing, type DeliveryFeeInput, type GeneralFeeInput, type PricingContext, type PricingInput, type SimpleFeeInput } from '../domain/pricing';
import type { DbRow } from '../strapi-types';

type Row = DbRow;
const ref = { select: ['documentId'] };
const docId = (r: Row | null | undefined): string | null => (r ? (r.documentId as string) : null);
const docIds = (rows: Row[] | null | undefined): string[] => (rows ?? []).map((r) => r.documentId as string);
const iso = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : new Date(v as string).toISOString());
const list = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);

/**
 * Loads the pricing setup (VAT rates, validated price grids and fee tables, payment and delivery
 * methods, performances' price levels, the organisations that price in the plugin) and compiles it.
 * Called by the sales-snapshot service with each build, so prices follow the configuration version.
 */
export const createPricingService = ({ strapi }: { strapi: Core.Strapi }) => {
  const all = (name: ContentTypeName, where: Record<string, unknown> = {}, populate: Record<string, unknown> = {}) =>
    strapi.db.query(uidOf(name)).findMany({ where, populate, orderBy: { id: 'asc' } }) as Promise<Row[]>;

  return {
    /**
     * `config`: the sales configuration loaded for the same snapshot (configuration service): the
     * performances' events and seasons and the seasons' organisations come from it, not from a
     * second read; only what pricing adds (each performance's price level) is read here.
     */
    async loadInput(config: ConfigurationInput): Promise<{ input: PricingInput; pricedOrganizationIds: Set<string>; organizationOfSeason: Map<string, string> }> {
      const [vatRates, grids, feeTables, priceLevels, payments, deliveries, organizations] = await Promise.all([
        all('vat-rate'),
        all('price-grid', { state: 'validated' }, { season: ref, event: ref, performance: ref }),
        all('fee-table', { state: 'validated' }, { organization: ref }),
        strapi.db.query(uidOf('performance')).findMany({ select: ['documentId'], populate: { priceLevel: ref } }) as Promise<Row[]>,
        all('payment-method', { active: true }, { salesChannels: ref }),
        all('delivery-method', { active: true }, { salesChannels: ref }),
        all('organization'),
      ]);
      const levelOf = new Map(priceLevels.map((p) => [p.documentId as string, docId(p.priceLevel)]));
      const seasonOfEvent = new Map(config.events.map((e) => [e.id, e.seasonId]));
      const fees = { simple: [] as SimpleFeeInput[], general: [] as GeneralFeeInput[], delivery: [] as DeliveryFeeInput[] };
      for (const table of feeTables) {
        list(table.fees).forEach((f, i) => {
          const base = {
            id: `${table.documentId}#${i}`,
            code: String(f.code),
            name: String(f.name),
            vatRateId: String(f.vatRate),
            salesChannelIds: (f.salesChannels as string[] | undefined) ?? [],
            validFrom: iso(f.validFrom),
            validUntil: iso(f.validUntil),
          };
          if (table.kind === 'simple') fees.simple.push({ ...base, kind: f.kind, value: Number(f.value), tariffTypeIds: (f.tariffTypes as string[] | undefined) ?? [] });
          else if (table.kind === 'general')
            fees.general.push({
              ...base,
              kind: f.kind,
              value: Number(f.value),
              feeKind: f.feeKind,
              paymentMethodId: (f.paymentMethod as string) ?? null,
              deliveryKind: (f.deliveryKind as string) ?? null,
            });
          else fees.delivery.push({ ...base, deliveryMethodId: String(f.deliveryMethod), per: f.per, amount: Number(f.amount) });
        });
      }
      const input: PricingInput = {
        vatRates: vatRates.map((r) => ({ id: r.documentId, code: r.code, family: r.family || r.code, rate: Number(r.rate), validFrom: iso(r.validFrom), validUntil: iso(r.validUntil) })),
        grids: grids
          .filter((g) => g.season)
          .map((g) => ({
            id: g.documentId,
            code: g.code,
            seasonId: docId(g.season)!,
            eventId: docId(g.event),
            performanceId: docId(g.performance),
            cells: list(g.cells).map((c) => ({ seatCategoryId: c.seatCategory, tariffTypeId: c.tariffType, priceLevelId: c.priceLevel ?? null, amount: c.amount, vatRateId: c.vatRate })),
          })),
        performances: config.performances
          .filter((p) => seasonOfEvent.get(p.eventId))
          .map((p) => ({ id: p.id, eventId: p.eventId, seasonId: seasonOfEvent.get(p.eventId)!, priceLevelId: levelOf.get(p.id) ?? null })),
        fees,
        paymentMethods: payments.map((m) => ({ id: m.documentId, code: m.code, kind: m.kind, salesChannelIds: docIds(m.salesChannels) })),
        deliveryMethods: deliveries.map((m) => ({ id: m.documentId, code: m.code, kind: m.kind, salesChannelIds: docIds(m.salesChannels) })),
      };
      return {
        input,
        pricedOrganizationIds: new Set(organizations.filter((o) => o.pricesInPlugin).map((o) => o.documentId as string)),
        organizationOfSeason: new Map(config.seasons.filter((s) => s.organizationId).map((s) => [s.id, s.organizationId])),
      };
    },

    /** What the setup path's price steps count (services/setup-steps.ts): states and owners, no cells. */
    async loadSetup(): Promise<PricingSetupInput> {
      const [vatRates, payments, deliveries, levels, grids, tables] = await Promise.all([
        strapi.db.query(uidOf('vat-rate')).count({}),
        all('payment-method', { active: true }, { salesChannels: ref }),
        all('delivery-method', { active: true }, { salesChannels: ref }),
        strapi.db.query(uidOf('price-level')).findMany({ select: ['id'], populate: { season: ref } }) as Promise<Row[]>,
        strapi.db.query(uidOf('price-grid')).findMany({ select: ['state'], populate: { season: ref } }) as Promise<Row[]>,
        strapi.db.query(uidOf('fee-table')).findMany({ select: ['state', 'kind'], populate: { organization: ref } }) as Promise<Row[]>,
      ]);
      return {
        vatRates: Number(vatRates),
        paymentMethods: payments.map((m) => ({ id: m.documentId, salesChannelIds: docIds(m.salesChannels) })),
        deliveryMethods: deliveries.map((m) => ({ id: m.documentId, salesChannelIds: docIds(m.salesChannels) })),
        priceLevels: levels.filter((l) => l.season).map((l) => ({ seasonId: docId(l.season)! })),
        priceGrids: grids.filter((g) => g.season).map((g) => ({ seasonId: docId(g.season)!, state: g.state })),
        feeTables: tables.filter((t) => t.organization).map((t) => ({ organizationId: docId(t.organization)!, kind: t.kind, state: t.state })),
      };
    },

    async load(config: ConfigurationInput): Promise<PricingContext> {
      const { input, pricedOrganizationIds, organizationOfSeason } = await this.loadInput(config);
      return { pricing: compilePricing(input), pricedOrganizationIds, organizationOfSeason };
    },
  };
};
