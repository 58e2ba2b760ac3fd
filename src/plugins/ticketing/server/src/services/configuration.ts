import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, type ContentTypeName, uidOf } from '../constants';
import type { ConfigurationInput } from '../domain/model';
import { salesPeriodRules } from '../domain/shape';
import type { DbRow } from '../strapi-types';

type Row = DbRow;

const ref = { select: ['documentId'] };
const docId = (r: Row | null | undefined): string | null => (r ? (r.documentId as string) : null);
const docIds = (rows: Row[] | null | undefined): string[] => (rows ?? []).map((r) => r.documentId as string);
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const int = (v: unknown): number => (v === null || v === undefined || v === '' ? 0 : Number(v));

/**
 * Loads the whole sales setup from the database as the engine's plain input (domain/model.ts).
 * One query per content type with only the relations the engine needs, as documentIds.
 */
export const createConfigurationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const all = (name: ContentTypeName, populate: Record<string, unknown> = {}) => strapi.db.query(uidOf(name)).findMany({ populate, orderBy: { id: 'asc' } }) as Promise<Row[]>;

  /**
   * The performances, the largest table (10,000 rows and more), in one SQL query joining their
   * event's documentId: what `all('performance', { event: ref })` answers, without the entity
   * manager's per-row transforms and its second query for the relation (5–8× faster at 10,000).
   * Table and column names from Strapi's metadata; inside the caller's transaction when there is
   * one (`strapi.db.transaction` joins it), so the transition's check sees what it locked.
   */
  const performanceRows = (): Promise<Row[]> => {
    const meta = strapi.db.metadata.get(uidOf('performance'));
    const events = strapi.db.metadata.get(uidOf('event'));
    const column = (name: string) => (meta.attributes[name] as { columnName?: string }).columnName ?? name;
    const link = (meta.attributes.event as { joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } } }).joinTable;
    const schema = strapi.db.getSchemaName();
    const table = (name: string, alias: string) => `${schema ? `${schema}.` : ''}${name} as ${alias}`;
    return strapi.db.transaction(({ trx }) =>
      trx
        .from(table(meta.tableName, 'p'))
        .leftJoin(table(link.name, 'l'), `l.${link.joinColumn.name}`, 'p.id')
        .leftJoin(table(events.tableName, 'e'), 'e.id', `l.${link.inverseJoinColumn.name}`)
        .select({
          documentId: `p.${column('documentId')}`,
          code: `p.${column('code')}`,
          startsAt: `p.${column('startsAt')}`,
          endsAt: `p.${column('endsAt')}`,
          state: `p.${column('state')}`,
          eventDocumentId: `e.${(events.attributes.documentId as { columnName?: string }).columnName ?? 'documentId'}`,
        })
        .orderBy('p.id', 'asc'),
    ) as Promise<Row[]>;
  };

  return {
    timeZone(): string {
      return (strapi.config.get(`plugin::${PLUGIN_ID}`) as { timeZone?: string })?.timeZone ?? 'Europe/Paris';
    },

    async load(): Promise<ConfigurationInput> {
      const [
        organizations,
        salesChannels,
        pointsOfSale,
        audienceCategories,
        audienceSubcategories,
        seatCategories,
        tariffTypes,
        seasons,
        activities,
        events,
        performances,
        products,
        salesCalendars,
        activityProfiles,
        productProfiles,
      ] = await Promise.all([
        all('organization', { salesChannels: ref }),
        all('sales-channel'),
        all('point-of-sale', { organization: ref, salesChannel: ref }),
        all('audience-category'),
        all('audience-subcategory', { audienceCategory: ref, season: ref }),
        all('seat-category'),
        all('tariff-type', { season: ref }),
        all('season', { organization: ref }),
        all('activity', { season: ref }),
        all('event', { season: ref, activity: ref, calendarAssignments: { populate: { salesCalendar: ref, salesChannels: ref } } }),
        performanceRows(),
        all('product', { season: ref }),
        all('sales-calendar', { organization: ref, periods: { populate: { audienceCategories: ref } } }),
        all('activity-profile', {
          organization: ref,
          events: { populate: { event: ref, performances: ref } },
          audienceSubcategories: ref,
          seatCategories: ref,
          tariffTypes: ref,
          salesChannels: ref,
        }),
        all('product-profile', { organization: ref, audienceSubcategories: ref, products: ref, salesChannels: ref }),
      ]);

      const base = (r: Row) => ({ id: r.documentId as string, code: r.code as string, name: (r.name ?? r.code) as string });

      return {
        timeZone: this.timeZone(),
        organizations: organizations.map((r) => ({ ...base(r), salesChannelIds: docIds(r.salesChannels) })),
        salesChannels: salesChannels.map((r) => ({ ...base(r), type: r.type, external: !!r.external, active: r.active !== false })),
        pointsOfSale: pointsOfSale.map((r) => ({
          ...base(r),
          organizationId: docId(r.organization) ?? '',
          salesChannelId: docId(r.salesChannel) ?? '',
          active: r.active !== false,
        })),
        audienceCategories: audienceCategories.map(base),
        audienceSubcategories: audienceSubcategories.map((r) => ({
          ...base(r),
          audienceCategoryId: docId(r.audienceCategory) ?? '',
          seasonId: docId(r.season) ?? '',
        })),
        seatCategories: seatCategories.map((r) => ({ ...base(r), rank: int(r.rank) })),
        tariffTypes: tariffTypes.map((r) => ({ ...base(r), seasonId: docId(r.season) ?? '' })),
        seasons: seasons.map((r) => ({
          ...base(r),
          organizationId: docId(r.organization) ?? '',
          startsOn: r.startsOn ?? null,
          endsOn: r.endsOn ?? null,
          state: r.state,
        })),
        activities: activities.map((r) => ({ ...base(r), seasonId: docId(r.season) ?? '' })),
        events: events.map((r) => ({
          ...base(r),
          kind: r.kind,
          seasonId: docId(r.season) ?? '',
          activityId: docId(r.activity),
          closingToleranceMinutes: int(r.closingToleranceMinutes),
          venueName: r.venueName ?? null,
          state: r.state,
          calendarAssignments: (r.calendarAssignments ?? [])
            .filter((a: Row) => a.salesCalendar)
            .map((a: Row) => ({
              salesCalendarId: docId(a.salesCalendar)!,
              allChannels: a.allChannels !== false,
              salesChannelIds: docIds(a.salesChannels),
            })),
        })),
        performances: performances.map((r) => ({
          id: r.documentId,
          code: r.code,
          eventId: (r.eventDocumentId as string | null) ?? '',
          startsAt: iso(r.startsAt)!,
          endsAt: iso(r.endsAt),
          state: r.state,
        })),
        products: products.map((r) => ({ ...base(r), type: r.type, seasonId: docId(r.season) ?? '', state: r.state })),
        salesCalendars: salesCalendars.map((r) => ({
          ...base(r),
          organizationId: docId(r.organization) ?? '',
          state: r.state,
          periods: (r.periods ?? []).map((p: Row) => ({
            id: String(p.id),
            name: p.name ?? null,
            ...salesPeriodRules(p),
            audienceCategoryIds: docIds(p.audienceCategories),
          })),
        })),
        activityProfiles: activityProfiles.map((r) => ({
          ...base(r),
          organizationId: docId(r.organization) ?? '',
          state: r.state,
          buyerKind: r.buyerKind ?? 'public',
          allEvents: r.allEvents !== false,
          events: (r.events ?? []).filter((e: Row) => e.event).map((e: Row) => ({ eventId: docId(e.event)!, performanceIds: docIds(e.performances) })),
          allAudienceSubcategories: r.allAudienceSubcategories !== false,
          audienceSubcategoryIds: docIds(r.audienceSubcategories),
          allSeatCategories: r.allSeatCategories !== false,
          seatCategoryIds: docIds(r.seatCategories),
          allTariffTypes: r.allTariffTypes !== false,
          tariffTypeIds: docIds(r.tariffTypes),
          salesChannelIds: docIds(r.salesChannels),
        })),
        productProfiles: productProfiles.map((r) => ({
          ...base(r),
          organizationId: docId(r.organization) ?? '',
          state: r.state,
          buyerKind: r.buyerKind ?? 'public',
          saleStart: iso(r.saleStart),
          saleEnd: iso(r.saleEnd),
          allAudienceSubcategories: r.allAudienceSubcategories !== false,
          audienceSubcategoryIds: docIds(r.audienceSubcategories),
          minQuantity: r.minQuantity ?? null,
          maxQuantity: r.maxQuantity ?? null,
          productIds: docIds(r.products),
          salesChannelIds: docIds(r.salesChannels),
        })),
      };
    },
  };
};
